// The station with a central log: real PostgreSQL 15, the station CLI enrolling cards on vpcd.
// The database is stopped in the middle of an enrollment and stays down for the next one; both
// enrollments still complete, their records wait in the local outbox, and once the database is
// back `station audit forward` delivers every record exactly once. Then the station's SQLite file
// is tampered with through the sqlite3 CLI, and `station audit verify` names the broken record.
// With --config, verify also walks the central copy's own chain with the pinned key: it says how
// many records are not forwarded yet, and a central row rewritten with SQL is named (exit 3) while
// the local log is intact.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { randomHolderPin, startDemoEnvironment, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { loadCheckpointKey } from '../../core/audit/checkpoint-key.ts';
import { PostgresAuditSink } from '../../core/audit/postgres-sink.ts';
import { VPCD } from '../support/pcscd.ts';
import { startPostgres, type TestPostgres } from '../support/postgres.ts';
import { tempDir } from '../support/tools.ts';
import { run, station, text, type StationRun, enrollAlice } from './helpers.ts';

const URL_ENV = 'STATION_AUDIT_DATABASE_URL';
let env: DemoEnvironment;
let db: TestPostgres;
let childEnv: NodeJS.ProcessEnv;
const pins: string[] = [];

before(async () => {
  db = await startPostgres();
  env = await startDemoEnvironment({ pair: VPCD.B, stationId: 'central-kiosk' });
  const raw = JSON.parse(readFileSync(env.configFile, 'utf8')) as { audit: Record<string, unknown> };
  raw.audit.postgresUrlEnv = URL_ENV;
  writeFileSync(env.configFile, JSON.stringify(raw, null, 2));
  childEnv = { ...env.env, [URL_ENV]: db.connectionString };
  pins.push(text(env.agentPin));
});
after(async () => {
  await env?.stop();
  await db?.cleanup();
});

const auditDb = (): string => path.join(env.config.dataDir, 'audit.sqlite');

/** One enroll-on-behalf of CORP\alice onto the blank card in the target reader. */
function enroll(onStdout?: (s: string) => void): Promise<StationRun> {
  const newPin = text(randomHolderPin());
  pins.push(newPin);
  return station([...enrollAlice(env.configFile), '--json'], {
    env: childEnv,
    stdin: `${text(env.agentPin)}\n${newPin}\n${newPin}\n`,
    ...(onStdout ? { onStdout } : {}),
  });
}

interface Backlog {
  backlog: number;
  forwardedSeq: number;
}
function centralStatus(r: StationRun): Backlog {
  const line = r.stdout
    .split('\n')
    .filter((l) => l.includes('"centralLog"'))
    .at(-1);
  assert.ok(line, `the station reports the central log: ${r.stdout}${r.stderr}`);
  return (JSON.parse(line) as { centralLog: Backlog }).centralLog;
}

/** (seq, hash) of every record, read by the sqlite3 CLI rather than by our own code. */
async function localChain(file: string): Promise<string[]> {
  const out = await run(
    'sqlite3',
    ['-readonly', file, "SELECT seq || ' ' || hash FROM audit_log ORDER BY seq"],
    {
      encoding: 'utf8',
    },
  );
  return out.stdout.trim().split('\n');
}

async function centralChain(): Promise<string[]> {
  const c = new pg.Client({ connectionString: db.connectionString });
  await c.connect();
  try {
    const res = await c.query<{ line: string }>(
      "SELECT seq || ' ' || hash AS line FROM station_audit_log WHERE station_id = 'central-kiosk' ORDER BY seq",
    );
    return res.rows.map((r) => r.line);
  } finally {
    await c.end();
  }
}

