// VirtualCardManagerPort on Windows: tpmvscmgr.exe create / destroy, run elevated through a
// Launcher (elevation.ts) and told apart by its output. Microsoft documents the success output
// (the instance id) but not tpmvscmgr's exit codes, so failures are classified from the HRESULT
// the tool prints (or returns) and the documented TPMVSCMGR_ERROR reasons (docs/windows-vsc.md).
import { StationError, type StationErrorCode } from '../../core/errors/catalog.ts';
import {
  createArguments,
  destroyArguments,
  validateCreateRequest,
  validateInstanceId,
  type CreatedVirtualCard,
  type CreateVirtualCardRequest,
  type VirtualCardManagerPort,
} from '../../core/platform/virtual-card-manager.ts';
import type { CommandResult, CommandRunner } from './command-runner.ts';

/** One thing the helper may do: create or destroy a virtual smart card, nothing else. */
export type VscOperation =
  | { readonly kind: 'create'; readonly request: CreateVirtualCardRequest }
  | { readonly kind: 'destroy'; readonly instanceId: string };

export type VscOutcome =
  | { readonly ok: true; readonly instanceId?: string }
  | {
      readonly ok: false;
      readonly code: StationErrorCode;
      readonly details: Readonly<Record<string, string | number>>;
    };

/** Carries an operation to tpmvscmgr.exe with administrator rights (elevation.ts) or directly. */
export interface Launcher {
  run(operation: VscOperation): Promise<VscOutcome>;
}

const INSTANCE_LINE = /Device Instance ID\s*=\s*(ROOT\\SMARTCARDREADER\\\d{4})/i;

export function parseCreateOutput(stdout: string): string | undefined {
  return INSTANCE_LINE.exec(stdout)?.[1];
}

/** Winerror.h values the classification relies on. */
export const HRESULT = {
  E_ACCESSDENIED: 0x80070005,
  ERROR_CANCELLED: 0x800704c7,
  ERROR_NOT_FOUND: 0x80070490,
  ERROR_FILE_NOT_FOUND: 0x80070002,
} as const;

export function findHresult(result: CommandResult): number | undefined {
  const m = /0x(8[0-9a-f]{7})/i.exec(`${result.stdout}\n${result.stderr}`);
  if (m) return Number.parseInt(m[1] as string, 16);
  const code = result.exitCode >>> 0;
  return code >= 0x80000000 ? code : undefined;
}

export function classifyFailure(operation: 'create' | 'destroy', result: CommandResult): StationErrorCode {
  const text = `${result.stdout}\n${result.stderr}`;
  const hr = findHresult(result);
  if (hr === HRESULT.ERROR_CANCELLED) return 'VSC_ELEVATION_REFUSED';
  if (hr === HRESULT.E_ACCESSDENIED || /access is denied|administrator/i.test(text))
    return 'VSC_ADMIN_REQUIRED';
  if (/terminal services|remote desktop/i.test(text)) return 'VSC_REMOTE_SESSION';
  if (operation === 'create') {
    if (/number of smart card readers|reader count/i.test(text)) return 'VSC_READER_LIMIT';
    if (/\b(PIN|PUK)\b.*(complexity|length|requirement)/i.test(text)) return 'VSC_PIN_POLICY';
    // TPM_E_* and TBS_E_* (facility 0x28): the TPM itself refused
    if (hr !== undefined && hr >>> 16 === 0x8028) return 'TPM_NOT_READY';
    return 'VSC_CREATE_FAILED';
  }
  if (hr === HRESULT.ERROR_NOT_FOUND || hr === HRESULT.ERROR_FILE_NOT_FOUND) return 'VSC_NOT_FOUND';
  return 'VSC_DESTROY_FAILED';
}

function failed(operation: 'create' | 'destroy', result: CommandResult): VscOutcome {
  const hr = findHresult(result);
  return {
    ok: false,
    code: classifyFailure(operation, result),
    details: {
      exitCode: result.exitCode,
      ...(hr !== undefined ? { hresult: `0x${hr.toString(16).toUpperCase()}` } : {}),
    },
  };
}

/**
 * Runs tpmvscmgr.exe in this process's own rights: inside the elevated helper, in a service that
 * already has them, and in tests against the fake. Validates again whatever it is handed.
 */
export class DirectLauncher implements Launcher {
  private readonly runner: CommandRunner;
  constructor(runner: CommandRunner) {
    this.runner = runner;
  }
  async run(operation: VscOperation): Promise<VscOutcome> {
    let args: string[];
    try {
      args =
        operation.kind === 'create'
          ? createArguments(validateCreateRequest(operation.request))
          : destroyArguments(operation.instanceId);
    } catch (e) {
      if (e instanceof StationError)
        return { ok: false, code: e.code, details: { field: String(e.details.field ?? '') } };
      throw e;
    }
    const result = await this.runner.run('tpmvscmgr.exe', args, { timeoutMs: 300_000 });
    if (result.exitCode !== 0) return failed(operation.kind, result);
    if (operation.kind === 'destroy') return { ok: true };
    const instanceId = parseCreateOutput(result.stdout);
    // exit 0 without an instance id: created or not, nobody can tell; say so rather than guess
    if (instanceId === undefined)
      return {
        ok: false,
        code: 'VSC_CREATE_FAILED',
        details: { exitCode: 0, reason: 'no instance id in the output' },
      };
    return { ok: true, instanceId };
  }
}

export class TpmVscManager implements VirtualCardManagerPort {
  private readonly launcher: Launcher;
  constructor(launcher: Launcher) {
    this.launcher = launcher;
  }

  async create(request: CreateVirtualCardRequest): Promise<CreatedVirtualCard> {
    const outcome = await this.launcher.run({ kind: 'create', request: validateCreateRequest(request) });
    if (!outcome.ok) throw new StationError(outcome.code, outcome.details);
    if (outcome.instanceId === undefined)
      throw new StationError('VSC_CREATE_FAILED', { reason: 'no instance id' });
    return { instanceId: outcome.instanceId };
  }

  async destroy(instanceId: string): Promise<void> {
    const outcome = await this.launcher.run({ kind: 'destroy', instanceId: validateInstanceId(instanceId) });
    if (!outcome.ok) throw new StationError(outcome.code, { ...outcome.details, instanceId });
  }
}
