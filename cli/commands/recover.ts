// `station recover`: each open enrollment with what its journal shows and the plan, then the plan
// carried out (or only listed with --dry-run); --abandon and --reqid are the operator's decisions.
import { StationError } from '../../core/errors/catalog.ts';
import type { Decision } from '../../station/index.ts';
import { cliStation } from '../compose.ts';
import { configFrom } from '../config-arg.ts';
import { printLine, printProgress, type Output } from '../output.ts';
import { EXIT } from '../station.ts';

type Values = Readonly<Record<string, string | boolean | undefined>>;

function decisionFor(v: Values, id: string): Decision {
  if (v.abandon === id) return 'abandon';
  if (typeof v.reqid === 'string') {
    const m = /^([A-Za-z0-9-]{8,64})=([1-9][0-9]{0,9})$/.exec(v.reqid);
    if (m === null)
      throw new StationError('BAD_INPUT', { field: '--reqid', problem: 'must be ENROLLMENT-ID=ReqID' });
    if (m[1] === id) return { reqId: Number(m[2]) };
  }
  return 'confirm';
}

export async function recoverCommand(v: Values, out: Output): Promise<number> {
  const station = cliStation(configFrom(v));
  try {
    const plans = await station.recoveries();
    if (plans.length === 0) {
      printLine(out, 'no interrupted enrollments');
      return EXIT.OK;
    }
    let unresolved = 0;
    for (const p of plans) {
      printLine(
        out,
        `enrollment ${p.enrollmentId}: stopped at "${p.stoppedAt}" — will ${p.plan.action}: ${p.plan.why}`,
        {
          enrollmentId: p.enrollmentId,
          plan: p.plan,
        },
      );
      if (v['dry-run'] === true) continue;
      const io = {
        onProgress: (x: Parameters<typeof printProgress>[1]) => printProgress(out, x),
        // nobody is there to choose a PIN: the card ends "issued, PIN not changed" (station change-pin)
        askNewPin: async () => 'skip' as const,
      };
      try {
        const result = await station.recover(
          p.enrollmentId,
          decisionFor(v, p.enrollmentId),
          io,
          typeof v['target-reader'] === 'string' ? v['target-reader'] : undefined,
        );
        printLine(
          out,
          `  → ${result.status}${'detail' in result && result.detail ? ` (${result.detail})` : ''}`,
          {
            enrollmentId: p.enrollmentId,
            status: result.status,
          },
        );
        if (['needs-operator', 'pending', 'busy', 'card-absent'].includes(result.status)) unresolved++;
      } catch (e) {
        // one journal that cannot be served does not stop the others
        unresolved++;
        printLine(out, `  → failed: ${(e as { code?: string }).code ?? 'INTERNAL'}`, {
          enrollmentId: p.enrollmentId,
          error: (e as { code?: string }).code,
        });
      }
    }
    return unresolved === 0 ? EXIT.OK : EXIT.UNFINISHED;
  } finally {
    await station.close();
  }
}
