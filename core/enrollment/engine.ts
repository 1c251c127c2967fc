// The enrollment workflow: the step table (steps.ts) run in order, each step audited before it runs
// (fail closed: a record that cannot be written stops the enrollment) and journaled before and
// after (so a restart knows exactly what was done). Every way out ends in a named state:
//
//   before the CA is asked   refused (a rule said no) or failed — nothing to undo: the card holds at
//                            most an unused key, and the holder's certificate is never touched
//   the CA's answer          denied (ended), pending (open: resumed when approved)
//   after the CA issued      issued / issued-pin-not-changed; or, when a finishing step fails while
//                            the card is present, the key is destroyed, the certificate this run
//                            wrote is removed and its serial is recorded "to be revoked"
//                            (rolled-back); when the card or the CA went away, the journal stays
//                            open and `recover` finishes or compensates once they are back.
import { createHash, createPublicKey, createVerify, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { AuditAction, AuditEvent, AuditOutcome } from '../audit/record.ts';
import { cardIdFor, needsAssignedGuid, type CardIdentity } from '../card/edge.ts';
import { CardStatusError, SecretBlockedError, WrongSecretError } from '../card/status-words.ts';
import { StationError, type ErrorDetails, type StationErrorCode } from '../errors/catalog.ts';
import type { KeyAlgorithm, Signer } from '../pki/signer.ts';
import { Journal, markLive, markNotLive, type EndStatus, type Facts } from './journal.ts';
import { checkNewPin, clampPolicy, type PinPolicy, type PinRejection } from './pin-policy.ts';
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
import { pukEntry } from './ports.ts';
import { Secret } from './secret.ts';
import { DONE_PERCENT, STEP_TABLE, stepDef, type StepContext, type StepId } from './steps.ts';

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
}

/** Codes that mean "a rule said no before anything changed": the journal ends "refused". */
const REFUSALS: ReadonlySet<string> = new Set([
  'CARD_ALREADY_ISSUED',
  'REISSUE_NEEDS_RESET',
  'TRANSPORT_PIN_WRONG',
  'FACTORY_PIN_SET',
  'PIN_BLOCKED',
  'UNSUPPORTED_CARD',
  'CARD_BUSY',
  'BAD_INPUT',
  'AGENT_CARD_MISSING',
]);

/** Codes after which the card or the CA is away: the run cannot finish or undo anything now. */
const AWAY: ReadonlySet<string> = new Set([
  'CARD_REMOVED',
  'PCSC_UNAVAILABLE',
  'NO_CARD',
  'CARD_TIMEOUT',
  'READER_BUSY',
  'CA_OUTCOME_UNKNOWN',
  'CANCELLED',
]);

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

/** Runs one enrollment from a blank (or explicitly re-issued) card to a proven card. */
export async function enroll(job: EnrollmentJob, deps: EnrollmentDeps): Promise<EnrollmentResult> {
  if (job.mode === 'on-behalf' && deps.agent === undefined) throw new StationError('AGENT_CARD_MISSING');
  const id = job.id ?? randomUUID();
  const journal = Journal.create(deps.journalDir, id, {
    mode: job.mode,
    requesterName: job.requesterName,
    upn: job.upn,
    email: job.email ?? null,
    sid: job.sid ?? null,
    template: job.template,
    reissue: job.reissue,
  });
  const run = new EnrollmentRun(id, journal, deps, job.factoryAdminKey);
  run.lockJournal();
  run.mode = job.mode;
  run.reissue = job.reissue;
  run.targetUser = job.requesterName;
  run.template = job.template;
  try {
    await run.audit('ENROLLMENT_STARTED', 'started');
    return await runForward(run, job);
  } catch (error) {
    throw await settleFailure(run, error);
  } finally {
    run.release();
  }
}

async function runForward(run: EnrollmentRun, job: EnrollmentJob): Promise<EnrollmentResult> {
  for (const def of STEP_TABLE) {
    if (def.phase !== 'prepare') continue;
    if (!def.applies(run.stepContext())) continue;
    await PREPARE[def.id as PrepareStep](run, job);
  }
  const outcome = await submit(run, job);
  return afterOutcome(run, outcome, {
    transportPin: job.transportPin,
    transportPuk: job.transportPuk,
    pinPolicy: run.policy ?? job.pinPolicy,
    upn: job.upn,
    ...(job.email === undefined ? {} : { email: job.email }),
    ...(job.sid === undefined ? {} : { sid: job.sid }),
  });
}

