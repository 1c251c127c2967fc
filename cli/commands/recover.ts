// `station recover`: each open enrollment with what its journal shows and the plan, then the plan
// carried out (or only listed with --dry-run); --abandon and --reqid are the operator's decisions,
// recorded in the log with who made them.
import { StationError } from '../../core/errors/catalog.ts';
import { explain } from '../../core/errors/explain.ts';
import { stepLabel } from '../../core/i18n/index.ts';
import {
  VSC_DEFAULT_PIN,
  type Decision,
  type EnrollmentIO,
  type RecoveryView,
  type Secret,
  type Station,
} from '../../station/index.ts';
import type { StationConfig } from '../../core/config/config.ts';
import { cliStation } from '../compose.ts';
import { configFrom } from '../config-arg.ts';
import { printLine, printProgress, say, type Output } from '../output.ts';
import { askNewPinTwice, cliEnrollmentIO } from '../prompts.ts';
import { EXIT } from '../station.ts';

type Values = Readonly<Record<string, string | boolean | undefined>>;

function parseReqId(v: Values): { id: string; reqId: number } | undefined {
  if (typeof v.reqid !== 'string') return undefined;
  const m = /^([A-Za-z0-9-]{8,64})=([1-9][0-9]{0,9})$/.exec(v.reqid);
  if (m === null)
    throw new StationError('USAGE_BAD_VALUE', { option: '--reqid', expected: 'ENROLLMENT-ID=ReqID' });
  return { id: m[1] as string, reqId: Number(m[2]) };
}

function decisionFor(v: Values, id: string): Decision {
  if (v.abandon === id) return 'abandon';
  const given = parseReqId(v);
  return given?.id === id ? { reqId: given.reqId } : 'confirm';
}

function step(out: Output, id: string): string {
  if (id === 'start') return say(out, 'cli.recover.step.start');
  if (id === 'unknown') return say(out, 'cli.unknown');
  return stepLabel(id, out.language);
}

/** Why the plan is what it is, from the plan and its journal's facts (the engine's `why` is English). */
function why(out: Output, p: RecoveryView): string {
  const plan = p.plan;
  switch (plan.action) {
    case 'busy':
      return say(out, 'cli.recover.why.busy');
    case 'close':
      return say(out, 'cli.recover.why.rollBack');
    case 'clear':
      return say(out, 'cli.recover.why.clear');
    case 'resume':
      return p.reqId === plan.reqId
        ? say(out, 'cli.recover.why.resume', { reqId: plan.reqId, pending: p.pending })
        : say(out, 'cli.recover.why.ledger', { reqId: plan.reqId });
    case 'ask-operator':
      return p.stoppedAt === 'unknown'
        ? say(out, 'cli.recover.why.damaged')
        : say(out, 'cli.recover.why.askOperator');
  }
}

/**
 * The employee who self-enrolled is at their own computer: when recovery may reach the PIN change,
 * they choose the new PIN now (twice, the same policy as self-enroll), before the card is touched.
 * "Issued, PIN not changed" only with --no-pin-change. An on-behalf run's holder is not assumed
 * present: it ends "PIN not changed" (station change-pin) as before.
 */
async function recoveryIO(
  v: Values,
  out: Output,
  p: RecoveryView,
  decision: Decision,
  station: Station,
  config: StationConfig,
): Promise<{ io: EnrollmentIO; pin?: Secret }> {
  const onProgress = (x: Parameters<typeof printProgress>[1]): void => printProgress(out, x);
  const reachesPinChange =
    p.pinChangeAhead &&
    decision !== 'abandon' &&
    (p.plan.action === 'resume' || typeof decision === 'object');
  if (p.mode !== 'self' || !reachesPinChange || v['no-pin-change'] === true)
    return { io: { onProgress, askNewPin: async () => 'skip' as const } };
  printLine(
    out,
    say(out, 'cli.recover.holderPin', { id: p.enrollmentId, user: p.user ?? say(out, 'cli.unknown') }),
  );
  const transportPin = p.virtualCard ? VSC_DEFAULT_PIN : config.card.transportPin;
  const pin = await askNewPinTwice(out, station.pinPolicy(), transportPin);
  return { io: cliEnrollmentIO(out, pin, transportPin, onProgress), pin };
}

export async function recoverCommand(v: Values, out: Output): Promise<number> {
  parseReqId(v); // a malformed --reqid is a usage error before anything is opened
  const config = configFrom(v, 'recover');
  const station = cliStation(config);
  try {
    // a dry run is recorded as a review of the plans; nothing is carried out
    const plans = v['dry-run'] === true ? await station.reviewRecoveries() : await station.recoveries();
    if (plans.length === 0) {
      printLine(out, say(out, 'cli.recover.none'));
      return EXIT.OK;
    }
    let unresolved = 0;
    for (const p of plans) {
      printLine(
        out,
        say(out, 'cli.recover.plan', {
          id: p.enrollmentId,
          step: step(out, p.stoppedAt),
          action: p.plan.action,
          why: why(out, p),
        }),
        { enrollmentId: p.enrollmentId, plan: p.plan },
      );
      if (v['dry-run'] === true) continue;
      const decision = decisionFor(v, p.enrollmentId);
      let pin: Secret | undefined;
      try {
        const asked = await recoveryIO(v, out, p, decision, station, config);
        pin = asked.pin;
        const result = await station.recover(
          p.enrollmentId,
          decision,
          asked.io,
          typeof v['target-reader'] === 'string' ? v['target-reader'] : undefined,
        );
        printLine(
          out,
          result.status === 'card-absent'
            ? say(out, 'cli.recover.cardAbsent', { card: p.cardId ?? say(out, 'cli.unknown') })
            : say(out, 'cli.recover.result', { status: result.status }),
          { enrollmentId: p.enrollmentId, status: result.status },
        );
        if (['needs-operator', 'pending', 'busy', 'card-absent'].includes(result.status)) unresolved++;
      } catch (e) {
        // Ctrl-C at the employee's PIN prompt stops the whole command (exit 130)
        if (e instanceof StationError && e.code === 'CANCELLED') throw e;
        // one journal that cannot be served does not stop the others
        unresolved++;
        const x = explain(e, out.language, 'cli');
        printLine(out, say(out, 'cli.recover.failed', { message: x.message, code: x.code }), {
          enrollmentId: p.enrollmentId,
          error: x.code,
        });
      } finally {
        pin?.wipe();
      }
    }
    return unresolved === 0 ? EXIT.OK : EXIT.UNFINISHED;
  } finally {
    await station.close();
  }
}
