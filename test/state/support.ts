// Temp folders that remove themselves, and the worker process runner, for the state tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

const made: string[] = [];
const children: ChildProcess[] = [];
after(() => {
  // a failed assertion must not leave a lock holder waiting on its stdin forever
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A fresh 0700 folder under the temp directory, removed when the test file ends. */
export function tempDir(prefix = 'state-'): string {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'worker.ts');

export function startWorker(...args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', WORKER, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

/** Runs a worker to its end; rejects with its stderr when it fails. */
export function runWorker(...args: string[]): Promise<string> {
  const child = startWorker(...args);
  child.stdin?.end();
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`worker ${args[0]} exited ${code}: ${err}`)),
    );
  });
}

/** Resolves with the first line the child prints. */
export function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.on('close', (code) => reject(new Error(`worker exited ${code} before printing: ${err}`)));
  });
}

export const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('close', resolve)));

/**
 * Runs a worker with `target` (a folder or one file) bind-mounted read-only in a private mount
 * namespace (root only): a read-only data folder, or a store file an operator mounted read-only.
 */
export function runWorkerReadOnly(target: string, ...args: string[]): Promise<string> {
  const script = `mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" && exec "$@"`;
  const child = spawn(
    'unshare',
    [
      '--mount',
      '--propagation',
      'private',
      'sh',
      '-c',
      script,
      target,
      process.execPath,
      '--disable-warning=ExperimentalWarning',
      WORKER,
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`read-only worker exited ${code}: ${err}`)),
    );
  });
}

/** A worker started through `sh -c` with `ulimit -c unlimited`, so the test starts from dumps on. */
export function startWorkerWithCoreDumps(cwd: string, ...args: string[]): ChildProcess {
  const child = spawn(
    'sh',
    [
      '-c',
      'ulimit -c unlimited && exec "$@"',
      'sh',
      process.execPath,
      '--disable-warning=ExperimentalWarning',
      WORKER,
      ...args,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'], cwd },
  );
  children.push(child);
  return child;
}
