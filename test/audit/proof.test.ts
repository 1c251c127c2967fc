// The log's own proof (issue 8 §4) and its handling when opened for writing (§3), attacked the way
// someone with write access to the data folder would: the sqlite3 CLI on the file, cp, rm, dd.
// Each attack must end in a named break or a verdict of its own, never "intact", and the station
// must refuse to append onto the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeSync,
} from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { appendMany, openForReview, openLog, sqlite3, tempDir } from './fixtures.ts';
import type { TempDir } from './fixtures.ts';
import { recordHash } from '../../core/audit/chain.ts';
import { AuditError } from '../../core/audit/errors.ts';
import { SqliteAuditLog } from '../../core/audit/sqlite-log.ts';
import type { AuditRecord } from '../../core/audit/record.ts';
import { RECORD_FIELDS } from '../../core/audit/record.ts';
import { column } from '../../core/audit/columns.ts';

const execFileP = promisify(execFile);

function sqlValue(v: string | number | null): string {
  return v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;
}

/**
 * The INSERT statements an attacker computes to append `count` forged, correctly chained records
 * after the current head (they know the documented hash encoding, not the signing key).
 */
function forgedRows(log: SqliteAuditLog, count: number): string {
  let prev = log.querySync({ fromSeq: log.lastSeq() })[0]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = {
      ...prev,
      seq: prev.seq + 1,
      recordId: randomUUID(),
      ts: new Date(Date.parse(prev.ts) + 1000).toISOString(),
      enrollmentId: randomUUID(),
      action: 'ENROLLMENT_FINISHED' as const,
      outcome: 'success' as const,
      targetUser: 'mallory@corp.example',
    };
    const r: AuditRecord = { ...base, prevHash: prev.hash, hash: recordHash(base, prev.hash) };
    out.push(
      `INSERT INTO audit_log (${RECORD_FIELDS.map(column).join(', ')}) VALUES (${RECORD_FIELDS.map((f) => sqlValue(r[f])).join(', ')});`,
    );
    prev = r;
  }
  return out.join('\n');
}

async function withLog(records: number, body: (t: TempDir) => Promise<void> | void): Promise<void> {
  const t = tempDir();
  try {
    const log = openLog(t, { checkpointEvery: 10 });
    await appendMany(log, records);
    log.close();
    await body(t);
  } finally {
    t.remove();
  }
}

function verdictNow(t: TempDir): ReturnType<SqliteAuditLog['verifySync']> {
  const log = openForReview(t);
  try {
    return log.verifySync();
  } finally {
    log.close();
  }
}

const refusedWith = (code: string, pattern?: RegExp) => (e: unknown) =>
  e instanceof AuditError && e.code === code && (pattern === undefined || pattern.test(e.message));

test('a genuine log verifies intact through its newest record, and says so', async () => {
  await withLog(23, (t) => {
    const v = verdictNow(t);
    assert.equal(v.verdict, 'intact');
    assert.equal(v.signedThroughSeq, 23, 'every record is signed, not only every 10th');
    assert.equal(v.unsignedTail, 0);
  });
});

for (const n of [1, 8]) {
  test(`${n} forged record(s) appended after the last signature → unsigned-tail; the station refuses to append; list marks them`, async () => {
    await withLog(25, (t) => {
      const log = openForReview(t);
      const sql = forgedRows(log, n);
      log.close();
      sqlite3(t.file('audit.db'), sql);
      const v = verdictNow(t);
      assert.equal(v.ok, false);
      if (n === 1) {
        assert.equal(v.verdict, 'unsigned-tail');
        assert.equal(v.signedThroughSeq, 25);
        assert.equal(v.unsignedTail, 1);
      } else {
        // 8 rows reach seq 30, where the signed genesis says a periodic checkpoint must be
        assert.equal(v.verdict, 'broken');
        assert.deepEqual([v.firstBreak?.seq, v.firstBreak?.kind], [30, 'missing-checkpoint']);
      }
      const review = openForReview(t);
      const proof = review.proveRecords(review.querySync({ fromSeq: 24 }));
      review.close();
      assert.equal(proof.verdict, 'unsigned-tail');
      assert.deepEqual([...proof.rows.values()], ['signed', 'signed', ...Array<string>(n).fill('unsigned')]);
      // Appending would sign over the forged rows: refused, nothing written.
      assert.throws(() => openLog(t), refusedWith('AUDIT_LOG_DAMAGED', /not signed by this station/));
      assert.equal(verdictNow(t).lastRecordSeq, 25 + n);
    });
  });
}