type PrepareStep = Exclude<
  StepId,
  'submit' | 'check' | 'write' | 'personalise' | 'admin-key' | 'puk' | 'pin-change' | 'proof'
>;

const PREPARE: Record<PrepareStep, (run: EnrollmentRun, job: EnrollmentJob) => Promise<void>> = {
  async identify(run) {
    const { card, records } = run.deps;
    let identity = await run.step('identify', () => card.identify());
    if (needsAssignedGuid(identity)) {
      // a card with no serial and no GUID gets its GUID now, so the name it is filed under is
      // the one the personalise step writes (and no later write changes it)
      const guid = randomBytes(16).toString('hex');
      identity = { ...identity, guid, cardId: cardIdFor(identity.edge, identity.atr, null, guid) };
      run.needsId = true;
    }
    run.identity = identity;
    run.lock(identity.cardId);
    run.pinState = pinStateOf(identity, records?.pinChanged(identity.cardId) ?? 'unknown');
    run.journal.done('identify', {
      reader: identity.readerName,
      atr: identity.atr,
      edge: identity.edge,
      serial: identity.serial,
      guid: identity.guid,
      cardId: identity.cardId,
      hadCertificate: identity.hasCertificate,
    });
    await run.audit('CARD_IDENTIFIED', 'success');
    if (identity.factoryPin === 'yes') await run.audit('DEFAULT_PIN_DETECTED', 'success');
    if (identity.hasCertificate && !run.reissue)
      throw new StationError('CARD_ALREADY_ISSUED', { reader: identity.readerName });
    if (identity.hasCertificate)
      await run.audit('CARD_RESET', 'success', { reason: 'explicit re-issue chosen by the operator' });
  },

  async 'pin-check'(run, job) {
    const identity = run.identity as CardIdentity;
    run.policy = clampPolicy(job.pinPolicy, run.deps.card.capabilities.pin);
    await run.step('pin-check', async () => {
      if (resetForReissue(run)) {
        // the holder's PIN is unknown to the station: it is set back with the held PUK, after the
        // new key replaced the old one (step reissue-reset); no try is spent guessing
        const held = run.deps.keys.candidates(pukEntry(identity.cardId));
        held.forEach((p) => p.wipe());
        if (held.length === 0) throw new StationError('REISSUE_NEEDS_RESET', { reader: identity.readerName });
        run.needsPinReset = true;
        return;
      }
      await checkTransportPin(run, identity, job);
    });
    await run.audit('PIN_CHECKED', 'success');
  },

  async 'reissue-reset'(run, job) {
    // runs after keygen (see the table): the old key is gone before the PIN goes back to the
    // transport PIN, so no moment leaves the holder's old credential openable with it
    const identity = run.identity as CardIdentity;
    await run.step('reissue-reset', async () => {
      const puks = run.deps.keys.candidates(pukEntry(identity.cardId));
      try {
        await firstAccepted(puks, (puk) => run.deps.card.unblockPin(puk, job.transportPin));
      } finally {
        puks.forEach((p) => p.wipe());
      }
      await run.deps.card.verifyPin(job.transportPin);
    });
    run.pinState = 'transport';
    await run.audit('PIN_UNBLOCK', 'success', {
      reason: 'set back to the transport PIN with the station-held PUK for the re-issue',
    });
  },

  async agent(run) {
    const agent = run.deps.agent as AgentCard;
    await run.step(
      'agent',
      async () => undefined,
      () => ({ agentThumbprint: sha1Hex(agent.certificate) }),
    );
    await run.audit('OPERATOR_LOGON', 'success');
  },

  async admin(run) {
    const cardId = (run.identity as CardIdentity).cardId;
    await run.step('admin', () => authenticateAdmin(run, cardId, run.factoryAdminKey));
    await run.audit('ADMIN_AUTHENTICATED', 'success');
  },

  async 'assign-id'(run) {
    const identity = run.identity as CardIdentity;
    await run.step(
      'assign-id',
      () => run.deps.card.personalise(identity.guid),
      (g) => ({ guid: g }),
    );
    await run.audit('CARD_PERSONALISED', 'success', { reason: 'GUID assigned: the card has no serial' });
  },

  async keygen(run, job) {
    const signer = await run.step(
      'keygen',
      () => run.deps.card.generateKey(job.keyAlgorithm),
      (s) => ({ spki: Buffer.from(s.spki).toString('base64'), algorithm: job.keyAlgorithm }),
    );
    run.signer = signer;
    run.spki = signer.spki;
    await run.audit('KEYGEN', 'success', { reason: `${job.keyAlgorithm} key generated on the card` });
  },

  async csr(run, job) {
    const csr = await run.step(
      'csr',
      () => run.deps.requests.csr(run.signer as Signer, job),
      (c) => ({ csrSha256: sha256Hex(c) }),
    );
    run.request = csr;
    await run.audit('CSR_CREATED', 'success');
  },

  async wrap(run, job) {
    const wrapped = await run.step(
      'wrap',
      () =>
        run.deps.requests.onBehalf(run.request as Uint8Array, run.deps.agent as AgentCard, job.requesterName),
      (r) => ({ requestSha256: sha256Hex(r) }),
    );
    run.request = wrapped;
    await run.audit('EOBO_SIGNED', 'success');
  },
};

