// The finishing steps: from the CA's answer to a proven card (check, write, personalise, the
// per-card admin key, the PUK, the holder's PIN change, the proof). Steps the journal shows done
// are skipped, so a resumed run (pending approved, or recovered after a crash) goes on from here.
import { createPublicKey, createVerify, randomBytes } from 'node:crypto';
import type { CardIdentity } from '../card/edge.ts';
import { WrongSecretError } from '../card/status-words.ts';
import { StationError } from '../errors/catalog.ts';
import { removeReplaced, replacedHolderKey } from './compensation.ts';
import { authenticateAdmin } from './held-credentials.ts';
import { checkNewPin, type PinPolicy, type PinRejection } from './pin-policy.ts';
import type { CaOutcome, EnrollableCard } from './ports.ts';
import { replaceTransportPuk } from './puk.ts';
import type { EnrollmentResult, EnrollmentRun } from './run.ts';
import { Secret } from './secret.ts';
import type { StepId } from './steps.ts';

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
    // the key generated for this request stays unused in the slot; nothing else changed — except
    // on a re-issue, whose new key replaced the holder's: its dead old certificate goes
    const cleared = replacedHolderKey(run.journal.read());
    if (cleared) await removeReplaced(run, outcome.code);
    await run.end('denied', 'failure', { errorCode: outcome.code });
    return {
      ...base,
      status: 'denied',
      verdict: null,
      denial: outcome,
      ...(cleared ? { cardCleared: true } : {}),
    };
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

/** The card signs a fresh challenge; the certified public key (the card's, checked) verifies it. */
async function prove(card: EnrollableCard, spki: Uint8Array, pin: Secret): Promise<void> {
  const challenge = randomBytes(32);
  await card.verifyPin(pin);
  const signature = await card.signerFor(spki).sign(challenge, 'SHA-256');
  const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  if (!createVerify('SHA256').update(challenge).verify(key, signature))
    throw new StationError('PROOF_FAILED');
}
