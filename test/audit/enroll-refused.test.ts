// The station CLI refuses to enroll on a log it cannot trust, before any card or CA is touched:
// a page of random bytes in the database, a deleted log, forged records after the head. Real
// pcscd + vpcd + software cards and the demo CA (run inside test/piv/run-private.sh).
// Afterwards yubico-piv-tool finds no certificate, the transport PIN still opens the card with no
// retry spent, and nothing new was created in place of the log.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { randomHolderPin, startDemoEnvironment, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { stationPaths } from '../../core/config/config.ts';
import { SqliteAuditLog } from '../../core/audit/sqlite-log.ts';
import { recordHash } from '../../core/audit/chain.ts';
import { column } from '../../core/audit/columns.ts';
import { RECORD_FIELDS } from '../../core/audit/record.ts';
import type { AuditRecord } from '../../core/audit/record.ts';
import { VPCD } from '../support/pcscd.ts';
import { enrollAlice, run, station, text } from '../e2e/helpers.ts';
import { event, sqlite3 } from './fixtures.ts';

const TRANSPORT_PIN = '12345678';
let env: DemoEnvironment;
let db: string;

before(async () => {
  env = await startDemoEnvironment({ pair: VPCD.A, stationId: 'refusing-kiosk' });
  db = stationPaths(env.config).auditDb;
});
after(async () => {
  await env?.stop();
});

/** A log as earlier enrollments leave it: 400 records, so the file has many pages. */
function earlierLog(): void {
  const p = stationPaths(env.config);
  for (const f of [p.auditDb, `${p.auditDb}-wal`, `${p.auditDb}-shm`, `${p.auditDb}.anchor`])
    rmSync(f, { force: true });
  const log = new SqliteAuditLog({
    path: p.auditDb,
    keyPath: p.auditKey,
    stationId: env.config.stationId,
    checkpointEvery: env.config.audit.checkpointEvery,
  });
  for (let i = 0; i < 400; i++) log.appendSync(event());
  log.close();
  sqlite3(p.auditDb, 'PRAGMA wal_checkpoint(TRUNCATE);');
}

async function enroll(): Promise<{
  code: number | null;
  error: { code?: string; details?: unknown; message?: string } | undefined;
  all: string;
}> {
  const pin = text(randomHolderPin());
  const r = await station([...enrollAlice(env.configFile), '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n${pin}\n${pin}\n`,
  });
  const lines = r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { type: string; code?: string; message?: string; step?: string });
  assert.deepEqual(
    lines.filter((l) => l.type === 'progress'),
    [],
    'no step started',
  );
  return { code: r.code, error: lines.find((l) => l.type === 'error'), all: r.stdout + r.stderr };
}

async function assertCardUntouched(): Promise<void> {
  await assert.rejects(
    run('yubico-piv-tool', ['-r', env.targetReader, '-a', 'read-certificate', '-s', '9a'], {
      encoding: 'utf8',
    }),
    'yubico-piv-tool finds no certificate in 9A',
  );
  await run('yubico-piv-tool', ['-r', env.targetReader, '-a', 'verify-pin', '-P', TRANSPORT_PIN]);
  const s = env.target.status();
  assert.ok(
    s.pin.isDefault && s.pin.retriesLeft === s.pin.retryLimit,
    'the transport PIN is set, no retry spent',
  );
  assert.ok(s.managementKey.isDefault, 'the factory management key is still set');
}

test('a page of random bytes in the log stops `station enroll` before anything happens, naming the file', async () => {
  earlierLog();
  const pages = statSync(db).size / 4096;
  const fd = openSync(db, 'r+');
  writeSync(fd, randomBytes(4096), 0, 4096, 4096 * Math.floor(pages / 2));
  closeSync(fd);
  const r = await enroll();
  assert.notEqual(r.code, 0, r.all);
  assert.equal(r.error?.code, 'AUDIT_LOG_DAMAGED', r.all);
  assert.ok(r.all.includes(db), `the file is named: ${r.all}`);
  await assertCardUntouched();
});

test('a deleted log: `station enroll` refuses to start a new one and creates nothing', async () => {
  earlierLog();
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const r = await enroll();
  assert.notEqual(r.code, 0, r.all);
  assert.equal(r.error?.code, 'AUDIT_LOG_MISSING', r.all);
  assert.match(r.all, /through record 400/);
  assert.equal(existsSync(db), false, 'no new, empty log was started');
  await assertCardUntouched();
});

test('forged records after the head: `station enroll` refuses to sign over them', async () => {
  earlierLog();
  const log = new SqliteAuditLog({ path: db, readOnly: true });
  const prev = log.querySync({ fromSeq: 400 })[0]!;
  log.close();
  const base = { ...prev, seq: 401, recordId: randomUUID(), targetUser: 'CORP\\mallory' };
  const r401: AuditRecord = { ...base, prevHash: prev.hash, hash: recordHash(base, prev.hash) };
  const v = (x: string | number | null): string =>
    x === null ? 'NULL' : typeof x === 'number' ? String(x) : `'${x.replace(/'/g, "''")}'`;
  sqlite3(
    db,
    `INSERT INTO audit_log (${RECORD_FIELDS.map(column).join(', ')}) VALUES (${RECORD_FIELDS.map((f) => v(r401[f])).join(', ')});`,
  );
  const r = await enroll();
  assert.notEqual(r.code, 0, r.all);
  assert.equal(r.error?.code, 'AUDIT_LOG_DAMAGED', r.all);
  assert.match(r.all, /not signed by this station/);
  assert.equal(sqlite3(db, 'SELECT max(seq) FROM audit_log;').trim(), '401', 'nothing was appended');
  await assertCardUntouched();
});
