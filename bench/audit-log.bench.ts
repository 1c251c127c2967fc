// Audit-log throughput at AUDIT_BENCH_N records (default 1,000,000). Not part of the test run:
//   . scripts/node22.sh && node --disable-warning=ExperimentalWarning bench/audit-log.bench.ts
//
// Every figure is reported next to references measured in the same run on the same disk, with the
// same table, columns, indexes and row values:
//   ref-1txn     plain INSERTs, no hashing/validation, all N rows in ONE transaction (bulk load bound)
//   ref-durable  plain INSERTs, no hashing/validation, one durable transaction per row
//                (WAL + synchronous=FULL, i.e. one fsync per row, the same durability append() gives)
//   log.append   SqliteAuditLog.append(): validation + secret guard + UUIDv7 + SHA-256 chain +
//                an Ed25519 signature of every record (and a checkpoint row every 1000) + one
//                durable transaction per record
//   ed25519      the signature append() adds per record, alone (same key, same message shape), to
//                set against ref-durable: what signing every record costs next to the fsync
// Open: opening the N-record log for writing (integrity check, genesis, head, anchor), which the
//   station does before every enrollment run.
// Verify: log.verify() over all N records (hash recomputation + checkpoint signatures) against
//   ref-scan     reading the same rows in the same pages into records, without hashing.
import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteAuditLog } from '../core/audit/sqlite-log.ts';
import { loadCheckpointKey } from '../core/audit/checkpoint-key.ts';
import { recordSignatureMessage } from '../core/audit/chain.ts';
import { RECORD_COLUMNS, recordFromRow } from '../core/audit/columns.ts';
import type { Row } from '../core/audit/columns.ts';
import type { AuditEvent } from '../core/audit/record.ts';

const N = Number(process.env.AUDIT_BENCH_N ?? 1_000_000);
const dir = mkdtempSync(path.join(process.env.AUDIT_BENCH_DIR ?? os.tmpdir(), 'audit-bench-'));
const ENROLLMENT = '0190f3c2-1111-4222-8333-444455556666';

function ev(i: number): AuditEvent {
  return {
    enrollmentId: ENROLLMENT,
    action: 'CERT_ISSUED',
    outcome: 'success',
    operator: { upn: 'alice.admin@corp.example', agentCertThumbprint: 'a'.repeat(40) },
    targetUser: `user${i % 997}@corp.example`,
    reader: 'Virtual PCD 00 00',
    card: { edge: 'piv', atr: '3bf81300008131fe15597562696b657934d4', serial: String(10_000_000 + i) },
    certificate: {
      template: 'SmartcardUser',
      caRequestId: i + 1,
      serial: '1a2b3c4d',
      thumbprint: 'b'.repeat(40),
      notBefore: '2025-01-01T00:00:00.000Z',
      notAfter: '2026-01-01T00:00:00.000Z',
    },
  };
}

function plainRow(i: number): (string | number | null)[] {
  const e = ev(i);
  return [
    1,
    i + 1,
    '0190f3c2-0000-7000-8000-' + String(i).padStart(12, '0'),
    new Date().toISOString(),
    'bench',
    e.enrollmentId,
    e.action,
    e.outcome,
    null,
    null,
    e.operator!.upn,
    e.operator!.agentCertThumbprint!,
    e.targetUser!,
    e.reader!,
    'piv',
    e.card!.atr!,
    e.card!.serial!,
    null,
    'SmartcardUser',
    i + 1,
    '1a2b3c4d',
    'b'.repeat(40),
    '2025-01-01T00:00:00.000Z',
    '2026-01-01T00:00:00.000Z',
    '0'.repeat(64),
    'f'.repeat(64),
  ];
}

function plainDb(file: string): { db: DatabaseSync; insert: ReturnType<DatabaseSync['prepare']> } {
  // Reuse the log's own DDL by creating a log and closing it, so tables and indexes are identical.
  new SqliteAuditLog({
    path: file,
    stationId: 'bench',
    keyPath: path.join(dir, 'ref.key'),
    checkpointEvery: 0,
  }).close();
  const db = new DatabaseSync(file);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;');
  const insert = db.prepare(
    `INSERT INTO audit_log (${RECORD_COLUMNS.join(', ')}) VALUES (${RECORD_COLUMNS.map(() => '?').join(', ')})`,
  );
  return { db, insert };
}