function pinStateOf(identity: CardIdentity, recordsSay: 'yes' | 'no' | 'unknown'): EnrollmentRun['pinState'] {
  if (recordsSay === 'yes') return 'other';
  if (recordsSay === 'no' && !identity.hasCertificate) return 'transport';
  return 'unknown';
}

/** Re-issue of a card whose PIN the station cannot vouch for: reset it with the held PUK. */
function resetForReissue(run: EnrollmentRun): boolean {
  const identity = run.identity as CardIdentity;
  if (!(run.reissue && identity.hasCertificate && run.deps.card.capabilities.puk)) return false;
  if (run.pinState === 'other') return true;
  if (run.pinState !== 'unknown' || identity.factoryPin === 'yes') return false;
  const held = run.deps.keys.candidates(pukEntry(identity.cardId));
  held.forEach((p) => p.wipe());
  return held.length > 0;
}

/**
 * The transport PIN is proven before any key is generated, spending no try where the card can
 * tell (metadata says whether the PIN is still the vendor's factory value) and at most one
 * otherwise. A refusal names the CONFIGURED transport PIN and the tries left.
 */
async function checkTransportPin(
  run: EnrollmentRun,
  identity: CardIdentity,
  job: EnrollmentJob,
): Promise<void> {
  const card = run.deps.card;
  const tries = identity.pinTriesLeft ?? (await card.pinTriesLeft());
  if (tries === 0) throw new StationError('PIN_BLOCKED', { card: 'holder', reader: identity.readerName });
  if (identity.factoryPin !== 'unknown') {
    const transportIsFactory = job.transportPin.equals(job.factoryPin);
    if (identity.factoryPin === 'yes' && !transportIsFactory)
      throw new StationError('FACTORY_PIN_SET', { reader: identity.readerName, triesSpent: 0 });
    if (identity.factoryPin === 'no' && transportIsFactory)
      throw new StationError('TRANSPORT_PIN_WRONG', {
        reader: identity.readerName,
        ...(tries === null ? {} : { triesLeft: tries }),
        triesSpent: 0,
      });
  }
  if (run.pinState === 'other')
    throw new StationError('TRANSPORT_PIN_WRONG', {
      reader: identity.readerName,
      ...(tries === null ? {} : { triesLeft: tries }),
      triesSpent: 0,
      why: 'the station records show the holder changed the PIN',
    });
  try {
    await card.verifyPin(job.transportPin);
  } catch (e) {
    if (e instanceof WrongSecretError)
      throw new StationError(
        'TRANSPORT_PIN_WRONG',
        {
          reader: identity.readerName,
          ...(e.retriesLeft === undefined ? {} : { triesLeft: e.retriesLeft }),
          triesSpent: 1,
        },
        { cause: e },
      );
    if (e instanceof SecretBlockedError)
      throw new StationError('PIN_BLOCKED', { card: 'holder', reader: identity.readerName }, { cause: e });
    throw e;
  }
  run.pinState = 'transport';
}

