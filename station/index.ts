// The application layer's public surface: what the CLI and the kiosk may use. Front ends import
// from here (lint: eslint.config.js), never from the engine, the card edges or the CA client.
export { Station } from './station.ts';
export type {
  CardView,
  Decision,
  Finding,
  OperatorSession,
  RecoveryView,
  SelfEnrollInput,
  SelfEnrollResult,
  VerifyCheck,
  VerifyCheckId,
  VerifyReport,
} from './station.ts';
export { validateAccount, VSC_DEFAULT_PIN } from './self-enroll.ts';
export { describeFinding, type FindingWords } from './diagnose-words.ts';
export { AGENT_RENEWAL_DAYS, type FindingId } from './diagnose.ts';
export { VERIFY_CHECKS } from './verify-vsc.ts';
export { validateEnrollInput, validateReaderName, type EnrollInput } from './validate.ts';
export type {
  ReaderEvent,
  ReaderInfo,
  ReadersPort,
  StationHost,
  CaConnection,
  AuditConnection,
  PlatformPort,
  CaCredentials,
  CaOptions,
} from './ports.ts';
export type { EnrollmentIO, EnrollmentResult, EnrollmentStatus } from '../core/enrollment/engine.ts';
export type { Progress } from '../core/enrollment/ports.ts';
export type { RecoveryResult } from '../core/enrollment/recovery.ts';
export { checkNewPin, type PinPolicy, type PinRejection } from '../core/enrollment/pin-policy.ts';
export { Secret } from '../core/enrollment/secret.ts';
export { STEP_TABLE, type StepId } from '../core/enrollment/steps.ts';
// the auditor's use cases (verify, list, export, cards, key, forward): station/audit.ts
export * as audit from './audit.ts';
export * as auditor from './auditor.ts';
export type { AuditorSession, DayCounts, EnrollmentPage, EnrollmentRow, Overview } from './auditor.ts';
export type { AuditEvent } from '../core/audit/record.ts';
