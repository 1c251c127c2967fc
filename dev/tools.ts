// The test harness's process runner, reader index and self-removing temp folders, in dev/ so the
// benches can use them too (bench/ may not import test/; test/support re-exports this file; the
// openssl test CA is dev/test-ca.ts). The independent judges of the card tests run through here: openssl, OpenSC
// (opensc-tool, pkcs15-tool, pkcs11-tool) and yubico-piv-tool, each pointed at one reader by name.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PKCS11_MODULE = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';
const TOOL_TIMEOUT_MS = 90_000;

export interface RunResult {
  /** exit status; -1 when the tool was killed (timeout) */
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** written to the tool's standard input (PINs go here, never into arguments that ps shows) */
  readonly input?: string | Uint8Array;
  readonly env?: NodeJS.ProcessEnv;
  /** default 90 s */
  readonly timeoutMs?: number;
}

/** Synchronous, bytes out: only for tools that never touch a soft card of this process (openssl). */
export function runBytes(
  cmd: string,
  args: readonly string[],
  options: RunOptions = {},
): { status: number; stdout: Buffer; stderr: string } {
  const r = spawnSync(cmd, args, {
    input: options.input ?? '',
    timeout: options.timeoutMs ?? TOOL_TIMEOUT_MS,
    maxBuffer: 16 << 20,
    ...(options.env ? { env: options.env } : {}),
  });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

/** Synchronous: only for tools that never touch a soft card of this process (openssl). */
export function run(cmd: string, args: readonly string[], options: RunOptions = {}): RunResult {
  const r = runBytes(cmd, args, options);
  return { status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr };
}

export class ToolFailedError extends Error {
  readonly result: RunResult;
  constructor(cmd: string, args: readonly string[], result: RunResult) {
    super(
      `${cmd} ${args[0] ?? ''}... exited ${result.status}: ${result.stderr.slice(0, 800)} ${result.stdout.slice(0, 400)}`,
    );
    this.name = 'ToolFailedError';
    this.result = result;
  }
}

function must(cmd: string, args: readonly string[], r: RunResult): RunResult {
  if (r.status !== 0) throw new ToolFailedError(cmd, args, r);
  return r;
}

export function mustRun(cmd: string, args: readonly string[], options: RunOptions = {}): string {
  return must(cmd, args, run(cmd, args, options)).stdout;
}

/**
 * Runs a tool without blocking the event loop: a soft card may answer from this same process, so
 * a synchronous spawn would deadlock the tool against its own card. Never rejects on a non-zero
 * exit (the status is the assertion); a tool that exits before reading its input is no error.
 */
export function runTool(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.env ? { env: options.env } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // EPIPE when the tool exits without reading its standard input
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? TOOL_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ status: code ?? (signal ? -1 : 0), stdout, stderr });
    });
  });
}

