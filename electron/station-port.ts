// What the handlers need of the application layer, in the screen's terms. station-adapter.ts
// implements it over station/'s Station (mapping results to views only; no use case is written
// here), so the handlers stay independent of the station's internal types.
import type { AuditEvent, Secret } from '../station/index.ts';
import type { AuditorReads } from './auditor-adapter.ts';
import type { StationError } from '../core/errors/catalog.ts';
import type { Language } from '../core/errors/catalog.ts';
import type {
  AuditorView,
  CertificateView,
  DiagnosticView,
  SelfEnrollRequestView,
  HealthView,
  OperatorView,
  PendingView,
  PinPolicyView,
  ReaderView,
  SelfPendingView,
} from './ipc-contract.ts';

export type SelfEnrollInputView = Omit<SelfEnrollRequestView, 'password'>;

export interface OperatorHandle {
  readonly view: OperatorView;
  /** gives the operator card back (sign-out, idle, a new sign-in) */
  close(): Promise<void>;
  /** the auditor's sign-in (station/auditor.ts); absent: no auditor role on this station */
  signInAuditor?(pin: Secret, reader?: string): Promise<AuditorView>;
  /** a sign-in, sign-out or refused attempt into the enrollment log */
  recordEvent?(event: AuditEvent): Promise<void>;
  /** what the auditor screens read */
  readonly auditor?: AuditorReads;
}

export interface EnrollIO {
  onProgress?(p: { readonly enrollmentId: string; readonly step: string; readonly percent: number }): void;
  /** `rejected`: the station refused the last PIN typed, by this rule */
  askNewPin(
    policy: PinPolicyView & { readonly enrollmentId: string },
    rejected?: StationError,
  ): Promise<Secret | 'skip'>;
}

export type EnrollOutcome =
  | {
      readonly status: 'issued' | 'issued-pin-not-changed';
      readonly enrollmentId: string;
      readonly reqId: number;
      readonly certificate: CertificateView;
    }
  | { readonly status: 'pending'; readonly enrollmentId: string; readonly reqId: number }
  | {
      readonly status: 'denied';
      readonly enrollmentId: string;
      readonly reqId: number;
      readonly error: StationError;
      /** a denied re-issue: the holder's old certificate was removed with the unused new key (card blank) */
      readonly cardCleared?: true;
    };

export type SelfEnrollOutcome = EnrollOutcome & {
  readonly reader: string;
  readonly instanceId?: string;
};

export interface VerifyReport {
  readonly reader: string;
  readonly ok: boolean;
  readonly checks: readonly {
    readonly id: string;
    readonly status: 'passed' | 'failed' | 'skipped';
    readonly error?: StationError;
  }[];
}

export interface KioskStation {
  /** `operatorReader`: the reader the signed-in operator's session holds (not connected to again) */
  readers(operatorReader?: string): Promise<readonly ReaderView[]>;
  watchReaders(listener: () => void): () => void;
  health(): Promise<HealthView>;
  signInOperator(pin: Secret, reader?: string): Promise<OperatorHandle>;
  /** `input` is handed on as received: the station's validateEnrollInput is the one validator */
  enroll(input: unknown, operator: OperatorHandle, io: EnrollIO): Promise<EnrollOutcome>;
  pending(): Promise<readonly PendingView[]>;
  resume(enrollmentId: string, operator: OperatorHandle, io: EnrollIO): Promise<EnrollOutcome>;
  /** diagnose's findings in the station's words, in `language` */
  diagnose(language: Language): Promise<readonly DiagnosticView[]>;
  /** `password` undefined: the Windows logon signs in (the app's integrated authentication) */
  selfEnroll(
    input: SelfEnrollInputView,
    password: Secret | undefined,
    io: EnrollIO,
  ): Promise<SelfEnrollOutcome>;
  /** the employee's own pending self-enrollments; signs in to the CA as `account` first */
  selfPending(account: string, password: Secret | undefined): Promise<readonly SelfPendingView[]>;
  /** one of them resumed as the employee: the operator's resume path, the PIN change forced */
  selfResume(
    account: string,
    password: Secret | undefined,
    enrollmentId: string,
    io: EnrollIO,
  ): Promise<SelfEnrollOutcome>;
  verifyVsc(reader: string, options: { upn?: string; pin?: Secret }): Promise<VerifyReport>;
  close(): Promise<void>;
  /** the auditor's sign-in (station/auditor.ts); absent: no auditor role on this station */
  signInAuditor?(pin: Secret, reader?: string): Promise<AuditorView>;
  /** a sign-in, sign-out or refused attempt into the enrollment log */
  recordEvent?(event: AuditEvent): Promise<void>;
  /** what the auditor screens read */
  readonly auditor?: AuditorReads;
}
