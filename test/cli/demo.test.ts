// Issue 10 §2: `station demo --keep-running` leaves the demo CA and the software cards up, prints
// the commands to try next, and on Ctrl-C (SIGINT) stops cleanly, leaving no process behind — its
// own pcscd included. Run inside test/piv/run-private.sh (the demo starts pcscd in there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { station } from '../e2e/helpers.ts';
import { runningPcscdPid } from '../support/pcscd.ts';

const STATION = fileURLToPath(new URL('../../cli/station.ts', import.meta.url));

/** Every process below `pid`, from /proc. */
function descendants(pid: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const [child, pp] of parent)
      if (pp === p) {
        out.push(child);
        walk(child);
      }
  };
  walk(pid);
  return out;
}

const alive = (pid: number): boolean => {
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

test('demo --keep-running stays up with the commands to try, and Ctrl-C stops it leaving nothing', async () => {
  assert.equal(runningPcscdPid(), undefined, 'run inside test/piv/run-private.sh, with no pcscd yet');
  const demo = spawn(
    process.execPath,
    ['--disable-warning=ExperimentalWarning', STATION, 'demo', '--keep-running'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  demo.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const closed = new Promise<number | null>((resolve) => demo.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the demo did not come up:\n${stdout}\n${stderr}`)),
      120_000,
    );
    demo.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      if (stdout.includes('Ctrl-C stops the demo')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  assert.match(stdout, /^result: issued \(CA request \d+\)$/m);
  for (const command of [
    'status',
    'diagnose',
    "enroll --user 'CORP\\dave'",
    'change-pin',
    'recover --dry-run',
    'audit verify --db ',
    'audit cards --db ',
  ])
    assert.ok(stdout.includes(`  ./run station ${command}`), `prints ${command}:\n${stdout}`);
  const config = /^ {2}export STATION_CONFIG=(\S+)$/m.exec(stdout)?.[1];
  const password = /^ {2}export STATION_DEMO_CA_PASSWORD=(\S+)$/m.exec(stdout)?.[1];
  assert.ok(config && existsSync(config) && password, stdout);

  // the demo is still up: a station in another process sees its cards and its CA
  const env = { ...process.env, STATION_CONFIG: config, STATION_DEMO_CA_PASSWORD: password };
  const status = await station(['status'], { env });
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /issued to alice@corp\.example/);
  assert.match(status.stdout, /operator card \(Enrollment Agent kiosk@corp\.example\)/);
  const diagnose = await station(['diagnose'], { env });
  assert.equal(diagnose.code, 0, diagnose.stdout);

  const below = descendants(demo.pid as number);
  const pcscd = runningPcscdPid();
  assert.ok(pcscd !== undefined, 'the demo started pcscd');
  demo.kill('SIGINT');
  const code = await Promise.race([closed, new Promise((r) => setTimeout(() => r('hung'), 60_000))]);
  assert.equal(code, 0, stderr);
  assert.doesNotMatch(stderr, /\n\s+at /);
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(below.filter(alive), [], 'processes the demo started are still running');
  assert.equal(alive(pcscd), false, 'the pcscd the demo started is stopped');
});
