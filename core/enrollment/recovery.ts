// What a restarted station does with enrollments the journal shows as unfinished. The rule that
// keeps issuance single: once a request may have reached the CA, the station never submits it
// again — it looks the request up by ReqID, or asks the operator when no ReqID was recorded.
import { StationError } from '../errors/catalog.ts';
import {
  cardIdOf,
  continueAfterSubmit,
  EnrollmentContext,
  rollBack,
  type EnrollmentDeps,
  type EnrollmentResult,
} from './engine.ts';
import { unfinishedJournals, type JournalState } from './journal.ts';
import type { Secret } from './secret.ts';

export type RecoveryPlan =
  | { readonly action: 'roll-back'; readonly why: string }
  | { readonly action: 'resume'; readonly reqId: number; readonly why: string }
  | { readonly action: 'ask-operator'; readonly why: string };

const reached = (state: JournalState, step: string): boolean => state.entries.some((e) => e.step === step);

/** Explains, without touching anything, what recovery will do with one unfinished enrollment. */
export function planRecovery(state: JournalState): RecoveryPlan {
  const reqId = state.facts.reqId;
  if (typeof reqId === 'number') {
    return {
      action: 'resume',
      reqId,
      why: `the CA has request ${reqId} (${String(state.facts.disposition)}); fetch it by ReqID and finish`,
    };
  }
  if (reached(state, 'submit-intent')) {
    return {
      action: 'ask-operator',
      why: 'the station stopped while submitting; the CA may hold a request without a recorded ReqID — not submitting again',
    };
  }
  return { action: 'roll-back', why: `stopped at "${state.last}" before anything was sent to the CA` };
}

export interface PendingRecovery {
  readonly state: JournalState;
  readonly plan: RecoveryPlan;
}

export function pendingRecoveries(journalDir: string): PendingRecovery[] {
  return unfinishedJournals(journalDir).map((state) => ({ state, plan: planRecovery(state) }));
}

export interface RecoveryInputs {
  readonly transportPin: Secret;
  readonly transportPuk: Secret;
  readonly managementKey: Secret;
  /** the operator's answer for 'ask-operator': a ReqID the PKI team found, or give up */
  readonly operatorDecision?: { readonly reqId: number } | 'abandon';
}

/**
 * Carries out the plan. The card in deps.card must be the one the journal names (checked by
 * serial/GUID/ATR); the holder's new PIN is never persisted, so a resumed card ends "issued, PIN
 * not changed" until the holder sets it.
 */
export async function recover(
  pending: PendingRecovery,
  deps: EnrollmentDeps,
  inputs: RecoveryInputs,
): Promise<
  EnrollmentResult | { readonly enrollmentId: string; readonly status: 'rolled-back' | 'needs-operator' }
> {
  const { state } = pending;
  let plan = pending.plan;
  const ctx = new EnrollmentContext(state.id, deps);
  ctx.targetUser = str(state.facts.requesterName);
  ctx.template = str(state.facts.template);

  if (plan.action === 'ask-operator') {
    if (inputs.operatorDecision === undefined) {
      await ctx.audit('ENROLLMENT_FINISHED', 'started', {
        errorCode: 'CA_OUTCOME_UNKNOWN',
        reason: plan.why,
      });
      return { enrollmentId: state.id, status: 'needs-operator' };
    }
    plan =
      inputs.operatorDecision === 'abandon'
        ? { action: 'roll-back', why: 'operator abandoned a request with unknown outcome' }
        : { action: 'resume', reqId: inputs.operatorDecision.reqId, why: 'operator supplied the ReqID' };
  }

  const identity = await deps.card.identify().catch(() => undefined);
  if (identity !== undefined) {
    const expected = str(state.facts.cardId);
    if (expected !== undefined && cardIdOf(identity) !== expected) {
      throw new StationError('INTERRUPTED', { expectedCard: expected, presentCard: cardIdOf(identity) });
    }
    ctx.card = identity;
  }

  if (plan.action === 'roll-back') {
    if (identity === undefined) {
      // nothing reached the CA; the card just keeps an unused key, replaced on the next enrollment
      ctx.record('rolled-back', { why: `${plan.why} (card not present)` });
      await ctx.audit('ENROLLMENT_FINISHED', 'aborted', { errorCode: 'INTERRUPTED', reason: plan.why });
      ctx.record('finished', { status: 'rolled-back' });
    } else {
      await authenticateWithKnownKeys(deps, identity, inputs.managementKey).catch(() => undefined);
      await rollBack(ctx, plan.why);
    }
    ctx.journal.archive();
    return { enrollmentId: state.id, status: 'rolled-back' };
  }

  if (identity === undefined) throw new StationError('NO_CARD', { enrollment: state.id });
  const spkiB64 = str(state.facts.spki);
  if (spkiB64 === undefined)
    throw new StationError('INTERRUPTED', { enrollment: state.id, missing: 'public key' });
  ctx.reqId = plan.reqId;
  await ctx.audit('CERTSRV_SUBMIT', 'success', { reason: `resumed after restart: ${plan.why}` });
  const outcome = await deps.ca.retrieve(plan.reqId);
  const alreadyWritten = state.entries.some((e) => e.step === 'certificate-written');
  const managementKeySet = state.entries.some((e) => e.step === 'management-key-set');
  if (outcome.kind === 'issued' && (!alreadyWritten || !managementKeySet)) {
    await authenticateWithKnownKeys(deps, identity, inputs.managementKey);
  }
  const result = await continueAfterSubmit(ctx, outcome, {
    spki: new Uint8Array(Buffer.from(spkiB64, 'base64')),
    job: {
      upn: str(state.facts.upn) ?? '',
      ...(str(state.facts.email) === undefined ? {} : { email: str(state.facts.email) as string }),
      ...(str(state.facts.sid) === undefined ? {} : { sid: str(state.facts.sid) as string }),
      template: str(state.facts.template) ?? '',
      transportPin: inputs.transportPin,
      transportPuk: inputs.transportPuk,
    },
    keys: deps.keys,
    alreadyWritten,
    managementKeySet,
    pukSet: reached(state, 'puk-set'),
    ...(reached(state, 'pin-changed')
      ? { pinChange: 'done' as const }
      : reached(state, 'pin-change-started')
        ? { pinChange: 'unknown' as const }
        : {}),
  });
  if (result.status !== 'pending') ctx.journal.archive();
  return result;
}

/**
 * The key store is written before the card (write-ahead), so after a crash the card holds either
 * the stored key or the one it had before: the stored one is tried first, then the configured key.
 */
async function authenticateWithKnownKeys(
  deps: EnrollmentDeps,
  identity: Parameters<typeof cardIdOf>[0],
  configured: Secret,
): Promise<void> {
  const stored = deps.keys.get(cardIdOf(identity));
  if (stored !== undefined) {
    try {
      await deps.card.authenticateAdmin(stored);
      return;
    } catch {
      // fall through to the configured key; a card with neither fails below with its own error
    } finally {
      stored.wipe();
    }
  }
  await deps.card.authenticateAdmin(configured);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