test('PostgreSQL stopped mid-enrollment: enrolling goes on, and every record arrives exactly once', async () => {
  const first = await enroll();
  assert.equal(first.code, 0, first.stdout + first.stderr);
  assert.equal(centralStatus(first).backlog, 0);
  assert.deepEqual(await centralChain(), await localChain(auditDb()));
  const beforeOutage = (await centralChain()).length;

  // the database dies while the card's key is being generated
  let stopping: Promise<void> | undefined;
  await env.insertBlankCard();
  const second = await enroll((out) => {
    if (stopping === undefined && out.includes('"step":"keygen"')) stopping = db.stop('immediate');
  });
  await stopping;
  assert.equal(second.code, 0, `the enrollment completes without the central log: ${second.stdout}`);
  assert.match(second.stdout, /"status":"issued"/);
  const afterSecond = centralStatus(second);
  assert.ok(afterSecond.backlog > 0, 'records of the interrupted run wait in the outbox');

  // still down: the next enrollment also completes and queues its records
  await env.insertBlankCard();
  const third = await enroll();
  assert.equal(third.code, 0, third.stdout + third.stderr);
  const queued = centralStatus(third).backlog;
  assert.ok(queued > afterSecond.backlog, 'the backlog grows while the database is away');
  const down = await station(['audit', 'forward', '--config', env.configFile, '--json'], { env: childEnv });
  assert.equal(down.code, 4, `forward reports records still queued: ${down.stdout}`);

  await db.start();
  const forwarded = await station(['audit', 'forward', '--config', env.configFile, '--json'], {
    env: childEnv,
  });
  assert.equal(forwarded.code, 0, forwarded.stdout + forwarded.stderr);
  assert.equal(centralStatus(forwarded).backlog, 0);
  const local = await localChain(auditDb());
  assert.deepEqual(await centralChain(), local, 'central = local: nothing lost, nothing duplicated');
  assert.ok(local.length > beforeOutage + queued - 1);

  // sending again changes nothing
  const again = await station(['audit', 'forward', '--config', env.configFile, '--json'], { env: childEnv });
  assert.equal(again.code, 0);
  assert.deepEqual(await centralChain(), local);

  // the central copy verifies on its own against the station's checkpoint key
  const sink = new PostgresAuditSink({ connection: { connectionString: db.connectionString } });
  try {
    const key = loadCheckpointKey(path.join(env.config.dataDir, 'audit-signing.key')).publicKey;
    const v = await sink.verifyStation('central-kiosk', key, env.config.audit.checkpointEvery);
    assert.equal(v.ok, true, JSON.stringify(v.firstBreak));
  } finally {
    await sink.close();
  }

  // no PIN in any central row, nor in what the station printed
  const c = new pg.Client({ connectionString: db.connectionString });
  await c.connect();
  const dump = (
    await c.query<{ j: string }>(
      'SELECT row_to_json(l)::text AS j FROM station_audit_log l UNION ALL SELECT row_to_json(k)::text FROM station_audit_checkpoint k',
    )
  ).rows
    .map((r) => r.j)
    .join('\n');
  await c.end();
  const printed = [first, second, third, down, forwarded].map((r) => r.stdout + r.stderr).join('\n');
  for (const pin of pins) {
    assert.ok(!dump.includes(pin), 'a PIN reached the central log');
    assert.ok(!printed.includes(pin), 'a PIN reached the station output');
  }
});

// An attacker with the file and the sqlite3 CLI: drop the append-only triggers, then edit.
const UNLOCK =
  'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_checkpoint_no_delete; DROP TRIGGER audit_signature_no_delete;';

// The auditor took the checkpoint public key away from the station beforehand.
const pinnedKey = path.join(tempDir('station-auditor-').path, 'station.pub.pem');

async function tampered(sql: string, extraArgs: string[] = []): Promise<StationRun> {
  const dir = tempDir('station-tamper-').path;
  const copy = path.join(dir, 'audit.sqlite');
  // the station closed the log, so the WAL is checkpointed into the main file
  await run('sqlite3', [auditDb(), `VACUUM INTO '${copy}'`], { encoding: 'utf8' });
  await run('sqlite3', [copy, UNLOCK + sql], { encoding: 'utf8' });
  return station(['audit', 'verify', '--db', copy, '--public-key', pinnedKey, ...extraArgs], {
    env: childEnv,
  });
}

