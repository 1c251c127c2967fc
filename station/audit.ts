// The auditor's use cases over the enrollment log, shared by the CLI (`station audit …`) and the
// kiosk's auditor screens: verify, list/review, export, cards, key, forward. Each returns a typed
// result and prints nothing; long walks report progress through a callback.
//
// What each answer rests on:
//   verify  walks the whole chain: signed genesis, every record's hash and link, the periodic
//           checkpoints and the newest signature; plus the outside anchors asked for (the head the
//           auditor recorded, the central copy's newest record); and, when a central copy is
//           configured, the central copy's own chain of this station with the same pinned key
//           (a second verdict, with how far the central copy is behind the local log).
//   list, export, cards-of-a-page
//           prove only the rows they return (proveRecords: each row's hash and its own signature,
//           the signed genesis, the newest signature). That shows each row is what the station
//           wrote at that seq; it does not show that no other row was removed or that the filter
//           found every match — only verify does.
//   cards   folds the whole log into card states, so it walks (verifies) the whole chain first.
import { existsSync, readFileSync } from 'node:fs';
import { randomUUID, type KeyObject } from 'node:crypto';
import path from 'node:path';
import type { AuditFilter, ExportFormat } from '../core/audit/audit-log.ts';
import { cardStates, type CardSummary } from '../core/audit/card-states.ts';
import { loadCheckpointKey, publicKeyPem } from '../core/audit/checkpoint-key.ts';
import { AuditError } from '../core/audit/errors.ts';
import { StationError, type ErrorDetails, type StationErrorCode } from '../core/errors/catalog.ts';
import { AuditForwarder, type ForwarderStatus } from '../core/audit/forwarder.ts';
import type { AuditEvent, AuditRecord } from '../core/audit/record.ts';
import { SqliteAuditLog } from '../core/audit/sqlite-log.ts';
import type {
  ChainAnchor,
  RecordsProof,
  RowProof,
  Verdict,
  VerifyBreak,
  VerifyResult,
} from '../core/audit/verify.ts';

// What a front end needs of core/audit to call these and show their results (front ends import
// the application layer, not core/audit).
export { AUDIT_OUTCOMES } from '../core/audit/record.ts';
export type { AuditFilter } from '../core/audit/audit-log.ts';
export type { AuditOutcome, AuditRecord } from '../core/audit/record.ts';
export type { CardSummary } from '../core/audit/card-states.ts';
export type { ChainAnchor, RowProof, Verdict, VerifyBreak, VerifyResult } from '../core/audit/verify.ts';

/** The file name of the station's checkpoint key beside its log (core/config stationPaths). */
export const STATION_KEY_FILE = 'audit-signing.key';

export interface LogSource {
  /** the log file: the station's own, or an auditor's copy */
  readonly db: string;
  /** the checkpoint public key the auditor pinned (PEM); without it, the station's key beside the log */
  readonly publicKeyPem?: string;
  /** the station the auditor expects the log to belong to */
  readonly stationId?: string;
}

/** Which key the proof was checked with: the auditor's pinned one proves more than the station's own. */
export type KeySource = 'pinned' | 'station-key-beside-the-log';

export interface Opened {
  readonly log: SqliteAuditLog;
  readonly keySource: KeySource;
}

export function openForReview(s: LogSource): Opened {
  if (!existsSync(s.db))
    throw new AuditError('AUDIT_LOG_MISSING', `there is no audit log at ${s.db}`, { file: s.db });
  if (s.publicKeyPem !== undefined)
    return {
      log: new SqliteAuditLog({ path: s.db, readOnly: true, trustedPublicKey: s.publicKeyPem }),
      keySource: 'pinned',
    };
  const stationKey = path.join(path.dirname(s.db), STATION_KEY_FILE);
  if (!existsSync(stationKey))
    throw new AuditError(
      'AUDIT_KEY',
      `no public key given and no station key beside the log (${stationKey})`,
    );
  return {
    log: new SqliteAuditLog({
      path: s.db,
      readOnly: true,
      trustedPublicKey: loadCheckpointKey(stationKey).publicKey,
    }),
    keySource: 'station-key-beside-the-log',
  };
}

function withLog<T>(s: LogSource, body: (o: Opened) => T): T {
  const o = openForReview(s);
  try {
    return body(o);
  } finally {
    o.log.close();
  }
}

// ── recording reviews in the log itself ────────────────────────────────────────────────────────

