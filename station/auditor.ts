// The auditor at the kiosk: signing in with an auditor card, and the questions the auditor
// screens ask of the enrollment log that `station audit …` does not (one row per enrollment,
// counts per day). Everything here reads the log read-only (openForReview); nothing can change a
// record. The use cases the CLI shares (verify, export, cards) stay in audit.ts.
//
// Sign-in: the configuration lists the SHA-256 thumbprints of the auditors' card certificates.
// A certificate is public (anyone can copy it onto another card), so a listed certificate is not
// enough: the card must accept the PIN and then sign a fresh random challenge with the key the
// certificate names, and the signature is checked against that certificate's public key here.
import { createHash, createPublicKey, randomBytes, verify as verifySignature } from 'node:crypto';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AuditFilter } from '../core/audit/audit-log.ts';
import { publicKeyFingerprint, toPublicKey } from '../core/audit/checkpoint-key.ts';
import type { AuditRecord } from '../core/audit/record.ts';
import { openEnrollableCard } from '../core/card/registry.ts';
import { SecretBlockedError, WrongSecretError } from '../core/card/status-words.ts';
import type { Secret } from '../core/enrollment/secret.ts';
import { StationError } from '../core/errors/catalog.ts';
import { certificateFacts, parseCertificate } from '../core/pki/certificate-facts.ts';
import { openForReview, readPublicKeyFile, type LogSource, type ProvenRow } from './audit.ts';
import { connectWhenFree } from './cards.ts';
import type { ReadersPort } from './ports.ts';

export interface AuditorSession {
  /** the certificate's UPN (or its subject when it has none) */
  readonly upn: string;
  readonly reader: string;
  /** SHA-256 of the certificate, as listed in the configuration */
  readonly thumbprint: string;
}

export const sha256Hex = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');

interface Candidate {
  readonly reader: string;
  readonly der: Uint8Array;
}

/** The reader whose card carries a listed auditor certificate (read without a PIN). */
async function findAuditorCard(
  readers: ReadersPort,
  allowed: readonly string[],
  reader?: string,
): Promise<Candidate> {
  const names =
    reader !== undefined
      ? [reader]
      : readers
          .listReaders()
          .filter((r) => r.cardPresent)
          .map((r) => r.name);
  for (const name of names) {
    let transport;
    try {
      transport = await connectWhenFree(readers, name);
    } catch {
      continue; // a busy or empty reader is not the auditor's
    }
    try {
      const card = await openEnrollableCard(transport);
      const identity = await card.identify();
      const der = identity.hasCertificate ? await card.readCertificate() : null;
      if (der !== null && allowed.includes(sha256Hex(der))) return { reader: name, der };
    } catch {
      // not a card the station can read: not the auditor's either
    } finally {
      await transport.close('leave').catch(() => undefined);
    }
  }
  throw new StationError('AUDITOR_CARD_MISSING', {
    readers: readers.listReaders().map((r) => r.name),
  });
}

/**
 * Signs the auditor in: the listed card, its PIN, and a signature over a fresh challenge that
 * verifies with the certificate's public key. The card is released afterwards (the auditor's
 * session lives in the kiosk's main process; idle and sign-out end it).
 */
