// The whole surface between the kiosk screens and the main process, as ONE interface (the
// Signal Desktop pattern): the preload (bridge.ts) is type-checked against `StationBridge`, the
// main-process handlers (handlers.ts) against `Handlers`, and every channel name is derived here
// from the method name — none is typed twice. The renderer imports these types only.
//
// Everything that crosses is plain structured-clonable data. Every value is validated again in
// main (validate.ts): a compromised renderer can send anything.

export type Language = 'en' | 'ko' | 'zh-Hans' | 'zh-Hant';

/** What an error looks like on the screen: the station catalog's text in the screen's language. */
export interface ErrorView {
  readonly code: string;
  readonly message: string;
  readonly resolution: string;
  /** non-secret facts for support (reader, ReqID, HRESULT, retries left) */
  readonly details: Readonly<Record<string, string | number | boolean>>;
}

/** Every call answers either a value or an ErrorView; exceptions never cross the bridge. */
export type Answer<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorView };

export interface ReaderView {
  readonly name: string;
  readonly cardPresent: boolean;
  readonly atr: string | null;
  /** what the station makes of the card: blank, issued, the operator's agent card, unknown */
  readonly role: 'blank' | 'issued' | 'agent' | 'unknown' | 'empty';
}

export type HealthState = 'ok' | 'warning' | 'failed' | 'unknown';

export interface HealthView {
  readonly ca: { readonly state: HealthState; readonly detail?: string };
  readonly clock: { readonly state: HealthState; readonly skewSeconds?: number };
  readonly log: { readonly state: HealthState; readonly records?: number };
  /** the central copy of the log: 'not-configured' when the station forwards to none */
  readonly central: { readonly state: HealthState | 'not-configured'; readonly backlog?: number };
}

/**
 * One diagnose check as the diagnostics screen shows it: the station's words (station/diagnose-words.ts,
 * the same the CLI prints) in the screen's language, explained in main.
 */
export interface DiagnosticView {
  /** the check's id (dns, proxy, ca-reachable, server-certificate, credentials, clock, …) */
  readonly id: string;
  readonly ok: boolean;
  readonly check: string;
  readonly detail: string;
  /** what to do; only for a failed check */
  readonly resolution?: string;
  /** the error code behind a failed check */
  readonly code?: string;
}

export interface OperatorView {
  readonly name: string;
  readonly reader: string;
}

export interface PinPolicyView {
  readonly minLength: number;
  readonly maxLength: number;
  readonly digitsOnly: boolean;
  /** public factory values the policy refuses (the live hints use them; main decides) */
  readonly refused: readonly string[];
}

export interface CertificateView {
  readonly subject: string;
  readonly upn: string;
  readonly email?: string;
  readonly template: string;
  readonly serialNumber: string;
  /** ISO 8601 */
  readonly notBefore: string;
  readonly notAfter: string;
  /** empty when the station does not report it */
  readonly issuer: string;
}

export type OutcomeView =
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
      readonly error: ErrorView;
      /** a denied re-issue: the holder's old certificate was removed with the unused new key (card blank) */
      readonly cardCleared?: true;
    };

export interface PendingView {
  readonly enrollmentId: string;
  readonly reqId: number;
  /** DOMAIN\\user the request was made for, when the journal names it */
  readonly requesterName: string | null;
  readonly reader: string | null;
}

/** The cardholder fields as typed on the Operator screen. */
export interface EnrollRequestView {
  /** DOMAIN\user */
  readonly requesterName: string;
  readonly upn: string;
  readonly email?: string;
  readonly targetReader?: string;
  /** an explicit, audited choice to overwrite an issued card */
  readonly reissue: boolean;
}

/** The employee's own enrollment (self-service screen): their account, their card. */
export interface SelfEnrollRequestView {
  /** DOMAIN\user: the employee's own domain account */
  readonly account: string;
  readonly upn: string;
  readonly email?: string;
  /** the card's reader; absent: the virtual card just created, or the one card present */
  readonly reader?: string;
  /** make a new TPM virtual smart card first (Windows 8+, through the elevated helper) */
  readonly create: boolean;
  /**
   * The employee's domain password: crosses once, is wrapped in a Secret at once in main. Absent:
   * the app on Windows signs in with the employee's Windows logon (integrated authentication).
   */
  readonly password?: string;
}

export type SelfEnrollOutcomeView = OutcomeView & {
  readonly reader: string;
  /** the virtual card made for this enrollment (tpmvscmgr instance id) */
  readonly instanceId?: string;
};

/** One of the employee's own self-enrollments waiting for CA manager approval (self-service). */
export interface SelfPendingView {
  readonly enrollmentId: string;
  readonly reqId: number;
  /** ISO 8601: when the enrollment began, a moment before its request reached the CA */
  readonly requestedAt: string | null;
  readonly reader: string | null;
}

/** The employee's sign-in for their pending requests (self-service screen). */
export interface SelfSignInView {
  /** DOMAIN\user: the employee's own domain account */
  readonly account: string;
  /**
   * Crosses once, is wrapped in a Secret at once in main and kept there for `selfResume` until
   * the screen is left (`selfSignOut`), the kiosk idles or another employee signs in. Absent:
   * the app on Windows signs in with the Windows logon (integrated authentication).
   */
  readonly password?: string;
}

