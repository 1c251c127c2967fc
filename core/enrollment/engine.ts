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
//
// The parts: run.ts (the run context), prepare.ts, submit.ts, finish.ts (with puk.ts), compensation.ts;
// held-credentials.ts tries the keys the station holds. This module is the entry point.
import { randomUUID } from 'node:crypto';
import { StationError } from '../errors/catalog.ts';
import { settleFailure } from './compensation.ts';
import { afterOutcome } from './finish.ts';
import { Journal } from './journal.ts';
import { prepare } from './prepare.ts';
import { EnrollmentRun, type EnrollmentDeps, type EnrollmentJob, type EnrollmentResult } from './run.ts';
import { submit } from './submit.ts';

export type {
  EnrollmentDeps,
  EnrollmentIO,
  EnrollmentJob,
  EnrollmentResult,
  EnrollmentStatus,
  RequestBuilder,
} from './run.ts';

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
  await prepare(run, job);
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
