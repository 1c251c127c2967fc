// Hash chain and checkpoint encodings. These byte layouts are part of the log format: an auditor's
// offline verifier must reproduce them exactly, so they are spelled out here and never depend on
// object key order or locale.
//
//   canonical(record) = JSON.stringify([v1, v2, …])   values of HASHED_FIELDS in that order,
//                                                       absent values as null
//   hash(record)      = hex(SHA-256("station-audit/v1\n" + prevHash + "\n" + canonical(record)))
//   prevHash(seq 1)   = GENESIS_HASH = 64 × "0"
//
// The station id is inside every record's canonical form, so a chain cannot be spliced into
// another station's log even though the genesis value is shared.
import { createHash, randomBytes } from 'node:crypto';
import { HASHED_FIELDS } from './record.ts';
import type { Checkpoint, HashedFields } from './record.ts';

export const GENESIS_HASH = '0'.repeat(64);
const RECORD_DOMAIN = 'station-audit/v1\n';
const CHECKPOINT_DOMAIN = 'station-audit-checkpoint/v1\n';

export function canonicalRecord(r: HashedFields): string {
  return JSON.stringify(HASHED_FIELDS.map((f) => r[f] ?? null));
}

export function recordHash(r: HashedFields, prevHash: string): string {
  return createHash('sha256')
    .update(RECORD_DOMAIN + prevHash + '\n' + canonicalRecord(r), 'utf8')
    .digest('hex');
}

/** The exact bytes an Ed25519 checkpoint signature covers. */
export function checkpointMessage(
  c: Pick<Checkpoint, 'stationId' | 'seq' | 'hash' | 'ts' | 'keyFingerprint'>,
): Buffer {
  return Buffer.from(
    CHECKPOINT_DOMAIN + JSON.stringify([c.stationId, c.seq, c.hash, c.ts, c.keyFingerprint]),
    'utf8',
  );
}

/** RFC 9562 UUIDv7: time-ordered, so record ids sort like their timestamps. */
export function uuidv7(nowMs: number): string {
  const b = randomBytes(16);
  b.writeUIntBE(nowMs, 0, 6);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const GENESIS_DOMAIN = 'station-audit-genesis/v1\n';

/**
 * The settings a verifier relies on, fixed when the log is created and signed as the checkpoint at
 * seq 0. Record 1 chains to genesisHash(), so the records are bound to these settings: rewriting
 * checkpoint_every, the station id or the key fingerprint in audit_meta breaks the genesis
 * signature, and a log started afresh (new log id) cannot pass for the old one.
 */
export interface Genesis {
  readonly schemaVersion: number;
  readonly stationId: string;
  /** random UUID chosen at creation: two logs of one station never share a genesis */
  readonly logId: string;
  readonly createdAt: string;
  readonly keyFingerprint: string;
  readonly checkpointEvery: number;
}

export function genesisHash(g: Genesis): string {
  return createHash('sha256')
    .update(
      GENESIS_DOMAIN +
        JSON.stringify([
          g.schemaVersion,
          g.stationId,
          g.logId,
          g.createdAt,
          g.keyFingerprint,
          g.checkpointEvery,
        ]),
      'utf8',
    )
    .digest('hex');
}

/**
 * What a record's own signature covers: the checkpoint statement "station S had record seq with
 * hash H", dated with the record's ts. One encoding for the genesis, periodic checkpoints and
 * per-record signatures, so one verifier checks them all.
 */
export function recordSignatureMessage(
  r: { readonly seq: number; readonly hash: string; readonly ts: string },
  stationId: string,
  keyFingerprint: string,
): Buffer {
  return checkpointMessage({ stationId, seq: r.seq, hash: r.hash, ts: r.ts, keyFingerprint });
}
