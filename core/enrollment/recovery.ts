// What a restarted station does with enrollments whose journal has not ended, read against the step
// table. The rules that keep cards and the CA consistent:
//   - a journal whose owner process is alive is a running enrollment, not a crash: left alone;
//   - nothing reached the CA (submit never began) → the journal is closed "failed" WITHOUT touching
//     any card: the card holds at most an unused key, and the holder's certificate stays;
//   - a request may have reached the CA → never submitted again: looked up by ReqID (journal, then
//     the request ledger) and finished, or handed to the operator when no ReqID is known;
//   - the card in the reader must be the journal's card (its station id), or nothing is done to it;
//   - abandoning a request the CA may have issued destroys the key on the card (audited first) and
//     records the certificate "to be revoked".
import { StationError } from '../errors/catalog.ts';
import { clearReplaced, compensate, replacedHolderKey, settleFailure } from './compensation.ts';
import { afterOutcome } from './finish.ts';
import { Journal, openJournals, ownerAlive, type JournalState } from './journal.ts';
import type { PinPolicy } from './pin-policy.ts';
import { readsSlotKey, type SubmissionRecord } from './ports.ts';
import { certificateFacts, parseCertificate } from '../pki/certificate-facts.ts';
import { EnrollmentRun, errorCodeOf, sha1Hex, type EnrollmentDeps, type EnrollmentResult } from './run.ts';
import type { Secret } from './secret.ts';

export type RecoveryPlan =
  | { readonly action: 'busy'; readonly why: string }
  | { readonly action: 'close'; readonly why: string }
  /** a re-issue stopped after its new key replaced the holder's: the dead old certificate goes */
  | { readonly action: 'clear'; readonly why: string }
  | { readonly action: 'resume'; readonly reqId: number; readonly why: string }
  | { readonly action: 'ask-operator'; readonly why: string };

export interface PendingRecovery {
  readonly state: JournalState;
  readonly plan: RecoveryPlan;
  /** the ReqID the request ledger recorded for this enrollment, if any */
  readonly ledgerReqId?: number;
}

type Readable = Extract<JournalState, { readable: true }>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Explains, without touching anything, what recovery will do with one open journal. */
export function planRecovery(state: JournalState, ledger: SubmissionRecord | undefined): RecoveryPlan {
  if (ownerAlive(state)) return { action: 'busy', why: 'the enrollment is still running in another process' };
  if (!state.readable) {
    const known = ledger?.state === 'known' ? ` (the request ledger names ReqID ${ledger.reqId})` : '';
    return {
      action: 'ask-operator',
      why: `the journal is damaged (${state.problem}); the CA may hold a request${known} — not guessing`,
    };
  }
  const reqId = state.facts.reqId;
  if (typeof reqId === 'number') {
    return {
      action: 'resume',
      reqId,
      why: `the CA has request ${reqId} (${String(state.facts.disposition)}); fetch it by ReqID and finish`,
    };
  }
  const submitBegan = state.done.has('submit') || state.inDoubt === 'submit';
  if (!submitBegan || state.facts.disposition === 'not-sent' || ledger?.state === 'not-sent') {
    if (replacedHolderKey(state))
      return {
        action: 'clear',
        why: "the re-issue stopped after the new key replaced the holder's; nothing reached the CA; the old certificate, whose key is gone, is removed from the card",
      };
    return {
      action: 'close',
      why: `stopped ${state.inDoubt ? `during "${state.inDoubt}"` : 'before submitting'}; nothing reached the CA, nothing on the card to undo`,
    };
  }
  if (ledger?.state === 'known' && ledger.reqId !== undefined)
    return { action: 'resume', reqId: ledger.reqId, why: `the request ledger names ReqID ${ledger.reqId}` };
  return {
    action: 'ask-operator',
    why: 'the station stopped while submitting; the CA may hold a request without a recorded ReqID — not submitting again',
  };
}

/** The plans from the journals alone (no ledger look-up): for tests and a quick look. */
export function journalPlans(journalDir: string): PendingRecovery[] {
  return openJournals(journalDir).map((state) => ({ state, plan: planRecovery(state, undefined) }));
}