test('station audit verify names the first broken record of a tampered file', async () => {
  const key = await station(['audit', 'key', '--db', auditDb(), '--output', pinnedKey], { env: childEnv });
  assert.equal(key.code, 0, key.stderr);
  assert.match(readFileSync(pinnedKey, 'utf8'), /^-----BEGIN PUBLIC KEY-----/);
  const intact = await station(['audit', 'verify', '--db', auditDb(), '--public-key', pinnedKey], {
    env: childEnv,
  });
  assert.equal(intact.code, 0, intact.stdout + intact.stderr);
  const total = (await localChain(auditDb())).length;
  assert.ok(total >= 25, `three enrollments leave enough records (${total})`);

  // the central copy's own chain, with the same pinned key; the LOG_VERIFIED record of the
  // verification above is local only (verify does not forward)
  const notForwarded = total - (await centralChain()).length;
  assert.ok(notForwarded >= 1);
  const both = await station(
    ['audit', 'verify', '--db', auditDb(), '--public-key', pinnedKey, '--config', env.configFile],
    { env: childEnv },
  );
  assert.equal(both.code, 0, both.stdout + both.stderr);
  assert.match(both.stdout, /^log intact/m);
  assert.match(both.stdout, /^central copy intact: /m);
  assert.match(
    both.stdout,
    new RegExp(`^central copy behind the local log: ${notForwarded} record\\(s\\) not forwarded yet`, 'm'),
  );

  const edited = await tampered("UPDATE audit_log SET target_user = 'CORP\\mallory' WHERE seq = 5;");
  assert.equal(edited.code, 3, edited.stdout + edited.stderr);
  assert.match(edited.stdout, /BROKEN at seq 5: edited-row/);

  const deleted = await tampered('DELETE FROM audit_log WHERE seq = 7;');
  assert.equal(deleted.code, 3, deleted.stdout + deleted.stderr);
  assert.match(deleted.stdout, /BROKEN at seq 7: sequence-gap/);

  // the tail cut back to before the last signed checkpoint
  const cut = total - 12;
  const truncated = await tampered(`DELETE FROM audit_log WHERE seq > ${cut};`);
  assert.equal(truncated.code, 3, truncated.stdout + truncated.stderr);
  assert.match(truncated.stdout, new RegExp(`BROKEN at seq ${cut + 1}: truncated-tail`));

  // records cut off together with every checkpoint and record signature after them: nothing in
  // the file can tell, the central copy can
  // (below the central copy's head: the LOG_VERIFIED records of the verifications above are
  // local until the next forward)
  const lastCheckpoint = Math.floor((await centralChain()).length / 10) * 10;
  const cutAll = `DELETE FROM audit_log WHERE seq >= ${lastCheckpoint}; DELETE FROM audit_checkpoint WHERE seq >= ${lastCheckpoint}; DELETE FROM audit_signature WHERE seq >= ${lastCheckpoint};`;
  const unanchored = await tampered(cutAll);
  assert.equal(unanchored.code, 0, 'without the central copy the shortened log looks intact');
  const anchored = await tampered(cutAll, ['--config', env.configFile]);
  assert.equal(anchored.code, 3, anchored.stdout + anchored.stderr);
  assert.match(anchored.stdout, new RegExp(`BROKEN at seq ${lastCheckpoint}: truncated-tail`));

  // the central database unreachable: the log verifies by itself, but that is not the anchored
  // proof --config asks for (its own verdict and exit code, never 0)
  const away = await station(
    ['audit', 'verify', '--db', auditDb(), '--public-key', pinnedKey, '--config', env.configFile],
    {
      env: { ...childEnv, [URL_ENV]: 'postgres://postgres@127.0.0.1:1/postgres' },
    },
  );
  assert.equal(away.code, 6, away.stdout + away.stderr);
  assert.match(away.stdout, /central copy unreachable/);
  assert.match(away.stdout, /log NOT ANCHORED/);
  assert.match(away.stdout, /central copy unreachable: its chain was NOT checked/);

  // a central row rewritten with SQL by someone past the append-only trigger: the local log is
  // intact, the central copy names the record, and the check fails
  const c = new pg.Client({ connectionString: db.connectionString });
  await c.connect();
  await c.query(
    "ALTER TABLE station_audit_log DISABLE TRIGGER station_audit_log_append_only; UPDATE station_audit_log SET target_user = 'CORP\\mallory' WHERE station_id = 'central-kiosk' AND seq = 5; ALTER TABLE station_audit_log ENABLE TRIGGER station_audit_log_append_only",
  );
  await c.end();
  const centralEdited = await station(
    ['audit', 'verify', '--db', auditDb(), '--public-key', pinnedKey, '--config', env.configFile],
    { env: childEnv },
  );
  assert.equal(centralEdited.code, 3, centralEdited.stdout + centralEdited.stderr);
  assert.match(centralEdited.stdout, /^log intact/m);
  assert.match(centralEdited.stdout, /^central copy BROKEN at seq 5: edited-row/m);
});
