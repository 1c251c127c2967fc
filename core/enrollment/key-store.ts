// Where the random per-card management key (and PUK) goes after issuance. The choice is the
// operator's (README "Management keys"):
//   discard         — nobody keeps it; re-issuing the card needs a PIV reset first. Nothing to steal.
//   encrypted-file  — AES-256-GCM under a station key-encryption key (KEK) kept in a 0600 file;
//                     lets the station re-issue and unblock.
// Never in clear text, never in the audit log.
//
// The store is written ahead of the card and keeps the card's previous key until the card has
// confirmed the new one (stage → card → commit), so a crash in between leaves a card that one of
// the candidates opens. Every write is a read-modify-write under the data folder's station lock,
// so two processes (two kiosks on one folder, recover beside enroll) lose nothing.
//
// The KEK is never silently recreated: a store that exists (or a station that has issued before)
// without its KEK is refused, and a KEK that is a link, belongs to someone else, is readable by
// others or does not match the store's key check value (a substituted key) is refused — before any
// card is touched, since whoever planted a key would read every key sealed under it afterwards.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, constants, fsyncSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { StationError } from '../errors/catalog.ts';
import {
  decodeUtf8,
  ensurePrivateDir,
  fsyncDir,
  readBoundedIfExists,
  READ_LIMITS,
  stateError,
  writeFileAtomic,
} from '../state/files.ts';
import { withStationLock } from '../state/lock.ts';
import type { ManagementKeyStore } from './ports.ts';
import { Secret } from './secret.ts';

export class DiscardingKeyStore implements ManagementKeyStore {
  readonly keeps = false;
  get(): Secret | undefined {
    return undefined;
  }
  stage(): void {}
  commit(): void {}
  abandon(): void {}
  candidates(): Secret[] {
    return [];
  }
  put(): void {}
}

interface Sealed {
  readonly iv: string;
  readonly tag: string;
  readonly data: string;
}

interface Slot {
  /** the key the card is known to hold */
  readonly current?: Sealed;
  /** keys written ahead of a change the card has not confirmed yet, oldest first */
  readonly staged?: readonly Sealed[];
}

interface StoreFile {
  readonly version: 2;
  /** key check value of the KEK this store is sealed under; null only in a store migrated from v1 */
  readonly kcv: string | null;
  readonly entries: Readonly<Record<string, Slot>>;
}

const KEK_BYTES = 32;
/** a card re-keyed this many times without one confirmation is a loop, not an enrollment */
const MAX_STAGED = 8;
const KCV_LABEL = 'enrollment-station key-store key check v1';
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;

const kcvOf = (kek: Buffer): string =>
  createHmac('sha256', kek).update(KCV_LABEL).digest().subarray(0, 16).toString('base64');

export interface KeyStoreCheckOptions {
  /**
   * Evidence that this station has issued before (e.g. "the request ledger holds 3 requests"):
   * with it, a missing KEK and store are refused instead of being created afresh.
   */
  readonly priorUse?: readonly string[];
}

export interface KeyStoreOptions {
  /** the data folder whose station lock serialises writers (default: the store's folder) */
  readonly dataDir?: string;
}

export class EncryptedFileKeyStore implements ManagementKeyStore {
  readonly keeps = true;
  readonly #file: string;
  readonly #kekFile: string;
  readonly #dataDir: string;

  constructor(file: string, kekFile: string, options: KeyStoreOptions = {}) {
    this.#file = path.resolve(file);
    this.#kekFile = path.resolve(kekFile);
    this.#dataDir = options.dataDir ?? path.dirname(this.#file);
  }