export async function pendingRecoveries(
  journalDir: string,
  submission: (key: string) => Promise<SubmissionRecord | undefined>,
): Promise<PendingRecovery[]> {
  const out: PendingRecovery[] = [];
  for (const state of openJournals(journalDir)) {
    const ledger = await submission(state.id).catch(() => undefined);
    const known = ledger?.state === 'known' ? ledger.reqId : undefined;
    out.push({
      state,
      plan: planRecovery(state, ledger),
      ...(known === undefined ? {} : { ledgerReqId: known }),
    });
  }
  return out;
}

export interface RecoveryInputs {
  readonly transportPin: Secret;
  readonly transportPuk: Secret;
  readonly factoryAdminKey: Secret;
  readonly pinPolicy: PinPolicy;
  /** the configured template: what a damaged journal no longer says */
  readonly template?: string;
  /** the operator's answer for 'ask-operator': a ReqID the PKI team found, or give up */
  readonly decision?: { readonly reqId: number } | 'abandon';
  /** who decided, for the log */
  readonly decidedBy: string;
}

export type RecoveryResult =
  | EnrollmentResult
  | {
      readonly enrollmentId: string;
      readonly status: 'closed' | 'abandoned' | 'needs-operator' | 'busy' | 'card-absent';
      readonly detail?: string;
    };

/** Carries out the plan for one journal. The card in deps.card must be the journal's card. */
export async function recover(
  pending: PendingRecovery,
  deps: EnrollmentDeps,
  inputs: RecoveryInputs,
): Promise<RecoveryResult> {
  const { state } = pending;
  let plan = pending.plan;
  if (plan.action === 'busy') return { enrollmentId: state.id, status: 'busy' };
  const journal = Journal.at(deps.journalDir, state.id);
  const run = new EnrollmentRun(state.id, journal, deps, inputs.factoryAdminKey);
  try {
    run.lockJournal();
  } catch {
    // another process runs this enrollment, or recovers it right now: not a crash to explain
    run.release();
    return { enrollmentId: state.id, status: 'busy' };
  }
  try {
    if (state.readable) restoreRun(run, state);
    if (plan.action === 'ask-operator') {
      if (inputs.decision === undefined) {
        await run.audit('RECOVERY_DECIDED', 'started', { errorCode: 'CA_OUTCOME_UNKNOWN', reason: plan.why });
        return { enrollmentId: state.id, status: 'needs-operator', detail: plan.why };
      }
      if (!state.readable) return await recoverDamaged(run, pending, inputs);
      plan =
        inputs.decision === 'abandon'
          ? { action: 'close', why: `abandoned by ${inputs.decidedBy}` }
          : { action: 'resume', reqId: inputs.decision.reqId, why: `ReqID supplied by ${inputs.decidedBy}` };
      if (inputs.decision === 'abandon') return await abandon(run, state, inputs);
    } else if (inputs.decision === 'abandon') {
      return await abandon(run, state, inputs);
    }
    journal.adopt();

    if (plan.action === 'close') {
      await run.audit('RECOVERY_DECIDED', 'success', { reason: `${plan.why} (by ${inputs.decidedBy})` });
      await run.end('failed', 'aborted', { errorCode: 'INTERRUPTED' });
      return { enrollmentId: state.id, status: 'closed', detail: plan.why };
    }

    if (plan.action === 'clear') {
      if (!state.readable)
        throw new StationError('INTERRUPTED', { enrollment: state.id, problem: 'journal damaged' });
      const present = await matchCard(run, state);
      if (present !== 'match') return { enrollmentId: state.id, status: 'card-absent', detail: present };
      await run.audit('RECOVERY_DECIDED', 'success', { reason: `${plan.why} (by ${inputs.decidedBy})` });
      await clearReplaced(run, new StationError('INTERRUPTED', { enrollment: state.id }));
      return { enrollmentId: state.id, status: 'closed', detail: plan.why };
    }

    // resume: only with the journal's own card in the reader
    if (!state.readable)
      throw new StationError('INTERRUPTED', { enrollment: state.id, problem: 'journal damaged' });
    const present = await matchCard(run, state);
    if (present !== 'match') return { enrollmentId: state.id, status: 'card-absent', detail: present };
    run.reqId = plan.reqId;
    await run.audit('RECOVERY_DECIDED', 'success', { reason: `${plan.why} (by ${inputs.decidedBy})` });
    const outcome = await deps.ca.retrieve(plan.reqId);
    try {
      return await afterOutcome(run, outcome, {
        transportPin: inputs.transportPin,
        transportPuk: inputs.transportPuk,
        pinPolicy: inputs.pinPolicy,
        upn: str(state.facts.upn) ?? '',
        ...(str(state.facts.email) === undefined ? {} : { email: str(state.facts.email) as string }),
        ...(str(state.facts.sid) === undefined ? {} : { sid: str(state.facts.sid) as string }),
        pinChangeInDoubt: state.inDoubt === 'pin-change',
      });
    } catch (error) {
      throw await settleFailure(run, error);
    }
  } finally {
    run.release();
  }
}

