// Locks held by a live process: the station-wide lock on the data folder (short, synchronous
// critical sections: the key store's and the request ledger's read-modify-write) and one lock per
// card, held for a whole enrollment or recovery.
//
// Why SQLite: a lock must die with its owner, or a crash leaves it behind, and taking over a stale
// lock file by name is a race POSIX cannot close (two takers both "see" the dead owner; one
// removes the other's fresh lock). The kernel's own locks have no such race: they vanish when the
// process dies. Node has no flock/fcntl, but node:sqlite (already the audit log's engine) takes
// fcntl locks on POSIX and LockFileEx on Windows, handles several connections of one process on
// one file correctly, and `BEGIN EXCLUSIVE` on an empty database file is exactly "hold this lock".
// Beside each lock a small owner file names the holder (pid, its start time from /proc so a reused
// pid is not mistaken for it, host, purpose) — for the operator's message; the kernel lock alone
// decides who holds it.
import { createHash } from 'node:crypto';
import { closeSync, constants, lstatSync, openSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { isProcessAlive, processStartTime } from '../enrollment/owner.ts';
import { StationError, type StationErrorCode } from '../errors/catalog.ts';
import { ensurePrivateDir, readBoundedIfExists, READ_LIMITS, stateError, writeFileAtomic } from './files.ts';

export interface LockOwner {
  readonly pid: number;
  /** the process start time (clock ticks since boot, /proc/<pid>/stat field 22), or null off Linux */
  readonly startTime: string | null;
  readonly host: string;
  readonly purpose: string;
  readonly since: string;
}

export interface HeldLock {
  readonly file: string;
  readonly owner: LockOwner;
  release(): void;
}

const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const SQLITE_BUSY = 5;

export { processStartTime } from '../enrollment/owner.ts';

/** Whether the process an owner file names still runs (same pid and same start time). */
export function ownerAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // another machine's process: cannot tell, assume alive
  if (!isProcessAlive(owner.pid)) return false;
  const start = processStartTime(owner.pid);
  return owner.startTime === null || start === null || start === owner.startTime;
}

const ownerFile = (file: string): string => `${file}.owner`;

function readOwner(file: string): LockOwner | undefined {
  try {
    const data = readBoundedIfExists(ownerFile(file), { maxBytes: READ_LIMITS.small });
    if (data === undefined) return undefined;
    const o = JSON.parse(data.toString('utf8')) as Partial<LockOwner>;
    if (typeof o.pid !== 'number' || typeof o.purpose !== 'string') return undefined;
    return {
      pid: o.pid,
      startTime: typeof o.startTime === 'string' ? o.startTime : null,
      host: typeof o.host === 'string' ? o.host : '',
      purpose: o.purpose,
      since: typeof o.since === 'string' ? o.since : '',
    };
  } catch {
    return undefined;
  }
}