/**
 * The key store is written before the card (stage, then commit), so after a crash the card holds
 * the staged key, the committed one, or the factory key: tried in that order. PIV and GIDS admin
 * keys have no retry counter, so trying costs nothing.
 */
export async function authenticateAdmin(run: EnrollmentRun, cardId: string, factory: Secret): Promise<void> {
  const held = run.deps.keys.candidates(cardId);
  try {
    await firstAccepted([...held, factory], (key) => run.deps.card.authenticateAdmin(key));
    run.adminAuthenticated = true;
  } finally {
    held.forEach((k) => k.wipe());
  }
}

async function firstAccepted(
  secrets: readonly Secret[],
  attempt: (s: Secret) => Promise<void>,
): Promise<Secret> {
  let last: unknown = new StationError('INTERNAL', { problem: 'no credential to try' });
  for (const s of secrets) {
    try {
      await attempt(s);
      return s;
    } catch (e) {
      if (!(e instanceof CardStatusError)) throw e;
      last = e;
    }
  }
  throw last;
}

async function submit(run: EnrollmentRun, job: EnrollmentJob): Promise<CaOutcome> {
  const request = run.request as Uint8Array;
  const def = stepDef('submit');
  run.progress('submit');
  await run.audit(def.action, 'started');
  // written before the POST: if the station dies now, recovery knows a request may exist
  run.journal.begin('submit', { requestSha256: sha256Hex(request) });
  try {
    return await run.deps.ca.submit(request, job.template, run.id);
  } catch (error) {
    await run.audit(def.action, 'failure', { errorCode: errorCodeOf(error) }).catch(() => undefined);
    if (errorCodeOf(error) === 'CA_OUTCOME_UNKNOWN') throw error;
    // The client throws only when the request provably did not reach the CA (TLS refused,
    // 401/403/404, no connection)
    run.journal.done('submit', { disposition: 'not-sent' });
    throw new StationError('CA_UNREACHABLE', { cause: errorCodeOf(error) }, { cause: error });
  }
}

export interface FinishInputs {
  readonly transportPin: Secret;
  readonly transportPuk: Secret;
  readonly pinPolicy: PinPolicy;
  readonly upn: string;
  readonly email?: string;
  readonly sid?: string;
  /** recovery: the PIN change began before a crash, so its outcome is unknown */
  readonly pinChangeInDoubt?: boolean;
}

/** From the CA's answer to a proven card. Also where a resumed (pending, recovered) run goes on. */
export async function afterOutcome(
  run: EnrollmentRun,
  outcome: CaOutcome,
  inputs: FinishInputs,
): Promise<EnrollmentResult> {
  if (outcome.reqId !== null) run.reqId = outcome.reqId;
  run.journal.done('submit', { reqId: outcome.reqId, disposition: outcome.kind });
  const base = { enrollmentId: run.id, reqId: outcome.reqId, card: run.identity ?? null };

  if (outcome.kind === 'denied') {
    await run.audit('CERT_DENIED', 'failure', {
      errorCode: outcome.hresult ?? outcome.code,
      reason: outcome.message.slice(0, 400),
    });
    // the key generated for this request stays unused in the slot; nothing else changed
    await run.end('denied', 'failure', { errorCode: outcome.code });
    return { ...base, status: 'denied', verdict: null, denial: outcome };
  }
  if (outcome.kind === 'pending') {
    await run.audit('CERT_PENDING', 'success', { reason: 'waiting for CA manager approval' });
    return { ...base, status: 'pending', verdict: null };
  }
  run.certificate = outcome.certificate;
  await run.audit('CERT_ISSUED', 'success');
  return finish(run, inputs);
}