/**
 * A damaged journal names neither the card nor the key. The certificate of the request (the
 * operator's ReqID, or the one the request ledger recorded) names the key, and the card in the
 * reader is the journal's card only when its slot reports that key: any other card is left alone.
 * With the ReqID the enrollment is finished (no PIN is tried: whether it changed is unknown); on
 * --abandon the key is destroyed and the serial recorded to be revoked.
 */
async function recoverDamaged(
  run: EnrollmentRun,
  pending: PendingRecovery,
  inputs: RecoveryInputs,
): Promise<RecoveryResult> {
  const id = pending.state.id;
  const decision = inputs.decision;
  const reqId = decision === 'abandon' ? pending.ledgerReqId : decision?.reqId;
  if (reqId === undefined) return abandon(run, pending.state, inputs);
  const outcome = await run.deps.ca.retrieve(reqId);
  if (outcome.kind !== 'issued') {
    if (decision === 'abandon') return abandon(run, pending.state, inputs);
    return {
      enrollmentId: id,
      status: 'needs-operator',
      detail: `request ${reqId} is ${outcome.kind} at the CA`,
    };
  }
  const facts = certificateFacts(parseCertificate(outcome.certificate));
  const present = await matchCardByKey(run, facts.spki);
  if (present !== 'match')
    return {
      enrollmentId: id,
      status: 'card-absent',
      detail: `${present}; insert the card that holds it (--target-reader names its reader)`,
    };
  run.reqId = reqId;
  run.spki = facts.spki;
  run.template ??= inputs.template;
  run.journal.adopt();
  if (decision === 'abandon') {
    run.certificate = outcome.certificate;
    run.verdict = {
      ok: false,
      reasons: ['journal damaged; abandoned'],
      serial: facts.serialNumberHex,
      thumbprint: sha1Hex(outcome.certificate),
      notBefore: facts.notBefore.toISOString(),
      notAfter: facts.notAfter.toISOString(),
    };
    await run.audit('RECOVERY_DECIDED', 'success', {
      reason: `damaged journal abandoned by ${inputs.decidedBy}; the card holds the key of request ${reqId}`,
    });
    const onCard = await run.deps.card.readCertificate();
    const wrote = onCard !== null && Buffer.from(onCard).equals(Buffer.from(outcome.certificate));
    await compensate(run, new StationError('INTERRUPTED', { decidedBy: inputs.decidedBy }), { wrote });
    return { enrollmentId: id, status: 'abandoned' };
  }
  await run.audit('RECOVERY_DECIDED', 'success', {
    reason: `damaged journal: ReqID ${reqId} supplied by ${inputs.decidedBy}; the card holds its key`,
  });
  try {
    return await afterOutcome(run, outcome, {
      transportPin: inputs.transportPin,
      transportPuk: inputs.transportPuk,
      pinPolicy: inputs.pinPolicy,
      upn: facts.upns[0] ?? '',
      pinChangeInDoubt: true,
    });
  } catch (error) {
    throw await settleFailure(run, error);
  }
}

/** The reader's card is the damaged journal's card when its slot holds the certified key. */
async function matchCardByKey(run: EnrollmentRun, spki: Uint8Array): Promise<'match' | string> {
  const card = run.deps.card;
  let identity;
  try {
    identity = await card.identify();
  } catch (e) {
    return `no card to check (${errorCodeOf(e)})`;
  }
  if (!readsSlotKey(card)) return `the card in the reader (${identity.cardId}) cannot report its key`;
  const key = await card.slotPublicKey();
  if (key === null || !Buffer.from(key).equals(Buffer.from(spki)))
    return `the card in the reader (${identity.cardId}) does not hold the key of that certificate`;
  run.identity = identity;
  run.lock(identity.cardId);
  return 'match';
}

