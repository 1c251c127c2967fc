// The enrollment workflow as an explicit sequence of journaled steps (design.md "One enrollment,
// as data"). Before each step the audit log receives a record (fail closed: if it cannot, the
// step does not run) and the journal receives the facts recovery will need. After `submitted`
// the CA's ReqID is on disk, so nothing is ever submitted twice for one enrollment.
import { createHash, createVerify, randomBytes, randomInt, randomUUID, X509Certificate } from 'node:crypto';
import type { AuditAction, AuditEvent, AuditOutcome } from '../audit/record.ts';
import { StationError } from '../errors/catalog.ts';
import type { KeyAlgorithm, Signer } from '../pki/signer.ts';
import { Journal, type Facts, type StepName } from './journal.ts';
import { checkNewPin, PIV_PIN_POLICY, type PinPolicy } from './pin-policy.ts';
import type {
  AgentCard,
  AuditSink,
  CaOutcome,
  CardIdentity,
  CertificateAuthority,
  CertificateChecker,
  CertificateVerdict,
  EnrollableCard,
  ManagementKeyStore,
  Progress,
} from './ports.ts';
import { pukEntry } from './ports.ts';
import { Secret } from './secret.ts';

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
  readonly transportPin: Secret;
  /** the PUK cards arrive with; the station replaces it with a random one it keeps */
  readonly transportPuk: Secret;
  /** the holder's new PIN; without it the card ends "issued, PIN not changed" */
  readonly newPin?: Secret;
  /** the factory management key of blank cards; a key the station set earlier comes from deps.keys */
  readonly managementKey: Secret;
  readonly pinPolicy?: PinPolicy;
}

export interface RequestBuilder {
  /** PKCS#10 signed on the card */
  csr(signer: Signer, job: EnrollmentJob): Promise<Uint8Array>;
  /** CMS SignedData over the CSR, signed by the agent card, carrying requestername */
  onBehalf(csr: Uint8Array, agent: AgentCard, requesterName: string): Promise<Uint8Array>;
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
  readonly journalDir: string;
  readonly onProgress?: (p: Progress) => void;
}

export type EnrollmentStatus = 'issued' | 'issued-pin-not-changed' | 'pending' | 'denied' | 'failed';

export interface EnrollmentResult {
  readonly enrollmentId: string;
  readonly status: EnrollmentStatus;
  readonly reqId: number | null;
  readonly verdict: CertificateVerdict | null;
  readonly errorCode?: string;
  readonly reasons?: readonly string[];
}

/** Step names and how far along each one puts the enrollment, for the screen and the CLI. */
export const STEPS = [
  ['identify', 5],
  ['agent', 10],
  ['admin', 15],
  ['keygen', 25],
  ['csr', 35],
  ['wrap', 40],
  ['submit', 50],
  ['check', 60],
  ['write', 70],
  ['management-key', 78],
  ['puk', 82],
  ['pin-change', 88],
  ['proof', 94],
  ['done', 100],
] as const;
export type StepId = (typeof STEPS)[number][0];

export const sha1Hex = (der: Uint8Array): string => createHash('sha1').update(der).digest('hex');
export const sha256Hex = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');

export function cardIdOf(card: Pick<CardIdentity, 'serial' | 'guid' | 'atr'>): string {
  if (card.serial !== null) return `serial:${card.serial}`;
  if (card.guid !== null) return `guid:${card.guid}`;
  return `atr:${card.atr}`;
}

/** Shared by the workflow and recovery: the audit context of one enrollment. */
export class EnrollmentContext {
  readonly id: string;
  readonly journal: Journal;
  readonly deps: EnrollmentDeps;
  card: CardIdentity | undefined;
  targetUser: string | undefined;
  template: string | undefined;
  reqId: number | undefined;
  verdict: CertificateVerdict | undefined;

  constructor(id: string, deps: EnrollmentDeps) {
    this.id = id;
    this.deps = deps;
    this.journal = Journal.open(deps.journalDir, id);
  }

  progress(step: StepId, detail?: string): void {
    const percent = STEPS.find(([s]) => s === step)?.[1] ?? 0;
    this.deps.onProgress?.({
      enrollmentId: this.id,
      step,
      percent,
      ...(detail === undefined ? {} : { detail }),
    });
  }

