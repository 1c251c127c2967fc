// Public surface of core/audit for the enrollment engine, the CLI and the Electron main process.
export type { AuditAction, AuditEvent, AuditOutcome, AuditRecord, CardEdge, Checkpoint } from './record.ts';
export {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  CARD_EDGES,
  HASHED_FIELDS,
  RECORD_FIELDS,
  SCHEMA_VERSION,
} from './record.ts';
export type { AuditExport, AuditFilter, AuditLog, AuditVerifyOptions, ExportFormat } from './audit-log.ts';
export { AuditError, AuditValidationError, AuditWriteError } from './errors.ts';
export type { AuditErrorCode } from './errors.ts';
export { validateEvent } from './validate.ts';
export { GENESIS_HASH, canonicalRecord, checkpointMessage, recordHash } from './chain.ts';
export {
  loadCheckpointKey,
  loadOrCreateCheckpointKey,
  publicKeyFingerprint,
  publicKeyPem,
} from './checkpoint-key.ts';
export { SqliteAuditLog } from './sqlite-log.ts';
export type { SqliteAuditLogOptions } from './sqlite-log.ts';
export { ChainVerifier } from './verify.ts';
export type { BreakKind, ChainAnchor, VerifyBreak, VerifyResult } from './verify.ts';
export { csvCell, toCsv, toJson } from './export.ts';
export { PostgresAuditSink } from './postgres-sink.ts';
export type { PostgresAuditSinkOptions, WriteResult } from './postgres-sink.ts';
export { AuditForwarder } from './forwarder.ts';
export type { CentralSink, ForwarderOptions, ForwarderStatus, OutboxSource } from './forwarder.ts';
