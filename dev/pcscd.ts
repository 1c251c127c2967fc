// One pcscd serves the whole machine: pcscd 1.9.9 ignores PCSCLITE_CSOCK_NAME and refuses a
// second instance (pid file in /run/pcscd), so test files share it and run one after another.
//
// Readers are vsmartcard vpcd readers in listen mode, configured in a generated reader.conf.d:
//   "Virtual PCD 00 00" / "Virtual PCD 00 01"   ports 35963 / 35964 (Debian's standard names)
//   "Dev PCD B 00 00" / "Dev PCD B 00 01"        ports 35965 / 35966   (and C, D, E: +2 each)
// The spare pairs let two pieces of work use the daemon at once without sharing a reader.
import { spawn, execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  openSync,
  closeSync,
  writeFileSync,
} from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import path from 'node:path';
import os from 'node:os';

const RUN_DIR = '/run/pcscd';
const PID_FILE = `${RUN_DIR}/pcscd.pid`;
const COMM_SOCKET = `${RUN_DIR}/pcscd.comm`;
const VPCD_DRIVER = '/usr/lib/pcsc/drivers/serial/libifdvpcd.so';
/** generated per machine: pcscd needs absolute paths and one driver file per reader pair */
export const READER_CONF_DIR = path.join(os.tmpdir(), 'station-pcscd', 'reader.conf.d');
/**
 * The daemon's output, next to its configuration (a private tmpfs inside scripts/private-ns.sh).
 * Each start begins a new file and keeps only the previous one (.1), so repeated test runs on one
 * machine never grow it without bound.
 */
export const PCSCD_LOG = path.join(path.dirname(READER_CONF_DIR), 'pcscd.log');

export interface VpcdPair {
  /** vpcd TCP port for slot 00; slot 01 listens on port + 1 */
  readonly port: number;
  /** reader names as PC/SC lists them */
  readonly readers: readonly [string, string];
}

export const VPCD: Record<'A' | 'B' | 'C' | 'D' | 'E', VpcdPair> = {
  A: { port: 35963, readers: ['Virtual PCD 00 00', 'Virtual PCD 00 01'] },
  B: { port: 35965, readers: ['Dev PCD B 00 00', 'Dev PCD B 00 01'] },
  C: { port: 35967, readers: ['Dev PCD C 00 00', 'Dev PCD C 00 01'] },
  D: { port: 35969, readers: ['Dev PCD D 00 00', 'Dev PCD D 00 01'] },
  E: { port: 35971, readers: ['Dev PCD E 00 00', 'Dev PCD E 00 01'] },
};

/**
 * Readers named the way Windows names a TPM virtual smart card's reader ("Microsoft Virtual Smart
 * Card N") and the Windows Hello for Business look-alike, so GIDS tests and the VSC fake see the
 * names the station tells apart (docs/windows-vsc.md). pcscd appends " 00 00" to every name.
 */
export const VSC_VPCD: Record<'VSC' | 'WHFB', VpcdPair> = {
  VSC: { port: 35973, readers: ['Microsoft Virtual Smart Card 00 00', 'Microsoft Virtual Smart Card 00 01'] },
  WHFB: { port: 35975, readers: ['Windows Hello for Business 00 00', 'Windows Hello for Business 00 01'] },
};
const LAST_READER = VSC_VPCD.WHFB.readers[1];

/** The pair this test process should use: STATION_TEST_VPCD=A..E, default A. */
export function vpcdPair(): VpcdPair {
  const key = (process.env.STATION_TEST_VPCD ?? 'A').toUpperCase();
  if (!(key in VPCD)) throw new Error(`STATION_TEST_VPCD must be one of A-E, got ${key}`);
  return VPCD[key as keyof typeof VPCD];
}

/**
 * Writes the reader configuration. ifd-vpcd keeps its sockets in one static array indexed by
 * slot, and pcscd loads a driver file only once — so pairs sharing one LIBPATH would all be
 * served by the last pair's port. Each pair therefore gets its own copy of the driver.
 */
