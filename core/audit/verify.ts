// Chain verification, independent of where the records live (local SQLite, the central PostgreSQL
// copy, an export file). Records are pushed in seq order so a million-record log streams through
// in constant memory. The FIRST break by seq is reported; later ones follow from it.
import type { KeyObject } from 'node:crypto';
import { GENESIS_HASH, checkpointMessage, recordHash } from './chain.ts';
import { publicKeyFingerprint, verifySignature } from './checkpoint-key.ts';
import type { AuditRecord, Checkpoint } from './record.ts';

export type BreakKind =
  /** the stored hash does not match the record's content: a field was edited */
  | 'edited-row'
  /** a seq is missing: a row was deleted */
  | 'sequence-gap'
  /** prevHash does not match the hash of the record before: a row was removed/inserted and the rest renumbered */
  | 'chain-break'
  /** a checkpoint or anchor refers to a record past the end of the log: the tail was cut off */
  | 'truncated-tail'
  /** the checkpoint signature does not verify with the pinned key */
  | 'bad-checkpoint-signature'
  /** a validly signed checkpoint names a different hash: the log was rewritten consistently */
  | 'checkpoint-mismatch'
  /** a periodic checkpoint is absent: checkpoint rows were removed */
  | 'missing-checkpoint'
  /** an externally held (seq, hash) anchor, e.g. from the central copy, does not match */
  | 'anchor-mismatch'
  /** the signed genesis (station id, key fingerprint, checkpoint interval) is missing, forged or was rewritten */
  | 'bad-genesis';

/**
 * The answer in one word. Only 'intact' means proven: every record up to the newest one is under
 * a valid signature of the pinned key, on a valid signed genesis.
 *   broken          firstBreak names the first record (or 0: the genesis) that fails
 *   empty           a valid signed genesis and no records: nothing recorded yet
 *   nothing-signed  records, none of them under a valid signature
 *   unsigned-tail   records newer than the last valid signature (the station signs every record,
 *                   so these were not written by it, or the signature rows were removed)
 *   intact          proven through the newest record; truncation or roll-back to an older copy is
 *                   visible only against an outside anchor (expected head, central copy)
 */
export type Verdict = 'intact' | 'broken' | 'empty' | 'nothing-signed' | 'unsigned-tail';

export const VERDICTS: readonly Verdict[] = ['intact', 'broken', 'empty', 'nothing-signed', 'unsigned-tail'];

export interface VerifyBreak {
  readonly seq: number;
  readonly kind: BreakKind;
  readonly message: string;
}

export interface VerifyRange {
  readonly fromSeq?: number;
  readonly toSeq?: number;
}

export interface ChainAnchor {
  readonly seq: number;
  readonly hash: string;
}

export interface VerifyOptions {
  readonly stationId: string;
  /** the pinned checkpoint public key */
  readonly publicKey: KeyObject;
  /** periodic checkpoint interval the log was created with (0 = none expected) */
  readonly checkpointEvery: number;
  /** hash of record fromSeq-1 (GENESIS_HASH when fromSeq is 1) */
  readonly prevHash: string;
  readonly fromSeq: number;
  /** every checkpoint of the log with seq >= fromSeq, any order */
  readonly checkpoints: readonly Checkpoint[];
  /** externally held (seq, hash) pairs to compare against */
  readonly anchors?: readonly ChainAnchor[];
  /** seq of the last record in the whole log (for the truncation check) */
  readonly lastRecordSeq: number;
}

export interface VerifyResult {
  /** true only for verdict 'intact' */
  readonly ok: boolean;
  readonly verdict: Verdict;
  readonly stationId: string;
  /** the span actually walked */
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly recordsChecked: number;
  readonly checkpointsChecked: number;
  readonly lastRecordSeq: number;
  readonly lastCheckpointSeq: number | null;
  /** highest seq whose chain is vouched for by a valid checkpoint in the walked span (0 = none) */
  readonly signedThroughSeq: number;
  /** records after signedThroughSeq: intact chain, but only an external anchor can prove nothing was cut after them */
  readonly unsignedTail: number;
  readonly keyFingerprint: string;
  readonly firstBreak: VerifyBreak | null;
  /** hash of the last record walked (the genesis hash for an empty log): what an auditor records as the head */
  readonly headHash: string;
  /** anchors that matched a record (outside proof that the log reached that far) */
  readonly anchorsMatched: number;
}

export function verdictOf(
  v: Pick<VerifyResult, 'firstBreak' | 'lastRecordSeq' | 'signedThroughSeq' | 'toSeq'>,
): Verdict {
  if (v.firstBreak) return 'broken';
  if (v.lastRecordSeq === 0) return 'empty';
  if (v.signedThroughSeq === 0) return 'nothing-signed';
  return v.signedThroughSeq < v.toSeq ? 'unsigned-tail' : 'intact';
}

/** How one record stands on its own: its content against its hash, its hash against its signature. */
export type RowProof = 'signed' | 'unsigned' | 'edited' | 'bad-signature';

/**
 * A partial verification: the given rows, the signed genesis and the newest signature (the head).
 * It proves each 'signed' row is exactly what the station wrote at that seq, and that the settings
 * and the head are genuine. It does not prove the rows not looked at, nor that no row is missing
 * between them (a filter's answer may be incomplete); only verify() walks the whole chain.
 */
export interface RecordsProof {
  readonly verdict: Verdict;
  readonly genesis: VerifyBreak | null;
  /** newest record with a signature, and the check of that signature */
  readonly headSignedSeq: number;
  readonly head: VerifyBreak | null;
  readonly lastRecordSeq: number;
  readonly rows: ReadonlyMap<number, RowProof>;
  readonly keyFingerprint: string;
}

