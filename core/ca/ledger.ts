// Remembers every submission before it is sent, so a crash or a timeout never leads to a second
// certificate by accident: a request whose fate is unknown is re-checked or handed to a person,
// never silently resubmitted. Pending requests stay here until they are resolved.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

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

/**
 * One JSON file, replaced atomically: write a temporary file, fsync it, rename it over the old one,
 * fsync the directory. Writers within this process are serialised; one station owns one file.
 */
export class FileRequestLedger implements RequestLedger {
  readonly #path: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(path: string) {
    this.#path = path;
    mkdirSync(dirname(path), { recursive: true });
  }

  async get(key: string): Promise<LedgerEntry | undefined> {
    return (await this.#read()).entries.find((e) => e.key === key);
  }

  async list(): Promise<LedgerEntry[]> {
    return (await this.#read()).entries;
  }

  put(entry: LedgerEntry): Promise<void> {
    const run = this.#queue.then(async () => {
      const current = await this.#read();
      const entries = current.entries.filter((e) => e.key !== entry.key);
      entries.push(entry);
      await this.#write({ version: 1, entries });
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #read(): Promise<LedgerFile> {
    let text: string;
    try {
      text = await readFile(this.#path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, entries: [] };
      throw err;
    }
    const parsed = JSON.parse(text) as Partial<LedgerFile>;
    if (parsed.version !== 1 || !Array.isArray(parsed.entries))
      throw new Error(`request ledger ${this.#path} has an unknown format`);
    return { version: 1, entries: parsed.entries };
  }

  async #write(content: LedgerFile): Promise<void> {
    const tmp = `${this.#path}.${randomBytes(6).toString('hex')}.tmp`;
    const file = await open(tmp, 'wx', 0o600);
    try {
      await file.writeFile(JSON.stringify(content, null, 1));
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await rename(tmp, this.#path);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    const dir = await open(dirname(this.#path), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}
