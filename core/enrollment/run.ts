// One enrollment's run context: what the job asks for, what the run needs (its ports), what it has
// learnt so far (identity, key, request, certificate), and the one way each step is carried out —
// progress, audit "started" (fail closed), journal begin, run, journal done. The prepare steps
// (prepare.ts), the CA step (submit.ts), the finishing steps (finish.ts) and compensation
// (compensation.ts) all act through it; recovery builds one to continue an interrupted run.
import { createHash } from 'node:crypto';
import type { AuditAction, AuditEvent, AuditOutcome } from '../audit/record.ts';
import type { CardIdentity } from '../card/edge.ts';
import { StationError } from '../errors/catalog.ts';
import type { KeyAlgorithm, Signer } from '../pki/signer.ts';
import { markLive, markNotLive, type EndStatus, type Facts, type Journal } from './journal.ts';
import type { PinPolicy, PinRejection } from './pin-policy.ts';
import type {
  AgentCard,
  AuditSink,
  CaOutcome,
  CardRecords,
  CertificateAuthority,
  CertificateChecker,
  CertificateVerdict,
  EnrollableCard,
  ManagementKeyStore,
  Progress,
} from './ports.ts';
import type { Secret } from './secret.ts';
import { DONE_PERCENT, stepDef, type StepContext, type StepId } from './steps.ts';

export interface EnrollmentJob {
  readonly id?: string;
  /** 'on-behalf': IT staff sign with their Enrollment Agent card; 'self': the requester is the holder */
  readonly mode: 'on-behalf' | 'self';
  /** DOMAIN\user — the requestername of an enroll-on-behalf request */
  readonly requesterName: string;
  readonly upn: string;
  readonly email?: string;
  readonly sid?: string;
  readonly template: string;
  readonly keyAlgorithm: KeyAlgorithm;
  /** replacing a certificate already on the card is an explicit, audited choice */
  readonly reissue: boolean;
  /** the organisation's transport PIN cards are delivered with */
  readonly transportPin: Secret;
  /** the vendor's factory PIN (e.g. 123456 on YubiKey-class cards), told apart with metadata */
  readonly factoryPin: Secret;
  /** the PUK cards arrive with; the station replaces it with a random one it keeps */
  readonly transportPuk: Secret;
  /** the factory admin key of blank cards; a key the station set earlier comes from deps.keys */
  readonly factoryAdminKey: Secret;
  /** the configured policy; clamped to what the card edge can store */
  readonly pinPolicy: PinPolicy;
}

export interface RequestBuilder {
  /** PKCS#10 signed on the card */
  csr(signer: Signer, job: Pick<EnrollmentJob, 'upn'>): Promise<Uint8Array>;
  /** CMS SignedData over the CSR, signed by the agent card, carrying requestername */
  onBehalf(csr: Uint8Array, agent: AgentCard, requesterName: string): Promise<Uint8Array>;
}

/** How the workflow reaches the person at the station (CLI prompt, kiosk PIN pad). */
export interface EnrollmentIO {
  readonly onProgress?: (p: Progress) => void;
  /**
   * The holder's new PIN, asked once the certificate is on the card; `rejected` says why the last
   * one was refused. 'skip' is the operator's explicit, audited choice: "issued, PIN not changed".
   */
  askNewPin(policy: PinPolicy, rejected?: PinRejection): Promise<Secret | 'skip'>;
}

export interface EnrollmentDeps {
  readonly stationId: string;
  readonly card: EnrollableCard;
  readonly agent?: AgentCard;
  readonly operatorUpn?: string;
  readonly ca: CertificateAuthority;
  readonly requests: RequestBuilder;
  readonly check: CertificateChecker;
  readonly audit: AuditSink;
  readonly keys: ManagementKeyStore;
  readonly records?: CardRecords;
  readonly journalDir: string;
  /** a per-card lock held for the whole run; throws CARD_BUSY when another run holds it */
  readonly lockCard?: (cardId: string) => () => void;
  /** the journal's own lock, held by its live owner (an enrollment, or the recovery continuing it) */
  readonly lockJournal?: (enrollmentId: string) => () => void;
  readonly io: EnrollmentIO;
}

export type EnrollmentStatus = 'issued' | 'issued-pin-not-changed' | 'pending' | 'denied';

export interface EnrollmentResult {
  readonly enrollmentId: string;
  readonly status: EnrollmentStatus;
  readonly reqId: number | null;
  readonly verdict: CertificateVerdict | null;
  /** the identity of the card as the run left it (GUID after the personalise step) */
  readonly card: CardIdentity | null;
  /** denied: the CA's reason */
  readonly denial?: Extract<CaOutcome, { kind: 'denied' }>;
  /** a denied re-issue: the old certificate, whose key the new one replaced, was removed */
  readonly cardCleared?: true;
}

export const errorCodeOf = (error: unknown): string => {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string')
    return error.code;
  return 'INTERNAL';
};