/** The lock file itself: created 0600 without following a link, in a private folder. */
function prepareLockFile(file: string): void {
  ensurePrivateDir(path.dirname(file));
  try {
    const st = lstatSync(file);
    if (st.isSymbolicLink()) throw stateError('STATE_UNSAFE', file, 'the lock file is a symbolic link');
    if (!st.isFile()) throw stateError('STATE_DAMAGED', file, 'the lock file is not a regular file');
    return;
  } catch (e) {
    if (e instanceof StationError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  try {
    closeSync(openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 0o600));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return prepareLockFile(file);
    throw stateError(
      'STATE_UNWRITABLE',
      file,
      `the lock file cannot be created (${(e as NodeJS.ErrnoException).code})`,
      e,
    );
  }
}

const isBusy = (e: unknown): boolean => (e as { errcode?: unknown }).errcode === SQLITE_BUSY;

/** One attempt at the kernel lock; the connection is the lock (closing it releases). */
function tryExclusive(file: string): DatabaseSync | undefined {
  const db = new DatabaseSync(file, { timeout: 0 });
  try {
    db.exec('BEGIN EXCLUSIVE');
    return db;
  } catch (e) {
    db.close();
    if (isBusy(e)) return undefined;
    throw stateError('STATE_DAMAGED', file, `the lock file cannot be used (${(e as Error).message})`, e);
  }
}

/** Locks this process holds, by file: a second taker in the same process is refused at once. */
const heldHere = new Map<string, HeldLock>();

const sleepSync = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

export interface AcquireOptions {
  /** how long to keep trying while another process holds the lock (default 0: one attempt) */
  readonly waitMs?: number;
  /** the error when it is held: STATE_LOCKED (default) or, for a card, the workflow's CARD_BUSY */
  readonly busy?: 'STATE_LOCKED' | 'CARD_BUSY';
  /** extra non-secret details for that error (e.g. the card id) */
  readonly details?: Readonly<Record<string, string>>;
}

/**
 * Takes the lock or throws STATE_LOCKED naming the live holder. A lock whose owner died is free
 * (the kernel dropped it), so a stale owner file is simply overwritten. Waiting sleeps the thread:
 * use it only for locks whose holders keep them briefly.
 */
export function acquireLock(file: string, purpose: string, options: AcquireOptions = {}): HeldLock {
  const abs = path.resolve(file);
  const mine = heldHere.get(abs);
  if (mine !== undefined) throw lockedError(abs, mine.owner, options);
  prepareLockFile(abs);
  const deadline = Date.now() + (options.waitMs ?? 0);
  let db = tryExclusive(abs);
  // a brief retry even without waiting: a concurrent isHeldByLiveOwner() probe holds it for microseconds
  for (
    let pause = 2;
    db === undefined && (Date.now() < deadline || pause <= 16);
    pause = Math.min(pause * 2, 50)
  ) {
    sleepSync(pause);
    db = tryExclusive(abs);
  }
  if (db === undefined) throw lockedError(abs, readOwner(abs), options);
  const owner: LockOwner = {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    host: hostname(),
    purpose,
    since: new Date().toISOString(),
  };
  const held = db;
  let released = false;
  const lock: HeldLock = {
    file: abs,
    owner,
    release() {
      if (released) return;
      released = true;
      heldHere.delete(abs);
      try {
        unlinkSync(ownerFile(abs));
      } catch {
        // already gone; the kernel lock is what counts
      }
      held.close();
    },
  };
  try {
    writeFileAtomic(ownerFile(abs), JSON.stringify(owner) + '\n');
  } catch (e) {
    held.close();
    if (e instanceof StationError && e.code === 'STATE_UNWRITABLE') {
      throw stateError(
        'STATE_UNWRITABLE',
        path.dirname(abs),
        `the station cannot write its lock files in this folder (${String(e.details.problem)})`,
        e,
      );
    }
    throw e;
  }
  heldHere.set(abs, lock);
  return lock;
}

function lockedError(file: string, owner: LockOwner | undefined, options: AcquireOptions): StationError {
  const code: StationErrorCode = options.busy ?? 'STATE_LOCKED';
  return new StationError(code, {
    file,
    ...options.details,
    ...(owner === undefined
      ? { problem: 'held by another process' }
      : {
          problem: `held by process ${owner.pid} on ${owner.host} since ${owner.since} (${owner.purpose})`,
          ownerPid: owner.pid,
          ownerPurpose: owner.purpose,
        }),
  });
}

export type LockState =
  | { readonly held: false; readonly previousOwner?: LockOwner }
  | { readonly held: true; readonly owner?: LockOwner };

/** Who holds the lock now, if anyone; never leaves it taken. */
export function lockState(file: string): LockState {
  const abs = path.resolve(file);
  const mine = heldHere.get(abs);
  if (mine !== undefined) return { held: true, owner: mine.owner };
  try {
    const st = lstatSync(abs);
    if (!st.isFile()) throw stateError('STATE_UNSAFE', abs, 'the lock file is not a regular file');
  } catch (e) {
    if (e instanceof StationError) throw e;
    return { held: false };
  }
  const db = tryExclusive(abs);
  const owner = readOwner(abs);
  // an owner file of a dead process while the lock is held: the new holder has not named itself yet
  if (db === undefined)
    return owner === undefined || !ownerAlive(owner) ? { held: true } : { held: true, owner };
  db.close();
  return owner === undefined ? { held: false } : { held: false, previousOwner: owner };
}

/** For recovery: a journal whose card (or journal) lock is held belongs to a running enrollment. */
export function isHeldByLiveOwner(file: string): boolean {
  return lockState(file).held;
}

/** Where a data folder's locks live. */
export const locksDir = (dataDir: string): string => path.join(dataDir, 'locks');
export const stationLockFile = (dataDir: string): string => path.join(locksDir(dataDir), 'station.lock');

/** A card id (e.g. "serial:12345", "piv-guid:…") becomes a safe, fixed-length file name. */
export function cardLockFile(dataDir: string, cardId: string): string {
  const digest = createHash('sha256').update(cardId, 'utf8').digest('hex').slice(0, 32);
  return path.join(locksDir(dataDir), `card-${digest}.lock`);
}

/** A journal's own lock, for the part of an enrollment before the card is known. */
export function journalLockFile(dataDir: string, journalId: string): string {
  if (!/^[A-Za-z0-9-]{8,64}$/.test(journalId)) throw new Error(`bad journal id "${journalId}"`);
  return path.join(locksDir(dataDir), `journal-${journalId}.lock`);
}

/**
 * Held for a whole enrollment or recovery of one card; refused at once with CARD_BUSY when another
 * run — in this process (a kiosk with two readers) or another — has it.
 */
export function acquireCardLock(dataDir: string, cardId: string, purpose: string): HeldLock {
  return acquireLock(cardLockFile(dataDir, cardId), purpose, {
    busy: 'CARD_BUSY',
    details: { card: cardId },
  });
}

const stationDepth = new Map<string, number>();

/**
 * Runs `fn` (synchronous: a lock held across an await would stall every other writer) under the
 * data folder's station-wide lock. Re-entrant within one call stack, so a key-store write made
 * inside another critical section does not deadlock on itself.
 */
export function withStationLock<T>(dataDir: string, purpose: string, fn: () => T, waitMs = 15_000): T {
  const file = path.resolve(stationLockFile(dataDir));
  const depth = stationDepth.get(file) ?? 0;
  if (depth > 0) return fn();
  const lock = acquireLock(file, purpose, { waitMs });
  stationDepth.set(file, 1);
  try {
    const result = fn();
    if (typeof (result as { then?: unknown } | null)?.then === 'function') {
      throw new Error('withStationLock needs a synchronous critical section');
    }
    return result;
  } finally {
    stationDepth.delete(file);
    lock.release();
  }
}