  /** Fail closed: an audit record that cannot be written stops the enrollment here. */
  async audit(action: AuditAction, outcome: AuditOutcome, extra: Partial<AuditEvent> = {}): Promise<void> {
    const event: AuditEvent = {
      enrollmentId: this.id,
      action,
      outcome,
      ...(this.deps.operatorUpn === undefined
        ? {}
        : {
            operator: {
              upn: this.deps.operatorUpn,
              ...(this.deps.agent ? { agentCertThumbprint: sha1Hex(this.deps.agent.certificate) } : {}),
            },
          }),
      ...(this.targetUser === undefined ? {} : { targetUser: this.targetUser }),
      ...(this.card === undefined
        ? {}
        : {
            reader: this.card.readerName,
            card: {
              edge: this.card.edge,
              atr: this.card.atr,
              ...(this.card.serial === null ? {} : { serial: this.card.serial }),
              ...(this.card.guid === null ? {} : { guid: this.card.guid }),
            },
          }),
      ...(this.template === undefined
        ? {}
        : {
            certificate: {
              template: this.template,
              ...(this.reqId === undefined ? {} : { caRequestId: this.reqId }),
              ...(this.verdict === undefined
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
    try {
      await this.deps.audit.append(event);
    } catch (cause) {
      throw new StationError('AUDIT_UNAVAILABLE', { action }, { cause });
    }
  }

  record(step: StepName, facts: Facts = {}): void {
    this.journal.record(step, facts);
  }
}

/** Runs one enrollment from a blank (or explicitly re-issued) card to a proven card. */
export async function enroll(job: EnrollmentJob, deps: EnrollmentDeps): Promise<EnrollmentResult> {
  const ctx = new EnrollmentContext(job.id ?? randomUUID(), deps);
  ctx.targetUser = job.requesterName;
  ctx.template = job.template;
  const policy = job.pinPolicy ?? PIV_PIN_POLICY;

  // The holder's PIN is checked before anything touches the card, so a bad PIN costs nothing.
  if (job.newPin !== undefined) {
    const pinCheck = checkNewPin(job.newPin, job.transportPin, policy);
    if (!pinCheck.ok) {
      await ctx.audit('PIN_POLICY_REJECTED', 'failure', { errorCode: pinCheck.reason });
      throw new StationError('PIN_POLICY', { rule: pinCheck.reason });
    }
  }
  if (job.mode === 'on-behalf' && deps.agent === undefined) throw new StationError('AGENT_CARD_MISSING');

  ctx.record('started', {
    mode: job.mode,
    requesterName: job.requesterName,
    upn: job.upn,
    email: job.email ?? null,
    sid: job.sid ?? null,
    template: job.template,
  });
  await ctx.audit('ENROLLMENT_STARTED', 'started');
  try {
    return await runSteps(ctx, job);
  } catch (error) {
    const code = error instanceof StationError ? error.code : errorCodeOf(error);
    // the log may be what failed; then there is nothing more to record
    if (!(error instanceof StationError && error.code === 'AUDIT_UNAVAILABLE')) {
      await ctx.audit('ENROLLMENT_FINISHED', 'failure', { errorCode: code }).catch(() => undefined);
    }
    throw error;
  }
}

function errorCodeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return 'INTERNAL';
}

async function step<T>(
  ctx: EnrollmentContext,
  id: StepId,
  action: AuditAction,
  run: () => Promise<T>,
): Promise<T> {
  ctx.progress(id);
  await ctx.audit(action, 'started');
  try {
    return await run();
  } catch (error) {
    const code = error instanceof StationError ? error.code : errorCodeOf(error);
    await ctx.audit(action, 'failure', { errorCode: code }).catch(() => undefined);
    throw error;
  }
}

async function runSteps(ctx: EnrollmentContext, job: EnrollmentJob): Promise<EnrollmentResult> {
  const { card, ca, requests, keys } = ctx.deps;

  const identity = await step(ctx, 'identify', 'CARD_IDENTIFIED', () => card.identify());
  ctx.card = identity;
  ctx.record('identified', {
    reader: identity.readerName,
    atr: identity.atr,
    serial: identity.serial,
    guid: identity.guid,
    cardId: cardIdOf(identity),
  });
  await ctx.audit('CARD_IDENTIFIED', 'success');
  if (identity.defaultPin === 'yes') await ctx.audit('DEFAULT_PIN_DETECTED', 'success');
  if (identity.hasCertificate) {
    if (!job.reissue) throw new StationError('CARD_ALREADY_ISSUED', { reader: identity.readerName });
    await ctx.audit('CARD_RESET', 'success', { reason: 'explicit re-issue chosen by the operator' });
    await resetPinForReissue(ctx, identity, job);
  }

  if (job.mode === 'on-behalf') {
    const agent = ctx.deps.agent as AgentCard;
    await step(ctx, 'agent', 'OPERATOR_LOGON', async () => undefined);
    ctx.record('agent-ready', { agentThumbprint: sha1Hex(agent.certificate) });
    await ctx.audit('OPERATOR_LOGON', 'success');
  }

  const heldKey = ctx.deps.keys.get(cardIdOf(identity));
  try {
    await step(ctx, 'admin', 'ADMIN_AUTHENTICATED', () =>
      card.authenticateAdmin(heldKey ?? job.managementKey),
    );
  } finally {
    heldKey?.wipe();
  }
  ctx.record('admin-authenticated');

  const signer = await step(ctx, 'keygen', 'KEYGEN', () => card.generateKey(job.keyAlgorithm));
  const spki = signer.spki;
  ctx.record('key-generated', { spki: Buffer.from(spki).toString('base64'), algorithm: job.keyAlgorithm });
  await ctx.audit('KEYGEN', 'success', { reason: `${job.keyAlgorithm} key generated on the card` });

  const csr = await step(ctx, 'csr', 'CSR_CREATED', async () => {
    await card.verifyPin(job.transportPin);
    return requests.csr(signer, job);
  });
  ctx.record('csr-signed', { csrSha256: sha256Hex(csr) });
  await ctx.audit('CSR_CREATED', 'success');

  let request = csr;
  if (job.mode === 'on-behalf') {
    request = await step(ctx, 'wrap', 'EOBO_SIGNED', () =>
      requests.onBehalf(csr, ctx.deps.agent as AgentCard, job.requesterName),
    );
    ctx.record('request-wrapped', { requestSha256: sha256Hex(request) });
    await ctx.audit('EOBO_SIGNED', 'success');
  }

  ctx.progress('submit');
  await ctx.audit('CERTSRV_SUBMIT', 'started');
  // Written before the POST: if the station dies now, recovery knows a request may exist.
  ctx.record('submit-intent', { requestSha256: sha256Hex(request) });
  let outcome: CaOutcome;
  try {
    outcome = await ca.submit(request, job.template, ctx.id);
  } catch (error) {
    await ctx.audit('CERTSRV_SUBMIT', 'failure', { errorCode: errorCodeOf(error) }).catch(() => undefined);
    if (error instanceof StationError && error.code === 'CA_OUTCOME_UNKNOWN') throw error;
    // The client throws only when the request provably did not reach the CA (TLS refused,
    // 401/403/404, no connection): safe to roll back and try again later.
    await rollBack(ctx, 'the CA was not reached');
    throw new StationError('CA_UNREACHABLE', { cause: errorCodeOf(error) }, { cause: error });
  }
  return continueAfterSubmit(ctx, outcome, { spki, job, keys });
}

export interface ContinueOptions {
  readonly spki: Uint8Array;
  readonly job: Pick<
    EnrollmentJob,
    'upn' | 'email' | 'sid' | 'template' | 'transportPin' | 'transportPuk' | 'newPin' | 'pinPolicy'
  >;
  readonly keys: ManagementKeyStore;
  /** recovery: the certificate is already on the card */
  readonly alreadyWritten?: boolean;
  /** recovery: the card's management key was already replaced */
  readonly managementKeySet?: boolean;
  /** recovery: the card's PUK was already replaced */
  readonly pukSet?: boolean;
  /**
   * recovery: how far the PIN change got. The holder's new PIN is never kept, so after a restart
   * the station cannot prove the card with it; 'unknown' means the change may or may not have
   * happened, and trying the transport PIN could cost the holder a retry.
   */
  readonly pinChange?: 'done' | 'unknown';
}

/** From a CA outcome to a proven card. Also the entry point of recovery after a restart. */
export async function continueAfterSubmit(
  ctx: EnrollmentContext,
  outcome: CaOutcome,
  opts: ContinueOptions,
): Promise<EnrollmentResult> {
  const { card, check } = ctx.deps;
  const { job, spki } = opts;
  if (outcome.reqId !== null) ctx.reqId = outcome.reqId;
  ctx.record('submitted', { reqId: outcome.reqId, disposition: outcome.kind });

  if (outcome.kind === 'denied') {
    await ctx.audit('CERT_DENIED', 'failure', {
      errorCode: outcome.hresult ?? outcome.code,
      reason: outcome.message.slice(0, 400),
    });
    await rollBack(ctx, 'denied by the CA');
    return {
      enrollmentId: ctx.id,
      status: 'denied',
      reqId: outcome.reqId,
      verdict: null,
      errorCode: outcome.code,
    };
  }
  if (outcome.kind === 'pending') {
    await ctx.audit('CERT_PENDING', 'success', { reason: 'waiting for CA manager approval' });
    return {
      enrollmentId: ctx.id,
      status: 'pending',
      reqId: outcome.reqId,
      verdict: null,
      errorCode: 'CA_PENDING',
    };
  }
  await ctx.audit('CERT_ISSUED', 'success');

  const verdict = await step(ctx, 'check', 'CERT_CHECKED', () =>
    check(outcome.certificate, {
      template: job.template,
      upn: job.upn,
      ...(job.email === undefined ? {} : { email: job.email }),
      ...(job.sid === undefined ? {} : { sid: job.sid }),
      spki,
    }),
  );
  ctx.verdict = verdict;
  if (!verdict.ok) {
    await ctx.audit('CERT_CHECKED', 'failure', {
      errorCode: 'CERT_CHECK_FAILED',
      reason: verdict.reasons.join('; ').slice(0, 400),
    });
    await rollBack(ctx, 'certificate check failed');
    throw new StationError('CERT_CHECK_FAILED', { reasons: verdict.reasons, reqId: outcome.reqId });
  }
  ctx.record('certificate-checked', { serial: verdict.serial, thumbprint: verdict.thumbprint });
  await ctx.audit('CERT_CHECKED', 'success');

  if (!opts.alreadyWritten) {
    await step(ctx, 'write', 'CERT_INSTALLED', async () => {
      await card.writeCertificate(outcome.certificate);
      await card.writeIdentifiers(randomBytes(16));
    });
    ctx.record('certificate-written');
    await ctx.audit('CERT_INSTALLED', 'success');
  }

  if (!opts.managementKeySet) {
    await step(ctx, 'management-key', 'MGMT_KEY_SET', async () => {
      const cardId = cardIdOf(ctx.card as CardIdentity);
      const next = Secret.fromBytes(randomBytes(24));
      try {
        opts.keys.put(cardId, next);
        await card.setManagementKey(next);
      } finally {
        next.wipe();
      }
    });
    ctx.record('management-key-set');
    await ctx.audit('MGMT_KEY_SET', 'success', { reason: 'random per-card management key' });
  }

  if (!opts.pukSet) {
    await step(ctx, 'puk', 'PUK_SET', () => replaceTransportPuk(ctx, job.transportPuk, opts.keys));
    ctx.record('puk-set');
  }

  let currentPin = job.transportPin;
  let pinChanged = opts.pinChange === 'done';
  if (job.newPin !== undefined && opts.pinChange === undefined) {
    const newPin = job.newPin;
    ctx.record('pin-change-started');
    await step(ctx, 'pin-change', 'PIN_CHANGED', () => card.changePin(job.transportPin, newPin));
    ctx.record('pin-changed');
    await ctx.audit('PIN_CHANGED', 'success', { reason: 'holder left the transport PIN' });
    currentPin = newPin;
    pinChanged = true;
  }

  if (opts.pinChange === undefined) {
    await step(ctx, 'proof', 'CARD_PROVED', () => prove(card, spki, outcome.certificate, currentPin));
    ctx.record('proven');
    await ctx.audit('CARD_PROVED', 'success');
  } else {
    await ctx.audit('CARD_PROVED', 'aborted', {
      reason: 'not proven after a restart: the holder proves the card at first sign-in with the PIN',
    });
  }

  const status: EnrollmentStatus = pinChanged ? 'issued' : 'issued-pin-not-changed';
  ctx.progress('done', status);
  await ctx.audit('ENROLLMENT_FINISHED', 'success', {
    reason: pinChanged ? 'issued' : 'issued, PIN not changed',
    ...(pinChanged ? {} : { errorCode: 'PIN_NOT_CHANGED' }),
  });
  ctx.record('finished', { status });
  return { enrollmentId: ctx.id, status, reqId: outcome.reqId, verdict };
}

/**
 * A card still on the factory PUK can be unblocked by anyone who knows the default, which would
 * undo the forced PIN change. The station sets a random 8-digit PUK instead, written to the key
 * store first (so a crash in between cannot lose it); with a store that keeps nothing the PUK is
 * simply unknown to everyone, and a blocked PIN then means a card reset.
 */
async function replaceTransportPuk(
  ctx: EnrollmentContext,
  transportPuk: Secret,
  keys: ManagementKeyStore,
): Promise<void> {
  const identity = ctx.card as CardIdentity;
  const entry = pukEntry(cardIdOf(identity));
  const held = keys.get(entry);
  if (identity.defaultPuk === 'no') {
    held?.wipe();
    await ctx.audit('PUK_SET', held === undefined ? 'aborted' : 'success', {
      reason:
        held === undefined
          ? 'the card does not have the factory PUK; left unchanged'
          : 'the card keeps the PUK this station set earlier',
    });
    return;
  }
  const next = held ?? randomDigits(8);
  try {
    if (held === undefined) keys.put(entry, next);
    try {
      await ctx.deps.card.changePuk(transportPuk, next);
    } catch (error) {
      // Without metadata a restarted station cannot tell whether the change landed before the
      // crash; a refused factory PUK with a held one means it did.
      if (!(held !== undefined && identity.defaultPuk === 'unknown' && isWrongSecret(error))) throw error;
    }
  } finally {
    next.wipe();
  }
  await ctx.audit('PUK_SET', 'success', {
    reason: keys.keeps ? 'random per-card PUK, sealed in the station key store' : 'random PUK, kept nowhere',
  });
}

/**
 * Re-issue of a card whose holder already chose a PIN: the station-held PUK sets the PIN back to
 * the transport PIN, and the holder chooses a new one at the end as for a blank card. Without a
 * held PUK the card cannot be signed with, so the operator is told before anything is spent.
 */
async function resetPinForReissue(
  ctx: EnrollmentContext,
  identity: CardIdentity,
  job: EnrollmentJob,
): Promise<void> {
  if (identity.defaultPin === 'yes') return;
  const puk = ctx.deps.keys.get(pukEntry(cardIdOf(identity)));
  if (puk === undefined) {
    if (identity.defaultPin === 'no')
      throw new StationError('REISSUE_NEEDS_RESET', { reader: identity.readerName });
    return;
  }
  try {
    await ctx.deps.card.unblockPin(puk, job.transportPin);
  } finally {
    puk.wipe();
  }
  await ctx.audit('PIN_UNBLOCK', 'success', {
    reason: 'set back to the transport PIN with the station-held PUK for the re-issue',
  });
}

function randomDigits(n: number): Secret {
  return Secret.fromText(Array.from({ length: n }, () => String(randomInt(10))).join(''));
}

const isWrongSecret = (e: unknown): boolean => e instanceof StationError && e.code === 'WRONG_PUK';

/** The card signs a fresh challenge; the certificate's public key must verify it. */
async function prove(
  card: EnrollableCard,
  spki: Uint8Array,
  certificate: Uint8Array,
  pin: Secret,
): Promise<void> {
  const challenge = randomBytes(32);
  await card.verifyPin(pin);
  const signature = await card.signerFor(spki).sign(challenge, 'SHA-256');
  const key = new X509Certificate(Buffer.from(certificate)).publicKey;
  const ok = createVerify('SHA256').update(challenge).verify(key, signature);
  if (!ok) throw new StationError('PROOF_FAILED');
}

/** Leaves the card without a certificate so it is plainly not issued; the slot key is replaced on re-issue. */
export async function rollBack(ctx: EnrollmentContext, why: string): Promise<void> {
  try {
    await ctx.deps.card.deleteCertificate();
  } catch {
    // the card may be gone; the journal and log still say the enrollment did not complete
  }
  ctx.record('rolled-back', { why });
  await ctx.audit('ENROLLMENT_FINISHED', 'aborted', { reason: why });
  ctx.record('finished', { status: 'rolled-back' });
}