function writeReaderConfig(): void {
  const base = path.dirname(READER_CONF_DIR);
  mkdirSync(READER_CONF_DIR, { recursive: true });
  mkdirSync(path.join(base, 'drivers'), { recursive: true });
  const entries = [...Object.entries(VPCD), ...Object.entries(VSC_VPCD)].map(([key, pair]) => {
    const driver = path.join(base, 'drivers', `libifdvpcd-${key}.so`);
    // copy then rename: a running pcscd (e.g. in another mount namespace) may have the old file mapped
    const tmp = `${driver}.${process.pid}.tmp`;
    copyFileSync(VPCD_DRIVER, tmp);
    renameSync(tmp, driver);
    const friendly = pair.readers[0].replace(/ 00 00$/, '');
    return `FRIENDLYNAME "${friendly}"\nDEVICENAME   /dev/null:${pair.port}\nLIBPATH      ${driver}\nCHANNELID    ${pair.port}\n`;
  });
  writeFileSync(path.join(READER_CONF_DIR, 'vpcd'), entries.join('\n'));
}

/**
 * Whether the daemon `pid` runs on a station reader configuration: any `…/station-pcscd/reader.conf.d`,
 * not only this process's — the configuration sits under the temp directory of whoever started the
 * daemon, and a command run with a TMPDIR of its own (the README test gives each command one) must
 * still share the daemon the tests started instead of refusing it as a stranger's.
 */
function runningWithOurConfig(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .split('\0')
      .some((arg) => arg.endsWith(`${path.sep}station-pcscd${path.sep}reader.conf.d`));
  } catch {
    return false;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function runningPcscdPid(): number | undefined {
  if (!existsSync(PID_FILE)) return undefined;
  const pid = Number.parseInt(readFileSync(PID_FILE, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pidAlive(pid) ? pid : undefined;
}

function listReaders(): string[] {
  try {
    const out = execFileSync('pcsc_scan', ['-r'], { encoding: 'utf8', timeout: 5000 });
    return out
      .split('\n')
      .map((l) => /^\d+: (.*)$/.exec(l.trim())?.[1])
      .filter((n): n is string => n !== undefined);
  } catch {
    return [];
  }
}

/**
 * Starts pcscd with the test reader configuration unless one already runs with it; true when this
 * call started it. Tests leave it running for the following files; the demo stops the one it started.
 */
export async function ensurePcscd(): Promise<boolean> {
  const pid = runningPcscdPid();
  if (pid !== undefined) {
    if (runningWithOurConfig(pid) && listReaders().includes('Dev PCD B 00 00')) return false;
    throw new Error(
      `a pcscd (pid ${pid}) runs without the test readers; stop it (kill ${pid}) so the tests can start their own`,
    );
  }
  writeReaderConfig();
  // stale files from a crashed daemon of ours: the pid in them is dead, so removing is safe
  rmSync(PID_FILE, { force: true });
  rmSync(COMM_SOCKET, { force: true });
  const logPath = PCSCD_LOG;
  if (existsSync(logPath)) renameSync(logPath, `${logPath}.1`);
  const log = openSync(logPath, 'w');
  const child = spawn('pcscd', ['--foreground', '--config', READER_CONF_DIR], {
    detached: true,
    stdio: ['ignore', log, log],
  });
  child.unref();
  closeSync(log); // the daemon holds its own descriptor
  for (let i = 0; i < 100; i++) {
    if (listReaders().includes(LAST_READER)) return true;
    await delay(100);
  }
  throw new Error(`pcscd did not come up with the test readers; see ${logPath}`);
}

/**
 * Removes the reader configuration, the driver copies and the log a started daemon used (the demo
 * and the browser kiosk, once they stopped the pcscd they started: nothing of theirs stays in the
 * temp directory). The folder itself may be a mount point (scripts/private-ns.sh): then only its
 * contents go.
 */
export function removePcscdFiles(): void {
  const base = path.dirname(READER_CONF_DIR);
  let names: string[];
  try {
    names = readdirSync(base);
  } catch {
    return;
  }
  for (const name of names) rmSync(path.join(base, name), { recursive: true, force: true });
  try {
    rmdirSync(base);
  } catch {
    // a mount point (or in use by another daemon's start): the empty folder stays
  }
}

/** Tells the daemon to stop, without waiting for it to go (a process that is about to end). */
export function signalPcscd(): void {
  const pid = runningPcscdPid();
  if (pid !== undefined) process.kill(pid, 'SIGTERM');
}

/** Stops the daemon (used by tests that prove the station survives pcscd going away). */
export async function stopPcscd(): Promise<void> {
  const pid = runningPcscdPid();
  if (pid === undefined) return;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100 && pidAlive(pid); i++) await delay(50);
}
