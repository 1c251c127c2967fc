// A core dump of the station holds every secret it handled (PINs, PUKs, management keys, the
// key-encryption key), even after the result was printed. Switch them off for the station process
// at start-up, where the OS allows it.
//
// Node has neither setrlimit nor prctl. On Linux, prlimit(2) may set the limits of another process
// of the same user, and util-linux's `prlimit` does exactly that: `prlimit --pid <self> --core=0:0`
// lowers the station's own RLIMIT_CORE (soft and hard, so nothing in the process raises it again).
// The result is read back from /proc/self/limits, never assumed. What this does not cover (a pipe
// core_pattern helper that ignores the limit, ptrace by the same user, Windows error reporting,
// swap) is in docs/station-state.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

export interface CoreDumpGuard {
  /** core dumps are off for this process (verified), or were already */
  readonly disabled: boolean;
  readonly how: string;
}

/** The RLIMIT_CORE line of /proc/<pid>/limits: [soft, hard], "unlimited" or a byte count. */
export function coreLimit(pid: number | 'self' = 'self'): readonly [string, string] | undefined {
  try {
    const line = readFileSync(`/proc/${pid}/limits`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max core file size'));
    const m = line?.match(/^Max core file size\s+(\S+)\s+(\S+)/);
    return m === null || m === undefined ? undefined : [m[1] as string, m[2] as string];
  } catch {
    return undefined;
  }
}

/** Fixed locations only: the station often runs as root, and PATH is not to be trusted for this. */
const PRLIMIT = ['/usr/bin/prlimit', '/bin/prlimit'];

export function disableCoreDumps(): CoreDumpGuard {
  if (process.platform !== 'linux') {
    return {
      disabled: false,
      how:
        process.platform === 'win32'
          ? 'Windows: no core file unless Windows Error Reporting LocalDumps is configured for the station'
          : `${process.platform}: not switched off by the station`,
    };
  }
  const before = coreLimit();
  if (before?.[0] === '0' && before[1] === '0') return { disabled: true, how: 'RLIMIT_CORE was already 0' };
  const tool = PRLIMIT.find((p) => existsSync(p));
  if (tool === undefined) return { disabled: false, how: 'prlimit (util-linux) is not installed' };
  const run = spawnSync(tool, ['--pid', String(process.pid), '--core=0:0'], {
    stdio: 'ignore',
    timeout: 5000,
    env: {},
  });
  const after = coreLimit();
  if (after?.[0] === '0' && after[1] === '0')
    return { disabled: true, how: `RLIMIT_CORE set to 0 with ${tool}` };
  return {
    disabled: false,
    how: `${tool} exited ${run.status ?? run.signal ?? run.error?.message}; RLIMIT_CORE is ${after?.join('/') ?? 'unknown'}`,
  };
}