export interface VerifyCheckView {
  /** windows, tpm, reader, gids, key, certificate, pin-changed, signature */
  readonly id: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  /** failed: the catalog's text and what to do */
  readonly error?: ErrorView;
}

export interface VerifyReportView {
  readonly reader: string;
  readonly ok: boolean;
  readonly checks: readonly VerifyCheckView[];
}

/** Pushed from main to the screen, never requested. */
export type StationEvent =
  | { readonly type: 'readers'; readonly readers: readonly ReaderView[] }
  | {
      readonly type: 'progress';
      readonly enrollmentId: string;
      readonly step: string;
      readonly percent: number;
    }
  /** the certificate is on the card: the holder chooses a PIN (answer with `answerNewPin`) */
  | {
      readonly type: 'new-pin-needed';
      readonly enrollmentId: string;
      readonly policy: PinPolicyView;
      /** the station refused the PIN typed last, and why */
      readonly rejected?: ErrorView;
    }
  /** nobody touched the kiosk for the idle allowance: everything typed is dropped */
  | { readonly type: 'idle-reset' };

// ── the auditor's screens (signed-in auditor only; main checks the role on every call) ─────────

export interface AuditorView {
  readonly name: string;
  readonly reader: string;
}

/** The filters the Log, Overview and Export screens share; every field optional text. */
export interface AuditFilterView {
  /** ISO 8601 date or date-time (inclusive) */
  readonly from?: string;
  /** ISO 8601 date or date-time (exclusive) */
  readonly to?: string;
  readonly operator?: string;
  readonly user?: string;
  readonly card?: string;
  readonly outcome?: 'started' | 'success' | 'failure' | 'aborted';
  readonly template?: string;
}

export interface EnrollmentRowView {
  readonly enrollmentId: string;
  readonly started: string | null;
  readonly finished: string;
  readonly durationMs: number | null;
  readonly operator: string | null;
  readonly holder: string | null;
  readonly card: string | null;
  readonly template: string | null;
  readonly reqId: number | null;
  readonly outcome: string;
  readonly status: string;
  readonly proof: string;
  readonly seq: number;
}

export interface EnrollmentPageView {
  readonly rows: readonly EnrollmentRowView[];
  readonly nextAfterSeq: number | null;
}

export interface AuditEventView {
  readonly seq: number;
  readonly ts: string;
  readonly action: string;
  readonly outcome: string;
  readonly errorCode: string | null;
  readonly reason: string | null;
  readonly operator: string | null;
  readonly reader: string | null;
  readonly card: string | null;
  readonly reqId: number | null;
  readonly certSerial: string | null;
  readonly proof: string;
}

export interface PinnedKeyView {
  /** the file's name in the auditor's media folder */
  readonly file: string;
  /** SHA-256 of the key's SPKI, hex */
  readonly fingerprint: string;
}

export interface AuditKeysView {
  readonly folder: string;
  readonly keys: readonly PinnedKeyView[];
}

export interface AuditVerifyView {
  /** intact, broken, empty, nothing-signed, unsigned-tail, anchor-unavailable */
  readonly verdict: string;
  readonly keyFingerprint: string;
  readonly recordsChecked: number;
  readonly lastRecordSeq: number;
  readonly firstBreak: { readonly seq: number; readonly kind: string } | null;
  /** not-configured, unreachable, empty, used */
  readonly central: string;
  /** the second verdict: the central copy's own chain of this station, checked with the same key */
  readonly centralCopy: AuditCentralCopyView;
  readonly head: string;
}

export type AuditCentralCopyView =
  | { readonly state: 'not-configured' | 'unreachable' }
  | {
      readonly state: 'checked';
      /** intact, broken, empty, nothing-signed, unsigned-tail */
      readonly verdict: string;
      readonly firstBreak: { readonly seq: number; readonly kind: string } | null;
      readonly recordsChecked: number;
      /** the newest record the central copy holds (0: none) */
      readonly lastRecordSeq: number;
      /** local records not forwarded yet (local head minus central head) */
      readonly behind: number;
    };

export interface AuditCardView {
  readonly card: string;
  readonly state: string;
  readonly holder: string | null;
  readonly ts: string;
  readonly certificateSerial: string | null;
  readonly proof: string;
}

export interface AuditCardsView {
  readonly cards: readonly AuditCardView[];
  readonly verdict: string;
}

export interface AuditOverviewView {
  readonly days: readonly {
    readonly day: string;
    readonly total: number;
    readonly byStatus: Readonly<Record<string, number>>;
  }[];
  readonly byStatus: Readonly<Record<string, number>>;
  readonly total: number;
}

export interface AuditExportView {
  /** the file written to the auditor's media folder */
  readonly file: string;
  readonly records: number;
  readonly verdict: string;
  readonly keyFingerprint: string;
}

export type NewPinAnswer =
  | { readonly enrollmentId: string; readonly pin: string }
  | { readonly enrollmentId: string; readonly skip: true };

