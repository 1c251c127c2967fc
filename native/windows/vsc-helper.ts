// The elevated helper: `node vsc-helper.ts <operation>`, started by ElevatedLauncher through UAC.
// It can only create a virtual smart card with the fixed choices core allows, or destroy one by
// its instance id; it validates the operation itself (never trusting the unprivileged caller),
// runs tpmvscmgr.exe without a shell, writes nothing, and answers with its exit code alone.
import { resolve } from 'node:path';
import { StationError } from '../../core/errors/catalog.ts';
import { validateCreateRequest, validateInstanceId } from '../../core/platform/virtual-card-manager.ts';
import { nodeCommandRunner, type CommandRunner } from './command-runner.ts';
import { decodeOperation, encodeOutcome } from './elevation.ts';
import { DirectLauncher, type VscOperation } from './tpmvscmgr.ts';

export function parseOperation(raw: unknown): VscOperation {
  const o = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<
    string,
    unknown
  >;
  const keys = Object.keys(o).sort().join(',');
  if (o.kind === 'create' && keys === 'kind,request')
    return { kind: 'create', request: validateCreateRequest(o.request) };
  if (o.kind === 'destroy' && keys === 'instanceId,kind')
    return { kind: 'destroy', instanceId: validateInstanceId(o.instanceId) };
  throw new StationError('VSC_REQUEST_INVALID', { field: 'kind' });
}

/** The whole helper as a function of its argument vector; returns the exit code. */
export async function helperMain(
  argv: readonly string[],
  runner: CommandRunner = nodeCommandRunner,
): Promise<number> {
  let operation: VscOperation;
  try {
    if (argv.length !== 1) throw new StationError('VSC_REQUEST_INVALID', { field: 'arguments' });
    operation = parseOperation(decodeOperation(argv[0] as string));
  } catch (e) {
    if (e instanceof StationError) return encodeOutcome({ ok: false, code: e.code, details: {} });
    throw e;
  }
  return encodeOutcome(await new DirectLauncher(runner).run(operation));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  const crashed = encodeOutcome({ ok: false, code: 'VSC_CREATE_FAILED', details: {} });
  void helperMain(process.argv.slice(2)).then(
    (code) => process.exit(code),
    () => process.exit(crashed),
  );
}
