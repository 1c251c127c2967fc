// The work behind `station audit verify | export | list`, as functions returning text and an exit
// code, so core/cli only parses arguments and prints. The log is opened read-only: review never
// needs the station's private key, only the pinned public key.
import { readFileSync, writeFileSync } from 'node:fs';
import type { AuditFilter, ExportFormat } from './audit-log.ts';
import { AuditError } from './errors.ts';
import type { AuditRecord } from './record.ts';
import { SqliteAuditLog } from './sqlite-log.ts';
import type { VerifyResult } from './verify.ts';

export interface AuditReviewSource {
  /** the station's audit database */
  readonly dbPath: string;
  /** the pinned checkpoint public key: a PEM file path, or the PEM itself */
  readonly publicKey: string;
  /** when given, the key must have this SHA-256 SPKI fingerprint (hex) */
  readonly expectFingerprint?: string;
}

export interface CommandResult {
  /** 0 = ok; 1 = the log failed verification; 2 = usage/IO error */
  readonly exitCode: 0 | 1 | 2;
  readonly output: string;
}

function openForReview(src: AuditReviewSource): SqliteAuditLog {
  const pem = src.publicKey.includes('-----BEGIN') ? src.publicKey : readFileSync(src.publicKey, 'utf8');
  const log = new SqliteAuditLog({ path: src.dbPath, readOnly: true, trustedPublicKey: pem });
  if (
    src.expectFingerprint !== undefined &&
    src.expectFingerprint.toLowerCase() !== log.publicKeyFingerprint
  ) {
    log.close();
    throw new AuditError('AUDIT_KEY', 'the public key does not match the pinned fingerprint');
  }
  return log;
}

function failure(err: unknown): CommandResult {
  const msg = err instanceof Error ? err.message : String(err);
  return { exitCode: 2, output: `error: ${msg}\n` };
}

export function describeVerification(v: VerifyResult): string {
  const lines = [
    `station ${v.stationId}: records ${v.fromSeq}..${v.toSeq} of ${v.lastRecordSeq} checked, ${v.checkpointsChecked} checkpoint(s)`,
    `checkpoint key sha256:${v.keyFingerprint}`,
  ];
  if (v.firstBreak) {
    lines.push(`BROKEN at record ${v.firstBreak.seq}: ${v.firstBreak.kind} — ${v.firstBreak.message}`);
  } else {
    lines.push(
      `OK: chain intact; signed through record ${v.signedThroughSeq}, ${v.unsignedTail} record(s) after the last checkpoint`,
    );
  }
  return lines.join('\n') + '\n';
}

export function auditVerify(src: AuditReviewSource & { fromSeq?: number; toSeq?: number }): CommandResult {
  let log: SqliteAuditLog | undefined;
  try {
    log = openForReview(src);
    const range: { fromSeq?: number; toSeq?: number } = {};
    if (src.fromSeq !== undefined) range.fromSeq = src.fromSeq;
    if (src.toSeq !== undefined) range.toSeq = src.toSeq;
    const v = log.verifySync(range);
    return { exitCode: v.ok ? 0 : 1, output: describeVerification(v) };
  } catch (err) {
    return failure(err);
  } finally {
    log?.close();
  }
}

export async function auditExport(
  src: AuditReviewSource & { format: ExportFormat; filter?: AuditFilter; outFile?: string },
): Promise<CommandResult & { recordCount?: number }> {
  let log: SqliteAuditLog | undefined;
  try {
    log = openForReview(src);
    const ex = await log.export(src.format, src.filter ?? {});
    if (src.outFile !== undefined) {
      writeFileSync(src.outFile, ex.content, { mode: 0o600 });
      return {
        exitCode: ex.verification.ok ? 0 : 1,
        output: `${ex.recordCount} record(s) written to ${src.outFile}\n${describeVerification(ex.verification)}`,
        recordCount: ex.recordCount,
      };
    }
    return { exitCode: ex.verification.ok ? 0 : 1, output: ex.content, recordCount: ex.recordCount };
  } catch (err) {
    return failure(err);
  } finally {
    log?.close();
  }
}

function listLine(r: AuditRecord): string {
  const parts = [
    String(r.seq).padStart(7),
    r.ts,
    r.action,
    r.outcome,
    r.errorCode ?? '-',
    r.operatorUpn ?? '-',
    r.targetUser ?? '-',
    r.cardSerial ?? r.cardGuid ?? '-',
    r.enrollmentId,
  ];
  return parts.join('  ');
}

export function auditList(src: AuditReviewSource & { filter?: AuditFilter }): CommandResult {
  let log: SqliteAuditLog | undefined;
  try {
    log = openForReview(src);
    const records = log.querySync(src.filter ?? {}, 100);
    const header =
      '    seq  ts                        action  outcome  error  operator  target  card  enrollment';
    return { exitCode: 0, output: [header, ...records.map(listLine)].join('\n') + '\n' };
  } catch (err) {
    return failure(err);
  } finally {
    log?.close();
  }
}