export async function signInAuditor(
  readers: ReadersPort,
  pin: Secret,
  allowed: readonly string[],
  reader?: string,
): Promise<AuditorSession> {
  if (allowed.length === 0) throw new StationError('AUDITOR_NOT_CONFIGURED');
  const found = await findAuditorCard(readers, allowed, reader);
  const facts = certificateFacts(parseCertificate(found.der));
  const upn = facts.upns[0] ?? facts.subject;
  const refuse = (problem: string): never => {
    throw new StationError('AUDITOR_CARD_REFUSED', { reader: found.reader, problem, upn });
  };
  if (facts.notAfter.getTime() < Date.now()) refuse(`certificate expired on ${facts.notAfter.toISOString()}`);
  if (facts.notBefore.getTime() > Date.now()) refuse('certificate not valid yet');
  const transport = await connectWhenFree(readers, found.reader);
  try {
    const card = await openEnrollableCard(transport);
    await card.identify();
    const der = await card.readCertificate();
    if (der === null || sha256Hex(der) !== sha256Hex(found.der)) refuse('the card was changed');
    try {
      await card.verifyPin(pin);
    } catch (e) {
      if (e instanceof WrongSecretError)
        throw new StationError(
          e.retriesLeft === 0 ? 'PIN_BLOCKED' : 'WRONG_PIN',
          {
            card: 'auditor',
            reader: found.reader,
            upn,
            ...(e.retriesLeft === undefined ? {} : { triesLeft: e.retriesLeft }),
          },
          { cause: e },
        );
      if (e instanceof SecretBlockedError)
        throw new StationError('PIN_BLOCKED', { card: 'auditor', reader: found.reader, upn }, { cause: e });
      throw e;
    }
    const challenge = new Uint8Array(randomBytes(32));
    const signature = await card.signerFor(facts.spki).sign(challenge, 'SHA-256');
    const key = createPublicKey({ key: Buffer.from(facts.spki), format: 'der', type: 'spki' });
    if (!verifySignature('sha256', challenge, key, signature))
      refuse('the signature over the challenge does not verify with the certificate');
    return { upn, reader: found.reader, thumbprint: sha256Hex(found.der) };
  } finally {
    await transport.close('reset').catch(() => undefined);
  }
}

// ── one row per enrollment ─────────────────────────────────────────────────────────────────────

export interface EnrollmentRow {
  readonly enrollmentId: string;
  /** the ENROLLMENT_STARTED record's time; null when the log does not hold it */
  readonly started: string | null;
  readonly finished: string;
  /** finished − started, ms; null without a start */
  readonly durationMs: number | null;
  readonly operator: string | null;
  readonly holder: string | null;
  readonly card: string | null;
  readonly template: string | null;
  readonly reqId: number | null;
  /** the record outcome of ENROLLMENT_FINISHED */
  readonly outcome: AuditRecord['outcome'];
  /** how it ended (issued, issued-pin-not-changed, denied, refused, failed, rolled-back, …) */
  readonly status: string;
  /** the proof of the ENROLLMENT_FINISHED row (proveRecords) */
  readonly proof: ProvenRow['proof'];
  readonly seq: number;
}

export interface EnrollmentPage {
  readonly rows: readonly EnrollmentRow[];
  /** pass as `afterSeq` for the next page; null on the last page */
  readonly nextAfterSeq: number | null;
}

export interface EnrollmentQuery extends LogSource {
  readonly filter: Omit<AuditFilter, 'action' | 'limit' | 'offset' | 'fromSeq' | 'toSeq' | 'enrollmentId'>;
  /** rows with seq above this one (keyset paging: as fast at page 10,000 as at page 1) */
  readonly afterSeq?: number;
  readonly limit: number;
}

/**
 * Enrollments as rows: each ENROLLMENT_FINISHED record matching the filter (it carries the
 * operator, holder, card, template and ReqID of its run), with its ENROLLMENT_STARTED record's
 * time for the start and the duration. Paged by seq, so a deep page costs what the first does.
 */
export function enrollmentRows(q: EnrollmentQuery): EnrollmentPage {
  const { log } = openForReview(q);
  try {
    const found = log.querySync({
      ...q.filter,
      action: 'ENROLLMENT_FINISHED',
      ...(q.afterSeq === undefined ? {} : { fromSeq: q.afterSeq + 1 }),
      limit: q.limit + 1,
    });
    const page = found.slice(0, q.limit);
    const proof = log.proveRecords(page, q.stationId);
    const starts = log.firstTimes(
      'ENROLLMENT_STARTED',
      page.map((f) => f.enrollmentId),
    );
    const rows = page.map((f): EnrollmentRow => {
      const started = starts.get(f.enrollmentId.toLowerCase()) ?? null;
      return {
        enrollmentId: f.enrollmentId,
        started,
        finished: f.ts,
        durationMs: started === null ? null : Date.parse(f.ts) - Date.parse(started),
        operator: f.operatorUpn,
        holder: f.targetUser,
        card: f.cardSerial ?? f.cardGuid,
        template: f.certTemplate,
        reqId: f.caRequestId,
        outcome: f.outcome,
        status: f.reason ?? f.outcome,
        proof: proof.genesis !== null ? 'unsigned' : (proof.rows.get(f.seq) ?? 'unsigned'),
        seq: f.seq,
      };
    });
    return {
      rows,
      nextAfterSeq: found.length > q.limit ? (page[page.length - 1]?.seq ?? null) : null,
    };
  } finally {
    log.close();
  }
}

