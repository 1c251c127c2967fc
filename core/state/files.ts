// The one way the station reads and writes its own files (journals, key store, request ledger,
// lock owners). An attacker who can write in the data folder — or a clumsy operator — must not be
// able to make the station, often running as root, write through a planted link, read a device or
// FIFO forever, or leave a half-written file behind:
//   - whole-file writes go to a temp file with a unique name created with O_EXCL, are fsync'ed and
//     renamed over the target, then the folder is fsync'ed (a crash leaves the old or the new file);
//   - appends and writes never follow a link (O_NOFOLLOW) and refuse a parent folder that is one;
//   - reads are bounded and refuse anything but a regular file on a real file system.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statfsSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';
import { StationError } from '../errors/catalog.ts';

/** 0 where the platform lacks the flag (Windows has no O_NOFOLLOW; links there need privileges). */
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
/** Opening a FIFO for reading would block until a writer appears; non-blocking returns at once. */
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

/** Upper bounds for the station's own files: generous for real use, small enough to refuse junk. */
export const READ_LIMITS = {
  config: 1024 * 1024,
  pem: 4 * 1024 * 1024,
  keyStore: 32 * 1024 * 1024,
  ledger: 64 * 1024 * 1024,
  journal: 4 * 1024 * 1024,
  small: 64 * 1024,
} as const;

type Problem = 'STATE_DAMAGED' | 'STATE_UNSAFE' | 'STATE_UNWRITABLE';

export const stateError = (code: Problem, file: string, problem: string, cause?: unknown): StationError =>
  new StationError(code, { file, problem }, cause === undefined ? undefined : { cause });

const errno = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;

/** Kernel pseudo file systems (statfs f_type): reading their files can block or never end. */
const PSEUDO_FS: ReadonlyMap<number, string> = new Map([
  [0x9fa0, 'proc'],
  [0x62656572, 'sysfs'],
  [0x1cd1, 'devpts'],
  [0x64626720, 'debugfs'],
  [0x73636673, 'securityfs'],
  [0x27e0eb, 'cgroup'],
  [0x63677270, 'cgroup2'],
  [0x74726163, 'tracefs'],
  [0xcafe4a11, 'bpf'],
]);

function pseudoFileSystem(p: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return PSEUDO_FS.get(statfsSync(p).type);
  } catch {
    return undefined;
  }
}

const currentUid = (): number | undefined =>
  typeof process.getuid === 'function' ? process.getuid() : undefined;

/** Owner and permission rules for the station's private files and folders (POSIX only). */
function checkPrivate(p: string, st: Stats, what: 'folder' | 'file'): void {
  const uid = currentUid();
  if (uid === undefined) return;
  if (st.uid !== uid) {
    throw stateError(
      'STATE_UNSAFE',
      p,
      `the ${what} belongs to user ${st.uid}, not to the station's user ${uid}`,
    );
  }
  const allowed = what === 'folder' ? 0o700 : 0o600;
  if ((st.mode & 0o077) !== 0) {
    throw stateError(
      'STATE_UNSAFE',
      p,
      `the ${what} is open to others (mode ${(st.mode & 0o777).toString(8)}; it must be ${allowed.toString(8)})`,
    );
  }
}

/**
 * Checks at start-up that a station folder is a real directory (not a link), on a real file
 * system, owned by the station's user and 0700 — creating it so when it is missing (parents
 * included, each new one 0700). Refuses anything else, naming the folder.
 */
export function ensurePrivateDir(dir: string): void {
  const abs = path.resolve(dir);
  let st: Stats;
  try {
    st = lstatSync(abs);
  } catch (e) {
    if (errno(e) !== 'ENOENT')
      throw stateError('STATE_UNSAFE', abs, `the folder cannot be examined (${errno(e)})`, e);
    const parent = path.dirname(abs);
    if (parent !== abs) ensureParentUsable(parent);
    const fs = pseudoFileSystem(parent);
    if (fs !== undefined)
      throw stateError('STATE_UNSAFE', abs, `the folder would be on the kernel's ${fs} file system`);
    try {
      mkdirSync(abs, { mode: 0o700 });
    } catch (err) {
      if (errno(err) === 'EEXIST') return ensurePrivateDir(abs);
      throw stateError('STATE_UNWRITABLE', abs, `the folder cannot be created (${errno(err)})`, err);
    }
    st = lstatSync(abs);
  }
  if (st.isSymbolicLink())
    throw stateError('STATE_UNSAFE', abs, 'the folder is a symbolic link; it must be a real folder');
  if (!st.isDirectory()) throw stateError('STATE_DAMAGED', abs, 'this is not a folder');
  const fs = pseudoFileSystem(abs);
  if (fs !== undefined)
    throw stateError('STATE_UNSAFE', abs, `the folder is on the kernel's ${fs} file system`);
  checkPrivate(abs, st, 'folder');
}