/** Whether the review was itself recorded (LOG_VERIFIED / LOG_EXPORTED) and, if not, why. */
export type ReviewRecord =
  | { readonly recorded: true; readonly seq: number }
  | {
      readonly recorded: false;
      /** what a front end explains: a copy without the station key, a refused append, or not asked */
      readonly why: 'no-station-key' | 'refused' | 'not-asked';
      /** for 'refused': the catalog code of the error the log raised (explain it in the user's language) */
      readonly errorCode?: StationErrorCode;
      readonly details?: ErrorDetails;
      /** the diagnostic in English, for support */
      readonly reason: string;
    };

function refused(err: unknown): ReviewRecord {
  return {
    recorded: false,
    why: 'refused',
    ...(err instanceof StationError ? { errorCode: err.code, details: err.details } : {}),
    reason: err instanceof Error ? err.message : String(err),
  };
}

const NOT_ASKED = { recorded: false, why: 'not-asked', reason: 'not asked to' } as const;

/**
 * Appends the review to the log it reviewed, signed with the station key beside it. An auditor
 * working on a copy, or without write access, cannot: the result says so instead. The record is
 * appended after the verification finished and is signed like any other, so it never affects the
 * verdict it reports (the next verification covers it).
 */
export function recordReview(db: string, event: Omit<AuditEvent, 'enrollmentId'>): ReviewRecord {
  const keyPath = path.join(path.dirname(db), STATION_KEY_FILE);
  if (!existsSync(keyPath))
    return { recorded: false, why: 'no-station-key', reason: 'no station key beside the log (a copy)' };
  let log: SqliteAuditLog;
  try {
    // no whole-file integrity check for a review record: it is one append that touches the last
    // pages only, and the review it records has just read the file (the head is still checked)
    log = new SqliteAuditLog({ path: db, keyPath, busyTimeoutMs: 2000, integrityCheck: false });
  } catch (err) {
    return refused(err);
  }
  try {
    return { recorded: true, seq: log.appendSync({ enrollmentId: randomUUID(), ...event }).seq };
  } catch (err) {
    return refused(err);
  } finally {
    log.close();
  }
}

// ── verify ─────────────────────────────────────────────────────────────────────────────────────

/**
 * The verify verdict: the core verdicts, plus 'anchor-unavailable' when the log verifies by itself
 * but an outside anchor that was asked for (the central copy) could not be consulted — that is
 * not the proof the caller asked for.
 */
export type LogVerdict = Verdict | 'anchor-unavailable';

export interface CentralAnchorInput {
  /** reads the central copy's newest record of the station; rejects when unreachable */
  head(stationId: string): Promise<ChainAnchor | null>;
  /** walks the central copy's chain of the station with the pinned key; rejects when unreachable */
  verify(stationId: string, publicKey: KeyObject, checkpointEvery: number): Promise<VerifyResult>;
}

/**
 * The central copy's own chain, verified with the key the local log was checked with: its signed
 * genesis, every record's hash and link, and the checkpoints it received (the periodic ones and
 * each forwarded batch's newest signature). A rewritten central row breaks it even while the
 * local log is intact — the one thing the head-as-anchor check cannot see.
 */
export type CentralCopyCheck =
  | { readonly state: 'not-configured' }
  | { readonly state: 'unreachable'; readonly error: string }
  | {
      readonly state: 'checked';
      readonly verdict: Verdict;
      readonly firstBreak: VerifyBreak | null;
      readonly recordsChecked: number;
      /** highest seq vouched for by a checkpoint the central copy holds */
      readonly signedThroughSeq: number;
      /** the newest record the central copy holds (0: none) */
      readonly lastRecordSeq: number;
      /** local records the central copy does not hold yet (local head minus central head, not below 0) */
      readonly behind: number;
    };

export type CentralAnchorStatus =
  | { readonly state: 'not-configured' }
  | { readonly state: 'unreachable'; readonly error: string }
  | { readonly state: 'empty' }
  | { readonly state: 'used'; readonly head: ChainAnchor };

export interface VerifyInput extends LogSource {
  /** the head the auditor recorded at the last review (seq and hash) */
  readonly expectHead?: ChainAnchor;
  /** the central copy, when the configuration names one */
  readonly central?: CentralAnchorInput;
  /** append LOG_VERIFIED to the log (default true); a read-only or copied log reports why not */
  readonly record?: boolean;
  readonly onProgress?: (checked: number, total: number) => void;
}