/** runTool that rejects (ToolFailedError, with both streams) when the tool exits non-zero. */
export async function checkedTool(
  cmd: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<RunResult> {
  return must(cmd, args, await runTool(cmd, args, options));
}

/** checkedTool's standard output. */
export async function mustTool(
  cmd: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<string> {
  return (await checkedTool(cmd, args, options)).stdout;
}

/** The readers in PC/SC order, as `pcsc_scan -r` prints them (OpenSC numbers readers the same way). */
export async function listReaders(): Promise<string[]> {
  const out = await mustTool('pcsc_scan', ['-r'], { timeoutMs: 10_000 });
  return out
    .split('\n')
    .map((l) => /^\d+: (.*)$/.exec(l.trim())?.[1])
    .filter((n): n is string => n !== undefined);
}

/** OpenSC's --reader index (opensc-tool, pkcs15-tool) for the reader named `name`. */
export async function readerIndex(name: string): Promise<number> {
  const index = (await listReaders()).indexOf(name);
  if (index < 0) throw new Error(`reader "${name}" not listed by pcsc_scan -r`);
  return index;
}

/** PKCS#11 slot index of the reader (OpenSC lists one slot per reader, but do not assume). */
export async function pkcs11SlotIndex(name: string, options: RunOptions = {}): Promise<number> {
  const out = await mustTool('pkcs11-tool', ['--module', PKCS11_MODULE, '-L'], options);
  let index = -1;
  for (const line of out.split('\n')) {
    const m = /^Slot (\d+) \(0x[0-9a-f]+\): (.*)$/.exec(line.trim());
    if (m === null) continue;
    index++;
    if (m[2]?.trim() === name) return index;
  }
  throw new Error(`pkcs11-tool lists no slot for ${name}`);
}

/**
 * OpenSC's PKCS#11 module signs `input` into `output` with the key `id` (e.g. '01' = 9A) after a
 * login with `pin`; ECDSA signatures come out as DER (openssl's format), so openssl can verify them.
 */
export function pkcs11Sign(o: {
  readonly slotIndex: number | string;
  readonly pin: string;
  readonly id: string;
  readonly mechanism: string;
  readonly input: string;
  readonly output: string;
  readonly env?: NodeJS.ProcessEnv;
}): Promise<RunResult> {
  return runTool(
    'pkcs11-tool',
    [
      '--module',
      PKCS11_MODULE,
      '--slot-index',
      String(o.slotIndex),
      '--login',
      '--pin',
      o.pin,
      '--sign',
      '--id',
      o.id,
      '-m',
      o.mechanism,
      ...(o.mechanism.startsWith('ECDSA') ? ['--signature-format', 'openssl'] : []),
      '-i',
      o.input,
      '-o',
      o.output,
    ],
    o.env === undefined ? {} : { env: o.env },
  );
}

/** STATION_PIV_OPENSC_LOG=<file> makes the PKCS#11 module write its debug log there. */
function debugLines(): string {
  const file = process.env.STATION_PIV_OPENSC_LOG;
  return file ? `  debug = 3;\n  debug_file = ${JSON.stringify(file)};\n` : '';
}

/**
 * Environment for OpenSC's PKCS#11 module that hides every reader but `name` (opensc.conf
 * ignored_readers), so pkcs11-tool's slot scan neither touches other work's cards nor depends
 * on slot numbering: the reader's first slot is then --slot-index 0.
 */
export async function pkcs11OnlyReader(name: string, dir: TempDir): Promise<NodeJS.ProcessEnv> {
  const others = (await listReaders()).filter((r) => r !== name);
  if (others.some((o) => o.includes(name) || name.includes(o))) {
    throw new Error(`reader "${name}" cannot be isolated by partial-name matching`);
  }
  const list = others.map((o) => JSON.stringify(o)).join(', ');
  const conf = dir.file(
    'opensc.conf',
    `app default {\n  ${others.length ? `ignored_readers = ${list};` : ''}\n${debugLines()}  framework pkcs15 {\n  }\n}\n`,
  );
  return { ...process.env, OPENSC_CONF: conf };
}

export interface TempDir {
  readonly path: string;
  /** the path of `name` inside; written when `content` is given */
  file(name: string, content?: string | Uint8Array): string;
  remove(): void;
}

/** Folders not removed yet; whatever a test forgot goes when the process exits. */
const LIVE = new Set<string>();
let sweepInstalled = false;

/** A temp folder that removes itself: remove() now, or at process exit whatever happened. */
export function tempDir(prefix = 'station-test-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  LIVE.add(path);
  if (!sweepInstalled) {
    sweepInstalled = true;
    process.on('exit', () => {
      for (const p of LIVE) rmSync(p, { recursive: true, force: true });
    });
  }
  return {
    path,
    file(name, content) {
      const p = join(path, name);
      if (content !== undefined) writeFileSync(p, content);
      return p;
    },
    remove() {
      rmSync(path, { recursive: true, force: true });
      LIVE.delete(path);
    },
  };
}