/** The finishing steps, skipping what the journal shows done. */
async function finish(run: EnrollmentRun, inputs: FinishInputs): Promise<EnrollmentResult> {
  const done = (id: StepId): boolean => run.journal.read().readable && doneSteps(run).has(id);
  const certificate = run.certificate as Uint8Array;
  const spki = run.spki as Uint8Array;
  const card = run.deps.card;
  const cardId = (run.identity as CardIdentity).cardId;

  const verdict = await run.step('check', () =>
    run.deps.check(certificate, {
      template: run.template ?? '',
      upn: inputs.upn,
      ...(inputs.email === undefined ? {} : { email: inputs.email }),
      ...(inputs.sid === undefined ? {} : { sid: inputs.sid }),
      spki,
    }),
  );
  run.verdict = verdict;
  if (!verdict.ok) {
    await run.audit('CERT_CHECKED', 'failure', {
      errorCode: 'CERT_CHECK_FAILED',
      reason: verdict.reasons.join('; ').slice(0, 400),
    });
    throw new StationError('CERT_CHECK_FAILED', { reasons: verdict.reasons, reqId: run.reqId });
  }
  await run.audit('CERT_CHECKED', 'success');

  const adminSteps = ['write', 'personalise', 'admin-key', 'puk'] as const;
  if (!run.adminAuthenticated && adminSteps.some((id) => !done(id)))
    await authenticateAdmin(run, cardId, run.factoryAdminKey);

  // GIDS (MS VSC access rules): the minidriver files are written under the user PIN, which a
  // resumed run has not verified in its session; before the PIN change it is the transport PIN
  if (!done('write') && card.edge === 'gids' && run.pinState !== 'transport' && !done('pin-change')) {
    await card.verifyPin(inputs.transportPin);
    run.pinState = 'transport';
  }

  if (!done('write')) {
    await run.step('write', () => card.writeCertificate(certificate));
    await run.audit('CERT_INSTALLED', 'success');
  }

  if (card.capabilities.personalise && !done('personalise')) {
    const identity = run.identity as CardIdentity;
    // the GUID is the card's identity when it has no serial: kept; otherwise a fresh one
    const guid = await run.step(
      'personalise',
      () => card.personalise(identity.serial === null ? identity.guid : null),
      (g) => ({ guid: g }),
    );
    run.identity = { ...identity, guid };
    await run.audit('CARD_PERSONALISED', 'success');
  }

  if (!done('admin-key')) {
    await run.step('admin-key', async () => {
      const next = Secret.fromBytes(randomBytes(24));
      try {
        run.deps.keys.stage(cardId, next);
        await card.setAdminKey(next);
        run.deps.keys.commit(cardId);
      } finally {
        next.wipe();
      }
    });
    await run.audit('MGMT_KEY_SET', 'success', { reason: 'random per-card admin key' });
  }

  if (card.capabilities.puk && !done('puk')) {
    await run.step('puk', () => replaceTransportPuk(run, inputs.transportPuk));
  }

  // the holder's new PIN is never kept, so once it changed the station cannot prove the card
  // with it; the holder proves it at first use
  let currentPin: Secret | undefined;
  if (inputs.pinChangeInDoubt) currentPin = await changePinInDoubt(run, inputs);
  else if (!done('pin-change')) currentPin = await changePin(run, inputs);
  else run.pinChanged = true;

  if (currentPin !== undefined) {
    const pin = currentPin;
    await run.step('proof', () => prove(card, spki, pin));
    await run.audit('CARD_PROVED', 'success');
  } else {
    await run.audit('CARD_PROVED', 'aborted', {
      reason: 'not proven after a restart: the holder proves the card at first sign-in with the PIN',
    });
  }
  if (currentPin !== undefined && currentPin !== inputs.transportPin) currentPin.wipe();

  const status = run.pinChanged ? 'issued' : 'issued-pin-not-changed';
  run.progress('done', status);
  await run.end(status, 'success', run.pinChanged ? {} : { errorCode: 'PIN_NOT_CHANGED' });
  return {
    enrollmentId: run.id,
    status,
    reqId: run.reqId ?? null,
    verdict,
    card: run.identity ?? null,
  };
}

const doneSteps = (run: EnrollmentRun): ReadonlySet<StepId> => {
  const s = run.journal.read();
  return s.readable ? s.done : new Set();
};

/**
 * A crash during the PIN change leaves the transport PIN or the holder's new one (never kept) on
 * the card. With the holder there, the change is made again from the transport PIN: accepted, the
 * first one had not landed; refused as a wrong PIN, it had — the holder's PIN is the one chosen
 * before the interruption (the try this spent is restored by the next correct PIN). Skipped, or
 * with fewer than two tries left, nothing is tried and the card stays "PIN not changed".
 */
