// The CA step: the request is journaled before the POST, so a restart knows a request may exist;
// an error that proves the request never reached the CA ends it "not sent".
import { StationError } from '../errors/catalog.ts';
import type { CaOutcome } from './ports.ts';
import { errorCodeOf, sha256Hex, type EnrollmentJob, type EnrollmentRun } from './run.ts';
import { stepDef } from './steps.ts';

export async function submit(run: EnrollmentRun, job: EnrollmentJob): Promise<CaOutcome> {
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