/** One enrollment's state while it runs (or while recovery continues it). */
export class EnrollmentRun {
  readonly id: string;
  readonly journal: Journal;
  readonly deps: EnrollmentDeps;
  /** the factory admin key of blank cards (tried after the keys the store holds) */
  readonly factoryAdminKey: Secret;
  mode: 'on-behalf' | 'self' = 'on-behalf';
  reissue = false;
  targetUser: string | undefined;
  template: string | undefined;
  identity: CardIdentity | undefined;
  /** 'transport' | 'other' | 'unknown': what the station can tell of the card's current PIN */
  pinState: 'transport' | 'other' | 'unknown' = 'unknown';
  policy: PinPolicy | undefined;
  signer: Signer | undefined;
  spki: Uint8Array | undefined;
  request: Uint8Array | undefined;
  reqId: number | undefined;
  certificate: Uint8Array | undefined;
  verdict: CertificateVerdict | undefined;
  pinChanged = false;
  /** set by pin-check: a re-issued card whose PIN is reset with the held PUK after keygen */
  needsPinReset = false;
  /** identify found a card without serial or GUID; the GUID in `identity` is assigned, not read */
  needsId = false;
  /** the card session is authenticated as administrator (a resumed run starts without) */
  adminAuthenticated = false;
  #releaseCard: (() => void) | undefined;
  #releaseJournal: (() => void) | undefined;
  #lastStep: StepId | 'done' | undefined;

  constructor(id: string, journal: Journal, deps: EnrollmentDeps, factoryAdminKey: Secret) {
    this.id = id;
    this.journal = journal;
    this.deps = deps;
    this.factoryAdminKey = factoryAdminKey;
    markLive(id);
  }

  get cardId(): string | undefined {
    return this.identity?.cardId;
  }

  stepContext(): StepContext {
    return {
      mode: this.mode,
      reissue: this.reissue,
      capabilities: this.deps.card.capabilities,
      identity: this.identity,
      needsPinReset: this.needsPinReset,
      needsId: this.needsId,
    };
  }

  progress(step: StepId | 'done', detail?: string): void {
    if (step === this.#lastStep && detail === undefined) return; // e.g. the PIN pad, then the change
    this.#lastStep = step;
    const percent = step === 'done' ? DONE_PERCENT : stepDef(step).percent;
    this.deps.io.onProgress?.({
      enrollmentId: this.id,
      step,
      percent,
      ...(detail === undefined ? {} : { detail }),
    });
  }

  lock(cardId: string): void {
    this.#releaseCard ??= this.deps.lockCard?.(cardId);
  }

  lockJournal(): void {
    this.#releaseJournal ??= this.deps.lockJournal?.(this.id);
  }

  release(): void {
    this.#releaseCard?.();
    this.#releaseCard = undefined;
    this.#releaseJournal?.();
    this.#releaseJournal = undefined;
    markNotLive(this.id);
  }

  /** Fail closed: an audit record that cannot be written stops the enrollment here. */
  async audit(action: AuditAction, outcome: AuditOutcome, extra: Partial<AuditEvent> = {}): Promise<void> {
    try {
      await this.deps.audit.append(this.#event(action, outcome, extra));
    } catch (cause) {
      // a record the log refuses is the station's own mistake, not a full disk: say which field
      const field = (cause as { field?: unknown }).field;
      if (typeof field === 'string') throw new StationError('INTERNAL', { action, field }, { cause });
      throw new StationError('AUDIT_UNAVAILABLE', { action }, { cause });
    }
  }

  #event(action: AuditAction, outcome: AuditOutcome, extra: Partial<AuditEvent>): AuditEvent {
    const { operatorUpn, agent } = this.deps;
    const id = this.identity;
    return {
      enrollmentId: this.id,
      action,
      outcome,
      ...(operatorUpn === undefined
        ? {}
        : {
            operator: {
              upn: operatorUpn,
              ...(agent ? { agentCertThumbprint: sha1Hex(agent.certificate) } : {}),
            },
          }),
      ...(this.targetUser === undefined ? {} : { targetUser: this.targetUser }),
      ...(id === undefined
        ? {}
        : {
            reader: id.readerName,
            card: {
              edge: id.edge,
              atr: id.atr,
              ...(id.serial === null ? {} : { serial: id.serial }),
              ...(id.guid === null ? {} : { guid: id.guid }),
            },
          }),
      ...(this.template === undefined
        ? {}
        : {
            certificate: {
              template: this.template,
              ...(this.reqId === undefined ? {} : { caRequestId: this.reqId }),
              ...(this.verdict === undefined || this.verdict.serial === ''
                ? {}
                : {
                    serial: this.verdict.serial,
                    thumbprint: this.verdict.thumbprint,
                    notBefore: this.verdict.notBefore,
                    notAfter: this.verdict.notAfter,
                  }),
            },
          }),
      ...extra,
    };
  }

  /** Runs one step of the table: progress, audit "started", journal begin, run, journal done. */
  async step<T>(id: StepId, run: () => Promise<T>, facts: (r: T) => Facts = () => ({})): Promise<T> {
    const def = stepDef(id);
    this.progress(id);
    await this.audit(def.action, 'started');
    this.journal.begin(id);
    let result: T;
    try {
      result = await run();
    } catch (error) {
      await this.audit(def.action, 'failure', { errorCode: errorCodeOf(error) }).catch(() => undefined);
      throw error;
    }
    this.journal.done(id, facts(result));
    return result;
  }

  /** Ends the journal (archived) and the log's bracket for this enrollment. */
  async end(status: EndStatus, outcome: AuditOutcome, extra: Partial<AuditEvent> = {}): Promise<void> {
    await this.audit('ENROLLMENT_FINISHED', outcome, { reason: status, ...extra });
    this.journal.end(status);
  }
}

export const sha1Hex = (der: Uint8Array): string => hash('sha1', der);
export const sha256Hex = (der: Uint8Array): string => hash('sha256', der);
const hash = (alg: string, der: Uint8Array): string => createHash(alg).update(der).digest('hex');