/** The calls the screen makes. One argument at most, always an object (validated in main). */
export interface StationCalls {
  readers(): Promise<Answer<readonly ReaderView[]>>;
  health(): Promise<Answer<HealthView>>;
  /** the screen's language, for the texts of errors explained in main */
  setLanguage(arg: { readonly language: Language }): Promise<Answer<null>>;
  /** the Enrollment Agent card's PIN: crosses once, is wrapped in a Secret at once in main */
  signIn(arg: { readonly pin: string; readonly reader?: string }): Promise<Answer<OperatorView>>;
  signOut(): Promise<Answer<null>>;
  enroll(arg: EnrollRequestView): Promise<Answer<OutcomeView>>;
  answerNewPin(arg: NewPinAnswer): Promise<Answer<null>>;
  pending(): Promise<Answer<readonly PendingView[]>>;
  resume(arg: { readonly enrollmentId: string }): Promise<Answer<OutcomeView>>;
  /** any touch or key on the screen: keeps the idle timer in main from expiring */
  activity(): Promise<Answer<null>>;
  /** the cardholder fields checked by the same validator enroll uses, before the card step */
  checkHolder(arg: EnrollRequestView): Promise<Answer<null>>;
  /** an error already on screen, in the language just chosen */
  explain(arg: { readonly code: string }): Promise<Answer<Pick<ErrorView, 'message' | 'resolution'>>>;
  /** every diagnose check in the screen's language (no sign-in: nothing secret, nothing changed) */
  diagnose(): Promise<Answer<readonly DiagnosticView[]>>;
  /** the employee enrolls their own card (no operator); the new PIN through `new-pin-needed` */
  selfEnroll(arg: SelfEnrollRequestView): Promise<Answer<SelfEnrollOutcomeView>>;
  /** the employee's own pending self-enrollments, after the CA accepted their sign-in */
  selfPending(arg: SelfSignInView): Promise<Answer<readonly SelfPendingView[]>>;
  /** fetches one of them from the CA as the employee and finishes the card (new PIN forced) */
  selfResume(arg: { readonly enrollmentId: string }): Promise<Answer<SelfEnrollOutcomeView>>;
  /** the employee leaves the self-service screen: the sign-in kept in main is wiped */
  selfSignOut(): Promise<Answer<null>>;
  /** checks one virtual card; with `pin` the card signs a fresh challenge */
  verifyVsc(arg: {
    readonly reader: string;
    readonly upn?: string;
    readonly pin?: string;
  }): Promise<Answer<VerifyReportView>>;
  /** the auditor's card PIN: crosses once, wrapped in a Secret in main; opens the auditor screens */
  signInAuditor(arg: { readonly pin: string; readonly reader?: string }): Promise<Answer<AuditorView>>;
  auditLog(arg: {
    readonly filter: AuditFilterView;
    readonly afterSeq?: number;
  }): Promise<Answer<EnrollmentPageView>>;
  auditEvents(arg: { readonly enrollmentId: string }): Promise<Answer<readonly AuditEventView[]>>;
  auditKeys(): Promise<Answer<AuditKeysView>>;
  auditVerify(arg: { readonly keyFile: string }): Promise<Answer<AuditVerifyView>>;
  auditCards(arg: { readonly keyFile: string }): Promise<Answer<AuditCardsView>>;
  auditOverview(arg: { readonly filter: AuditFilterView }): Promise<Answer<AuditOverviewView>>;
  auditExport(arg: {
    readonly format: 'csv' | 'json' | 'pdf';
    readonly filter: AuditFilterView;
    readonly keyFile: string;
  }): Promise<Answer<AuditExportView>>;
}

export interface StationBridge extends StationCalls {
  onEvent(listener: (event: StationEvent) => void): () => void;
}

export type CallName = keyof StationCalls;

/**
 * The list the preload and main iterate. `satisfies` plus the exhaustiveness check below make a
 * method added to StationCalls without a channel (or the reverse) a type error.
 */
export const CALLS = [
  'readers',
  'health',
  'setLanguage',
  'signIn',
  'signOut',
  'enroll',
  'answerNewPin',
  'pending',
  'resume',
  'activity',
  'checkHolder',
  'explain',
  'diagnose',
  'selfEnroll',
  'selfPending',
  'selfResume',
  'selfSignOut',
  'verifyVsc',
  'signInAuditor',
  'auditLog',
  'auditEvents',
  'auditKeys',
  'auditVerify',
  'auditCards',
  'auditOverview',
  'auditExport',
] as const satisfies readonly CallName[];

type Missing = Exclude<CallName, (typeof CALLS)[number]>;
const _everyCallHasAChannel: [Missing] extends [never] ? true : Missing = true;
void _everyCallHasAChannel;

export const EVENT_CHANNEL = 'station:event';

export function channelOf(call: CallName): `station:${CallName}` {
  return `station:${call}`;
}

export type CallArgument<K extends CallName> = Parameters<StationCalls[K]>[0];
export type CallValue<K extends CallName> = Awaited<ReturnType<StationCalls[K]>>;