for (const value of ['0', '1000000000']) {
  test(`checkpoint_every rewritten to ${value} in audit_meta → bad-genesis; the station refuses to open it`, async () => {
    await withLog(25, (t) => {
      sqlite3(
        t.file('audit.db'),
        `DROP TRIGGER audit_meta_no_update; UPDATE audit_meta SET value = '${value}' WHERE key = 'checkpoint_every';`,
      );
      const v = verdictNow(t);
      assert.equal(v.verdict, 'broken');
      assert.deepEqual([v.firstBreak?.seq, v.firstBreak?.kind], [0, 'bad-genesis']);
      assert.match(v.firstBreak!.message, /checkpoint interval/);
      assert.throws(() => openLog(t), refusedWith('AUDIT_LOG_DAMAGED', /settings signed at creation/));
    });
  });
}

test('the file replaced by an empty log, a young log of another station, or a fabricated one with the same station id → bad-genesis', async () => {
  await withLog(25, async (t) => {
    const other = tempDir();
    try {
      const cases: [string, () => Promise<void>][] = [
        [
          'an empty log made by another key',
          async () => openLog(other, { keyPath: other.file('k1.key') }).close(),
        ],
        [
          'a young log of another station',
          async () => {
            const l = openLog(other, { stationId: 'kiosk-77', keyPath: other.file('k2.key') });
            await appendMany(l, 5);
            l.close();
          },
        ],
        [
          'a fabricated short log with the same station id',
          async () => {
            const l = openLog(other, { stationId: 'kiosk-01', keyPath: other.file('k3.key') });
            await appendMany(l, 12);
            l.close();
          },
        ],
      ];
      for (const [what, make] of cases) {
        rmSync(other.file('audit.db'), { force: true });
        rmSync(other.file('audit.db.anchor'), { force: true });
        await make();
        sqlite3(other.file('audit.db'), 'PRAGMA wal_checkpoint(TRUNCATE);');
        copyFileSync(other.file('audit.db'), t.file('audit.db'));
        const v = verdictNow(t);
        assert.equal(v.verdict, 'broken', what);
        assert.deepEqual([v.firstBreak?.seq, v.firstBreak?.kind], [0, 'bad-genesis'], what);
        assert.match(v.firstBreak!.message, /not signed by the pinned key/, what);
        // the station itself refuses it too: the anchor beside the log names another log
        assert.throws(
          () => openLog(t),
          (e: unknown) => e instanceof AuditError,
          what,
        );
      }
    } finally {
      other.remove();
    }
  });
});

test('a genuine genesis with fabricated records (no signature) → nothing-signed; an empty genuine log → empty', async () => {
  const t = tempDir();
  try {
    openLog(t).close();
    const empty = verdictNow(t);
    assert.equal(empty.verdict, 'empty');
    assert.equal(empty.ok, false, 'nothing recorded is not "intact"');
    // The attacker writes records onto the genuine genesis with the genesis hash as prev_hash.
    const log = openForReview(t);
    const base = {
      schemaVersion: 1,
      seq: 1,
      recordId: randomUUID(),
      ts: new Date().toISOString(),
      stationId: 'kiosk-01',
      enrollmentId: randomUUID(),
      action: 'ENROLLMENT_FINISHED' as const,
      outcome: 'success' as const,
      errorCode: null,
      reason: null,
      operatorUpn: null,
      agentCertThumbprint: null,
      targetUser: 'mallory@corp.example',
      reader: null,
      cardEdge: null,
      cardAtr: null,
      cardSerial: '666',
      cardGuid: null,
      certTemplate: null,
      caRequestId: null,
      certSerial: null,
      certThumbprint: null,
      certNotBefore: null,
      certNotAfter: null,
    };
    const r: AuditRecord = { ...base, prevHash: log.genesisHash, hash: recordHash(base, log.genesisHash) };
    log.close();
    sqlite3(
      t.file('audit.db'),
      `INSERT INTO audit_log (${RECORD_FIELDS.map(column).join(', ')}) VALUES (${RECORD_FIELDS.map((f) => sqlValue(r[f])).join(', ')});`,
    );
    const v = verdictNow(t);
    assert.equal(v.verdict, 'nothing-signed');
    assert.equal(v.firstBreak, null, 'the chain itself is consistent');
  } finally {
    t.remove();
  }
});