/** Every record of one enrollment, in order, each with its own proof. */
export function enrollmentEvents(s: LogSource, enrollmentId: string): readonly ProvenRow[] {
  const { log } = openForReview(s);
  try {
    const records = log.querySync({ enrollmentId, limit: 10_000 });
    const proof = log.proveRecords(records, s.stationId);
    return records.map((record) => ({
      record,
      proof: proof.genesis !== null ? 'unsigned' : (proof.rows.get(record.seq) ?? 'unsigned'),
    }));
  } finally {
    log.close();
  }
}

// ── counts for the overview charts ─────────────────────────────────────────────────────────────

export interface DayCounts {
  /** YYYY-MM-DD (UTC) */
  readonly day: string;
  readonly total: number;
  /** by how each enrollment ended (the ENROLLMENT_FINISHED record's status) */
  readonly byStatus: Readonly<Record<string, number>>;
}

export interface Overview {
  readonly days: readonly DayCounts[];
  readonly byStatus: Readonly<Record<string, number>>;
  readonly total: number;
}

/** Enrollments that ended in the period (filter applied), per UTC day and by how they ended. */
export function overview(q: LogSource & { readonly filter: EnrollmentQuery['filter'] }): Overview {
  const { log } = openForReview(q);
  try {
    const days = new Map<string, Record<string, number>>();
    const byStatus: Record<string, number> = {};
    let total = 0;
    // counted in SQL (one GROUP BY over an index), not by walking every record here
    for (const { day, status, count } of log.finishedByDay(q.filter)) {
      const d = days.get(day) ?? {};
      d[status] = (d[status] ?? 0) + count;
      days.set(day, d);
      byStatus[status] = (byStatus[status] ?? 0) + count;
      total += count;
    }
    return {
      days: [...days.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([day, counts]) => ({
          day,
          total: Object.values(counts).reduce((a, b) => a + b, 0),
          byStatus: counts,
        })),
      byStatus,
      total,
    };
  } finally {
    log.close();
  }
}

// ── the auditor's medium: pinned keys in, exports out ──────────────────────────────────────────

export interface PinnedKey {
  readonly file: string;
  readonly fingerprint: string;
  readonly pem: string;
}

const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,99}\.pem$/;

function mediaOf(folder: string): string {
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new StationError('AUDIT_MEDIA_UNAVAILABLE', { folder });
  return folder;
}

/**
 * The PEM public keys on the auditor's medium, each with its fingerprint (SHA-256 of the SPKI, the
 * value `station audit key` printed at installation). Files that are not public keys are skipped.
 */
export function pinnedKeys(folder: string): PinnedKey[] {
  const out: PinnedKey[] = [];
  for (const file of readdirSync(mediaOf(folder)).sort()) {
    if (!KEY_NAME.test(file)) continue;
    try {
      const full = path.join(folder, file);
      if (!statSync(full).isFile()) continue;
      const pem = readPublicKeyFile(full);
      out.push({ file, fingerprint: publicKeyFingerprint(toPublicKey(pem)), pem });
    } catch {
      // not a PEM public key: not offered
    }
    if (out.length >= 50) break;
  }
  return out;
}

export function pinnedKey(folder: string, file: string): PinnedKey {
  const key = pinnedKeys(folder).find((k) => k.file === file);
  if (key === undefined) throw new StationError('AUDIT_KEY', { file });
  return key;
}

/** Writes an export onto the medium under a new name (never over an existing file). */
export function writeToMedia(folder: string, name: string, content: string | Uint8Array): string {
  const full = path.join(mediaOf(folder), name);
  writeFileSync(full, content, { flag: 'wx', mode: 0o644 });
  return name;
}