export interface VerifyReport {
  readonly verdict: LogVerdict;
  readonly verification: VerifyResult;
  readonly keySource: KeySource;
  readonly central: CentralAnchorStatus;
  /** the second verdict: the central copy's own chain (not-configured without a central copy) */
  readonly centralCopy: CentralCopyCheck;
  readonly expectedHead: ChainAnchor | null;
  /** how the expected head fared: found, contradicted (other hash, or the log ends before it), or not reached (an earlier break) */
  readonly expectedHeadCheck: 'matched' | 'mismatch' | 'not-reached' | null;
  /** the head to record for the next review (seq and hash of the newest record) */
  readonly head: ChainAnchor;
  readonly review: ReviewRecord;
}

export function parseHead(text: string): ChainAnchor {
  const m = /^\s*(\d{1,15}):([0-9a-f]{64})\s*$/.exec(text);
  if (!m) throw new AuditError('AUDIT_VALIDATION', 'a head is written SEQ:HASH (the hash is 64 hex digits)');
  return { seq: Number(m[1]), hash: m[2]! };
}

export function formatHead(h: ChainAnchor): string {
  return `${h.seq}:${h.hash}`;
}

function expectedHeadCheck(v: VerifyResult, h: ChainAnchor): 'matched' | 'mismatch' | 'not-reached' {
  const b = v.firstBreak;
  if (b === null || b.seq > h.seq) return 'matched';
  if (b.kind === 'truncated-tail' || (b.kind === 'anchor-mismatch' && b.seq === h.seq)) return 'mismatch';
  return 'not-reached';
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

async function checkCentralCopy(
  central: CentralAnchorInput,
  log: SqliteAuditLog,
  local: VerifyResult,
): Promise<CentralCopyCheck> {
  const key = log.publicKey;
  // openForReview always sets a trusted key; without one there is nothing to check with
  if (key === null) return { state: 'unreachable', error: 'no public key to verify the central copy with' };
  try {
    const c = await central.verify(log.stationId, key, log.checkpointEvery);
    return {
      state: 'checked',
      verdict: c.verdict,
      firstBreak: c.firstBreak,
      recordsChecked: c.recordsChecked,
      signedThroughSeq: c.signedThroughSeq,
      lastRecordSeq: c.lastRecordSeq,
      behind: Math.max(0, local.lastRecordSeq - c.lastRecordSeq),
    };
  } catch (err) {
    return { state: 'unreachable', error: message(err) };
  }
}

function centralNote(c: CentralCopyCheck): string {
  if (c.state === 'not-configured') return '';
  if (c.state === 'unreachable') return ', central copy unreachable';
  const at = c.firstBreak ? ` at ${c.firstBreak.seq} (${c.firstBreak.kind})` : '';
  return `, central copy ${c.verdict}${at} through ${c.lastRecordSeq}, ${c.behind} behind`;
}

export async function verifyLog(input: VerifyInput): Promise<VerifyReport> {
  const { log, keySource } = openForReview(input);
  let v: VerifyResult;
  let central: CentralAnchorStatus = { state: 'not-configured' };
  let centralCopy: CentralCopyCheck = { state: 'not-configured' };
  try {
    const anchors: ChainAnchor[] = [];
    if (input.expectHead) anchors.push(input.expectHead);
    if (input.central) {
      try {
        const head = await input.central.head(log.stationId);
        central = head === null ? { state: 'empty' } : { state: 'used', head };
        if (head) anchors.push(head);
      } catch (err) {
        central = { state: 'unreachable', error: message(err) };
      }
    }
    v = log.verifySync({
      anchors,
      ...(input.stationId === undefined ? {} : { expectedStationId: input.stationId }),
      ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    });
    // an unreachable head means an unreachable database: do not wait for its timeout twice
    if (input.central)
      centralCopy =
        central.state === 'unreachable'
          ? { state: 'unreachable', error: central.error }
          : await checkCentralCopy(input.central, log, v);
  } finally {
    log.close();
  }
  const unanchored =
    central.state === 'unreachable' ||
    centralCopy.state === 'unreachable' ||
    (central.state === 'empty' && v.lastRecordSeq > 0);
  const verdict: LogVerdict = v.verdict === 'intact' && unanchored ? 'anchor-unavailable' : v.verdict;
  const review =
    input.record === false
      ? NOT_ASKED
      : recordReview(input.db, {
          action: 'LOG_VERIFIED',
          outcome: verdict === 'intact' ? 'success' : 'failure',
          errorCode: verdict,
          reason: `records ${v.fromSeq} to ${v.toSeq} walked, signed through ${v.signedThroughSeq}, pinned fingerprint ${v.keyFingerprint.slice(0, 12)}, ${keySource}${centralNote(centralCopy)}`,
        });
  return {
    verdict,
    verification: v,
    keySource,
    central,
    centralCopy,
    expectedHead: input.expectHead ?? null,
    expectedHeadCheck: input.expectHead ? expectedHeadCheck(v, input.expectHead) : null,
    head: { seq: v.toSeq, hash: v.headHash },
    review,
  };
}

// ── list / review ──────────────────────────────────────────────────────────────────────────────

export interface ListInput extends LogSource {
  readonly filter?: AuditFilter;
  /** rows per page (default 100) */
  readonly limit?: number;
  readonly offset?: number;
}

export interface ProvenRow {
  readonly record: AuditRecord;
  readonly proof: RowProof;
}

export interface ListReport {
  readonly rows: readonly ProvenRow[];
  readonly offset: number;
  readonly limit: number;
  /** more rows match after this page (fetch with offset + rows.length) */
  readonly more: boolean;
  /** the proof of the returned rows (not of the rest of the log) */
  readonly verdict: Verdict;
  readonly proof: Omit<RecordsProof, 'rows'>;
  readonly keySource: KeySource;
}

export const DEFAULT_PAGE = 100;

export function listRecords(input: ListInput): ListReport {
  const limit = input.limit ?? DEFAULT_PAGE;
  const offset = input.offset ?? 0;
  return withLog(input, ({ log, keySource }) => {
    // one more than the page, to know whether the output was cut
    const found = log.querySync({ ...input.filter, limit: limit + 1, offset });
    const page = found.slice(0, limit);
    const proof = log.proveRecords(page, input.stationId);
    const { rows, ...rest } = proof;
    return {
      rows: page.map((record) => ({ record, proof: rows.get(record.seq) ?? 'unsigned' })),
      offset,
      limit,
      more: found.length > limit,
      verdict: proof.verdict,
      proof: rest,
      keySource,
    };
  });
}

// ── export ─────────────────────────────────────────────────────────────────────────────────────

export interface ExportInput extends LogSource {
  readonly format: ExportFormat;
  readonly filter?: AuditFilter;
  readonly record?: boolean;
}

export interface ExportReport {
  readonly content: string;
  readonly recordCount: number;
  readonly verdict: Verdict;
  readonly verification: VerifyResult;
  readonly keySource: KeySource;
  readonly review: ReviewRecord;
}

export async function exportRecords(input: ExportInput): Promise<ExportReport> {
  const { exp, keySource } = await (async () => {
    const o = openForReview(input);
    try {
      return { exp: await o.log.export(input.format, input.filter ?? {}), keySource: o.keySource };
    } finally {
      o.log.close();
    }
  })();
  const review =
    input.record === false
      ? NOT_ASKED
      : recordReview(input.db, {
          action: 'LOG_EXPORTED',
          outcome: 'success',
          errorCode: exp.verification.verdict,
          reason: `${input.format} export of ${exp.recordCount} records, ${exp.verification.checkpointsChecked} proven by their signature`,
        });
  return {
    content: exp.content,
    recordCount: exp.recordCount,
    verdict: exp.verification.verdict,
    verification: exp.verification,
    keySource,
    review,
  };
}

// ── cards ──────────────────────────────────────────────────────────────────────────────────────

/** Whether the record a card's state comes from is proven by the whole-log walk. */
export type CardProof = 'verified' | 'unsigned' | 'unverified';

export interface CardsInput extends LogSource {
  readonly pinNotChangedOnly?: boolean;
  readonly onProgress?: (checked: number, total: number) => void;
}

export interface CardsReport {
  readonly cards: readonly (CardSummary & { readonly proof: CardProof })[];
  readonly verification: VerifyResult;
  readonly keySource: KeySource;
}

export function cardsReport(input: CardsInput): CardsReport {
  return withLog(input, ({ log, keySource }) => {
    const v = log.verifySync({
      ...(input.stationId === undefined ? {} : { expectedStationId: input.stationId }),
      ...(input.onProgress ? { onProgress: input.onProgress } : {}),
    });
    // A card's state is proven when the record that set it comes before any break and carries a
    // valid signature of its own (the walk stops at the first break; the rows before it are
    // still what the station wrote).
    const summaries = cardStates(log.records()).filter(
      (c) => !input.pinNotChangedOnly || c.state === 'issued-pin-not-changed',
    );
    const deciding = summaries.flatMap((c) => log.querySync({ fromSeq: c.seq, toSeq: c.seq }));
    const rows = log.proveRecords(deciding, input.stationId);
    const proofOf = (seq: number): CardProof =>
      rows.genesis !== null || (v.firstBreak !== null && seq >= v.firstBreak.seq)
        ? 'unverified'
        : rows.rows.get(seq) === 'signed'
          ? 'verified'
          : 'unsigned';
    const cards = summaries.map((c) => ({ ...c, proof: proofOf(c.seq) }));
    return { cards, verification: v, keySource };
  });
}

// ── key ────────────────────────────────────────────────────────────────────────────────────────

export interface KeyReport {
  readonly publicKeyPem: string;
  readonly fingerprint: string;
  readonly keyFile: string;
}

/** The checkpoint public key, for the auditor to take away from the station and pin later. */
export function checkpointKey(db: string): KeyReport {
  const keyFile = path.join(path.dirname(db), STATION_KEY_FILE);
  if (!existsSync(keyFile)) throw new AuditError('AUDIT_KEY', `no station key beside the log (${keyFile})`);
  const { publicKey, fingerprint } = loadCheckpointKey(keyFile);
  return { publicKeyPem: publicKeyPem(publicKey), fingerprint, keyFile };
}

/** Reads a pinned public key file (PEM), bounded: a key file is small. */
export function readPublicKeyFile(file: string): string {
  const text = readFileSync(file, 'utf8');
  if (text.length > 16_384 || !text.includes('-----BEGIN PUBLIC KEY-----'))
    throw new AuditError('AUDIT_KEY', `${file} is not a PEM public key`);
  return text;
}

// ── forward ────────────────────────────────────────────────────────────────────────────────────

export interface ForwardInput {
  readonly db: string;
  readonly keyPath: string;
  readonly stationId: string;
  readonly checkpointEvery: number;
  /** the central store (a PostgresAuditSink) */
  readonly sink: ConstructorParameters<typeof AuditForwarder>[0]['sink'];
}

export interface ForwardReport {
  readonly status: ForwarderStatus;
  /** why forwarding stopped early (unreachable, or records that do not verify), null when done */
  readonly error: string | null;
  readonly errorCode: string | null;
}

/**
 * One attempt to empty the outbox. Only verified records leave: each batch is checked against
 * the chain and the station's signature before it is sent (SqliteAuditLog.outboxPending), so a
 * forged or edited record stops the forwarding and is named, and never reaches the central copy.
 */
export async function forwardLog(input: ForwardInput): Promise<ForwardReport> {
  const log = new SqliteAuditLog({
    path: input.db,
    keyPath: input.keyPath,
    stationId: input.stationId,
    checkpointEvery: input.checkpointEvery,
  });
  const forwarder = new AuditForwarder({ source: log, sink: input.sink });
  try {
    await forwarder.forwardOnce();
    return { status: forwarder.status(), error: null, errorCode: null };
  } catch (e) {
    return {
      status: forwarder.status(),
      error: e instanceof Error ? e.message : String(e),
      errorCode: e instanceof AuditError ? e.code : null,
    };
  } finally {
    log.close();
  }
}

// ── the central copy's backlog ─────────────────────────────────────────────────────────────────

/** The central log as the station sees it: not configured, or what is still to be sent. */
export type CentralBacklog =
  | { readonly configured: false }
  | {
      readonly configured: true;
      /** records committed to the local log that the central store has not confirmed */
      readonly backlog: number;
      /** the newest record the central store confirmed (0: none yet) */
      readonly forwardedSeq: number;
    };

/** A sink for a forwarder that is only asked for its status: it never sends. */
const STATUS_ONLY = {
  write: (): Promise<never> => Promise.reject(new Error('a status-only forwarder sends nothing')),
};

/**
 * The outbox read the way the forwarder reads it (its sink name, its backlog rule), on the
 * station's open log, while the station's own forwarder keeps sending in the background.
 */
export function centralBacklog(log: SqliteAuditLog): Extract<CentralBacklog, { configured: true }> {
  const { backlog, forwardedSeq } = new AuditForwarder({ source: log, sink: STATUS_ONLY }).status();
  return { configured: true, backlog, forwardedSeq };
}