  /**
   * The start-up check (preflight runs it before any PIN is asked): the store parses, the KEK is
   * present, private and the store's own, and the store can be rewritten in place (a read-only file
   * or mount fails here, not after issuance). Creates KEK and store on a station's first start.
   */
  check(options: KeyStoreCheckOptions = {}): void {
    ensurePrivateDir(path.dirname(this.#file));
    ensurePrivateDir(path.dirname(this.#kekFile));
    this.#locked('key store start-up check', () => {
      const store = this.#readStore();
      if (store === undefined && !this.#kekExists()) {
        const evidence = options.priorUse ?? [];
        if (evidence.length > 0) {
          throw stateError(
            'STATE_DAMAGED',
            this.#kekFile,
            `the key-encryption key and the key store ${this.#file} are both missing although this station has issued before (${evidence.join('; ')}); restore both from the backup, or initialise an empty store explicitly if this station never kept keys`,
          );
        }
        this.#create();
        return;
      }
      const { store: opened, kek } = this.#open(store);
      try {
        // rewriting the same content proves the file and folder are writable (and migrates a v1 store)
        this.#writeStore({ ...opened, kcv: kcvOf(kek) });
      } finally {
        kek.fill(0);
      }
    });
  }

  /**
   * Creates a new KEK and an empty store — the operator's explicit choice when check() refused
   * because the station issued before without keeping keys (it ran with "discard"). Refuses when
   * either file exists.
   */
  initialise(): void {
    ensurePrivateDir(path.dirname(this.#file));
    ensurePrivateDir(path.dirname(this.#kekFile));
    this.#locked('key store initialisation', () => {
      if (this.#readStore() !== undefined || this.#kekExists()) {
        throw stateError(
          'STATE_DAMAGED',
          this.#file,
          'a key store or key-encryption key already exists; nothing was initialised',
        );
      }
      this.#create();
    });
  }

  get(entry: string): Secret | undefined {
    const { store, kek } = this.#openOrNothing();
    try {
      const sealed = store.entries[entry]?.current;
      return sealed === undefined ? undefined : this.#unseal(kek, entry, sealed);
    } finally {
      kek.fill(0);
    }
  }

  candidates(entry: string): Secret[] {
    const { store, kek } = this.#openOrNothing();
    try {
      const slot = store.entries[entry];
      if (slot === undefined) return [];
      const sealed = [...(slot.staged ?? [])].reverse();
      if (slot.current !== undefined) sealed.push(slot.current);
      return sealed.map((s) => this.#unseal(kek, entry, s));
    } finally {
      kek.fill(0);
    }
  }

  stage(entry: string, key: Secret): void {
    this.#update('key store: stage a new key', entry, (slot, kek) => {
      const staged = slot?.staged ?? [];
      if (staged.length >= MAX_STAGED) {
        throw stateError(
          'STATE_DAMAGED',
          this.#file,
          `${entry} has ${staged.length} unconfirmed key changes; recover the card before changing its key again`,
        );
      }
      return { ...slot, staged: [...staged, this.#seal(kek, entry, key)] };
    });
  }

  commit(entry: string, key?: Secret): void {
    this.#update('key store: commit a confirmed key', entry, (slot, kek) => {
      if (slot === undefined) {
        if (key === undefined) return undefined;
        throw new Error(`commit(${entry}, key): the store holds nothing for this entry`);
      }
      const staged = slot.staged ?? [];
      if (key === undefined) {
        const last = staged.at(-1);
        return last === undefined ? slot : { current: last };
      }
      const all = [...staged].reverse();
      if (slot.current !== undefined) all.push(slot.current);
      const match = all.find((s) => {
        const held = this.#unseal(kek, entry, s);
        try {
          return held.equals(key);
        } finally {
          held.wipe();
        }
      });
      if (match === undefined)
        throw new Error(`commit(${entry}, key): the key is none of the entry's candidates`);
      return { current: match };
    });
  }

  abandon(entry: string): void {
    this.#update('key store: abandon unconfirmed keys', entry, (slot) =>
      slot === undefined ? undefined : slot.current === undefined ? undefined : { current: slot.current },
    );
  }

  put(entry: string, key: Secret): void {
    this.#locked('key store: put', () => {
      this.stage(entry, key);
      this.commit(entry);
    });
  }

  #locked<T>(purpose: string, fn: () => T): T {
    return withStationLock(this.#dataDir, purpose, fn);
  }

