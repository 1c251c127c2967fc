// Generated enrollments appended to a genuine enrollment log, for the auditor screens' test and
// the query benchmark: each record is written with the log's own encodings (chain.ts, columns.ts)
// and signed with the station's key, with the periodic checkpoints, so the log verifies intact
// afterwards. One transaction, synchronous off: this is test data, not an enrollment.
import { randomUUID } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';
import { loadCheckpointKey } from '../core/audit/checkpoint-key.ts';
import { checkpointMessage, recordHash, recordSignatureMessage } from '../core/audit/chain.ts';
import { RECORD_COLUMNS, recordValues } from '../core/audit/columns.ts';
import type { AuditAction, AuditOutcome, AuditRecord } from '../core/audit/record.ts';

export interface BulkOptions {
  readonly db: string;
  readonly keyFile: string;
  readonly stationId: string;
  readonly checkpointEvery: number;
  /** records to append (the last enrollment may be cut short to hit it exactly) */
  readonly records: number;
  /** the first enrollment's start; enrollments follow each other `spacingMs` apart */
  readonly start: Date;
  readonly spacingMs: number;
}

/** How many generated enrollments ended how, per UTC day (only enrollments whose FINISHED record was written). */
export type BulkCounts = Record<string, Record<string, number>>;

type Step = readonly [AuditAction, AuditOutcome, string | null, string | null];

const ISSUED: readonly Step[] = [
  ['ENROLLMENT_STARTED', 'started', null, null],
  ['CARD_IDENTIFIED', 'success', null, null],
  ['KEYGEN', 'success', null, null],
  ['CSR_CREATED', 'success', null, null],
  ['CERTSRV_SUBMIT', 'started', null, null],
  ['CERT_ISSUED', 'success', null, null],
  ['CERT_INSTALLED', 'success', null, null],
  ['PIN_CHANGED', 'success', null, null],
  ['ENROLLMENT_FINISHED', 'success', null, 'issued'],
];
const PIN_NOT_CHANGED: readonly Step[] = [
  ...ISSUED.slice(0, 7),
  ['PIN_CHANGE_SKIPPED', 'success', null, null],
  ['ENROLLMENT_FINISHED', 'success', 'PIN_NOT_CHANGED', 'issued-pin-not-changed'],
];
const DENIED: readonly Step[] = [
  ['ENROLLMENT_STARTED', 'started', null, null],
  ['CARD_IDENTIFIED', 'success', null, null],
  ['CERT_DENIED', 'failure', '0x80094012', null],
  ['ENROLLMENT_FINISHED', 'failure', 'CA_DENIED', 'denied'],
];

/** The shape of enrollment e: one in 20 denied, one in 10 left with the PIN not changed. */
export function bulkKind(e: number): 'issued' | 'issued-pin-not-changed' | 'denied' {
  return e % 20 === 7 ? 'denied' : e % 10 === 3 ? 'issued-pin-not-changed' : 'issued';
}

export function appendGeneratedEnrollments(o: BulkOptions): BulkCounts {
  const key = loadCheckpointKey(o.keyFile);
  const db = new DatabaseSync(o.db);
  const counts: BulkCounts = {};
  try {
    const head = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
      { seq: number; hash: string } | undefined;
    if (head === undefined) throw new Error('the log has no record to chain onto; enroll once first');
    let seq = Number(head.seq);
    let prev = String(head.hash);
    const last = seq + o.records;
    db.exec('PRAGMA synchronous = OFF; BEGIN');
    const insert = db.prepare(
      `INSERT INTO audit_log (${RECORD_COLUMNS.join(', ')}) VALUES (${RECORD_COLUMNS.map(() => '?').join(', ')})`,
    );
    const sign = db.prepare('INSERT INTO audit_signature (seq, signature) VALUES (?, ?)');
    const cp = db.prepare(
      'INSERT INTO audit_checkpoint (seq, hash, ts, station_id, key_fingerprint, signature) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (let e = 0; seq < last; e++) {
      const kind = bulkKind(e);
      const steps = kind === 'denied' ? DENIED : kind === 'issued' ? ISSUED : PIN_NOT_CHANGED;
      const enrollmentId = randomUUID();
      const begin = o.start.getTime() + e * o.spacingMs;
      for (const [i, [action, outcome, errorCode, reason]] of steps.entries()) {
        if (seq >= last) break;
        seq++;
        const base = {
          schemaVersion: 1,
          seq,
          recordId: randomUUID(),
          ts: new Date(begin + i * 1500).toISOString(),
          stationId: o.stationId,
          enrollmentId,
          action,
          outcome,
          errorCode,
          reason,
          operatorUpn: `op${e % 12}@corp.example`,
          agentCertThumbprint: 'a'.repeat(40),
          targetUser: `CORP\\user${(e * 7919) % 20_000}`,
          reader: 'Virtual PCD 00 00',
          cardEdge: 'piv' as const,
          cardAtr: '3bf81300008131fe15597562696b657934d4',
          cardSerial: String(20_000_000 + e),
          cardGuid: null,
          certTemplate: 'SmartcardUser',
          caRequestId: action === 'ENROLLMENT_STARTED' || action === 'CARD_IDENTIFIED' ? null : 50_000 + e,
          certSerial: kind !== 'denied' && i >= 5 ? (e + 0x100000).toString(16) : null,
          certThumbprint: null,
          certNotBefore: null,
          certNotAfter: null,
        };
        const r: AuditRecord = { ...base, prevHash: prev, hash: recordHash(base, prev) };
        insert.run(...recordValues(r));
        sign.run(
          seq,
          Buffer.from(key.sign(recordSignatureMessage(r, o.stationId, key.fingerprint)), 'base64'),
        );
        if (seq % o.checkpointEvery === 0)
          cp.run(
            seq,
            r.hash,
            r.ts,
            o.stationId,
            key.fingerprint,
            key.sign(checkpointMessage({ ...r, keyFingerprint: key.fingerprint })),
          );
        prev = r.hash;
        if (action === 'ENROLLMENT_FINISHED' && reason !== null) {
          const day = (counts[r.ts.slice(0, 10)] ??= {});
          day[reason] = (day[reason] ?? 0) + 1;
        }
      }
    }
    db.exec('COMMIT');
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return counts;
}
