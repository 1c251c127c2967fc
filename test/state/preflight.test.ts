// The start-up check over a real data folder: every state file damaged in each way the issue
// lists (garbage, empty, wrong version, a folder, a link, read-only, open to others), and the
// inputs the configuration names (a CA bundle that is /dev/zero) — each refused with the path named.
import assert from 'node:assert/strict';
import {
  chmodSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseConfig, ConfigError, stationPaths, type StationConfig } from '../../core/config/config.ts';
import { StationError } from '../../core/errors/catalog.ts';
import { preflight, refuseDamagedJournals } from '../../core/state/preflight.ts';
import { runWorker, runWorkerReadOnly, tempDir } from './support.ts';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function station(
  overrides: { dataDir?: string; caBundleFile?: string; storage?: string } = {},
): StationConfig {
  const root = tempDir('preflight-');
  writeFileSync(path.join(root, 'ca.pem'), PEM);
  return parseConfig(
    {
      stationId: 'kiosk-1',
      dataDir: overrides.dataDir ?? path.join(root, 'data'),
      ca: {
        url: 'https://ca.corp.example/certsrv/',
        caBundleFile: overrides.caBundleFile ?? 'ca.pem',
        auth: { kind: 'basic', username: 'CORP\\kiosk', passwordEnv: 'CA_PASSWORD' },
      },
      card: { managementKeyStorage: overrides.storage ?? 'encrypted-file' },
    },
    root,
  );
}

const refused = (code: string, file: string) => (e: unknown) =>
  e instanceof StationError && e.code === code && e.details.file === file;

test('a first start creates the private folders, the KEK and the store; the audit hook runs last', async () => {
  const config = station();
  const seen: string[] = [];
  const report = await preflight(config, {
    audit: (paths, ev) => void seen.push(paths.auditDb, ...ev.priorUse),
  });
  const p = stationPaths(config);
  for (const dir of [p.dataDir, p.journalDir, p.journalDoneDir, p.locksDir])
    assert.equal(statSync(dir).mode & 0o777, 0o700, dir);
  assert.equal(statSync(p.keyEncryptionKey).mode & 0o777, 0o600);
  assert.deepEqual(report.priorUse, []);
  assert.deepEqual(seen, [p.auditDb]);
  assert.equal(report.keys.keeps, true);
  // a second start is fine and changes nothing that matters
  const kek = readFileSync(p.keyEncryptionKey);
  await preflight(config);
  assert.deepEqual(readFileSync(p.keyEncryptionKey), kek);
});

test('the request ledger damaged in each way is named before anything else runs', async () => {
  for (const [what, damage, code] of [
    ['garbage', (f: string) => writeFileSync(f, 'xx', { mode: 0o600 }), 'STATE_DAMAGED'],
    ['empty', (f: string) => writeFileSync(f, '', { mode: 0o600 }), 'STATE_DAMAGED'],
    [
      'wrong version',
      (f: string) => writeFileSync(f, '{"version":9,"entries":[]}', { mode: 0o600 }),
      'STATE_DAMAGED',
    ],
    ['a folder', (f: string) => mkdirSync(f), 'STATE_DAMAGED'],
    ['a link', (f: string) => symlinkSync('/etc/hostname', f), 'STATE_UNSAFE'],
  ] as const) {
    const config = station();
    await preflight(config);
    const file = stationPaths(config).caLedger;
    rmSync(file, { force: true });
    damage(file);
    await assert.rejects(preflight(config), refused(code, file), what);
  }
});

test('a KEK lost on a station that has issued before is refused, not recreated', async () => {
  const config = station();
  const p = stationPaths(config);
  const report = await preflight(config);
  await report.ledger.put({
    key: 'job-1',
    caUrl: 'https://ca/',
    template: 'SmartcardUser',
    requestSha256: 'ab',
    state: 'issued',
    reqId: 3,
    createdAt: 'x',
    updatedAt: 'x',
  });
  unlinkSync(p.keyEncryptionKey);
  await assert.rejects(preflight(config), refused('STATE_DAMAGED', p.keyEncryptionKey));
  // both key files gone: the ledger still shows the station issued before
  unlinkSync(p.managementKeys);
  await assert.rejects(
    preflight(config),
    (e: unknown) =>
      refused('STATE_DAMAGED', p.keyEncryptionKey)(e) &&
      /holds 1 requests/.test(String((e as StationError).details.problem)),
  );
  // with "discard" the station keeps no keys, so there is nothing to lose
  const discard = parseConfig(
    {
      stationId: 'k',
      dataDir: p.dataDir,
      ca: {
        url: 'https://ca/',
        caBundleFile: config.ca.caBundleFile,
        auth: { kind: 'basic', username: 'u', passwordEnv: 'P' },
      },
      card: { managementKeyStorage: 'discard' },
    },
    '/',
  );
  assert.equal((await preflight(discard)).keys.keeps, false);
});