async function changePinInDoubt(run: EnrollmentRun, inputs: FinishInputs): Promise<Secret | undefined> {
  // a card that cannot say is tried: the change itself then reports a card gone away
  const tries = await run.deps.card.pinTriesLeft().catch(() => null);
  if (tries !== null && tries < 2) return undefined;
  try {
    return await changePin(run, inputs, 'in-doubt');
  } catch (e) {
    if (!(e instanceof WrongSecretError)) throw e;
    run.journal.done('pin-change');
    await run.audit('PIN_CHANGED', 'success', {
      reason: 'the change begun before the interruption had landed: the PIN the holder chose then',
    });
    run.pinChanged = true;
    return undefined;
  }
}

/** Asks for the holder's PIN until one passes the policy, or the operator skips. */
async function changePin(
  run: EnrollmentRun,
  inputs: FinishInputs,
  when: 'first' | 'in-doubt' = 'first',
): Promise<Secret | undefined> {
  let rejected: PinRejection | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    run.progress('pin-change');
    const answer = await run.deps.io.askNewPin(inputs.pinPolicy, rejected);
    // in doubt the card may no longer take the transport PIN: no proof with it
    if (answer === 'skip' && when === 'in-doubt') return undefined;
    if (answer === 'skip') {
      await run.audit('PIN_CHANGE_SKIPPED', 'success', { reason: 'operator chose: issued, PIN not changed' });
      return inputs.transportPin;
    }
    const verdict = checkNewPin(answer, inputs.transportPin, inputs.pinPolicy);
    if (!verdict.ok) {
      answer.wipe();
      rejected = verdict.reason;
      await run.audit('PIN_POLICY_REJECTED', 'failure', { errorCode: verdict.reason });
      continue;
    }
    await run.step('pin-change', () => run.deps.card.changePin(inputs.transportPin, answer));
    await run.audit('PIN_CHANGED', 'success', { reason: 'holder left the transport PIN' });
    run.pinChanged = true;
    return answer;
  }
  throw new StationError(rejected ?? 'PIN_TOO_SHORT', {
    minLength: inputs.pinPolicy.minLength,
    maxLength: inputs.pinPolicy.maxLength,
    attempts: 5,
  });
}

/**
 * A card still on the factory PUK can be unblocked by anyone who knows the default, which would
 * undo the forced PIN change. The station sets a random 8-digit PUK instead, staged in the key
 * store first (so a crash in between cannot lose it); with a store that keeps nothing the PUK is
 * simply unknown to everyone, and a blocked PIN then means a card reset.
 */
async function replaceTransportPuk(run: EnrollmentRun, transportPuk: Secret): Promise<void> {
  const identity = run.identity as CardIdentity;
  const entry = pukEntry(identity.cardId);
  const keys = run.deps.keys;
  const committed = keys.get(entry);
  const held = keys.candidates(entry);
  const staged = held.find((c) => committed === undefined || !c.equals(committed));
  try {
    // A PUK the station set earlier stays: a wrong PUK costs one of its few tries, so none is spent
    // guessing. Only a change cut short by a crash (a staged PUK) is settled, with one attempt.
    if (identity.factoryPuk === 'no' || (identity.factoryPuk === 'unknown' && committed !== undefined)) {
      if (staged !== undefined) {
        const landed = await run.deps.card.changePuk(staged, staged).then(
          () => true,
          (e: unknown) => {
            if (e instanceof CardStatusError && !(e instanceof SecretBlockedError)) return false;
            throw e;
          },
        );
        if (landed) keys.commit(entry);
        else keys.abandon?.(entry);
      }
      await run.audit('PUK_SET', committed === undefined && staged === undefined ? 'aborted' : 'success', {
        reason:
          committed === undefined && staged === undefined
            ? 'the card does not have the factory PUK; left unchanged'
            : 'the card keeps the PUK this station set earlier',
      });
      return;
    }
    const next = randomDigits(8);
    try {
      keys.stage(entry, next);
      // the factory PUK first; a staged one only where a crash may have left it on the card
      await firstAccepted(staged === undefined ? [transportPuk] : [transportPuk, staged], (current) =>
        run.deps.card.changePuk(current, next),
      );
      keys.commit(entry);
    } finally {
      next.wipe();
    }
  } finally {
    held.forEach((c) => c.wipe());
    committed?.wipe();
  }
  await run.audit('PUK_SET', 'success', {
    reason: keys.keeps ? 'random per-card PUK, sealed in the station key store' : 'random PUK, kept nowhere',
  });
}

