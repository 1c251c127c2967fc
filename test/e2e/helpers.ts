// Drives the station the way an operator does: `station` as a child process, PINs on stdin.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

export const run = promisify(execFile);
const STATION = fileURLToPath(new URL('../../cli/station.ts', import.meta.url));

export interface StationRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `station <args>`; `killAtStep` SIGKILLs it when the JSON progress names that step. */
export function station(
  args: readonly string[],
  opts: { env: NodeJS.ProcessEnv; stdin?: string; killAtStep?: string; timeoutMs?: number },
): Promise<StationRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', STATION, ...args], {
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

/** OpenSC's reader index for a reader name (OpenSC selects readers by number). */
export async function openscReaderIndex(name: string): Promise<number> {
  const { stdout } = await run('opensc-tool', ['--list-readers'], { encoding: 'utf8', timeout: 30_000 });
  for (const line of stdout.split('\n')) {
    const m = /^\s*(\d+)\s+(?:Yes|No)\s+(.*)$/.exec(line);
    if (m && (m[2] ?? '').trimEnd().endsWith(name)) return Number(m[1]);
  }
  throw new Error(`OpenSC does not list "${name}"`);
}