export class ChainVerifier {
  readonly #o: VerifyOptions;
  readonly #checkpoints = new Map<number, Checkpoint>();
  readonly #anchors = new Map<number, string>();
  readonly #fingerprint: string;
  #expectedSeq: number;
  #prevHash: string;
  #lastSeq = 0;
  #records = 0;
  #checkpointsChecked = 0;
  #signedThrough = 0;
  #anchorsMatched = 0;
  #break: VerifyBreak | null = null;

  /** A break found before the walk (e.g. in the genesis); reported as the first break. */
  fail(seq: number, kind: BreakKind, message: string): void {
    this.#fail(seq, kind, message);
  }

  constructor(o: VerifyOptions) {
    this.#o = o;
    for (const c of o.checkpoints) this.#checkpoints.set(c.seq, c);
    for (const a of o.anchors ?? []) this.#anchors.set(a.seq, a.hash);
    this.#fingerprint = publicKeyFingerprint(o.publicKey);
    this.#expectedSeq = o.fromSeq;
    this.#prevHash = o.prevHash;
    this.#lastSeq = o.fromSeq - 1;
  }

  get broken(): boolean {
    return this.#break !== null;
  }

  #fail(seq: number, kind: BreakKind, message: string): void {
    if (this.#break === null || seq < this.#break.seq) this.#break = { seq, kind, message };
  }

  /** Feed the next record (ascending seq). Returns false once a break has been found. */
  push(r: AuditRecord): boolean {
    if (this.#break) return false;
    const s = r.seq;
    this.#records++;
    if (s !== this.#expectedSeq) {
      this.#fail(
        this.#expectedSeq,
        'sequence-gap',
        `record ${this.#expectedSeq} is missing (next present is ${s})`,
      );
      return false;
    }
    if (recordHash(r, r.prevHash) !== r.hash) {
      this.#fail(s, 'edited-row', `record ${s} does not match its hash: its content was changed`);
      return false;
    }
    if (r.prevHash !== this.#prevHash) {
      this.#fail(s, 'chain-break', `record ${s} does not chain to record ${s - 1}`);
      return false;
    }
    if (r.stationId !== this.#o.stationId) {
      this.#fail(s, 'edited-row', `record ${s} belongs to station ${r.stationId}, not ${this.#o.stationId}`);
      return false;
    }
    const anchor = this.#anchors.get(s);
    if (anchor !== undefined && anchor !== r.hash) {
      this.#fail(s, 'anchor-mismatch', `record ${s} differs from the externally held copy`);
      return false;
    }
    if (anchor !== undefined) this.#anchorsMatched++;
    const cp = this.#checkpoints.get(s);
    if (cp) {
      this.#checkpointsChecked++;
      if (
        cp.stationId !== this.#o.stationId ||
        cp.keyFingerprint !== this.#fingerprint ||
        !verifySignature(this.#o.publicKey, checkpointMessage(cp), cp.signature)
      ) {
        this.#fail(
          s,
          'bad-checkpoint-signature',
          `checkpoint at record ${s} is not validly signed by the pinned key`,
        );
        return false;
      }
      if (cp.hash !== r.hash) {
        this.#fail(
          s,
          'checkpoint-mismatch',
          `signed checkpoint at record ${s} names a different hash: the log was rewritten`,
        );
        return false;
      }
      this.#signedThrough = s;
    } else if (this.#o.checkpointEvery > 0 && s % this.#o.checkpointEvery === 0) {
      this.#fail(s, 'missing-checkpoint', `periodic checkpoint at record ${s} is missing`);
      return false;
    }
    this.#prevHash = r.hash;
    this.#lastSeq = s;
    this.#expectedSeq = s + 1;
    return true;
  }

  finish(walkedToSeq?: number): VerifyResult {
    const o = this.#o;
    let lastCheckpointSeq: number | null = null;
    for (const seq of this.#checkpoints.keys())
      if (lastCheckpointSeq === null || seq > lastCheckpointSeq) lastCheckpointSeq = seq;
    if (!this.#break && walkedToSeq !== undefined && this.#lastSeq < walkedToSeq) {
      this.#fail(this.#lastSeq + 1, 'sequence-gap', `record ${this.#lastSeq + 1} is missing`);
    }
    if (!this.#break) {
      // Something that must exist beyond the last record proves the tail was cut off.
      const beyond = [...this.#checkpoints.keys(), ...this.#anchors.keys()].filter(
        (seq) => seq > o.lastRecordSeq,
      );
      if (beyond.length > 0 && (walkedToSeq === undefined || walkedToSeq >= o.lastRecordSeq)) {
        this.#fail(
          o.lastRecordSeq + 1,
          'truncated-tail',
          `the log ends at record ${o.lastRecordSeq} but a checkpoint or anchor refers to record ${Math.max(...beyond)}`,
        );
      }
    }
    const firstBreak = this.#break;
    const partial = {
      firstBreak,
      lastRecordSeq: o.lastRecordSeq,
      signedThroughSeq: this.#signedThrough,
      toSeq: this.#lastSeq,
    };
    const verdict = verdictOf(partial);
    return {
      ok: verdict === 'intact',
      verdict,
      stationId: o.stationId,
      fromSeq: o.fromSeq,
      toSeq: this.#lastSeq,
      recordsChecked: this.#records,
      checkpointsChecked: this.#checkpointsChecked,
      lastRecordSeq: o.lastRecordSeq,
      lastCheckpointSeq,
      signedThroughSeq: this.#signedThrough,
      unsignedTail: Math.max(0, this.#lastSeq - Math.max(this.#signedThrough, o.fromSeq - 1)),
      keyFingerprint: this.#fingerprint,
      firstBreak,
      headHash: this.#prevHash,
      anchorsMatched: this.#anchorsMatched,
    };
  }
}

export { GENESIS_HASH };