function randomDigits(n: number): Secret {
  return Secret.fromText(Array.from({ length: n }, () => String(randomInt(10))).join(''));
}

/** The card signs a fresh challenge; the certified public key (the card's, checked) verifies it. */
async function prove(card: EnrollableCard, spki: Uint8Array, pin: Secret): Promise<void> {
  const challenge = randomBytes(32);
  await card.verifyPin(pin);
  const signature = await card.signerFor(spki).sign(challenge, 'SHA-256');
  const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  if (!createVerify('SHA256').update(challenge).verify(key, signature))
    throw new StationError('PROOF_FAILED');
}

/**
 * Ends a run that threw, in the state its journal can explain. Returns the error to throw: the
 * original one, with what the operator must do added where the station compensated.
 */
export async function settleFailure(run: EnrollmentRun, error: unknown): Promise<unknown> {
  const code = errorCodeOf(error);
  if (code === 'AUDIT_UNAVAILABLE') return error; // the log is what failed: stop, change nothing more
  const state = run.journal.read();
  if (!state.readable) return error;
  const issued = run.certificate !== undefined;
  const touchedCard = [...state.done, ...(state.inDoubt ? [state.inDoubt] : [])].some(
    (s) => stepDef(s).touches === 'card',
  );
  try {
    if (!issued) {
      if (state.inDoubt === 'submit' && code === 'CA_OUTCOME_UNKNOWN') {
        await run.audit('ENROLLMENT_FINISHED', 'failure', {
          errorCode: code,
          reason: 'not finished: the CA may hold the request; station recover continues it',
        });
        return error; // open: `recover` asks the CA (ReqID) or the operator
      }
      const status: EndStatus = REFUSALS.has(code) && !touchedCard ? 'refused' : 'failed';
      await run.end(status, status === 'refused' ? 'aborted' : 'failure', { errorCode: code });
      return error;
    }
    if (AWAY.has(code)) {
      await run.audit('ENROLLMENT_FINISHED', 'failure', {
        errorCode: code,
        reason: 'issued, not finished: the card or the CA went away; station recover finishes it',
      });
      return error; // open: the certificate is at the CA; recovery fetches it and finishes
    }
    return await compensate(run, error);
  } catch (settleError) {
    return errorCodeOf(settleError) === 'AUDIT_UNAVAILABLE' ? settleError : error;
  }
}

/**
 * The CA issued, the station will not finish: the key on the card is destroyed (so the
 * certificate can never be used), the certificate this run wrote is removed, and the serial is
 * recorded "to be revoked". Each compensation is audited before it runs.
 */
export async function compensate(
  run: EnrollmentRun,
  error: unknown,
  /** wrote: this run's certificate is on the card (when the journal cannot say) */
  opts: { readonly wrote?: boolean } = {},
): Promise<StationError> {
  const card = run.deps.card;
  const state = run.journal.read();
  const wrote = opts.wrote ?? (state.readable && (state.done.has('write') || state.inDoubt === 'write'));
  const cardId = (run.identity as CardIdentity).cardId;
  await run.audit('KEY_DESTROYED', 'started', { reason: `compensation for ${errorCodeOf(error)}` });
  await authenticateAdmin(run, cardId, run.factoryAdminKey);
  await card.destroyKey();
  if (wrote) await card.deleteCertificate();
  await run.audit('KEY_DESTROYED', 'success', {
    reason: wrote ? 'key destroyed, certificate removed from the card' : 'key destroyed',
  });
  const serial = run.verdict?.serial || 'unknown (see the CA request)';
  // serial and ReqID travel in the record's certificate fields
  await run.audit('CERT_TO_BE_REVOKED', 'started', {
    errorCode: errorCodeOf(error),
    reason: 'the CA issued a certificate the station did not finish: ask the CA administrators to revoke it',
  });
  await run.end('rolled-back', 'failure', { errorCode: errorCodeOf(error) });
  const details: ErrorDetails =
    error instanceof StationError ? { ...error.details } : { cause: errorCodeOf(error) };
  const code: StationErrorCode = error instanceof StationError ? error.code : 'ISSUED_NOT_FINISHED';
  return new StationError(
    code,
    { ...details, keyDestroyed: true, revokeSerial: serial, reqId: run.reqId ?? 'unknown' },
    { cause: error },
  );
}
