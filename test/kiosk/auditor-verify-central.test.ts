// The kiosk's Verify screen (the auditor handler behind it, auditorReads(config).verify) against a
// real PostgreSQL 15 holding the central copy: the newest record the central copy holds anchors
// the check, so a log cut back together with its checkpoints and signatures (nothing in the file
// can tell) is named broken; an unreachable central copy is never "intact"; without a central
// store configured the screen says so. Next to it, the second verdict: the central copy's own
// chain of the station, walked with the same pinned key — a central row edited with SQL is named
// while the local log stays intact, records not yet forwarded are counted, and an unreachable
// database is its own state. No cards: the handler reads the log and the database only.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { loadCheckpointKey, publicKeyPem } from '../../core/audit/checkpoint-key.ts';
import { AuditForwarder } from '../../core/audit/forwarder.ts';
import { SqliteAuditLog } from '../../core/audit/sqlite-log.ts';
import { parseConfig, stationPaths, type StationConfig } from '../../core/config/config.ts';
import { EXAMPLE_FILE } from '../../core/config/documents.ts';
import { jsoncToJson } from '../../core/config/jsonc.ts';
import { sinkFor } from '../../cli/central-log.ts';
import { auditorReads } from '../../electron/auditor-adapter.ts';
import { event, sqlite3 } from '../audit/fixtures.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { tempDir } from '../support/tools.ts';

const URL_ENV = 'STATION_TEST_VERIFY_CENTRAL_URL';
const STATION = 'verify-central';
let db: TestPostgres;

before(async () => {
  db = await startPostgres();
});
after(async () => {
  delete process.env[URL_ENV];
  await db?.cleanup();
});

/** The example configuration with this test's station, data folder, medium and central store. */
function configIn(dir: string, central: boolean): StationConfig {
  const raw = JSON.parse(jsoncToJson(readFileSync(EXAMPLE_FILE, 'utf8'))) as Record<
    string,
    Record<string, unknown>
  >;
  const media = path.join(dir, 'media');
  mkdirSync(media, { recursive: true });
  return parseConfig(
    {
      ...raw,
      stationId: STATION,
      dataDir: path.join(dir, 'data'),
      audit: { ...raw.audit, checkpointEvery: 10, ...(central ? { postgresUrlEnv: URL_ENV } : {}) },
      auditor: { certificateThumbprints: '0'.repeat(64), mediaFolder: media },
    },
    dir,
  );
}

/** A station log of `n` records, every one forwarded to the central copy; the pinned key on the medium. */
async function forwardedLog(config: StationConfig, n: number): Promise<void> {
  const paths = stationPaths(config);
  const log = new SqliteAuditLog({
    path: paths.auditDb,
    keyPath: paths.auditKey,
    stationId: STATION,
    checkpointEvery: 10,
  });
  for (let i = 0; i < n; i++) await log.append(event());
  const sink = sinkFor(db.connectionString);
  try {
    await new AuditForwarder({ source: log, sink }).forwardOnce();
    assert.deepEqual(await sink.head(STATION), {
      seq: n,
      hash: log.querySync({ fromSeq: n, limit: 1 })[0]!.hash,
    });
  } finally {
    await sink.close();
    log.close();
  }
  writeFileSync(
    path.join(config.auditor!.mediaFolder, 'station.pem'),
    publicKeyPem(loadCheckpointKey(paths.auditKey).publicKey),
  );
}

test('Verify checks the log against the central PostgreSQL copy when one is configured', async () => {
  const dir = tempDir('station-verify-central-').path;
  const config = configIn(dir, true);
  process.env[URL_ENV] = db.connectionString;
  await forwardedLog(config, 25);
  const reads = auditorReads(config);

  const intact = await reads.verify('station.pem');
  assert.equal(intact.verdict, 'intact');
  assert.equal(intact.central, 'used');

  // cut back to before the last checkpoint, with the checkpoints and signatures after it: the
  // file on its own still verifies (checked below without the central copy), the central head
  // (seq 25) is missing from it
  sqlite3(
    stationPaths(config).auditDb,
    'DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_checkpoint_no_delete; DROP TRIGGER audit_signature_no_delete;' +
      ' DELETE FROM audit_log WHERE seq >= 20; DELETE FROM audit_checkpoint WHERE seq >= 20; DELETE FROM audit_signature WHERE seq >= 20;',
  );
  const alone = await auditorReads(configIn(dir, false)).verify('station.pem');
  assert.equal(alone.central, 'not-configured');
  assert.equal(alone.verdict, 'intact', 'without the central copy the shortened log looks intact');

  const cut = await reads.verify('station.pem');
  assert.equal(cut.central, 'used');
  assert.equal(cut.verdict, 'broken');
  assert.equal(cut.firstBreak?.kind, 'truncated-tail');
  assert.equal(cut.firstBreak?.seq, 20);

  // the central database unreachable: not the anchored proof that was configured
  process.env[URL_ENV] = 'postgres://postgres@127.0.0.1:1/postgres';
  const away = await reads.verify('station.pem');
  assert.equal(away.central, 'unreachable');
  assert.equal(away.verdict, 'anchor-unavailable');
});