/**
 * Folders above the station's own may be shared (/var/lib) or links the installer chose; they only
 * have to be folders. Missing ones are created as the station's own (0700).
 */
function ensureParentUsable(parent: string): void {
  let st: Stats;
  try {
    st = statSync(parent);
  } catch (e) {
    if (errno(e) === 'ENOENT') return ensurePrivateDir(parent);
    throw stateError('STATE_UNSAFE', parent, `the folder cannot be examined (${errno(e)})`, e);
  }
  if (!st.isDirectory()) throw stateError('STATE_DAMAGED', parent, 'this is not a folder');
}

/** Refuses a file whose own folder is a link: O_NOFOLLOW guards only the last path component. */
export function assertRealParent(file: string): void {
  const parent = path.dirname(path.resolve(file));
  let st: Stats;
  try {
    st = lstatSync(parent);
  } catch (e) {
    throw stateError('STATE_DAMAGED', parent, `the folder is missing (${errno(e)})`, e);
  }
  if (st.isSymbolicLink())
    throw stateError('STATE_UNSAFE', parent, 'the folder is a symbolic link; it must be a real folder');
  if (!st.isDirectory()) throw stateError('STATE_DAMAGED', parent, 'this is not a folder');
}

export function fsyncDir(dir: string): void {
  // Windows cannot open a folder for fsync; NTFS journals the rename itself
  if (process.platform === 'win32') return;
  const fd = openSync(dir, constants.O_RDONLY | O_NOFOLLOW);
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, data: Uint8Array): void {
  let off = 0;
  while (off < data.length) off += writeSync(fd, data, off, data.length - off);
}

const bytesOf = (data: string | Uint8Array): Uint8Array =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : data;

/** Where an error while writing leaves the station: a full disk and a read-only mount are "unwritable". */
function writeFailure(file: string, e: unknown, doing: string): StationError {
  if (e instanceof StationError) return e;
  const code = errno(e);
  if (code === 'ELOOP') return stateError('STATE_UNSAFE', file, `${doing}: the path is a symbolic link`, e);
  return stateError('STATE_UNWRITABLE', file, `${doing} failed (${code ?? (e as Error).message})`, e);
}

/**
 * Replaces `file` with `data` so that a crash leaves either the old or the new content: a unique
 * temp file beside it (O_EXCL, O_NOFOLLOW, 0600), fsync, rename over the target, fsync the folder.
 * The target itself may not be a link (rename would replace the link, but a link there means
 * someone is playing games; refuse rather than guess).
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode = 0o600): void {
  assertRealParent(file);
  try {
    const st = lstatSync(file);
    if (st.isSymbolicLink()) throw stateError('STATE_UNSAFE', file, 'the file is a symbolic link');
    if (!st.isFile()) throw stateError('STATE_DAMAGED', file, 'this is not a regular file');
  } catch (e) {
    if (e instanceof StationError) throw e;
    if (errno(e) !== 'ENOENT') throw writeFailure(file, e, 'examining the file');
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, mode);
  } catch (e) {
    throw writeFailure(file, e, 'creating a temporary file beside it');
  }
  try {
    try {
      writeAll(fd, bytesOf(data));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
    throw writeFailure(file, e, 'replacing the file');
  }
  fsyncDir(path.dirname(file));
}

/**
 * Creates `file` holding `data`, or refuses when the name is taken (even by a link): written whole
 * to a unique temp file beside it (O_EXCL, O_NOFOLLOW, 0600) and fsync'ed, then linked into place —
 * link() fails on an existing name — and the folder fsync'ed. So the file never exists empty or
 * half-written: another process (or a restart after a crash) sees it complete or not at all.
 */
export function createFileExclusive(file: string, data: string | Uint8Array): void {
  assertRealParent(file);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 0o600);
  } catch (e) {
    throw writeFailure(file, e, 'creating a temporary file beside it');
  }
  try {
    try {
      writeAll(fd, bytesOf(data));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    linkSync(tmp, file);
  } catch (e) {
    if (errno(e) === 'EEXIST') throw stateError('STATE_UNSAFE', file, 'the name is already taken', e);
    throw writeFailure(file, e, 'creating the file');
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
  }
  fsyncDir(path.dirname(file));
}

