// Store-and-forward to a real PostgreSQL 15: outage mid-run, restart, exactly-once delivery, and
// two stations interleaving in one central table.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startPostgres } from '../support/postgres.ts';
import type { TestPostgres } from '../support/postgres.ts';
import { event, openLog, sqlite3, tempDir } from './fixtures.ts';
import type { TempDir } from './fixtures.ts';
import { PostgresAuditSink } from '../../core/audit/postgres-sink.ts';
import { AuditForwarder } from '../../core/audit/forwarder.ts';
import { AuditError } from '../../core/audit/errors.ts';
import type { SqliteAuditLog } from '../../core/audit/sqlite-log.ts';
import { recordHash } from '../../core/audit/chain.ts';
import { column } from '../../core/audit/columns.ts';
import { RECORD_FIELDS } from '../../core/audit/record.ts';
import type { AuditRecord } from '../../core/audit/record.ts';

let server: TestPostgres;
const dirs: TempDir[] = [];

before(async () => {
  server = await startPostgres();
});
after(async () => {
  await server.cleanup();
  for (const d of dirs) d.remove();
});

function station(id: string, checkpointEvery = 10): SqliteAuditLog {
  const t = tempDir();
  dirs.push(t);
  return openLog(t, { stationId: id, checkpointEvery });
}

function sinkFor(db: string): PostgresAuditSink {
  return new PostgresAuditSink({
    connection: {
      connectionString: server.connectionString.replace(/\/postgres$/, `/${db}`),
      connectionTimeoutMillis: 1000,
    },
  });
}

async function createDb(name: string): Promise<void> {
  const c = new pg.Client({ connectionString: server.connectionString });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
}

async function centralRows(db: string): Promise<{ station_id: string; seq: string; hash: string }[]> {
  const c = new pg.Client({ connectionString: server.connectionString.replace(/\/postgres$/, `/${db}`) });
  await c.connect();
  const res = await c.query('SELECT station_id, seq, hash FROM station_audit_log ORDER BY station_id, seq');
  await c.end();
  return res.rows;
}

