// The auditor overview's counts (finishedByDay, one GROUP BY in SQL) and a page's start times
// (firstTimes, one IN query) against a straightforward walk over querySync's records, on a log
// spanning several UTC days with enrollments that ended in different ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import type { AuditFilter } from '../../core/audit/audit-log.ts';
import type { AuditEvent } from '../../core/audit/record.ts';
import type { SqliteAuditLog } from '../../core/audit/sqlite-log.ts';
import { event, openForReview, openLog, tempDir } from './fixtures.ts';
import type { TempDir } from './fixtures.ts';

type Counts = { day: string; status: string; count: number }[];

/** The overview as the screen computed it before: every FINISHED record, counted in JS. */
function walked(log: SqliteAuditLog, filter: Omit<AuditFilter, 'action' | 'limit' | 'offset'>): Counts {
  const out: Counts = [];
  for (const r of log.querySync({ ...filter, action: 'ENROLLMENT_FINISHED' })) {
    const day = r.ts.slice(0, 10);
    const status = r.reason ?? r.outcome;
    const c = out.find((x) => x.day === day && x.status === status);
    if (c) c.count++;
    else out.push({ day, status, count: 1 });
  }
  return out.sort((a, b) => a.day.localeCompare(b.day)); // stable: first-met order within a day
}

const ENDINGS: readonly Pick<AuditEvent, 'outcome' | 'reason' | 'errorCode'>[] = [
  { outcome: 'success', reason: 'issued' },
  { outcome: 'success', reason: 'issued-pin-not-changed', errorCode: 'PIN_NOT_CHANGED' },
  { outcome: 'failure', reason: 'denied', errorCode: 'CA_DENIED' },
  { outcome: 'failure' }, // no reason: the status is the outcome
  { outcome: 'aborted', reason: 'rolled-back' },
];

async function seeded(t: TempDir): Promise<void> {
  // starts 50 minutes before midnight UTC; uneven steps cross several day boundaries
  let clock = Date.parse('2026-03-01T23:10:00.000Z');
  const log = openLog(t, { clock: () => new Date(clock) });
  for (let e = 0; e < 90; e++) {
    const enrollmentId = randomUUID();
    const who = {
      operator: { upn: `op${e % 3}@corp.example` },
      targetUser: `CORP\\user${e % 4}`,
      card: { edge: 'piv' as const, serial: `${20000 + (e % 6)}` },
    };
    // every seventh enrollment has no STARTED record (a log that begins mid-enrollment)
    if (e % 7 !== 5)
      await log.append(event({ ...who, enrollmentId, action: 'ENROLLMENT_STARTED', outcome: 'started' }));
    clock += 60_000;
    // a start written twice (a retried run): the first one is the start
    if (e % 13 === 6)
      await log.append(event({ ...who, enrollmentId, action: 'ENROLLMENT_STARTED', outcome: 'started' }));
    await log.append(
      event({ ...who, enrollmentId, action: 'CERT_ISSUED', outcome: e % 5 === 2 ? 'failure' : 'success' }),
    );
    clock += (e % 4) * 61 * 60_000 + 7 * 60_000;
    // every eleventh enrollment never finished
    if (e % 11 !== 4)
      await log.append(
        event({
          ...who,
          enrollmentId,
          action: 'ENROLLMENT_FINISHED',
          ...ENDINGS[(e * 7) % ENDINGS.length]!,
          certificate: { template: e % 2 === 0 ? 'SmartcardUser' : 'SmartcardLogon' },
        }),
      );
    clock += 23 * 60_000;
  }
  log.close();
}

const FILTERS: Omit<AuditFilter, 'action' | 'limit' | 'offset'>[] = [
  {},
  { from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' },
  { from: '2026-03-02T13:30:00Z' },
  { to: '2026-03-02T05:00:00Z' },
  { operatorUpn: 'op1@corp.example' },
  { targetUser: 'CORP\\user2' },
  { card: '20003' },
  { outcome: 'failure' },
  { template: 'SmartcardLogon' },
  { operatorUpn: 'op2@corp.example', outcome: 'success', from: '2026-03-02T10:00:00Z' },
  { fromSeq: 40, toSeq: 200 },
  { operatorUpn: 'nobody@corp.example' },
];

test('overview counts in SQL equal a walk over the records, for every filter', async () => {
  const t = tempDir();
  try {
    await seeded(t);
    const log = openForReview(t);
    const all = walked(log, {});
    assert.ok(new Set(all.map((c) => c.day)).size >= 4, `the log spans several days: ${JSON.stringify(all)}`);
    assert.equal(new Set(all.map((c) => c.status)).size, 5, 'every status occurs, including a bare outcome');
    for (const f of FILTERS) assert.deepEqual(log.finishedByDay(f), walked(log, f), JSON.stringify(f));
    assert.deepEqual(log.finishedByDay({ operatorUpn: 'nobody@corp.example' }), []);
    assert.throws(() => log.finishedByDay({ outcome: 'nonsense' as 'failure' }), /outcome/);
    log.close();
  } finally {
    t.remove();
  }
});

test('an older log without the overview index answers the same counts, and gains it when opened for writing', async () => {
  const t = tempDir();
  try {
    await seeded(t);
    const indexed = (): boolean => {
      const db = new DatabaseSync(t.file('audit.db'), { readOnly: true });
      const row = db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'audit_log_finished_ts'")
        .get();
      db.close();
      return row !== undefined;
    };
    const review = openForReview(t);
    const expected = FILTERS.map((f) => review.finishedByDay(f));
    review.close();
    assert.ok(indexed());
    // what a log written by the version before this index looks like
    const db = new DatabaseSync(t.file('audit.db'));
    db.exec('DROP INDEX audit_log_finished_ts');
    db.close();
    assert.ok(!indexed());
    const old = openForReview(t);
    assert.deepEqual(
      FILTERS.map((f) => old.finishedByDay(f)),
      expected,
    );
    old.close();
    openLog(t).close();
    assert.ok(indexed(), 'the writable open creates the index');
    const verified = openForReview(t);
    assert.equal((await verified.verify()).ok, true, 'the log still verifies');
    verified.close();
  } finally {
    t.remove();
  }
});

test("a page's start times in one query equal one query per enrollment", async () => {
  const t = tempDir();
  try {
    await seeded(t);
    const log = openForReview(t);
    const finished = log.querySync({ action: 'ENROLLMENT_FINISHED' });
    const ids = finished.map((f) => f.enrollmentId);
    const starts = log.firstTimes('ENROLLMENT_STARTED', [...ids, randomUUID()]);
    let missing = 0;
    for (const id of ids) {
      const one = log.querySync({ enrollmentId: id, action: 'ENROLLMENT_STARTED', limit: 1 })[0];
      assert.equal(starts.get(id), one?.ts, id);
      if (one === undefined) missing++;
    }
    assert.ok(missing > 0 && missing < ids.length, 'some enrollments have no STARTED record');
    const twice = log.querySync({ action: 'ENROLLMENT_STARTED' }).length - (ids.length - missing);
    assert.ok(twice > 0, 'some enrollments have two STARTED records');
    assert.equal(starts.size, ids.length - missing);
    assert.equal(log.firstTimes('ENROLLMENT_STARTED', []).size, 0);
    // upper case ids, as a caller may hold them, find the same rows
    assert.equal(
      log.firstTimes('ENROLLMENT_STARTED', [ids[0]!.toUpperCase()]).get(ids[0]!),
      starts.get(ids[0]!),
    );
    log.close();
  } finally {
    t.remove();
  }
});