  /** Read-modify-write of one entry under the station lock. */
  #update(
    purpose: string,
    entry: string,
    change: (slot: Slot | undefined, kek: Buffer) => Slot | undefined,
  ): void {
    if (entry.length === 0 || entry.length > 256)
      throw new Error('key-store entry names are 1 to 256 characters');
    this.#locked(purpose, () => {
      let current = this.#readStore();
      if (current === undefined && !this.#kekExists()) {
        // a station's first key: preflight (check) has already refused this when it issued before
        this.#create();
        current = this.#readStore();
      }
      const { store, kek } = this.#open(current);
      try {
        const entries: Record<string, Slot> = { ...store.entries };
        const next = change(entries[entry], kek);
        if (next === undefined) delete entries[entry];
        else entries[entry] = next;
        this.#writeStore({ version: 2, kcv: kcvOf(kek), entries });
      } finally {
        kek.fill(0);
      }
    });
  }

  /** For reads: a station that never stored a key (neither file exists) simply holds none. */
  #openOrNothing(): { store: StoreFile; kek: Buffer } {
    const store = this.#readStore();
    if (store === undefined && !this.#kekExists())
      return { store: { version: 2, kcv: null, entries: {} }, kek: Buffer.alloc(0) };
    return this.#open(store);
  }

  #kekExists(): boolean {
    const kek = this.#readKek();
    kek?.fill(0);
    return kek !== undefined;
  }

  /** Opens a store with its KEK; refuses a missing or foreign KEK. */
  #open(store: StoreFile | undefined): { store: StoreFile; kek: Buffer } {
    const kek = this.#readKek();
    if (kek === undefined) {
      if (store === undefined)
        throw stateError(
          'STATE_DAMAGED',
          this.#file,
          'the key store has not been created (run the start-up check first)',
        );
      const n = Object.keys(store.entries).length;
      throw stateError(
        'STATE_DAMAGED',
        this.#kekFile,
        `the key-encryption key is missing while the key store ${this.#file} exists (${n} entries); the keys cannot be read without it — restore it from the backup, never create a new one`,
      );
    }
    if (store === undefined) {
      kek.fill(0);
      throw stateError(
        'STATE_DAMAGED',
        this.#file,
        `the key store is missing although its key-encryption key ${this.#kekFile} exists; restore the store from the backup`,
      );
    }
    const foreign = (): StationError =>
      stateError(
        'STATE_UNSAFE',
        this.#kekFile,
        `the key-encryption key does not belong to the key store ${this.#file} (it was replaced)`,
      );
    if (store.kcv !== null) {
      const expected = Buffer.from(store.kcv, 'base64');
      const actual = Buffer.from(kcvOf(kek), 'base64');
      if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
        kek.fill(0);
        throw foreign();
      }
    } else {
      // a v1 store carries no check value: one entry must open under this KEK
      const first = Object.entries(store.entries).find(([, s]) => s.current !== undefined);
      if (first !== undefined && first[1].current !== undefined) {
        try {
          this.#unseal(kek, first[0], first[1].current).wipe();
        } catch (e) {
          kek.fill(0);
          throw e instanceof StationError ? foreign() : e;
        }
      }
    }
    return { store, kek };
  }

  #readKek(): Buffer | undefined {
    const kek = readBoundedIfExists(this.#kekFile, { maxBytes: 64, private: true });
    if (kek !== undefined && kek.length !== KEK_BYTES) {
      kek.fill(0);
      throw stateError('STATE_DAMAGED', this.#kekFile, `the key-encryption key must be ${KEK_BYTES} bytes`);
    }
    return kek;
  }

  /** First start: a new KEK (O_EXCL: never over an existing one) and an empty store bound to it. */
  #create(): void {
    const kek = randomBytes(KEK_BYTES);
    try {
      let fd: number;
      try {
        fd = openSync(
          this.#kekFile,
          constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW,
          0o600,
        );
      } catch (e) {
        throw stateError(
          'STATE_UNWRITABLE',
          this.#kekFile,
          `the key-encryption key cannot be created (${(e as NodeJS.ErrnoException).code})`,
          e,
        );
      }
      try {
        writeSync(fd, kek);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      fsyncDir(path.dirname(this.#kekFile));
      this.#writeStore({ version: 2, kcv: kcvOf(kek), entries: {} });
    } finally {
      kek.fill(0);
    }
  }

  #readStore(): StoreFile | undefined {
    const data = readBoundedIfExists(this.#file, { maxBytes: READ_LIMITS.keyStore, private: true });
    return data === undefined ? undefined : parseStore(this.#file, decodeUtf8(this.#file, data));
  }

  #writeStore(store: StoreFile): void {
    writeFileAtomic(this.#file, JSON.stringify(store, null, 1) + '\n');
  }

  #seal(kek: Buffer, entry: string, key: Secret): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', kek, iv);
    cipher.setAAD(Buffer.from(entry, 'utf8'));
    const data = key.use((bytes) => Buffer.concat([cipher.update(bytes), cipher.final()]));
    return {
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
  }

  #unseal(kek: Buffer, entry: string, sealed: Sealed): Secret {
    try {
      const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(sealed.iv, 'base64'));
      decipher.setAAD(Buffer.from(entry, 'utf8'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
      return Secret.fromBytes(new Uint8Array(plain.buffer, plain.byteOffset, plain.length));
    } catch (e) {
      throw stateError(
        'STATE_DAMAGED',
        this.#file,
        `the sealed key of ${entry} does not open (altered or moved from another entry)`,
        e,
      );
    }
  }
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

function isSealed(v: unknown): v is Sealed {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    Object.keys(s).length === 3 &&
    typeof s.iv === 'string' &&
    s.iv.length === 16 &&
    B64.test(s.iv) &&
    typeof s.tag === 'string' &&
    s.tag.length === 24 &&
    B64.test(s.tag) &&
    typeof s.data === 'string' &&
    s.data.length > 0 &&
    s.data.length <= 1024 &&
    B64.test(s.data)
  );
}

/** Strict shape check: garbage, an empty file or an unknown version is named, never half-read. */
function parseStore(file: string, text: string): StoreFile {
  if (text.trim() === '') throw stateError('STATE_DAMAGED', file, 'the key store is empty');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw stateError('STATE_DAMAGED', file, 'the key store is not JSON', e);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw stateError('STATE_DAMAGED', file, 'the key store is not a JSON object');
  }
  const root = parsed as Record<string, unknown>;
  if (!('version' in root)) {
    // v1 (before staged keys): { "<entry>": Sealed, ... }
    const entries: Record<string, Slot> = {};
    for (const [name, sealed] of Object.entries(root)) {
      if (!isSealed(sealed))
        throw stateError('STATE_DAMAGED', file, `entry ${JSON.stringify(name).slice(0, 80)} is malformed`);
      entries[name] = { current: sealed };
    }
    return { version: 2, kcv: null, entries };
  }
  if (root.version !== 2)
    throw stateError(
      'STATE_DAMAGED',
      file,
      `the key store has an unknown version ${JSON.stringify(root.version)}`,
    );
  const extra = Object.keys(root).filter((k) => k !== 'version' && k !== 'kcv' && k !== 'entries');
  if (extra.length > 0)
    throw stateError(
      'STATE_DAMAGED',
      file,
      `the key store has unknown fields (${extra.join(', ').slice(0, 80)})`,
    );
  const kcv = root.kcv;
  if (typeof kcv !== 'string' || kcv.length !== 24 || !B64.test(kcv)) {
    throw stateError('STATE_DAMAGED', file, 'the key store has no valid key check value');
  }
  const entries = root.entries;
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) {
    throw stateError('STATE_DAMAGED', file, 'the key store has no entries object');
  }
  for (const [name, slot] of Object.entries(entries as Record<string, unknown>)) {
    const bad = (): StationError =>
      stateError('STATE_DAMAGED', file, `entry ${JSON.stringify(name).slice(0, 80)} is malformed`);
    if (typeof slot !== 'object' || slot === null || Array.isArray(slot)) throw bad();
    const s = slot as Record<string, unknown>;
    if (Object.keys(s).some((k) => k !== 'current' && k !== 'staged')) throw bad();
    if (s.current !== undefined && !isSealed(s.current)) throw bad();
    if (
      s.staged !== undefined &&
      (!Array.isArray(s.staged) || s.staged.length > MAX_STAGED || !s.staged.every(isSealed))
    )
      throw bad();
  }
  return { version: 2, kcv, entries: entries as Record<string, Slot> };
}
