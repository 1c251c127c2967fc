// Drives the station the way an operator does: `station` as a child process, PINs on stdin.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export { openscReaderIndex, runTool as run } from '../../dev/opensc.ts';

/** A Secret's text, for handing PINs to the independent tools in tests. */
export const text = (s: { use: <T>(f: (b: Uint8Array) => T) => T }): string =>
  s.use((b) => Buffer.from(b).toString('utf8'));
const STATION = fileURLToPath(new URL('../../cli/station.ts', import.meta.url));

/** The arguments of `station enroll` on behalf of the demo directory's CORP\\alice. */
export const enrollAlice = (configFile: string): string[] => [
  'enroll',
  '--config',
  configFile,
  '--user',
  'CORP\\alice',
  '--upn',
  'alice@corp.example',
  '--email',
  'alice@corp.example',
];

/** `station self-enroll` for alice in `reader`, with JSON progress. */
export const selfEnrollAlice = (configFile: string, reader: string): string[] => [
  'self-enroll',
  '--config',
  configFile,
  '--user',
  'CORP\\alice',
  '--upn',
  'alice@corp.example',
  '--email',
  'alice@corp.example',
  '--reader',
  reader,
  '--json',
];

export interface StationRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `station <args>`; `killAtStep` SIGKILLs it when the JSON progress names that step. */
export function station(
  args: readonly string[],
  opts: {
    env: NodeJS.ProcessEnv;
    stdin?: string;
    killAtStep?: string;
    timeoutMs?: number;
    /** sees the standard output so far after each chunk (e.g. to act when a step starts) */
    onStdout?: (stdoutSoFar: string) => void;
    /**
     * a file or folder the station sees read-only: bind-mounted read-only in a private mount
     * namespace of its own (root only), as an operator's read-only mount would be — `chmod` does
     * not stop root
     */
    readOnly?: string;
  },
): Promise<StationRun> {
  const node = [process.execPath, '--disable-warning=ExperimentalWarning', STATION, ...args];
  const [cmd, ...argv] =
    opts.readOnly === undefined
      ? node
      : [
          'unshare',
          '--mount',
          '--propagation',
          'private',
          'sh',
          '-c',
          'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" && exec "$@"',
          opts.readOnly,
          ...node,
        ];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd as string, argv, {
      env: opts.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
      if (opts.killAtStep !== undefined && stdout.includes(`"step":"${opts.killAtStep}"`))
        child.kill('SIGKILL');
      opts.onStdout?.(stdout);
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.end(opts.stdin ?? '');
  });
}

/** The progress steps of an on-behalf enrollment of a blank PIV card, in order (the step table). */
export const ON_BEHALF_STEPS = [
  'identify',
  'pin-check',
  'agent',
  'admin',
  'keygen',
  'csr',
  'wrap',
  'submit',
  'check',
  'write',
  'personalise',
  'admin-key',
  'puk',
  'pin-change',
  'proof',
] as const;

/**
 * The progress steps of a self-enrollment on a GIDS card (mode 'self'): no agent, no wrap, no
 * personalise, no PUK — written out here, not taken from the step table, so a test can catch it.
 */
export const GIDS_SELF_STEPS = [
  'identify',
  'pin-check',
  'admin',
  'keygen',
  'csr',
  'submit',
  'check',
  'write',
  'admin-key',
  'pin-change',
  'proof',
] as const;

/** On behalf on a GIDS card: the agent signs and wraps; still no personalise and no PUK. */
export const GIDS_ON_BEHALF_STEPS = [
  'identify',
  'pin-check',
  'agent',
  'admin',
  'keygen',
  'csr',
  'wrap',
  'submit',
  'check',
  'write',
  'admin-key',
  'pin-change',
  'proof',
] as const;