/** The run's facts as the journal recorded them. */
function restoreRun(run: EnrollmentRun, state: Readable): void {
  const f = state.facts;
  run.mode = f.mode === 'self' ? 'self' : 'on-behalf';
  run.reissue = f.reissue === true;
  run.targetUser = str(f.requesterName);
  run.template = str(f.template);
  const spki = str(f.spki);
  if (spki !== undefined) run.spki = new Uint8Array(Buffer.from(spki, 'base64'));
  if (typeof f.reqId === 'number') run.reqId = f.reqId;
}

/**
 * The reader's card is the journal's card when its station id matches. Anything else — another
 * card, no card — is left untouched, and recovery goes on with the other journals.
 */
async function matchCard(run: EnrollmentRun, state: Readable): Promise<'match' | string> {
  const expected = str(state.facts.cardId);
  if (expected === undefined) return 'the journal names no card';
  let identity;
  try {
    identity = await run.deps.card.identify();
  } catch (e) {
    return `no card to check (${errorCodeOf(e)})`;
  }
  if (identity.cardId !== expected) return `the card in the reader is ${identity.cardId}, not ${expected}`;
  const guid = str(state.facts.guid) ?? identity.guid;
  run.identity = { ...identity, guid };
  run.lock(identity.cardId);
  return 'match';
}

/**
 * The operator gives up on an enrollment. When a request may have reached the CA, the key on the
 * journal's card is destroyed first (the card must be present) and the certificate is recorded to
 * be revoked; when nothing reached the CA the journal is simply closed.
 */
async function abandon(
  run: EnrollmentRun,
  state: JournalState,
  inputs: RecoveryInputs,
): Promise<RecoveryResult> {
  const reachedCa =
    !state.readable ||
    (state.facts.disposition !== 'not-sent' && (state.done.has('submit') || state.inDoubt === 'submit'));
  if (!reachedCa && state.readable && replacedHolderKey(state)) {
    // abandoning changes nothing about the old certificate being dead: it is removed all the same
    const present = await matchCard(run, state);
    if (present !== 'match')
      return { enrollmentId: state.id, status: 'card-absent', detail: `${present}; insert it to abandon` };
    run.journal.adopt();
    await run.audit('RECOVERY_DECIDED', 'success', { reason: `abandoned by ${inputs.decidedBy}` });
    await clearReplaced(run, new StationError('INTERRUPTED', { decidedBy: inputs.decidedBy }));
    return { enrollmentId: state.id, status: 'abandoned' };
  }
  if (!reachedCa) {
    run.journal.adopt();
    await run.audit('RECOVERY_DECIDED', 'success', { reason: `abandoned by ${inputs.decidedBy}` });
    await run.end('abandoned', 'aborted', { errorCode: 'INTERRUPTED' });
    return { enrollmentId: state.id, status: 'abandoned' };
  }
  if (!state.readable) {
    // nobody can say which card holds the key: record it for the CA administrators
    run.journal.adopt();
    await run.audit('CERT_TO_BE_REVOKED', 'started', {
      errorCode: 'INTERRUPTED',
      reason: `damaged journal abandoned by ${inputs.decidedBy}: revoke any certificate of enrollment ${state.id}`,
    });
    await run.end('abandoned', 'aborted', { errorCode: 'INTERRUPTED' });
    return { enrollmentId: state.id, status: 'abandoned', detail: 'card unknown: key not destroyed' };
  }
  const present = await matchCard(run, state);
  if (present !== 'match')
    return { enrollmentId: state.id, status: 'card-absent', detail: `${present}; insert it to abandon` };
  run.journal.adopt();
  await run.audit('RECOVERY_DECIDED', 'success', { reason: `abandoned by ${inputs.decidedBy}` });
  await compensate(run, new StationError('INTERRUPTED', { decidedBy: inputs.decidedBy }));
  return { enrollmentId: state.id, status: 'abandoned' };
}