async function waitFor(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('forwarding copies records and checkpoints; the central copy verifies and re-sending is a no-op', async () => {
  await createDb('fwd');
  const log = station('kiosk-a');
  const sink = sinkFor('fwd');
  try {
    for (let i = 0; i < 25; i++) await log.append(event());
    const fwd = new AuditForwarder({ source: log, sink, batchSize: 7 });
    assert.equal(fwd.status().backlog, 25);
    assert.equal(await fwd.forwardOnce(), 25);
    assert.equal(fwd.status().backlog, 0);
    const rows = await centralRows('fwd');
    assert.deepEqual(
      rows.map((r) => Number(r.seq)),
      Array.from({ length: 25 }, (_, i) => i + 1),
    );
    const local = log.querySync({});
    assert.deepEqual(
      rows.map((r) => r.hash),
      local.map((r) => r.hash),
    );
    const v = await sink.verifyStation('kiosk-a', log.publicKey!, log.checkpointEvery);
    assert.equal(v.ok, true, v.firstBreak?.message);
    // periodic ones at 10 and 20, and each batch's newest signed record (7, 14, 21, 25)
    assert.equal(v.checkpointsChecked, 6);
    assert.equal(v.signedThroughSeq, 25, 'the central copy is signed through its newest record');

    // A lost acknowledgement means the same batch arrives again: it is skipped, not duplicated.
    const again = await sink.write('kiosk-a', local.slice(0, 10), []);
    assert.deepEqual(again, { inserted: 0, duplicates: 10 });
    assert.equal((await centralRows('fwd')).length, 25);

    // The central head anchors the local log: cutting the local tail is then detectable.
    const head = await sink.head('kiosk-a');
    assert.deepEqual(head, { seq: 25, hash: local[24]!.hash });
    assert.equal((await log.verify({ anchors: [head!] })).ok, true);

    // A rewritten record under an existing key is refused, never overwritten.
    const forged = { ...local[3]!, hash: 'f'.repeat(64) };
    await assert.rejects(
      sink.write('kiosk-a', [forged], []),
      (e: unknown) => e instanceof AuditError && e.code === 'AUDIT_CENTRAL_CONFLICT',
    );
    // and the central table is append-only too
    const c = new pg.Client({ connectionString: server.connectionString.replace(/\/postgres$/, '/fwd') });
    await c.connect();
    await assert.rejects(c.query('DELETE FROM station_audit_log WHERE seq = 1'), /append-only/);
    await c.end();
  } finally {
    log.close();
    await sink.close();
  }
});

test('PostgreSQL stopped mid-run: stations keep appending, the forwarder backs off, then delivers every record exactly once', async () => {
  await createDb('outage');
  const log = station('kiosk-b');
  const statuses: string[] = [];
  const sink = sinkFor('outage');
  const fwd = new AuditForwarder({
    source: log,
    sink,
    batchSize: 50,
    pollIntervalMs: 20,
    initialBackoffMs: 50,
    maxBackoffMs: 400,
    onStatus: (s) => statuses.push(s.lastError ?? 'ok'),
  });
  try {
    fwd.start();
    for (let i = 0; i < 100; i++) {
      await log.append(event());
      fwd.notify();
    }
    await waitFor(() => fwd.status().backlog === 0, 10_000, 'initial forwarding');

    // Outage while appends and forwarding continue ("immediate" = crash, connections cut).
    const appending = (async () => {
      for (let i = 0; i < 300; i++) {
        await log.append(event({ action: 'CARD_IDENTIFIED', certificate: undefined }));
        fwd.notify();
        if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await new Promise((r) => setTimeout(r, 30));
    await server.stop('immediate');
    await appending;
    assert.equal(log.lastSeq(), 400, 'local appends never depended on the central store');
    await waitFor(() => fwd.status().consecutiveFailures >= 2, 10_000, 'the forwarder to notice the outage');
    const during = fwd.status();
    assert.ok(during.backlog > 0, 'backlog reported during the outage');
    assert.ok(during.lastError);

    await server.start();
    await waitFor(() => fwd.status().backlog === 0, 20_000, 'the backlog to drain after restart');
    await fwd.stop();

    const rows = await centralRows('outage');
    assert.equal(rows.length, 400, 'no record lost, none duplicated');
    const keys = new Set(rows.map((r) => `${r.station_id}:${r.seq}`));
    assert.equal(keys.size, 400);
    const local = log.querySync({});
    assert.deepEqual(
      rows.map((r) => [Number(r.seq), r.hash]),
      local.map((r) => [r.seq, r.hash]),
    );
    assert.ok(statuses.some((s) => s !== 'ok'));
    assert.equal((await sink.verifyStation('kiosk-b', log.publicKey!, log.checkpointEvery)).ok, true);
  } finally {
    await fwd.stop();
    log.close();
    await sink.close();
    if (!server.running()) await server.start();
  }
});

test('two stations append and forward concurrently into one table without conflicts', async () => {
  await createDb('fleet');
  const a = station('kiosk-c', 5);
  const b = station('kiosk-d', 5);
  const sinkA = sinkFor('fleet');
  const sinkB = sinkFor('fleet');
  const fa = new AuditForwarder({ source: a, sink: sinkA, batchSize: 3, pollIntervalMs: 10 });
  const fb = new AuditForwarder({ source: b, sink: sinkB, batchSize: 4, pollIntervalMs: 10 });
  try {
    fa.start();
    fb.start();
    await Promise.all(
      [a, b].map(async (log, k) => {
        for (let i = 0; i < 120; i++) {
          await log.append(event({ reader: `Reader ${k}` }));
          (k === 0 ? fa : fb).notify();
          if (i % 10 === k) await new Promise((r) => setTimeout(r, 1));
        }
      }),
    );
    await waitFor(
      () => fa.status().backlog === 0 && fb.status().backlog === 0,
      15_000,
      'both stations to drain',
    );
    const counts = await sinkA.counts();
    assert.equal(counts.get('kiosk-c'), 120);
    assert.equal(counts.get('kiosk-d'), 120);
    for (const [log, sink] of [
      [a, sinkA],
      [b, sinkB],
    ] as const) {
      const v = await sink.verifyStation(log.stationId, log.publicKey!, log.checkpointEvery);
      assert.equal(v.ok, true, v.firstBreak?.message);
      assert.equal(v.recordsChecked, 120);
    }
    // A station's key does not vouch for the other station's chain.
    const cross = await sinkA.verifyStation('kiosk-d', a.publicKey!, 5);
    assert.deepEqual([cross.firstBreak?.seq, cross.firstBreak?.kind], [0, 'bad-genesis']);
    const reviewed = await sinkA.query({
      card: a.querySync({ limit: 1 })[0]!.cardSerial!,
      stationId: 'kiosk-c',
    });
    assert.ok(reviewed.length > 0 && reviewed.every((r) => r.stationId === 'kiosk-c'));
  } finally {
    await fa.stop();
    await fb.stop();
    a.close();
    b.close();
    await sinkA.close();
    await sinkB.close();
  }
});

test('records that do not verify are never forwarded: forged rows appended with sqlite3 stay local, forward fails naming them', async () => {
  await createDb('forged');
  const t = tempDir();
  dirs.push(t);
  const log = openLog(t, { stationId: 'kiosk-f', checkpointEvery: 10 });
  const sink = sinkFor('forged');
  try {
    for (let i = 0; i < 12; i++) await log.append(event());
    const fwd = new AuditForwarder({ source: log, sink });
    assert.equal(await fwd.forwardOnce(), 12);
    for (let i = 0; i < 3; i++) await log.append(event());
    // While the station runs (its forwarder has the log open), the attacker appends record 16
    // with a consistent hash; they lack the signing key.
    const r = log.querySync({ fromSeq: 15 })[0]!;
    const base = { ...r, seq: 16, targetUser: 'mallory@corp.example' };
    const forged: AuditRecord = { ...base, prevHash: r.hash, hash: recordHash(base, r.hash) };
    const v = (x: string | number | null): string =>
      x === null ? 'NULL' : typeof x === 'number' ? String(x) : `'${x.replace(/'/g, "''")}'`;
    sqlite3(
      t.file('audit.db'),
      `INSERT INTO audit_log (${RECORD_FIELDS.map(column).join(', ')}) VALUES (${RECORD_FIELDS.map((f) => v(forged[f])).join(', ')});`,
    );
    // 13..15 are signed and go; 16 is not: forwarding stops there and says so.
    await assert.rejects(
      fwd.forwardOnce(),
      (e: unknown) =>
        e instanceof AuditError && e.code === 'AUDIT_LOG_DAMAGED' && /record 16/.test(e.message),
    );
    assert.deepEqual(
      (await centralRows('forged')).map((x) => Number(x.seq)),
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
    log.close();
    // and `station audit forward`, which opens the log afresh, refuses the file outright
    assert.throws(
      () => openLog(t, { stationId: 'kiosk-f' }),
      (e: unknown) => e instanceof AuditError && e.code === 'AUDIT_LOG_DAMAGED',
    );
  } finally {
    await sink.close();
  }
});
