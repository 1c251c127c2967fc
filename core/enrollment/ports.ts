// What the enrollment workflow needs from the world, as small interfaces. The PIV session, the
// certsrv client and the audit log are bound to these in adapters, so the workflow reads as the
// data flow in docs/architecture.md and a GIDS card or another CA can join without touching it.
import type { AuditEvent } from '../audit/record.ts';
import type { Signer } from '../pki/signer.ts';
import type { Secret } from './secret.ts';
import type { StepId } from './steps.ts';

export type { CardCapabilities, CardIdentity, EnrollableCard } from '../card/edge.ts';

/** The operator's Enrollment Agent card, PIN already verified. */
export interface AgentCard {
  readonly certificate: Uint8Array;
  readonly signer: Signer;
}

export type CaOutcome =
  | { readonly kind: 'issued'; readonly reqId: number; readonly certificate: Uint8Array }
  | { readonly kind: 'pending'; readonly reqId: number }
  | {
      readonly kind: 'denied';
      readonly reqId: number | null;
      /** stable code, e.g. TEMPLATE_DENIED */
      readonly code: string;
      readonly hresult: string | null;
      readonly message: string;
      readonly resolution: string;
    };

export interface CertificateAuthority {
  /**
   * One POST per `key` (the enrollment id), ever: a repeated key re-checks instead of posting.
   * Throws a StationError CA_OUTCOME_UNKNOWN when the CA may hold a request whose answer was lost.
   */
  submit(request: Uint8Array, template: string, key: string): Promise<CaOutcome>;
  /** looks a request up by its id; never submits */
  retrieve(reqId: number): Promise<CaOutcome>;
  /**
   * What the station's request ledger knows of the submission made under `key`: whether a POST
   * may have reached the CA, and the ReqID when one was read. Never asks the CA.
   */
  submission(key: string): Promise<SubmissionRecord | undefined>;
}

export interface SubmissionRecord {
  /** 'not-sent': provably never reached the CA; 'maybe': a POST may have arrived, no ReqID known */
  readonly state: 'not-sent' | 'maybe' | 'known';
  readonly reqId?: number;
}

export interface CertificateExpectations {
  readonly template: string;
  readonly upn: string;
  readonly email?: string;
  readonly sid?: string;
  readonly spki: Uint8Array;
}

export interface CertificateVerdict {
  readonly ok: boolean;
  readonly reasons: readonly string[];
  readonly serial: string;
  readonly thumbprint: string;
  readonly notBefore: string;
  readonly notAfter: string;
}

export type CertificateChecker = (
  certificate: Uint8Array,
  expected: CertificateExpectations,
) => Promise<CertificateVerdict>;

export interface AuditSink {
  append(event: AuditEvent): unknown;
}

/**
 * Where new random admin keys (PIV management keys, GIDS admin keys) and PUKs go (README:
 * "Management keys and PUKs"). A card's PUK is kept under pukEntry(cardId). Write-ahead: a new
 * key is staged before the card is told, and committed once the card accepted it, so a crash in
 * between leaves both the old and the new key known.
 */
export interface ManagementKeyStore {
  /** false when the store throws everything away (then nobody can use the PUK) */
  readonly keeps: boolean;
  /** the committed key the station set on this card earlier, if it kept one */
  get(entry: string): Secret | undefined;
  /** every key the card may hold for this entry: the staged one first, then the committed one */
  candidates(entry: string): Secret[];
  /** records a new key BEFORE it is set on the card; the committed one stays */
  stage(entry: string, key: Secret): void;
  /** the card accepted the staged key: it becomes the committed one */
  commit(entry: string): void;
  /** the card did not take the staged key: forget it, the committed one stays */
  abandon?(entry: string): void;
}

/** What the station's own records say about a card (the log), where the card cannot tell. */
export interface CardRecords {
  /** 'yes' when the log shows the holder left the transport PIN on this card */
  pinChanged(cardId: string): 'yes' | 'no' | 'unknown';
}

export interface Progress {
  readonly enrollmentId: string;
  readonly step: StepId | 'done';
  readonly percent: number;
  readonly detail?: string;
}

/** The key-store entry of a card's PUK, beside its management key. */
export const pukEntry = (cardId: string): string => `${cardId}/puk`;