function rate(n: number, ms: number): string {
  return `${Math.round(n / (ms / 1000)).toLocaleString('en-US')} rec/s (${(ms / 1000).toFixed(1)} s)`;
}

function time(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

console.log(`audit-log bench: N=${N.toLocaleString('en-US')}, dir=${dir}, node ${process.version}`);

const ref1 = plainDb(path.join(dir, 'ref1.db'));
const tRef1 = time(() => {
  ref1.db.exec('BEGIN');
  for (let i = 0; i < N; i++) ref1.insert.run(...plainRow(i));
  ref1.db.exec('COMMIT');
});
ref1.db.close();
console.log(`ref-1txn     ${rate(N, tRef1)}`);

const ref2 = plainDb(path.join(dir, 'ref2.db'));
const tRef2 = time(() => {
  for (let i = 0; i < N; i++) {
    ref2.db.exec('BEGIN IMMEDIATE');
    ref2.insert.run(...plainRow(i));
    ref2.db.exec('COMMIT');
  }
});
ref2.db.close();
console.log(`ref-durable  ${rate(N, tRef2)}`);

const logFile = path.join(dir, 'log.db');
const log = new SqliteAuditLog({
  path: logFile,
  stationId: 'bench',
  keyPath: path.join(dir, 'log.key'),
  checkpointEvery: 1000,
});
const tAppendStart = performance.now();
for (let i = 0; i < N; i++) await log.append(ev(i));
const tAppend = performance.now() - tAppendStart;
console.log(`log.append   ${rate(N, tAppend)}`);

const signer = loadCheckpointKey(path.join(dir, 'log.key'));
const SIGNS = Math.min(N, 20_000);
const sample = log.querySync({ fromSeq: 1, limit: 1 })[0]!;
const tSign = time(() => {
  for (let i = 0; i < SIGNS; i++)
    signer.sign(recordSignatureMessage({ ...sample, seq: i + 1 }, 'bench', signer.fingerprint));
});
console.log(`ed25519      ${rate(SIGNS, tSign)}  (${((tSign / SIGNS) * 1000).toFixed(0)} µs per signature)`);

const scan = new DatabaseSync(logFile, { readOnly: true });
const page = scan.prepare('SELECT * FROM audit_log WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?');
let scanned = 0;
const tScan = time(() => {
  let next = 1;
  for (;;) {
    const rows = page.all(next, N, 5000) as Row[];
    if (rows.length === 0) break;
    for (const r of rows) if (recordFromRow(r).seq > 0) scanned++;
    next = Number(rows[rows.length - 1]!.seq) + 1;
  }
});
scan.close();
console.log(`ref-scan     ${rate(scanned, tScan)}`);

const tVerifyStart = performance.now();
const v = await log.verify();
const tVerify = performance.now() - tVerifyStart;
console.log(
  `log.verify   ${rate(v.recordsChecked, tVerify)}  ok=${v.ok} checkpoints=${v.checkpointsChecked}`,
);
log.close();
const tOpen = time(() =>
  new SqliteAuditLog({ path: logFile, stationId: 'bench', keyPath: path.join(dir, 'log.key') }).close(),
);
console.log(
  `open         ${tOpen.toFixed(0)} ms to open the ${N.toLocaleString('en-US')}-record log for writing`,
);

const size = statSync(logFile).size;
console.log('');
console.log('ratios (log / reference; > 1 means the log takes longer):');
console.log(`  append vs ref-durable (same durability)   ${(tAppend / tRef2).toFixed(2)}x time`);
console.log(`  append vs ref-1txn (bulk, not durable per row) ${(tAppend / tRef1).toFixed(2)}x time`);
console.log(`  verify vs ref-scan                         ${(tVerify / tScan).toFixed(2)}x time`);
console.log(
  `  one signature vs one durable row (ref-durable) ${(tSign / SIGNS / (tRef2 / N)).toFixed(3)}x time (signing every record)`,
);
console.log(
  `  log file ${(size / 1e6).toFixed(0)} MB for ${N.toLocaleString('en-US')} records (${Math.round(size / N)} B/record)`,
);
if (!process.env.AUDIT_BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
