// What the enrollment workflow needs from the world, as small interfaces. The PIV session, the
// certsrv client and the audit log are bound to these in adapters, so the workflow reads as the
// data flow in design.md and a GIDS card or another CA can join without touching it.
import type { AuditEvent } from '../audit/record.ts';
import type { KeyAlgorithm, Signer } from '../pki/signer.ts';
import type { Secret } from './secret.ts';

export interface CardIdentity {
  readonly readerName: string;
  /** hex */
  readonly atr: string;
  readonly edge: 'piv';
  /** the card's serial (YubiKey GET SERIAL) or null */
  readonly serial: string | null;
  /** the CHUID GUID (hex) or null when the card has none */
  readonly guid: string | null;
  /** a certificate is already in the PIV Authentication slot */
  readonly hasCertificate: boolean;
  /** whether the PIN is still the card's factory default, learned without spending a retry */
  readonly defaultPin: 'yes' | 'no' | 'unknown';
  /** the same for the PUK */
  readonly defaultPuk: 'yes' | 'no' | 'unknown';
}

/** The card being enrolled (PIV Authentication slot 9A). */
export interface EnrollableCard {
  identify(): Promise<CardIdentity>;
  /** authenticates with the card's management key; the key is wiped by the card adapter after use */
  authenticateAdmin(managementKey: Secret): Promise<void>;
  generateKey(algorithm: KeyAlgorithm): Promise<Signer>;
  verifyPin(pin: Secret): Promise<void>;
  /** signer for the key already in the slot (public key from its certificate or generation) */
  signerFor(spki: Uint8Array): Signer;
  readCertificate(): Promise<Uint8Array | null>;
  writeCertificate(der: Uint8Array): Promise<void>;
  deleteCertificate(): Promise<void>;
  /** writes a CHUID with this GUID and a CCC */
  writeIdentifiers(guid: Uint8Array): Promise<void>;
  setManagementKey(newKey: Secret): Promise<void>;
  changePin(current: Secret, next: Secret): Promise<void>;
  changePuk(current: Secret, next: Secret): Promise<void>;
  /** RESET RETRY COUNTER: a new PIN set with the PUK */
  unblockPin(puk: Secret, newPin: Secret): Promise<void>;
}

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
 * Where new random management keys and PUKs go (README: "Management keys and PUKs"). A card's PUK
 * is kept under pukEntry(cardId). Write-ahead with the previous key kept: stage() before the card
 * is changed, commit() once the card accepted the new key; until then both are candidates.
 */
export interface ManagementKeyStore {
  /** false when the store throws everything away (then nobody can use the PUK) */
  readonly keeps: boolean;
  /** the key the card is known to hold (the last committed one), if the store kept one */
  get(entry: string): Secret | undefined;
  /** records `key` BEFORE it is set on the card; the current key stays until commit() */
  stage(entry: string, key: Secret): void;
  /**
   * The card accepted the last staged key (it becomes current, older staged ones go). With `key`:
   * the card was found to hold that one of the candidates (recovery), which becomes current.
   */
  commit(entry: string, key?: Secret): void;
  /** the card refused or never received the staged keys: drop them, keep the current one */
  abandon(entry: string): void;
  /** every key the card may hold, for recovery: staged (newest first), then current */
  candidates(entry: string): Secret[];
  /** stage + commit at once, for callers that change nothing on a card in between */
  put(entry: string, key: Secret): void;
}

export interface Progress {
  readonly enrollmentId: string;
  readonly step: string;
  readonly percent: number;
  readonly detail?: string;
}

/** The key-store entry of a card's PUK, beside its management key. */
export const pukEntry = (cardId: string): string => `${cardId}/puk`;