test('truncation / roll-back to an older copy: the station refuses it by its anchor; the auditor catches it by the head they recorded', async () => {
  await withLog(10, async (t) => {
    sqlite3(t.file('audit.db'), 'PRAGMA wal_checkpoint(TRUNCATE);');
    copyFileSync(t.file('audit.db'), t.file('old-copy.db'));
    const log = openLog(t);
    await appendMany(log, 5);
    const recorded = { seq: 15, hash: log.querySync({ fromSeq: 15 })[0]!.hash };
    log.close();
    // restore the older copy (its -wal/-shm removed as a restore from backup would)
    rmSync(t.file('audit.db-wal'), { force: true });
    rmSync(t.file('audit.db-shm'), { force: true });
    copyFileSync(t.file('old-copy.db'), t.file('audit.db'));
    assert.equal(verdictNow(t).verdict, 'intact', 'locally consistent: nothing inside the file can tell');
    const review = openForReview(t);
    const v = review.verifySync({ anchors: [recorded] });
    review.close();
    assert.deepEqual([v.firstBreak?.seq, v.firstBreak?.kind], [11, 'truncated-tail']);
    assert.throws(() => openLog(t), refusedWith('AUDIT_LOG_MISSING', /rolled back/));
  });
});

test('a deleted log: the station refuses to start a new, empty one unannounced', async () => {
  await withLog(3, (t) => {
    rmSync(t.file('audit.db'));
    rmSync(t.file('audit.db-wal'), { force: true });
    rmSync(t.file('audit.db-shm'), { force: true });
    assert.throws(() => openLog(t), refusedWith('AUDIT_LOG_MISSING', /is missing.*through record 3/));
    assert.equal(existsSync(t.file('audit.db')), false, 'no new log was created');
    // an empty file in its place is no better
    closeSync(openSync(t.file('audit.db'), 'w'));
    assert.throws(() => openLog(t), refusedWith('AUDIT_LOG_MISSING'));
    // starting anew is deliberate: archive the anchor too
    rmSync(t.file('audit.db'));
    rmSync(t.file('audit.db.anchor'));
    const fresh = openLog(t);
    assert.equal(fresh.lastSeq(), 0);
    fresh.close();
  });
});

test('a symlinked anchor is refused, and the anchor is never written through one', async () => {
  await withLog(2, (t) => {
    rmSync(t.file('audit.db.anchor'));
    sqlite3(t.file('victim'), 'SELECT 1;');
    symlinkSync(t.file('victim'), t.file('audit.db.anchor'));
    const before = readFileSync(t.file('victim'));
    assert.throws(() => openLog(t), refusedWith('AUDIT_LOG_DAMAGED', /not a regular file/));
    assert.deepEqual(readFileSync(t.file('victim')), before);
  });
});

test('a page of random bytes in the database stops the station at open, naming the file', async () => {
  await withLog(400, (t) => {
    sqlite3(t.file('audit.db'), 'PRAGMA wal_checkpoint(TRUNCATE);');
    const pages = statSync(t.file('audit.db')).size / 4096;
    assert.ok(pages > 8);
    const fd = openSync(t.file('audit.db'), 'r+');
    writeSync(fd, randomBytes(4096), 0, 4096, 4096 * Math.floor(pages / 2));
    closeSync(fd);
    assert.throws(
      () => openLog(t),
      (e: unknown) =>
        e instanceof AuditError && e.code === 'AUDIT_LOG_DAMAGED' && e.message.includes(t.file('audit.db')),
    );
  });
});

test('two processes sharing one data folder append 300 records each at once: no failure, one valid chain', async () => {
  const t = tempDir();
  try {
    const worker = new URL('./append-worker.ts', import.meta.url).pathname;
    const run = (): Promise<{ stdout: string }> =>
      execFileP(process.execPath, [
        '--disable-warning=ExperimentalWarning',
        worker,
        t.file('audit.db'),
        t.file('keys/checkpoint.key'),
        '300',
      ]);
    // both start on a folder with no log yet: they also race to create the key and the genesis
    const [a, b] = await Promise.all([run(), run()]);
    const seqs = [...(JSON.parse(a.stdout) as number[]), ...(JSON.parse(b.stdout) as number[])].sort(
      (x, y) => x - y,
    );
    assert.deepEqual(
      seqs,
      Array.from({ length: 600 }, (_, i) => i + 1),
    );
    const v = verdictNow(t);
    assert.equal(v.verdict, 'intact');
    assert.equal(v.recordsChecked, 600);
    assert.equal(v.checkpointsChecked, 60, 'the periodic checkpoints, the last of them at the head');
  } finally {
    t.remove();
  }
});

test('appending keeps the signed head: a log edited in the middle still opens, and verify names the edit', async () => {
  await withLog(12, (t) => {
    sqlite3(
      t.file('audit.db'),
      "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET target_user = 'x@corp.example' WHERE seq = 4;",
    );
    const v = verdictNow(t);
    assert.deepEqual([v.firstBreak?.seq, v.firstBreak?.kind], [4, 'edited-row']);
  });
});
