// The auditor screens' query path at 1,000,000 records, next to a plain SQLite query of the same
// rows in the same run. Not part of the test run:
//   node --disable-warning=ExperimentalWarning bench/auditor-screens.bench.ts
//   AUDITOR_BENCH_N=1000000 (default)  AUDITOR_BENCH_RUNS=40  AUDITOR_BENCH_DB=/path/kept.sqlite
//
// The kiosk answers in its main process (no process start per query, unlike `station audit list`
// in bench/audit-query.bench.ts): each auditLog call opens the log read-only, runs the query,
// proves the page's rows (hash + own signature, the signed genesis, the newest signature) and
// looks up each row's ENROLLMENT_STARTED time. That whole call is timed, as the handler runs it.
// The reference is node:sqlite on an already open connection running the same SELECT … LIMIT 51,
// without the proof or the start times: the floor for the same rows.
// The overview is one GROUP BY in the log (finishedByDay over the partial index
// audit_log_finished_ts), its reference the same kind of GROUP BY on the open connection. Before
// it, the overview counted every finished record in JS: 235 / 453 ms p50 / p95 against 5 / 14 ms
// for the reference; after, 9 / 16 ms against 6 / 17 (1,000,000 records, load 8–9 on 2 CPUs;
// docs/audit-log.md §6 has the whole table).
import { DatabaseSync } from 'node:sqlite';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteAuditLog } from '../core/audit/sqlite-log.ts';
import { appendGeneratedEnrollments } from '../dev/audit-bulk.ts';
import { enrollmentEvents, enrollmentRows, overview } from '../station/auditor.ts';

const N = Number(process.env.AUDITOR_BENCH_N ?? 1_000_000);
const RUNS = Number(process.env.AUDITOR_BENCH_RUNS ?? 40);
const STATION = 'kiosk-bench';
const work = mkdtempSync(path.join(os.tmpdir(), 'auditor-bench-'));
const db = process.env.AUDITOR_BENCH_DB ?? path.join(work, 'audit.sqlite');
const keyFile = path.join(path.dirname(db), 'audit-signing.key');

if (!existsSync(db) || statSync(db).size === 0) {
  const t0 = performance.now();
  const log = new SqliteAuditLog({ path: db, keyPath: keyFile, stationId: STATION, checkpointEvery: 100 });
  log.appendSync({ enrollmentId: crypto.randomUUID(), action: 'CONFIG_CHANGED', outcome: 'success' });
  log.close();
  appendGeneratedEnrollments({
    db,
    keyFile,
    stationId: STATION,
    checkpointEvery: 100,
    records: N - 1,
    start: new Date('2026-01-01T08:00:00.000Z'),
    spacingMs: 40_000,
  });
  console.log(
    `built ${N.toLocaleString('en-US')} records in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
}
{
  // open once for writing, as the station does when it starts: a log seeded by an older version
  // gains the indexes added since (audit_log_finished_ts for the overview), built here once
  const t0 = performance.now();
  new SqliteAuditLog({ path: db, keyPath: keyFile, stationId: STATION, integrityCheck: false }).close();
  console.log(`opened for writing (schema current) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
console.log(
  `auditor-screens bench: ${db} (${(statSync(db).size / 1e6).toFixed(0)} MB), runs=${RUNS}, node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}`,
);

const source = { db, stationId: STATION };
// the generated enrollments start on 1 January, 40 s apart: about 51 days at 1,000,000 records,
// so the time-range variants below fall inside the data
// enrollment e's card serial is 20000000 + e; holders repeat every 20,000 enrollments
const mid = Math.floor(N / 9 / 2);
const filters: Array<
  [string, Parameters<typeof enrollmentRows>[0]['filter'], number | undefined, string, unknown[]]
> = [
  ['first page', {}, undefined, '', []],
  ['cardholder', { targetUser: 'CORP\\user7919' }, undefined, 'AND target_user = ?', ['CORP\\user7919']],
  [
    'card serial',
    { card: String(20_000_000 + mid) },
    undefined,
    'AND (card_serial = ? OR card_guid = ?)',
    [String(20_000_000 + mid), String(20_000_000 + mid)],
  ],
  ['operator', { operatorUpn: 'op5@corp.example' }, undefined, 'AND operator_upn = ?', ['op5@corp.example']],
  ['outcome failure', { outcome: 'failure' }, undefined, 'AND outcome = ?', ['failure']],
  [
    'one hour',
    { from: '2026-01-20T10:00:00Z', to: '2026-01-20T11:00:00Z' },
    undefined,
    'AND ts >= ? AND ts < ?',
    ['2026-01-20T10:00:00.000Z', '2026-01-20T11:00:00.000Z'],
  ],
  ['template', { template: 'SmartcardUser' }, undefined, 'AND cert_template = ?', ['SmartcardUser']],
  ['page after seq 900,000', {}, Math.floor(N * 0.9), 'AND seq >= ?', [Math.floor(N * 0.9) + 1]],
];

const plain = new DatabaseSync(db, { readOnly: true });
const sample = enrollmentRows({ ...source, filter: {}, limit: 1, afterSeq: Math.floor(N / 2) }).rows[0]!;
const times = new Map<string, number[]>();
const time = (name: string, f: () => unknown): void => {
  const t = performance.now();
  f();
  const ms = performance.now() - t;
  times.set(name, [...(times.get(name) ?? []), ms]);
};
for (let i = 0; i < RUNS; i++) {
  for (const [name, filter, afterSeq, sql, params] of filters) {
    time(`screen  ${name}`, () =>
      enrollmentRows({ ...source, filter, limit: 50, ...(afterSeq === undefined ? {} : { afterSeq }) }),
    );
    time(`sqlite  ${name}`, () =>
      plain
        .prepare(`SELECT * FROM audit_log WHERE action = 'ENROLLMENT_FINISHED' ${sql} ORDER BY seq LIMIT 51`)
        .all(...(params as (string | number)[])),
    );
  }
  time('screen  events of one enrollment', () => enrollmentEvents(source, sample.enrollmentId));
  time('sqlite  events of one enrollment', () =>
    plain.prepare('SELECT * FROM audit_log WHERE enrollment_id = ? ORDER BY seq').all(sample.enrollmentId),
  );
  time('screen  overview of one week', () =>
    overview({ ...source, filter: { from: '2026-01-20T00:00:00Z', to: '2026-01-27T00:00:00Z' } }),
  );
  time('sqlite  overview of one week', () =>
    plain
      .prepare(
        "SELECT substr(ts, 1, 10) AS day, reason, count(*) FROM audit_log WHERE action = 'ENROLLMENT_FINISHED' AND ts >= ? AND ts < ? GROUP BY day, reason",
      )
      .all('2026-01-20T00:00:00.000Z', '2026-01-27T00:00:00.000Z'),
  );
}
plain.close();

const pct = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
console.log(
  "\nwall ms per call, p50 / p95 (screen = the auditLog handler's work; sqlite = the same SELECT on an open connection)",
);
for (const [name, ts] of times) {
  const s = [...ts].sort((a, b) => a - b);
  console.log(
    `${name.padEnd(40)} ${pct(s, 0.5).toFixed(1).padStart(7)} / ${pct(s, 0.95).toFixed(1).padStart(7)}`,
  );
}
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
