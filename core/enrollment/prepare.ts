// The prepare steps: everything before the CA is asked (identify, the transport PIN check, the
// operator's agent card, admin authentication, the GUID of a card without serial, keygen, the
// re-issue PIN reset, the CSR and its enroll-on-behalf wrapping). A run that stops here leaves
// nothing to undo: the card holds at most an unused key, and the holder's certificate is never
// touched. Which of them run, and in which order, comes from the step table (steps.ts).
import { randomBytes } from 'node:crypto';
import { cardIdFor, needsAssignedGuid, type CardIdentity } from '../card/edge.ts';
import { SecretBlockedError, WrongSecretError } from '../card/status-words.ts';
import { StationError } from '../errors/catalog.ts';
import type { Signer } from '../pki/signer.ts';
import { authenticateAdmin, firstAccepted } from './held-credentials.ts';
import { clampPolicy } from './pin-policy.ts';
import { pukEntry, type AgentCard } from './ports.ts';
import { sha1Hex, sha256Hex, type EnrollmentJob, type EnrollmentRun } from './run.ts';
import { STEP_TABLE, type StepId } from './steps.ts';

/** Runs the table's prepare steps that apply to this run, in the table's order. */
export async function prepare(run: EnrollmentRun, job: EnrollmentJob): Promise<void> {
  for (const def of STEP_TABLE) {
    if (def.phase !== 'prepare') continue;
    if (!def.applies(run.stepContext())) continue;
    await PREPARE[def.id as PrepareStep](run, job);
  }
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

/**
 * Re-issue of a card whose PIN the station cannot vouch for: reset it with the held PUK. Also a
 * card an earlier re-issue cleared (its dead certificate removed) before the PIN went back to the
 * transport PIN: it shows no certificate, and its PIN is still the holder's.
 */
function resetForReissue(run: EnrollmentRun): boolean {
  const identity = run.identity as CardIdentity;
  if (!(run.reissue && run.deps.card.capabilities.puk)) return false;
  if (!identity.hasCertificate && run.pinState === 'transport') return false;
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