test('linked or open folders and journals are refused with the path named', async () => {
  const config = station();
  const p = stationPaths(config);
  await preflight(config);

  // journal/ replaced by a link to another folder
  const elsewhere = tempDir('preflight-');
  renameSync(p.journalDir, `${p.journalDir}.old`);
  symlinkSync(elsewhere, p.journalDir);
  await assert.rejects(preflight(config), refused('STATE_UNSAFE', p.journalDir));
  unlinkSync(p.journalDir);
  renameSync(`${p.journalDir}.old`, p.journalDir);

  // a journal that is a link (the station would append through it as root)
  const journal = path.join(p.journalDir, 'aaaaaaaa-1.jsonl');
  symlinkSync('/etc/passwd', journal);
  await assert.rejects(preflight(config), refused('STATE_UNSAFE', journal));
  unlinkSync(journal);

  chmodSync(p.dataDir, 0o755);
  await assert.rejects(preflight(config), refused('STATE_UNSAFE', p.dataDir));
  chmodSync(p.dataDir, 0o700);
  await preflight(config);
});

test('a data folder under /proc and a CA bundle that is /dev/zero are clear errors, not hangs', async () => {
  await assert.rejects(
    preflight(station({ dataDir: '/proc/self/station' })),
    (e: unknown) => e instanceof StationError && e.code === 'STATE_UNSAFE',
  );
  await assert.rejects(
    preflight(station({ caBundleFile: '/dev/zero' })),
    (e: unknown) =>
      e instanceof ConfigError && e.field === 'ca.caBundleFile' && e.message.includes('/dev/zero'),
  );
  const notPem = station();
  writeFileSync(notPem.ca.caBundleFile, 'hello');
  await assert.rejects(
    preflight(notPem),
    (e: unknown) => e instanceof ConfigError && e.field === 'ca.caBundleFile',
  );
});

test('a read-only data folder is refused at start-up by the station process', async () => {
  const config = station();
  await preflight(config);
  const file = path.join(path.dirname(config.dataDir), 'station.json');
  writeFileSync(
    file,
    JSON.stringify({
      stationId: 'kiosk-1',
      dataDir: config.dataDir,
      ca: {
        url: config.ca.url,
        caBundleFile: config.ca.caBundleFile,
        auth: { kind: 'basic', username: 'u', passwordEnv: 'P' },
      },
    }),
  );
  assert.equal((await runWorker('preflight', file)).trim(), 'ok');
  const out = (await runWorkerReadOnly(config.dataDir, 'preflight', file)).trim();
  assert.equal(out, `STATE_UNWRITABLE ${config.dataDir}`);
});

test('a damaged open journal is reported (recover must reach it) and refused for enrolling, named', async () => {
  const config = station();
  const p = stationPaths(config);
  await preflight(config);
  const journal = path.join(p.journalDir, 'cccccccc-3.jsonl');
  writeFileSync(journal, '', { mode: 0o600 });
  const report = await preflight(config);
  assert.deepEqual(report.damagedJournals, [{ file: journal, problem: 'empty' }]);
  assert.throws(() => refuseDamagedJournals(report), refused('STATE_DAMAGED', journal));
  unlinkSync(journal);
  refuseDamagedJournals(await preflight(config));
});

test("the log's files: a link, a folder or a read-only file is named at start-up, not at the first record", async () => {
  const config = station();
  const p = stationPaths(config);
  await preflight(config);
  symlinkSync('/etc/hostname', p.auditDb);
  await assert.rejects(preflight(config), refused('STATE_UNSAFE', p.auditDb));
  unlinkSync(p.auditDb);
  mkdirSync(p.auditDb);
  await assert.rejects(preflight(config), refused('STATE_DAMAGED', p.auditDb));
  rmSync(p.auditDb, { recursive: true });
  symlinkSync('/etc/hostname', `${p.auditDb}-wal`);
  await assert.rejects(preflight(config), refused('STATE_UNSAFE', `${p.auditDb}-wal`));
  unlinkSync(`${p.auditDb}-wal`);
  writeFileSync(p.auditDb, '', { mode: 0o600 });
  const file = path.join(path.dirname(config.dataDir), 'station.json');
  writeFileSync(
    file,
    JSON.stringify({
      stationId: 'kiosk-1',
      dataDir: config.dataDir,
      ca: {
        url: config.ca.url,
        caBundleFile: config.ca.caBundleFile,
        auth: { kind: 'basic', username: 'u', passwordEnv: 'P' },
      },
    }),
  );
  assert.equal((await runWorker('preflight', file)).trim(), 'ok');
  const out = (await runWorkerReadOnly(p.auditDb, 'preflight', file)).trim();
  assert.equal(out, `STATE_UNWRITABLE ${p.auditDb}`);
});
