// A second (third, …) station process for the race tests: each mode does what a real writer does,
// through the same modules the station uses, and reports on stdout.
//   key-store <dir> <prefix> <n>   — n put()s of fresh keys under <prefix>-<i>
//   ledger <dir> <prefix> <n>      — n put()s of ledger entries
//   counter <dir> <n>              — n read-increment-write cycles of a plain file under the station lock
//   hold <lockFile> <purpose>      — takes the lock, prints "held", waits for stdin to close (or a kill)
//   race <lockFile> <ms>           — takes the lock and keeps it <ms>, or prints STATE_LOCKED
//   check <dir>                    — the key store's and the ledger's start-up checks
//   preflight <configFile>         — the station's start-up check: "ok" or the code and file
//   core-dumps guard|none abort|wait — prints RLIMIT_CORE before/after (optionally switching dumps off)
//   try <lockFile>                 — one attempt: prints "got" or the StationError's code and details
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { FileRequestLedger } from '../../core/ca/ledger.ts';
import { EncryptedFileKeyStore } from '../../core/enrollment/key-store.ts';
import { Secret } from '../../core/enrollment/secret.ts';
import { StationError } from '../../core/errors/catalog.ts';
import { loadConfig } from '../../core/config/config.ts';
import { coreLimit, disableCoreDumps } from '../../core/state/core-dumps.ts';
import { acquireLock, withStationLock } from '../../core/state/lock.ts';
import { preflight } from '../../core/state/preflight.ts';

const [mode, a, b, c] = process.argv.slice(2) as [string, string, string, string];

async function main(): Promise<void> {
  if (mode === 'key-store') {
    const store = new EncryptedFileKeyStore(
      path.join(a, 'management-keys.json'),
      path.join(a, 'station-kek.bin'),
    );
    for (let i = 0; i < Number(c); i++) store.put(`${b}-${i}`, Secret.fromBytes(randomBytes(24)));
  } else if (mode === 'ledger') {
    const ledger = new FileRequestLedger(path.join(a, 'ca-requests.json'));
    for (let i = 0; i < Number(c); i++) {
      const at = new Date().toISOString();
      await ledger.put({
        key: `${b}-${i}`,
        caUrl: 'https://ca.corp.example/certsrv/',
        template: 'SmartcardUser',
        requestSha256: randomBytes(32).toString('hex'),
        state: 'intent',
        createdAt: at,
        updatedAt: at,
      });
    }
  } else if (mode === 'counter') {
    const file = path.join(a, 'counter');
    for (let i = 0; i < Number(b); i++) {
      withStationLock(a, 'counter', () => {
        const n = Number(readFileSync(file, 'utf8'));
        writeFileSync(file, String(n + 1));
      });
    }
  } else if (mode === 'hold') {
    const lock = acquireLock(a, b);
    process.stdout.write('held\n');
    process.stdin.resume();
    process.stdin.on('end', () => {
      lock.release();
      process.exit(0);
    });
  } else if (mode === 'race') {
    // all racers start at once; the winner keeps the lock long enough for every loser to try
    try {
      const lock = acquireLock(a, 'race');
      process.stdout.write('got\n');
      await new Promise((r) => setTimeout(r, Number(b)));
      lock.release();
    } catch (e) {
      if (!(e instanceof StationError)) throw e;
      process.stdout.write(`${e.code}\n`);
    }
  } else if (mode === 'check') {
    // what preflight does for these two files, reported as "<which> ok" or "<which> CODE file"
    const report = (which: string, fn: () => unknown): void => {
      try {
        fn();
        process.stdout.write(`${which} ok\n`);
      } catch (e) {
        if (!(e instanceof StationError)) throw e;
        process.stdout.write(`${which} ${e.code} ${String(e.details.file)}\n`);
      }
    };
    report('key-store', () =>
      new EncryptedFileKeyStore(
        path.join(a, 'management-keys.json'),
        path.join(a, 'station-kek.bin'),
      ).check(),
    );
    report('ledger', () => new FileRequestLedger(path.join(a, 'ca-requests.json')).check());
  } else if (mode === 'preflight') {
    try {
      await preflight(loadConfig(a));
      process.stdout.write('ok\n');
    } catch (e) {
      if (!(e instanceof StationError)) throw e;
      process.stdout.write(`${e.code} ${String(e.details.file)}\n`);
    }
  } else if (mode === 'core-dumps') {
    // b: "guard" switches them off first; then "abort" crashes, "wait" waits for stdin to close
    const before = coreLimit();
    const guard = a === 'guard' ? disableCoreDumps() : undefined;
    process.stdout.write(`${JSON.stringify({ before, guard, after: coreLimit() })}\n`);
    if (b === 'abort') process.abort();
    process.stdin.resume();
    process.stdin.on('end', () => process.exit(0));
  } else if (mode === 'try') {
    try {
      const lock = acquireLock(a, 'try');
      process.stdout.write(`got ${JSON.stringify(lock.owner)}\n`);
      lock.release();
    } catch (e) {
      if (!(e instanceof StationError)) throw e;
      process.stdout.write(`${e.code} ${JSON.stringify(e.details)}\n`);
    }
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

await main();
