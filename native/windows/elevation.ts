// How the unprivileged station gets a virtual smart card created: it starts the narrow helper
// (vsc-helper.ts) elevated through UAC for this one operation and reads the outcome from the
// helper's exit code. Nothing is written by the elevated process that the caller would read, so
// an unprivileged caller can steer neither a file path nor tpmvscmgr's arguments: the helper
// gets an operation (create with fixed choices / destroy an instance id) and validates it again.
// Trade-offs against an installed service are in docs/windows-vsc.md.
import { StationError, type StationErrorCode } from '../../core/errors/catalog.ts';
import type { CommandRunner } from './command-runner.ts';
import type { Launcher, VscOperation, VscOutcome } from './tpmvscmgr.ts';

/** Failure codes the helper reports as exit code 10 + index; append only (the codes are an ABI). */
export const HELPER_FAILURES: readonly StationErrorCode[] = [
  'VSC_REQUEST_INVALID',
  'VSC_ADMIN_REQUIRED',
  'VSC_ELEVATION_REFUSED',
  'VSC_REMOTE_SESSION',
  'VSC_READER_LIMIT',
  'VSC_PIN_POLICY',
  'TPM_NOT_READY',
  'VSC_CREATE_FAILED',
  'VSC_NOT_FOUND',
  'VSC_DESTROY_FAILED',
];
const FAILURE_BASE = 10;
/** exit 1000 + n: created ROOT\SMARTCARDREADER\000n; exit 0: destroyed */
const CREATED_BASE = 1000;

export function encodeOutcome(outcome: VscOutcome): number {
  if (outcome.ok) {
    if (outcome.instanceId === undefined) return 0;
    const n = Number(/\\(\d{4})$/.exec(outcome.instanceId)?.[1]);
    return Number.isInteger(n)
      ? CREATED_BASE + n
      : FAILURE_BASE + HELPER_FAILURES.indexOf('VSC_CREATE_FAILED');
  }
  const i = HELPER_FAILURES.indexOf(outcome.code);
  return FAILURE_BASE + (i < 0 ? HELPER_FAILURES.indexOf('VSC_CREATE_FAILED') : i);
}

export function decodeOutcome(operation: VscOperation['kind'], exitCode: number): VscOutcome {
  if (operation === 'create' && exitCode >= CREATED_BASE && exitCode < CREATED_BASE + 10_000) {
    return {
      ok: true,
      instanceId: `ROOT\\SMARTCARDREADER\\${String(exitCode - CREATED_BASE).padStart(4, '0')}`,
    };
  }
  if (operation === 'destroy' && exitCode === 0) return { ok: true };
  const code = HELPER_FAILURES[exitCode - FAILURE_BASE];
  if (code !== undefined) return { ok: false, code, details: { helperExit: exitCode } };
  return {
    ok: false,
    code: operation === 'create' ? 'VSC_CREATE_FAILED' : 'VSC_DESTROY_FAILED',
    details: { helperExit: exitCode },
  };
}

/** The operation as one base64url word: survives any command line without quoting. */
export function encodeOperation(op: VscOperation): string {
  return Buffer.from(JSON.stringify(op), 'utf8').toString('base64url');
}

export function decodeOperation(word: string): unknown {
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(word))
    throw new StationError('VSC_REQUEST_INVALID', { field: 'operation' });
  try {
    return JSON.parse(Buffer.from(word, 'base64url').toString('utf8')) as unknown;
  } catch {
    throw new StationError('VSC_REQUEST_INVALID', { field: 'operation' });
  }
}

export interface ElevatedLauncherOptions {
  /** node.exe (or the packaged app) that runs the helper: an installed, admin-owned path */
  readonly nodePath: string;
  /** vsc-helper script next to the installed app */
  readonly helperPath: string;
}

const SAFE_PATH = /^[A-Za-z]:\\[^'"`$;&|<>\r\n]+$/;

/**
 * Starts the helper through UAC (Start-Process -Verb RunAs) and waits for it. A declined prompt
 * makes Start-Process fail, which becomes VSC_ELEVATION_REFUSED.
 */
export class ElevatedLauncher implements Launcher {
  private readonly runner: CommandRunner;
  private readonly options: ElevatedLauncherOptions;
  constructor(runner: CommandRunner, options: ElevatedLauncherOptions) {
    if (!SAFE_PATH.test(options.nodePath) || !SAFE_PATH.test(options.helperPath)) {
      throw new StationError('VSC_REQUEST_INVALID', { field: 'helper path' });
    }
    this.runner = runner;
    this.options = options;
  }

  async run(operation: VscOperation): Promise<VscOutcome> {
    const word = encodeOperation(operation);
    const script =
      `$p = Start-Process -FilePath '${this.options.nodePath}' -ArgumentList @('${this.options.helperPath}', '${word}') ` +
      '-Verb RunAs -Wait -PassThru -WindowStyle Hidden -ErrorAction Stop; exit $p.ExitCode';
    const r = await this.runner.run(
      'powershell.exe',
      ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', script],
      {
        timeoutMs: 600_000,
      },
    );
    // Start-Process throws "The operation was canceled by the user." when UAC is declined
    if (r.exitCode !== 0 && /cancel/i.test(r.stderr) && r.exitCode < FAILURE_BASE) {
      return { ok: false, code: 'VSC_ELEVATION_REFUSED', details: { exitCode: r.exitCode } };
    }
    return decodeOutcome(operation.kind, r.exitCode);
  }
}