/**
 * Appends `data` and fsyncs before returning — the journal's write-ahead line. Never follows a
 * link, refuses a linked parent folder, a file of another owner or one open to others, and
 * creates a missing file 0600 (fsyncing the folder so the new name survives a crash).
 */
export function appendDurable(file: string, data: string | Uint8Array): void {
  assertRealParent(file);
  let fd: number;
  let created = false;
  try {
    try {
      fd = openSync(file, constants.O_WRONLY | constants.O_APPEND | O_NOFOLLOW);
    } catch (e) {
      if (errno(e) !== 'ENOENT') throw e;
      fd = openSync(
        file,
        constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW,
        0o600,
      );
      created = true;
    }
  } catch (e) {
    throw writeFailure(file, e, 'opening the file to append');
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw stateError('STATE_DAMAGED', file, 'this is not a regular file');
    checkPrivate(file, st, 'file');
    writeAll(fd, bytesOf(data));
    fsyncSync(fd);
  } catch (e) {
    throw writeFailure(file, e, 'appending');
  } finally {
    closeSync(fd);
  }
  if (created) fsyncDir(path.dirname(file));
}

/** Checks that a new file can be created (and removed) in `dir`: a read-only mount fails here. */
export function probeWritableDir(dir: string): void {
  const tmp = path.join(dir, `.probe.${randomBytes(8).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 0o600);
    try {
      writeAll(fd, Buffer.from('probe'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    unlinkSync(tmp);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* not created */
    }
    throw stateError(
      'STATE_UNWRITABLE',
      dir,
      `the station cannot write in this folder (${errno(e) ?? (e as Error).message})`,
      e,
    );
  }
}

export interface BoundedReadOptions {
  readonly maxBytes: number;
  /** the file must be the station's own: owned by its user and not open to others */
  readonly private?: boolean;
}

/**
 * Reads a whole regular file of at most `maxBytes`, or returns undefined when it does not exist.
 * Refuses links, devices (/dev/zero), FIFOs, folders, files on kernel pseudo file systems (/proc)
 * and anything longer than the limit — each with the file named — instead of hanging.
 */
export function readBoundedIfExists(file: string, options: BoundedReadOptions): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (e) {
    const code = errno(e);
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') throw stateError('STATE_UNSAFE', file, 'the file is a symbolic link', e);
    if (code === 'EISDIR') throw stateError('STATE_DAMAGED', file, 'this is a folder, not a file', e);
    throw stateError('STATE_DAMAGED', file, `the file cannot be opened (${code ?? (e as Error).message})`, e);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw stateError('STATE_DAMAGED', file, 'this is a folder, not a file');
    if (!st.isFile())
      throw stateError('STATE_DAMAGED', file, 'this is not a regular file (a device, FIFO or socket)');
    const fs = pseudoFileSystem(file);
    if (fs !== undefined)
      throw stateError('STATE_DAMAGED', file, `the file is on the kernel's ${fs} file system`);
    if (options.private === true) checkPrivate(file, st, 'file');
    if (st.size > options.maxBytes) {
      throw stateError(
        'STATE_DAMAGED',
        file,
        `the file is ${st.size} bytes, more than the ${options.maxBytes} allowed`,
      );
    }
    // read up to one byte more than allowed: a file that grows while read is refused, never read forever
    const chunks: Buffer[] = [];
    let len = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(options.maxBytes + 1 - len, Math.max(st.size + 1, 64 * 1024)));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      len += n;
      if (len > options.maxBytes) {
        throw stateError(
          'STATE_DAMAGED',
          file,
          `the file is longer than the ${options.maxBytes} bytes allowed`,
        );
      }
    }
    return Buffer.concat(chunks, len);
  } finally {
    closeSync(fd);
  }
}

/** As readBoundedIfExists, but a missing file is an error naming it. */
export function readBounded(file: string, options: BoundedReadOptions): Buffer {
  const data = readBoundedIfExists(file, options);
  if (data === undefined) throw stateError('STATE_DAMAGED', file, 'the file is missing');
  return data;
}

/** UTF-8 text of a bounded read; invalid UTF-8 is damage, not replacement characters. */
export function readBoundedText(file: string, maxBytes: number): string {
  return decodeUtf8(file, readBounded(file, { maxBytes }));
}

export function decodeUtf8(file: string, data: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch (e) {
    throw stateError('STATE_DAMAGED', file, 'the file is not UTF-8 text', e);
  }
}