/** SQL as an intruder with the database's superuser would run it: past the append-only trigger. */
async function centralSql(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: db.connectionString });
  await c.connect();
  try {
    await c.query(
      `ALTER TABLE station_audit_log DISABLE TRIGGER station_audit_log_append_only; ${sql}; ` +
        'ALTER TABLE station_audit_log ENABLE TRIGGER station_audit_log_append_only',
    );
  } finally {
    await c.end();
  }
}

test("Verify checks the central copy's own chain with the pinned key: intact, edited, behind, unreachable", async () => {
  await centralSql(`DELETE FROM station_audit_log WHERE station_id = '${STATION}'`);
  const c = new pg.Client({ connectionString: db.connectionString });
  await c.connect();
  await c.query('ALTER TABLE station_audit_checkpoint DISABLE TRIGGER station_audit_checkpoint_append_only');
  await c.query('DELETE FROM station_audit_checkpoint WHERE station_id = $1', [STATION]);
  await c.query('ALTER TABLE station_audit_checkpoint ENABLE TRIGGER station_audit_checkpoint_append_only');
  await c.end();
  const dir = tempDir('station-verify-central-copy-').path;
  const config = configIn(dir, true);
  process.env[URL_ENV] = db.connectionString;
  // 30 records with a checkpoint every 10: the central copy is signed through its newest record
  await forwardedLog(config, 30);
  const reads = auditorReads(config);

  const intact = await reads.verify('station.pem');
  assert.equal(intact.verdict, 'intact');
  assert.deepEqual(intact.centralCopy, {
    state: 'checked',
    verdict: 'intact',
    firstBreak: null,
    recordsChecked: 30,
    lastRecordSeq: 30,
    behind: 0,
  });

  // that verification appended LOG_VERIFIED (seq 31) to the local log, not yet forwarded
  const behind = await reads.verify('station.pem');
  assert.equal(behind.verdict, 'intact');
  assert.equal(behind.centralCopy.state, 'checked');
  assert.equal(behind.centralCopy.state === 'checked' && behind.centralCopy.behind, 1);
  assert.equal(behind.centralCopy.state === 'checked' && behind.centralCopy.verdict, 'intact');

  // a central row rewritten with SQL: the local log still verifies, the central copy names seq 12
  await centralSql(
    `UPDATE station_audit_log SET target_user = 'CORP\\mallory' WHERE station_id = '${STATION}' AND seq = 12`,
  );
  const edited = await reads.verify('station.pem');
  assert.equal(edited.verdict, 'intact', 'the local log is intact');
  assert.equal(edited.firstBreak, null);
  assert.equal(edited.centralCopy.state, 'checked');
  if (edited.centralCopy.state !== 'checked') return;
  assert.equal(edited.centralCopy.verdict, 'broken');
  assert.deepEqual(edited.centralCopy.firstBreak, { seq: 12, kind: 'edited-row' });
  assert.equal(edited.centralCopy.behind, 2, 'two LOG_VERIFIED records wait locally');

  // the central database unreachable: its chain was not checked, and the check is not intact
  process.env[URL_ENV] = 'postgres://postgres@127.0.0.1:1/postgres';
  const away = await reads.verify('station.pem');
  assert.deepEqual(away.centralCopy, { state: 'unreachable' });
  assert.equal(away.verdict, 'anchor-unavailable');

  // without a central store configured there is no second verdict
  const alone = await auditorReads(configIn(dir, false)).verify('station.pem');
  assert.deepEqual(alone.centralCopy, { state: 'not-configured' });
});
