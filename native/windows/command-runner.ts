// Runs a Windows program without a shell (arguments are passed as a list, never parsed by
// cmd.exe). Everything in native/windows goes through this seam, so tests on Linux replace it
// with a fake that answers with documented outputs (test/windows/fake-windows.ts).
import { execFile } from 'node:child_process';

export interface CommandResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CommandRunner {
  run(
    file: string,
    args: readonly string[],
    options?: { readonly timeoutMs?: number },
  ): Promise<CommandResult>;
}

export const nodeCommandRunner: CommandRunner = {
  run(file, args, options = {}) {
    return new Promise((resolve, reject) => {
      execFile(
        file,
        [...args],
        { timeout: options.timeoutMs ?? 120_000, windowsHide: true, maxBuffer: 1 << 20, encoding: 'utf8' },
        (error, stdout, stderr) => {
          if (error && typeof error.code !== 'number') {
            reject(error);
            return;
          }
          resolve({ exitCode: error ? Number(error.code) : 0, stdout, stderr });
        },
      );
    });
  },
};

/** PowerShell 5.1 (inbox on every Windows 8+) with no profile, no prompts; the script is a constant. */
export async function powerShellJson(runner: CommandRunner, script: string): Promise<unknown> {
  const r = await runner.run('powershell.exe', [
    '-NoProfile',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-Command',
    script,
  ]);
  if (r.exitCode !== 0) throw new PowerShellError(r.exitCode, r.stderr);
  try {
    return JSON.parse(r.stdout) as unknown;
  } catch {
    throw new PowerShellError(r.exitCode, 'output is not JSON');
  }
}

export class PowerShellError extends Error {
  readonly exitCode: number;
  constructor(exitCode: number, detail: string) {
    super(`PowerShell exited ${exitCode}: ${detail.slice(0, 300)}`);
    this.name = 'PowerShellError';
    this.exitCode = exitCode;
  }
}
