// Typed failures of the audit log. The enrollment engine treats every AuditError from append()
// as "stop now": the step it was about to record must not happen unlogged (fail closed, AU-5).
// They are StationErrors with catalog codes, so a person reads them in their language; the
// English message is the diagnostic, and `problem` (and `file`) carry it as details.
import { StationError, type ErrorDetails, type StationErrorCode } from '../errors/catalog.ts';

export type AuditErrorCode = Extract<
  StationErrorCode,
  | 'AUDIT_VALIDATION' // the event breaks the schema; nothing was written
  | 'AUDIT_SECRET_REJECTED' // a field looked like it carries a PIN/PUK/key; nothing was written
  | 'AUDIT_WRITE_FAILED' // the store could not durably commit; nothing was written
  | 'AUDIT_CLOSED' // the log was closed
  | 'AUDIT_KEY' // checkpoint signing key missing, unreadable or too permissive
  | 'AUDIT_LOG_DAMAGED' // the file is malformed, its signed genesis or head does not verify: nothing is appended to it
  | 'AUDIT_LOG_MISSING' // the anchor beside the log shows this station logged before, but the log is gone, replaced or rolled back
  | 'AUDIT_CENTRAL_CONFLICT' // the central copy holds a different record for the same station+seq
>;

export class AuditError extends StationError {
  declare readonly code: AuditErrorCode;
  constructor(
    code: AuditErrorCode,
    message: string,
    options?: { readonly cause?: unknown; readonly file?: string; readonly details?: ErrorDetails },
  ) {
    super(
      code,
      {
        problem: message,
        ...(options?.file === undefined ? {} : { file: options.file }),
        ...options?.details,
      },
      { diagnostic: message, ...(options?.cause === undefined ? {} : { cause: options.cause }) },
    );
    this.name = 'AuditError';
  }
}

export class AuditValidationError extends AuditError {
  /** dotted path of the offending field, e.g. "certificate.serial" */
  readonly field: string;
  constructor(
    field: string,
    message: string,
    code: 'AUDIT_VALIDATION' | 'AUDIT_SECRET_REJECTED' = 'AUDIT_VALIDATION',
  ) {
    super(code, `audit record rejected: ${field}: ${message}`, { details: { field } });
    this.name = 'AuditValidationError';
    this.field = field;
  }
}

export class AuditWriteError extends AuditError {
  constructor(message: string, cause: unknown) {
    // The cause (SQLite error) is kept for diagnosis; it never contains record values because
    // every statement is parameterised.
    super('AUDIT_WRITE_FAILED', `audit log write failed (nothing was recorded): ${message}`, { cause });
    this.name = 'AuditWriteError';
  }
}
