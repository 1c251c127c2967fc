// The sealed anchor beside the log (`<log>.anchor`): how a station that has logged before knows it
// has, when the log file itself is gone. It names the log (station id, log id, genesis hash, key
// fingerprint) and the newest record the station had signed when it last closed or sealed the log,
// with that record's own signature. On opening the log for writing the station refuses to start
// a new, empty log while the anchor exists, and refuses a log whose id differs or whose head is
// older than the anchor's (a restored or substituted copy).
//
// It is written as a new file (unique name, O_EXCL, never through a symlink, 0600, fsync'd) and
// renamed over the old one, so a crash leaves either the old or the new anchor, never half of one.
// It guards against accidents and careless restores; an attacker who can write the folder can
// delete it too, which is why auditors keep their own anchor (the head they recorded).
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  lstatSync,
  openSync,
  readSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AuditError } from './errors.ts';

export const ANCHOR_FORMAT = 'station-audit-anchor/v1';
const MAX_BYTES = 64 * 1024;

export interface LogAnchor {
  readonly format: typeof ANCHOR_FORMAT;
  readonly stationId: string;
  readonly logId: string;
  readonly genesisHash: string;
  readonly keyFingerprint: string;
  /** the newest record signed when the anchor was written (0 = none yet) */
  readonly headSeq: number;
  readonly headHash: string;
  readonly headTs: string;
  /** that record's signature (base64), checkable with the station key; '' when headSeq is 0 */
  readonly signature: string;
}

export function anchorPathFor(logPath: string): string {
  return `${logPath}.anchor`;
}

const HEX64 = /^[0-9a-f]{64}$/;

function parse(file: string, text: string): LogAnchor {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (cause) {
    throw new AuditError('AUDIT_LOG_DAMAGED', `the log anchor ${file} is not valid JSON`, { cause, file });
  }
  const a = v as Partial<Record<keyof LogAnchor, unknown>>;
  const ok =
    typeof v === 'object' &&
    v !== null &&
    a.format === ANCHOR_FORMAT &&
    typeof a.stationId === 'string' &&
    typeof a.logId === 'string' &&
    typeof a.genesisHash === 'string' &&
    HEX64.test(a.genesisHash) &&
    typeof a.keyFingerprint === 'string' &&
    typeof a.headSeq === 'number' &&
    Number.isSafeInteger(a.headSeq) &&
    a.headSeq >= 0 &&
    typeof a.headHash === 'string' &&
    typeof a.headTs === 'string' &&
    typeof a.signature === 'string';
  if (!ok)
    throw new AuditError('AUDIT_LOG_DAMAGED', `the log anchor ${file} is not a ${ANCHOR_FORMAT} file`, {
      file,
    });
  return a as LogAnchor;
}

/** The anchor, or null when there is none. Refuses a symlink, a non-file, or an oversized file. */
export function readAnchor(file: string): LogAnchor | null {
  let st;
  try {
    st = lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AuditError('AUDIT_LOG_DAMAGED', `cannot read the log anchor ${file}`, { cause: err, file });
  }
  if (!st.isFile())
    throw new AuditError(
      'AUDIT_LOG_DAMAGED',
      `the log anchor ${file} is not a regular file (a symlink or a folder)`,
      { file },
    );
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (err) {
    throw new AuditError('AUDIT_LOG_DAMAGED', `cannot read the log anchor ${file}`, { cause: err, file });
  }
  try {
    if (fstatSync(fd).size > MAX_BYTES)
      throw new AuditError('AUDIT_LOG_DAMAGED', `the log anchor ${file} is too large`, { file });
    const buf = Buffer.alloc(MAX_BYTES + 1);
    let n = 0;
    for (let r; n <= MAX_BYTES && (r = readSync(fd, buf, n, buf.length - n, null)) > 0;) n += r;
    if (n > MAX_BYTES)
      throw new AuditError('AUDIT_LOG_DAMAGED', `the log anchor ${file} is too large`, { file });
    return parse(file, buf.subarray(0, n).toString('utf8'));
  } finally {
    closeSync(fd);
  }
}

export function writeAnchor(file: string, anchor: LogAnchor): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(
      tmp,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
  } catch (err) {
    throw new AuditError('AUDIT_WRITE_FAILED', `cannot write the log anchor ${file}`, { cause: err });
  }
  try {
    try {
      writeSync(fd, JSON.stringify(anchor, null, 2) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // rename replaces a symlink at `file` itself, never what it points to
    renameSync(tmp, file);
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // already renamed or never created
    }
    throw new AuditError('AUDIT_WRITE_FAILED', `cannot write the log anchor ${file}`, { cause: err });
  }
  try {
    const dir = openSync(path.dirname(file), constants.O_RDONLY);
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // directory fsync is best effort (not every file system allows it)
  }
}
