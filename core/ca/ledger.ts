// Remembers every submission before it is sent, so a crash or a timeout never leads to a second
// certificate by accident: a request whose fate is unknown is re-checked or handed to a person,
// never silently resubmitted. Pending requests stay here until they are resolved.
import { dirname, resolve } from 'node:path';
import type { StationError } from '../errors/catalog.ts';
import {
  decodeUtf8,
  ensurePrivateDir,
  probeWritableDir,
  readBoundedIfExists,
  READ_LIMITS,
  stateError,
  writeFileAtomic,
} from '../state/files.ts';
import { withStationLock } from '../state/lock.ts';

export type LedgerState =
  /** recorded before the POST: if found after a crash, the POST may or may not have arrived */
  | 'intent'
  /** the POST was sent but no readable answer came back */
  | 'unknown'
  /** the request provably never reached the CA (connection refused, 401) */
  | 'not-sent'
  | 'pending'
  | 'issued'
  | 'denied'
  | 'failed';

export interface LedgerEntry {
  /** caller's idempotency key, e.g. the enrollment job id */
  readonly key: string;
  readonly caUrl: string;
  readonly template: string;
  /** SHA-256 of the submitted request DER, hex */
  readonly requestSha256: string;
  readonly state: LedgerState;
  readonly reqId?: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** last error code or disposition code, for the operator */
  readonly note?: string;
}

export interface RequestLedger {
  get(key: string): Promise<LedgerEntry | undefined>;
  /** durable when the promise resolves */
  put(entry: LedgerEntry): Promise<void>;
  list(): Promise<LedgerEntry[]>;
}

export class MemoryRequestLedger implements RequestLedger {
  readonly #entries = new Map<string, LedgerEntry>();
  async get(key: string): Promise<LedgerEntry | undefined> {
    return this.#entries.get(key);
  }
  async put(entry: LedgerEntry): Promise<void> {
    this.#entries.set(entry.key, entry);
  }
  async list(): Promise<LedgerEntry[]> {
    return [...this.#entries.values()];
  }
}

interface LedgerFile {
  readonly version: 1;
  readonly entries: LedgerEntry[];
}

const STATES: readonly LedgerState[] = [
  'intent',
  'unknown',
  'not-sent',
  'pending',
  'issued',
  'denied',
  'failed',
];

export interface FileLedgerOptions {
  /** the data folder whose station lock serialises writers (default: the ledger's folder) */
  readonly dataDir?: string;
}

/**
 * One JSON file, replaced atomically (unique temp file, fsync, rename, fsync the folder). Every put
 * is a read-modify-write under the data folder's station lock, so writers in other processes lose
 * nothing; within this process the lock's critical section is synchronous, so it needs no queue.
 * A damaged ledger (garbage, empty, wrong version, a folder, a link) is a STATE_DAMAGED /
 * STATE_UNSAFE error naming the file — found by check() at start-up, before any card is touched.
 */
export class FileRequestLedger implements RequestLedger {
  readonly #path: string;
  readonly #dataDir: string;

  constructor(path: string, options: FileLedgerOptions = {}) {
    this.#path = resolve(path);
    this.#dataDir = options.dataDir ?? dirname(this.#path);
  }

  get file(): string {
    return this.#path;
  }

  async get(key: string): Promise<LedgerEntry | undefined> {
    return this.#read().entries.find((e) => e.key === key);
  }

  async list(): Promise<LedgerEntry[]> {
    return this.#read().entries;
  }

  async put(entry: LedgerEntry): Promise<void> {
    checkEntry(this.#path, entry, 'the entry to record');
    ensurePrivateDir(dirname(this.#path));
    withStationLock(this.#dataDir, 'request ledger: record a submission', () => {
      const entries = this.#read().entries.filter((e) => e.key !== entry.key);
      entries.push(entry);
      this.#write({ version: 1, entries });
    });
  }

  /**
   * Start-up check: the ledger parses and can be rewritten in place (a read-only file, folder or
   * mount fails here). Returns the entries so preflight can tell whether the station issued before.
   */
  check(): LedgerEntry[] {
    ensurePrivateDir(dirname(this.#path));
    return withStationLock(this.#dataDir, 'request ledger start-up check', () => {
      const exists =
        readBoundedIfExists(this.#path, { maxBytes: READ_LIMITS.ledger, private: true }) !== undefined;
      const current = this.#read();
      if (exists) this.#write(current);
      else probeWritableDir(dirname(this.#path));
      return current.entries;
    });
  }

  #read(): LedgerFile {
    const data = readBoundedIfExists(this.#path, { maxBytes: READ_LIMITS.ledger, private: true });
    if (data === undefined) return { version: 1, entries: [] };
    return parseLedger(this.#path, decodeUtf8(this.#path, data));
  }

  #write(content: LedgerFile): void {
    writeFileAtomic(this.#path, JSON.stringify(content, null, 1) + '\n');
  }
}

function parseLedger(file: string, text: string): LedgerFile {
  if (text.trim() === '') throw stateError('STATE_DAMAGED', file, 'the request ledger is empty');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw stateError('STATE_DAMAGED', file, 'the request ledger is not JSON', e);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw stateError('STATE_DAMAGED', file, 'the request ledger is not a JSON object');
  }
  const root = parsed as Record<string, unknown>;
  if (root.version !== 1) {
    throw stateError(
      'STATE_DAMAGED',
      file,
      `the request ledger has an unknown version ${JSON.stringify(root.version)}`,
    );
  }
  if (!Array.isArray(root.entries))
    throw stateError('STATE_DAMAGED', file, 'the request ledger has no entries list');
  root.entries.forEach((e: unknown, i: number) => checkEntry(file, e, `entry ${i}`));
  return { version: 1, entries: root.entries as LedgerEntry[] };
}

function checkEntry(file: string, e: unknown, which: string): asserts e is LedgerEntry {
  const bad = (why: string): StationError =>
    stateError('STATE_DAMAGED', file, `${which} of the request ledger ${why}`);
  if (typeof e !== 'object' || e === null || Array.isArray(e)) throw bad('is not an object');
  const r = e as Record<string, unknown>;
  for (const f of ['key', 'caUrl', 'template', 'requestSha256', 'createdAt', 'updatedAt'] as const) {
    if (typeof r[f] !== 'string' || (r[f] as string).length === 0 || (r[f] as string).length > 2048) {
      throw bad(`has no valid ${f}`);
    }
  }
  if (!STATES.includes(r.state as LedgerState)) throw bad('has an unknown state');
  if (
    r.reqId !== undefined &&
    (typeof r.reqId !== 'number' || !Number.isSafeInteger(r.reqId) || r.reqId < 0)
  ) {
    throw bad('has an invalid reqId');
  }
  if (r.note !== undefined && (typeof r.note !== 'string' || r.note.length > 4096))
    throw bad('has an invalid note');
}
