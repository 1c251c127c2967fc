// The CA request ledger on real files: two writer processes lose nothing, and a damaged,
// linked or read-only ledger is a typed error naming the file at start-up.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { FileRequestLedger } from '../../core/ca/ledger.ts';
import { StationError } from '../../core/errors/catalog.ts';
import { runWorker, runWorkerReadOnly, tempDir } from './support.ts';

const ledgerFile = (dir: string) => path.join(dir, 'ca-requests.json');
const refused = (code: string, file: string) => (e: unknown) =>
  e instanceof StationError && e.code === code && e.details.file === file;

test('two processes recording 300 requests each: all 600 are in the ledger', async () => {
  const dir = tempDir();
  await Promise.all([runWorker('ledger', dir, 'a', '300'), runWorker('ledger', dir, 'b', '300')]);
  const entries = await new FileRequestLedger(ledgerFile(dir)).list();
  assert.equal(entries.length, 600);
  assert.equal(new Set(entries.map((e) => e.key)).size, 600);
  // an independent reader agrees
  const raw = JSON.parse(readFileSync(ledgerFile(dir), 'utf8')) as { version: number; entries: unknown[] };
  assert.equal(raw.version, 1);
  assert.equal(raw.entries.length, 600);
});

test('garbage, empty, wrong-version, folder, linked and malformed ledgers are named at start-up', async () => {
  const cases: readonly [string, (f: string) => void, string][] = [
    ['garbage', (f) => writeFileSync(f, '\u0000\u0001garbage', { mode: 0o600 }), 'STATE_DAMAGED'],
    ['empty', (f) => writeFileSync(f, '', { mode: 0o600 }), 'STATE_DAMAGED'],
    [
      'wrong version',
      (f) => writeFileSync(f, JSON.stringify({ version: 2, entries: [] }), { mode: 0o600 }),
      'STATE_DAMAGED',
    ],
    ['a folder', (f) => mkdirSync(f), 'STATE_DAMAGED'],
    ['a link', (f) => symlinkSync('/etc/hostname', f), 'STATE_UNSAFE'],
    [
      'open to others',
      (f) => writeFileSync(f, JSON.stringify({ version: 1, entries: [] }), { mode: 0o644 }),
      'STATE_UNSAFE',
    ],
    [
      'a malformed entry',
      (f) =>
        writeFileSync(f, JSON.stringify({ version: 1, entries: [{ key: 'k', state: 'issued' }] }), {
          mode: 0o600,
        }),
      'STATE_DAMAGED',
    ],
  ];
  for (const [what, damage, code] of cases) {
    const dir = tempDir();
    const file = ledgerFile(dir);
    damage(file);
    const ledger = new FileRequestLedger(file);
    assert.throws(() => ledger.check(), refused(code, file), what);
    // and at use (the CA client wraps this as CA_LEDGER before any POST)
    await assert.rejects(ledger.list(), refused(code, file), what);
    rmSync(file, { recursive: true, force: true });
  }
});

test('a read-only ledger file is found at start-up', async () => {
  const dir = tempDir();
  const ledger = new FileRequestLedger(ledgerFile(dir));
  assert.deepEqual(ledger.check(), []);
  await ledger.put({
    key: 'job-1',
    caUrl: 'https://ca/certsrv/',
    template: 'SmartcardUser',
    requestSha256: 'ab',
    state: 'issued',
    reqId: 7,
    createdAt: 'x',
    updatedAt: 'x',
  });
  assert.equal(ledger.check().length, 1);
  const out = await runWorkerReadOnly(ledgerFile(dir), 'check', dir);
  assert.match(out, new RegExp(`^ledger STATE_UNWRITABLE ${ledgerFile(dir).replace(/[.]/g, '\\.')}$`, 'm'));
});
