// The embedded, default AuditLog: one SQLite file per station via node:sqlite (built into Node 22
// and current Electron, so no native module to rebuild).
//
// Durability: WAL + synchronous=FULL, one BEGIN IMMEDIATE transaction per record, so append()
// returns only after the WAL is fsync'd. Append-only: BEFORE UPDATE/DELETE triggers abort. The
// triggers stop mistakes, not an attacker with the file; what makes edits detectable is:
//   - a signed genesis (checkpoint 0) over the settings the verifier relies on (station id, key
//     fingerprint, checkpoint interval, log id); record 1 chains to its hash;
//   - the hash chain, and an Ed25519 signature of every record (audit_signature), written in the
//     same transaction as the record: the newest signature vouches for the whole chain, and any
//     one row can be proven on its own (hash + its signature) without walking the log;
//   - periodic checkpoints every N records (audit_checkpoint), which are what the central copy
//     and older verifiers check.
// Opening for writing fails closed (AUDIT_LOG_DAMAGED / AUDIT_LOG_MISSING) on a malformed file, a
// genesis or head that does not verify with the station key, or a log that the anchor file beside
// it (anchor-file.ts) shows was deleted, replaced or rolled back. Appending never signs over
// records the station did not sign itself (that would launder a forged tail).
import { DatabaseSync } from 'node:sqlite';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { AuditExport, AuditFilter, AuditLog, AuditVerifyOptions, ExportFormat } from './audit-log.ts';
import { anchorPathFor, readAnchor, writeAnchor } from './anchor-file.ts';
import type { LogAnchor } from './anchor-file.ts';
import {
  GENESIS_HASH,
  checkpointMessage,
  genesisHash,
  recordHash,
  recordSignatureMessage,
  uuidv7,
} from './chain.ts';
import type { Genesis } from './chain.ts';
import {
  loadCheckpointKey,
  loadOrCreateCheckpointKey,
  publicKeyFingerprint,
  toPublicKey,
  verifySignature,
} from './checkpoint-key.ts';
import type { CheckpointSigner } from './checkpoint-key.ts';
import { RECORD_COLUMNS, checkpointFromRow, recordFromRow, recordValues } from './columns.ts';
import type { Row } from './columns.ts';
import { AuditError, AuditWriteError } from './errors.ts';
import { toCsv, toJson } from './export.ts';
import { buildWhere, limitOf, offsetOf } from './filter.ts';
import { SCHEMA_VERSION } from './record.ts';
import type { AuditEvent, AuditRecord, Checkpoint } from './record.ts';
import { validateEvent, validateStationId } from './validate.ts';
import { ChainVerifier } from './verify.ts';
import type { BreakKind, RecordsProof, RowProof, Verdict, VerifyBreak, VerifyResult } from './verify.ts';

export interface SqliteAuditLogOptions {
  /** the database file */
  readonly path: string;
  /** required when creating the log; checked against the file afterwards */
  readonly stationId?: string;
  /** checkpoint signing key file (created 0600 if missing); required unless readOnly */
  readonly keyPath?: string;
  /** the auditor's pinned public key (PEM or KeyObject); defaults to the station key's own */
  readonly trustedPublicKey?: KeyObject | string;
  /** sign a periodic checkpoint every N records (fixed in the signed genesis; default 1000; 0 = none) */
  readonly checkpointEvery?: number;
  /** open for review only (verify/query/export); append throws */
  readonly readOnly?: boolean;
  /** how long to wait for another connection's lock before failing (default 5000 ms) */
  readonly busyTimeoutMs?: number;
  /**
   * run SQLite's integrity check (PRAGMA quick_check, O(file size): ~1.8 s at 1,000,000 records)
   * when opening for writing (default true: what the enrollment engine opens must fail closed)
   */
  readonly integrityCheck?: boolean;
  /** the sealed anchor file (default `<path>.anchor`); writable logs only */
  readonly anchorPath?: string;
  readonly clock?: () => Date;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE IF NOT EXISTS audit_log (
  seq INTEGER PRIMARY KEY CHECK (seq >= 1),
  schema_version INTEGER NOT NULL, record_id TEXT NOT NULL, ts TEXT NOT NULL, station_id TEXT NOT NULL,
  enrollment_id TEXT NOT NULL, action TEXT NOT NULL, outcome TEXT NOT NULL, error_code TEXT, reason TEXT,
  operator_upn TEXT, agent_cert_thumbprint TEXT, target_user TEXT, reader TEXT, card_edge TEXT, card_atr TEXT,
  card_serial TEXT, card_guid TEXT, cert_template TEXT, ca_request_id INTEGER, cert_serial TEXT,
  cert_thumbprint TEXT, cert_not_before TEXT, cert_not_after TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS audit_log_ts ON audit_log (ts);
CREATE INDEX IF NOT EXISTS audit_log_enrollment ON audit_log (enrollment_id);
CREATE INDEX IF NOT EXISTS audit_log_target ON audit_log (target_user);
CREATE INDEX IF NOT EXISTS audit_log_operator ON audit_log (operator_upn);
CREATE INDEX IF NOT EXISTS audit_log_card ON audit_log (card_serial);
CREATE INDEX IF NOT EXISTS audit_log_card_guid ON audit_log (card_guid);
CREATE INDEX IF NOT EXISTS audit_log_outcome ON audit_log (outcome);
-- The auditor's overview counts finished enrollments per day and status (finishedByDay). Partial,
-- so it holds only ENROLLMENT_FINISHED rows (about one in nine) and covers the columns the count
-- reads: the count never touches the table. A query must name the action as this literal to use
-- it, so querySync's \`action = ?\` plans (ORDER BY seq pages) stay as they were. Existing logs gain
-- it on their next writable open (this script runs in #initWritable; IF NOT EXISTS), which builds
-- it once (about a second at 1,000,000 records); a log not yet opened that way answers the same
-- counts, slower.
CREATE INDEX IF NOT EXISTS audit_log_finished_ts ON audit_log (ts, reason, outcome)
  WHERE action = 'ENROLLMENT_FINISHED';
CREATE TABLE IF NOT EXISTS audit_checkpoint (
  seq INTEGER PRIMARY KEY, hash TEXT NOT NULL, ts TEXT NOT NULL, station_id TEXT NOT NULL,
  key_fingerprint TEXT NOT NULL, signature TEXT NOT NULL
) STRICT;
-- One Ed25519 signature per record (64 bytes), over recordSignatureMessage().
CREATE TABLE IF NOT EXISTS audit_signature (seq INTEGER PRIMARY KEY CHECK (seq >= 1), signature BLOB NOT NULL) STRICT;
-- The forwarded marker lives here, not in audit_log, because audit_log is append-only.
CREATE TABLE IF NOT EXISTS audit_outbox (
  sink TEXT PRIMARY KEY, forwarded_seq INTEGER NOT NULL, forwarded_checkpoint_seq INTEGER NOT NULL, updated_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint
  BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint
  BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_signature_no_update BEFORE UPDATE ON audit_signature
  BEGIN SELECT RAISE(ABORT, 'audit_signature is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_signature_no_delete BEFORE DELETE ON audit_signature
  BEGIN SELECT RAISE(ABORT, 'audit_signature is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_meta_no_update BEFORE UPDATE ON audit_meta
  BEGIN SELECT RAISE(ABORT, 'audit_meta is write-once'); END;
CREATE TRIGGER IF NOT EXISTS audit_meta_no_delete BEFORE DELETE ON audit_meta
  BEGIN SELECT RAISE(ABORT, 'audit_meta is write-once'); END;
`;

const PAGE = 5000;

const GENESIS_KEYS = [
  'station_id',
  'schema_version',
  'log_id',
  'created_at',
  'key_fingerprint',
  'checkpoint_every',
];

function dbFailure(file: string, err: unknown): AuditError {
  const msg = err instanceof Error ? err.message : String(err);
  if (/malformed|not a database|corrupt|disk image/i.test(msg))
    return new AuditError(
      'AUDIT_LOG_DAMAGED',
      `the audit log ${file} is damaged (${msg}); nothing was appended`,
      { cause: err, file },
    );
  return new AuditWriteError(`${file}: ${msg}`, err);
}

/**
 * SQLite answers SQLITE_BUSY at once, without waiting for the busy timeout, where waiting could
 * deadlock: two processes that open a new file at the same moment and both switch it to WAL.
 * Opening is retried for up to the busy timeout; appends need no retry (BEGIN IMMEDIATE waits).
 */
function retryWhileBusy<T>(timeoutMs: number, f: () => T): T {
  const end = Date.now() + timeoutMs;
  for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
    try {
      return f();
    } catch (err) {
      const busy = err instanceof Error && /database is locked|SQLITE_BUSY/i.test(err.message);
      if (!busy || Date.now() + wait > end) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, wait);
    }
  }
}

export class SqliteAuditLog implements AuditLog {
  readonly stationId: string;
  readonly path: string;
  readonly anchorPath: string;
  /** periodic checkpoint interval recorded in the file */
  readonly checkpointEvery: number;
  readonly #db: DatabaseSync;
  readonly #signer: CheckpointSigner | null;
  readonly #trusted: KeyObject | null;
  readonly #clock: () => Date;
  readonly #readOnly: boolean;
  /** the genesis as audit_meta states it (null: the log has none, e.g. made by an older version) */
  readonly #genesis: Genesis | null;
  #closed = false;
  /** the head this connection last proved (its signature need not be checked again) */
  #provenHead: { seq: number; hash: string } | null = null;
  readonly #stmt: {
    head: ReturnType<DatabaseSync['prepare']>;
    bySeq: ReturnType<DatabaseSync['prepare']>;
    signature: ReturnType<DatabaseSync['prepare']>;
    lastSignature: ReturnType<DatabaseSync['prepare']>;
    insert: ReturnType<DatabaseSync['prepare']>;
    insertSignature: ReturnType<DatabaseSync['prepare']>;
    insertCheckpoint: ReturnType<DatabaseSync['prepare']>;
  };

  constructor(o: SqliteAuditLogOptions) {
    this.path = o.path;
    this.anchorPath = o.anchorPath ?? anchorPathFor(o.path);
    this.#clock = o.clock ?? (() => new Date());
    this.#readOnly = o.readOnly === true;
    let anchor: LogAnchor | null = null;
    if (!this.#readOnly) {
      try {
        mkdirSync(path.dirname(o.path), { recursive: true, mode: 0o700 });
      } catch (err) {
        throw new AuditWriteError(`cannot create the folder of ${o.path}`, err);
      }
      anchor = readAnchor(this.anchorPath);
      const exists = existsSync(o.path) && statSync(o.path).size > 0;
      if (!exists && anchor) throw this.#missing(anchor, 'is missing');
    }
    try {
      this.#db = new DatabaseSync(o.path, { readOnly: this.#readOnly });
      this.#db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(o.busyTimeoutMs ?? 5000))}`);
    } catch (err) {
      throw dbFailure(o.path, err);
    }
    try {
      let signer: CheckpointSigner | null = null;
      if (!this.#readOnly) {
        if (o.keyPath === undefined)
          throw new AuditError('AUDIT_KEY', 'keyPath is required to open the audit log for writing');
        if (o.integrityCheck !== false) this.#quickCheck();
        // a key is made only with a new log: a log that names its key (its genesis) or that the
        // anchor shows existed needs that key, and a missing one is refused without leaving a
        // stray new key file behind for the next start to trip over
        const key =
          anchor !== null || this.#storedKeyFingerprint() !== undefined
            ? loadCheckpointKey(o.keyPath)
            : loadOrCreateCheckpointKey(o.keyPath);
        signer = key;
        retryWhileBusy(o.busyTimeoutMs ?? 5000, () => this.#initWritable(o, key, anchor));
      }
      const meta = this.#meta();
      const station = meta.get('station_id');
      if (station === undefined)
        throw new AuditError('AUDIT_LOG_DAMAGED', `${o.path} is not an audit log`, { file: o.path });
      if (o.stationId !== undefined && o.stationId !== station) {
        throw new AuditError(
          'AUDIT_VALIDATION',
          `${o.path} belongs to station ${station}, not ${o.stationId}`,
        );
      }
      this.stationId = station;
      this.checkpointEvery = Number(meta.get('checkpoint_every') ?? '0');
      this.#genesis = GENESIS_KEYS.every((k) => meta.has(k))
        ? {
            schemaVersion: Number(meta.get('schema_version')),
            stationId: station,
            logId: meta.get('log_id')!,
            createdAt: meta.get('created_at')!,
            keyFingerprint: meta.get('key_fingerprint')!,
            checkpointEvery: Number(meta.get('checkpoint_every')),
          }
        : null;
      this.#signer = signer;
      this.#trusted =
        o.trustedPublicKey !== undefined ? toPublicKey(o.trustedPublicKey) : (signer?.publicKey ?? null);
      const db = this.#db;
      const none = db.prepare('SELECT 1');
      this.#stmt = {
        head: db.prepare('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1'),
        bySeq: db.prepare('SELECT * FROM audit_log WHERE seq = ?'),
        signature: db.prepare('SELECT signature FROM audit_signature WHERE seq = ?'),
        lastSignature: db.prepare(
          'SELECT seq, signature FROM audit_signature WHERE seq <= ? ORDER BY seq DESC LIMIT 1',
        ),
        insert: this.#readOnly
          ? none
          : db.prepare(
              `INSERT INTO audit_log (${RECORD_COLUMNS.join(', ')}) VALUES (${RECORD_COLUMNS.map(() => '?').join(', ')})`,
            ),
        insertSignature: this.#readOnly
          ? none
          : db.prepare('INSERT INTO audit_signature (seq, signature) VALUES (?, ?)'),
        insertCheckpoint: this.#readOnly
          ? none
          : db.prepare(
              'INSERT INTO audit_checkpoint (seq, hash, ts, station_id, key_fingerprint, signature) VALUES (?, ?, ?, ?, ?, ?)',
            ),
      };
      if (!this.#readOnly) {
        // one snapshot for the whole check: another station process may append between two reads
        // (WAL readers see a consistent view inside a transaction), which must not look like damage
        this.#db.exec('BEGIN');
        try {
          this.#checkOpenedForWriting(anchor, o.keyPath);
        } finally {
          this.#db.exec('COMMIT');
        }
      }
    } catch (err) {
      this.#db.close();
      if (err instanceof AuditError) throw err;
      throw dbFailure(o.path, err);
    }
  }

  #missing(anchor: LogAnchor, what: string): AuditError {
    return new AuditError(
      'AUDIT_LOG_MISSING',
      `the audit log ${this.path} ${what}, but ${this.anchorPath} shows this station (${anchor.stationId}) kept log ${anchor.logId} through record ${anchor.headSeq}. ` +
        'Restore that log; to start a new log deliberately, archive both files first.',
      { file: this.path },
    );
  }

  /** A page of random bytes must stop the station before it records anything (fail closed). */
  #quickCheck(): void {
    let result: string;
    try {
      const rows = this.#db.prepare('PRAGMA quick_check').all() as Row[];
      result = rows.map((r) => String(Object.values(r)[0])).join('; ');
    } catch (err) {
      throw dbFailure(this.path, err);
    }
    if (result !== 'ok')
      throw new AuditError(
        'AUDIT_LOG_DAMAGED',
        `the audit log ${this.path} is damaged (integrity check: ${result.slice(0, 200)}); nothing was appended`,
        { file: this.path },
      );
  }

  #initWritable(o: SqliteAuditLogOptions, signer: CheckpointSigner, anchor: LogAnchor | null): void {
    const mode = this.#db.prepare('PRAGMA journal_mode = WAL').get() as Row | undefined;
    if (mode?.journal_mode !== 'wal')
      throw new AuditError('AUDIT_WRITE_FAILED', `${o.path}: WAL journal mode unavailable`);
    this.#db.exec('PRAGMA synchronous = FULL');
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      this.#db.exec(SCHEMA);
      if (!this.#meta().has('station_id')) {
        if (anchor) throw this.#missing(anchor, 'holds no log');
        if (o.stationId === undefined)
          throw new AuditError('AUDIT_VALIDATION', 'stationId is required to create an audit log');
        const every = o.checkpointEvery ?? 1000;
        if (!Number.isSafeInteger(every) || every < 0)
          throw new AuditError('AUDIT_VALIDATION', 'checkpointEvery must be a non-negative integer');
        const g: Genesis = {
          schemaVersion: SCHEMA_VERSION,
          stationId: validateStationId(o.stationId),
          logId: randomUUID(),
          createdAt: this.#clock().toISOString(),
          keyFingerprint: signer.fingerprint,
          checkpointEvery: every,
        };
        const ins = this.#db.prepare('INSERT INTO audit_meta (key, value) VALUES (?, ?)');
        ins.run('station_id', g.stationId);
        ins.run('schema_version', String(g.schemaVersion));
        ins.run('log_id', g.logId);
        ins.run('created_at', g.createdAt);
        ins.run('key_fingerprint', g.keyFingerprint);
        ins.run('checkpoint_every', String(g.checkpointEvery));
        const unsigned = {
          seq: 0,
          hash: genesisHash(g),
          ts: g.createdAt,
          stationId: g.stationId,
          keyFingerprint: g.keyFingerprint,
        };
        this.#db
          .prepare(
            'INSERT INTO audit_checkpoint (seq, hash, ts, station_id, key_fingerprint, signature) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(
            0,
            unsigned.hash,
            unsigned.ts,
            g.stationId,
            g.keyFingerprint,
            signer.sign(checkpointMessage(unsigned)),
          );
      }
      this.#db.exec('COMMIT');
    } catch (err) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw err;
    }
  }

  /** Genesis, head and anchor must all agree before the station appends anything. */
  #checkOpenedForWriting(anchor: LogAnchor | null, keyPath: string | undefined): void {
    const signer = this.#signer!;
    if (this.#genesis && this.#genesis.keyFingerprint !== signer.fingerprint)
      throw new AuditError(
        'AUDIT_KEY',
        `the checkpoint key is not the key the log ${this.path} was created with`,
        keyPath === undefined ? undefined : { file: keyPath },
      );
    const g = this.#checkGenesis(signer.publicKey);
    if (g)
      throw new AuditError(
        'AUDIT_LOG_DAMAGED',
        `the audit log ${this.path}: ${g.message}; nothing was appended`,
        { file: this.path },
      );
    const head = this.#stmt.head.get() as Row | undefined;
    this.#assertHeadSigned(head ? recordFromRow(head) : null);
    const headSeq = head ? Number(head.seq) : 0;
    if (anchor) {
      if (anchor.logId !== this.#genesis!.logId)
        throw this.#missing(anchor, `was replaced by another log (${this.#genesis!.logId})`);
      if (anchor.headSeq > headSeq)
        throw this.#missing(anchor, `ends at record ${headSeq} (rolled back or truncated)`);
      if (anchor.headSeq > 0) {
        const at = this.#stmt.bySeq.get(anchor.headSeq) as Row | undefined;
        if (!at || String(at.hash) !== anchor.headHash)
          throw this.#missing(anchor, `differs from it at record ${anchor.headSeq}`);
      }
    } else {
      this.#writeAnchor();
    }
  }

  /** The genesis's key fingerprint, when this file already holds a log's genesis. */
  #storedKeyFingerprint(): string | undefined {
    try {
      const row = this.#db.prepare("SELECT value FROM audit_meta WHERE key = 'key_fingerprint'").get() as
        Row | undefined;
      return row === undefined ? undefined : String(row.value);
    } catch {
      // no audit_meta table yet: a new log
      return undefined;
    }
  }

  #meta(): Map<string, string> {
    const rows = this.#db.prepare('SELECT key, value FROM audit_meta').all() as Row[];
    return new Map(rows.map((r) => [String(r.key), String(r.value)]));
  }

  #open(): void {
    if (this.#closed) throw new AuditError('AUDIT_CLOSED', 'the audit log is closed');
  }

  /** Fingerprint (SHA-256 of SPKI DER) of the key checkpoints are verified with: what auditors pin. */
  get keyFingerprint(): string | null {
    return this.#signer?.fingerprint ?? null;
  }

  get publicKey(): KeyObject | null {
    return this.#trusted;
  }

  /** Fingerprint of the key verify() trusts (the pinned one when given). */
  get publicKeyFingerprint(): string | null {
    return this.#trusted ? publicKeyFingerprint(this.#trusted) : null;
  }

  get logId(): string | null {
    return this.#genesis?.logId ?? null;
  }

  /** The hash record 1 chains to. */
  get genesisHash(): string {
    return this.#genesis ? genesisHash(this.#genesis) : GENESIS_HASH;
  }

  #trustedKey(): KeyObject {
    if (!this.#trusted)
      throw new AuditError('AUDIT_KEY', 'no public key to verify checkpoints with (pass trustedPublicKey)');
    return this.#trusted;
  }

  /** The signed genesis against audit_meta and the pinned key; null when it holds. */
  #checkGenesis(key: KeyObject, expectedStationId?: string): VerifyBreak | null {
    const bad = (message: string): VerifyBreak => ({ seq: 0, kind: 'bad-genesis', message });
    const g = this.#genesis;
    if (!g)
      return bad(
        'the log has no signed genesis (made by an older station version, or a fabricated file): nothing in it can be proven',
      );
    const row = this.#db.prepare('SELECT * FROM audit_checkpoint WHERE seq = 0').get() as Row | undefined;
    if (!row) return bad('the signed genesis (checkpoint 0) is missing');
    const cp = checkpointFromRow(row);
    const fp = publicKeyFingerprint(key);
    if (
      cp.keyFingerprint !== fp ||
      cp.stationId !== g.stationId ||
      !verifySignature(key, checkpointMessage(cp), cp.signature)
    )
      return bad(
        `the genesis is not signed by the pinned key (sha256:${fp.slice(0, 16)}…): another station's log, or a fabricated one`,
      );
    if (cp.hash !== genesisHash(g) || cp.ts !== g.createdAt)
      return bad(
        'audit_meta differs from the settings signed at creation (station id, key fingerprint, checkpoint interval or log id rewritten)',
      );
    if (expectedStationId !== undefined && expectedStationId !== g.stationId)
      return bad(`the log belongs to station ${g.stationId}, not ${expectedStationId}`);
    return null;
  }

  #signatureOk(r: AuditRecord, sig: Uint8Array, key: KeyObject, fingerprint: string): boolean {
    return verifySignature(
      key,
      recordSignatureMessage(r, this.stationId, fingerprint),
      Buffer.from(sig).toString('base64'),
    );
  }

  /**
   * The station appends only onto a head it signed itself, with nothing signed beyond it (a cut
   * tail). Otherwise its next signature would vouch for records an attacker added.
   */
  #assertHeadSigned(head: AuditRecord | null): void {
    const damaged = (why: string): AuditError =>
      new AuditError(
        'AUDIT_LOG_DAMAGED',
        `the audit log ${this.path}: ${why}; nothing was appended. Run \`station audit verify\`.`,
        { file: this.path },
      );
    const beyond = this.#db.prepare('SELECT max(seq) AS s FROM audit_signature').get() as Row;
    const maxSigned = beyond.s === null ? 0 : Number(beyond.s);
    const headSeq = head?.seq ?? 0;
    if (maxSigned > headSeq)
      throw damaged(`records after ${headSeq} were removed (signatures reach ${maxSigned})`);
    if (!head) return;
    if (recordHash(head, head.prevHash) !== head.hash)
      throw damaged(`its newest record ${head.seq} was edited`);
    if (this.#provenHead?.seq === head.seq && this.#provenHead.hash === head.hash) return;
    const sig = this.#stmt.signature.get(head.seq) as Row | undefined;
    const signer = this.#signer!;
    if (!sig || !this.#signatureOk(head, sig.signature as Uint8Array, signer.publicKey, signer.fingerprint))
      throw damaged(
        `its newest record ${head.seq} is not signed by this station (records were added to the file)`,
      );
    this.#provenHead = { seq: head.seq, hash: head.hash };
  }

  async append(event: AuditEvent): Promise<AuditRecord> {
    return this.appendSync(event);
  }

  /** The synchronous core of append(): durable on return, throws AuditError otherwise. */
  appendSync(event: AuditEvent): AuditRecord {
    this.#open();
    if (this.#readOnly) throw new AuditError('AUDIT_WRITE_FAILED', 'the audit log is open read-only');
    const fields = validateEvent(event);
    const now = this.#clock();
    const db = this.#db;
    const signer = this.#signer!;
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        const row = this.#stmt.head.get() as Row | undefined;
        const head = row ? recordFromRow(row) : null;
        this.#assertHeadSigned(head);
        const seq = head ? head.seq + 1 : 1;
        const prevHash = head ? head.hash : this.genesisHash;
        const base = {
          schemaVersion: SCHEMA_VERSION,
          seq,
          recordId: uuidv7(now.getTime()),
          ts: now.toISOString(),
          stationId: this.stationId,
          ...fields,
        };
        const record: AuditRecord = { ...base, prevHash, hash: recordHash(base, prevHash) };
        this.#stmt.insert.run(...recordValues(record));
        const sig = signer.sign(recordSignatureMessage(record, this.stationId, signer.fingerprint));
        this.#stmt.insertSignature.run(seq, Buffer.from(sig, 'base64'));
        if (this.checkpointEvery > 0 && seq % this.checkpointEvery === 0)
          this.#insertCheckpoint(seq, record.hash, record.ts, sig);
        db.exec('COMMIT');
        this.#provenHead = { seq, hash: record.hash };
        return record;
      } catch (err) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw err;
      }
    } catch (err) {
      if (err instanceof AuditError) throw err;
      throw dbFailure(this.path, err);
    }
  }

  #insertCheckpoint(seq: number, hash: string, ts: string, signature?: string): Checkpoint {
    const signer = this.#signer;
    if (!signer) throw new AuditError('AUDIT_KEY', 'no checkpoint key');
    const unsigned = { seq, hash, ts, stationId: this.stationId, keyFingerprint: signer.fingerprint };
    const cp: Checkpoint = { ...unsigned, signature: signature ?? signer.sign(checkpointMessage(unsigned)) };
    this.#stmt.insertCheckpoint.run(cp.seq, cp.hash, cp.ts, cp.stationId, cp.keyFingerprint, cp.signature);
    return cp;
  }

  /**
   * Seals the head: a checkpoint row for the newest record (forwarded centrally like the periodic
   * ones) and the anchor file brought up to it. Every record is already signed when appended, so
   * this is for the end of a shift or before handing a copy to an auditor. Null on an empty log.
   */
  async checkpoint(): Promise<Checkpoint | null> {
    this.#open();
    const db = this.#db;
    let cp: Checkpoint | null = null;
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        const row = this.#stmt.head.get() as Row | undefined;
        const head = row ? recordFromRow(row) : null;
        this.#assertHeadSigned(head);
        if (head) {
          const existing = db.prepare('SELECT * FROM audit_checkpoint WHERE seq = ?').get(head.seq) as
            Row | undefined;
          const sig = this.#stmt.signature.get(head.seq) as Row;
          cp = existing
            ? checkpointFromRow(existing)
            : this.#insertCheckpoint(
                head.seq,
                head.hash,
                head.ts,
                Buffer.from(sig.signature as Uint8Array).toString('base64'),
              );
        }
        db.exec('COMMIT');
      } catch (err) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw err;
      }
    } catch (err) {
      if (err instanceof AuditError) throw err;
      throw dbFailure(this.path, err);
    }
    this.#writeAnchor();
    return cp;
  }

  /** The anchor beside the log, brought up to the newest signed record. */
  #writeAnchor(): void {
    const g = this.#genesis;
    if (!g || this.#readOnly) return;
    const row = this.#stmt.head.get() as Row | undefined;
    const head = row ? recordFromRow(row) : null;
    const sig = head ? (this.#stmt.signature.get(head.seq) as Row | undefined) : undefined;
    if (head && !sig) return; // never seal an unsigned head
    writeAnchor(this.anchorPath, {
      format: 'station-audit-anchor/v1',
      stationId: g.stationId,
      logId: g.logId,
      genesisHash: genesisHash(g),
      keyFingerprint: g.keyFingerprint,
      headSeq: head?.seq ?? 0,
      headHash: head?.hash ?? genesisHash(g),
      headTs: head?.ts ?? g.createdAt,
      signature: sig ? Buffer.from(sig.signature as Uint8Array).toString('base64') : '',
    });
  }

  lastSeq(): number {
    this.#open();
    const head = this.#db.prepare('SELECT max(seq) AS s FROM audit_log').get() as Row;
    return head.s === null ? 0 : Number(head.s);
  }

  async query(filter: AuditFilter = {}): Promise<AuditRecord[]> {
    return this.querySync(filter, 10_000);
  }

  querySync(filter: AuditFilter, defaultLimit?: number): AuditRecord[] {
    this.#open();
    const where = buildWhere(filter, () => '?');
    const limit = limitOf(filter, defaultLimit);
    const offset = offsetOf(filter);
    const page =
      limit !== undefined
        ? ` LIMIT ${limit} OFFSET ${offset}`
        : offset > 0
          ? ` LIMIT -1 OFFSET ${offset}`
          : '';
    const sql = `SELECT * FROM audit_log ${where.sql} ORDER BY seq${page}`;
    try {
      return (this.#db.prepare(sql).all(...where.params) as Row[]).map(recordFromRow);
    } catch (err) {
      throw dbFailure(this.path, err);
    }
  }

  /**
   * Finished enrollments per UTC day and status, where status is how the enrollment ended (the
   * ENROLLMENT_FINISHED record's reason, or its outcome when it has none): the records querySync
   * would return for the same filter with action ENROLLMENT_FINISHED, counted in SQL. Rows come
   * ordered by day, then by each status's first record in that day (the order a walk over the
   * records in seq order meets them).
   */
  finishedByDay(
    filter: Omit<AuditFilter, 'action' | 'limit' | 'offset'>,
  ): { day: string; status: string; count: number }[] {
    this.#open();
    const where = buildWhere(filter, () => '?');
    // the action as a literal, not a parameter: the partial index audit_log_finished_ts needs it
    const rest = where.sql === '' ? '' : ` AND ${where.sql.slice('WHERE '.length)}`;
    // ts is fixed-width RFC 3339 UTC, so its first 10 characters are the UTC day
    const sql = `SELECT substr(ts, 1, 10) AS day, coalesce(reason, outcome) AS status, count(*) AS n,
      min(seq) AS first FROM audit_log WHERE action = 'ENROLLMENT_FINISHED'${rest}
      GROUP BY day, status ORDER BY day, first`;
    try {
      return (this.#db.prepare(sql).all(...where.params) as Row[]).map((r) => ({
        day: String(r.day),
        status: String(r.status),
        count: Number(r.n),
      }));
    } catch (err) {
      throw dbFailure(this.path, err);
    }
  }

  /**
   * The time of each enrollment's first record with \`action\` (e.g. ENROLLMENT_STARTED), for a page
   * of enrollments in one query; enrollments without such a record are absent from the map.
   */
  firstTimes(action: AuditRecord['action'], enrollmentIds: readonly string[]): Map<string, string> {
    this.#open();
    const out = new Map<string, string>();
    if (enrollmentIds.length === 0) return out;
    const ids = [...new Set(enrollmentIds.map((id) => id.toLowerCase()))];
    const sql = `SELECT enrollment_id, ts FROM audit_log WHERE action = ? AND enrollment_id IN (${ids
      .map(() => '?')
      .join(', ')}) ORDER BY seq`;
    try {
      for (const r of this.#db.prepare(sql).all(action, ...ids) as Row[]) {
        const id = String(r.enrollment_id);
        if (!out.has(id)) out.set(id, String(r.ts));
      }
    } catch (err) {
      throw dbFailure(this.path, err);
    }
    return out;
  }

  /** Streams every record in seq order (constant memory), e.g. for the per-card states. */
  *records(fromSeq = 1): Generator<AuditRecord> {
    this.#open();
    const page = this.#db.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?');
    let next = fromSeq;
    for (;;) {
      const rows = page.all(next, PAGE) as Row[];
      if (rows.length === 0) return;
      for (const row of rows) yield recordFromRow(row);
      next = Number(rows[rows.length - 1]!.seq) + 1;
    }
  }

  checkpoints(fromSeq = 1): Checkpoint[] {
    this.#open();
    return (
      this.#db
        .prepare('SELECT * FROM audit_checkpoint WHERE seq >= ? ORDER BY seq')
        .all(Math.max(1, fromSeq)) as Row[]
    ).map(checkpointFromRow);
  }

  /** The newest record with a signature at or below `atMost`, as a checkpoint. */
  #signedHead(atMost: number): Checkpoint | null {
    const sig = this.#stmt.lastSignature.get(atMost) as Row | undefined;
    if (!sig) return null;
    const rec = this.#stmt.bySeq.get(Number(sig.seq)) as Row | undefined;
    if (!rec) return null;
    return {
      seq: Number(sig.seq),
      hash: String(rec.hash),
      ts: String(rec.ts),
      stationId: this.stationId,
      keyFingerprint: this.#genesis?.keyFingerprint ?? '',
      signature: Buffer.from(sig.signature as Uint8Array).toString('base64'),
    };
  }

  async verify(options: AuditVerifyOptions = {}): Promise<VerifyResult> {
    return this.verifySync(options);
  }

  /**
   * Walks the chain (from fromSeq to toSeq, default the whole log) and checks the signed genesis,
   * the periodic checkpoints in the span and the newest signature at its end. See Verdict.
   */
  verifySync(
    options: AuditVerifyOptions & {
      readonly expectedStationId?: string;
      /** called after each page of records walked */
      readonly onProgress?: (checked: number, total: number) => void;
    } = {},
  ): VerifyResult {
    this.#open();
    const key = this.#trustedKey();
    try {
      const last = this.lastSeq();
      let from = Math.max(1, options.fromSeq ?? 1);
      let prevHash = this.genesisHash;
      if (from > 1) {
        const before = this.#stmt.bySeq.get(from - 1) as Row | undefined;
        if (before) prevHash = String(before.hash);
        else from -= 1; // start at the missing record so the verifier reports the gap there
      }
      const end = options.toSeq !== undefined ? Math.min(options.toSeq, last) : last;
      const checkpoints = this.checkpoints(from).filter((c) => c.seq <= end || end === last);
      const head = this.#signedHead(end);
      if (head && !checkpoints.some((c) => c.seq === head.seq)) checkpoints.push(head);
      const verifier = new ChainVerifier({
        stationId: this.stationId,
        publicKey: key,
        checkpointEvery: this.checkpointEvery,
        prevHash,
        fromSeq: from,
        checkpoints,
        anchors: options.anchors ?? [],
        lastRecordSeq: last,
      });
      const genesis = this.#checkGenesis(key, options.expectedStationId);
      if (genesis) verifier.fail(0, genesis.kind, genesis.message);
      if (!verifier.broken) {
        const page = this.#db.prepare(
          'SELECT * FROM audit_log WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?',
        );
        let next = from;
        outer: while (next <= end) {
          const rows = page.all(next, end, PAGE) as Row[];
          if (rows.length === 0) break;
          for (const row of rows) {
            if (!verifier.push(recordFromRow(row))) break outer;
          }
          next = Number(rows[rows.length - 1]!.seq) + 1;
          options.onProgress?.(next - from, end - from + 1);
        }
      }
      // after the walk, so a lower break (an edit before the cut) is still the one reported
      if (end === last) {
        const beyond = this.#db.prepare('SELECT max(seq) AS s FROM audit_signature').get() as Row;
        if (beyond.s !== null && Number(beyond.s) > last)
          verifier.fail(
            last + 1,
            'truncated-tail',
            `the log ends at record ${last} but record ${Number(beyond.s)} was signed: the tail was cut off`,
          );
      }
      return verifier.finish(end);
    } catch (err) {
      if (err instanceof AuditError) throw err;
      throw dbFailure(this.path, err);
    }
  }

  /** Partial verification of the given records; see RecordsProof. Cost: one signature check per row. */
  proveRecords(records: readonly AuditRecord[], expectedStationId?: string): RecordsProof {
    this.#open();
    const key = this.#trustedKey();
    const fp = publicKeyFingerprint(key);
    try {
      const genesis = this.#checkGenesis(key, expectedStationId);
      const last = this.lastSeq();
      const beyond = this.#db.prepare('SELECT max(seq) AS s FROM audit_signature').get() as Row;
      const maxSigned = beyond.s === null ? 0 : Number(beyond.s);
      let head: VerifyBreak | null = null;
      let headSignedSeq = 0;
      if (maxSigned > last) {
        head = {
          seq: last + 1,
          kind: 'truncated-tail',
          message: `the log ends at record ${last} but record ${maxSigned} was signed: the tail was cut off`,
        };
      } else {
        const h = this.#signedHead(last);
        if (h) {
          const rec = recordFromRow(this.#stmt.bySeq.get(h.seq) as Row);
          const kind: BreakKind | null =
            recordHash(rec, rec.prevHash) !== rec.hash
              ? 'edited-row'
              : !verifySignature(key, checkpointMessage({ ...h, keyFingerprint: fp }), h.signature)
                ? 'bad-checkpoint-signature'
                : null;
          if (kind) head = { seq: h.seq, kind, message: `the newest signed record ${h.seq} does not verify` };
          else headSignedSeq = h.seq;
        }
      }
      const rows = new Map<number, RowProof>();
      for (const r of records) {
        if (recordHash(r, r.prevHash) !== r.hash || r.stationId !== this.stationId) {
          rows.set(r.seq, 'edited');
          continue;
        }
        const sig = this.#stmt.signature.get(r.seq) as Row | undefined;
        if (!sig) rows.set(r.seq, 'unsigned');
        else
          rows.set(
            r.seq,
            this.#signatureOk(r, sig.signature as Uint8Array, key, fp) ? 'signed' : 'bad-signature',
          );
      }
      const statuses = [...rows.values()];
      const broken =
        genesis !== null || head !== null || statuses.some((s) => s === 'edited' || s === 'bad-signature');
      const verdict: Verdict = broken
        ? 'broken'
        : last === 0
          ? 'empty'
          : headSignedSeq === 0
            ? 'nothing-signed'
            : headSignedSeq < last || statuses.includes('unsigned')
              ? 'unsigned-tail'
              : 'intact';
      return { verdict, genesis, headSignedSeq, head, lastRecordSeq: last, rows, keyFingerprint: fp };
    } catch (err) {
      if (err instanceof AuditError) throw err;
      throw dbFailure(this.path, err);
    }
  }

  /**
   * The matching records with the proof of each (proveRecords: one signature check per row, not
   * a walk over the span they come from) and, as `verification`, the proof folded into a
   * VerifyResult for the export header.
   */
  async export(format: ExportFormat, filter: AuditFilter = {}): Promise<AuditExport> {
    this.#open();
    const records = this.querySync(filter);
    const proof = this.proveRecords(records);
    const verification = proofAsResult(this.stationId, records, proof);
    const content =
      format === 'csv'
        ? toCsv(records, verification, proof.rows)
        : toJson(this.stationId, records, verification, filter, this.#clock(), proof.rows);
    return { format, content, recordCount: records.length, verification, proof };
  }

  // ── outbox for the central forwarder ────────────────────────────────────────────────────────

  /** The forwarded high-water marks for a sink (nothing forwarded yet: 0 and -1, so the genesis goes too). */
  outboxState(sink: string): { forwardedSeq: number; forwardedCheckpointSeq: number } {
    this.#open();
    const row = this.#db
      .prepare('SELECT forwarded_seq, forwarded_checkpoint_seq FROM audit_outbox WHERE sink = ?')
      .get(sink) as Row | undefined;
    return {
      forwardedSeq: Number(row?.forwarded_seq ?? 0),
      forwardedCheckpointSeq: Number(row?.forwarded_checkpoint_seq ?? -1),
    };
  }

  /**
   * The next batch for the central copy, verified first: each record against its hash, the chain
   * from the last forwarded record, and the batch's newest record against its signature. The batch
   * ends at the newest signed record; a batch that does not verify is refused (AUDIT_LOG_DAMAGED)
   * so forged records never reach the central copy. Its last record's signature goes along as a
   * checkpoint, so the central copy is signed through its newest record too.
   */
  outboxPending(sink: string, limit: number): { records: AuditRecord[]; checkpoints: Checkpoint[] } {
    const state = this.outboxState(sink);
    const key = this.#trustedKey();
    const refuse = (seq: number, why: string): AuditError =>
      new AuditError(
        'AUDIT_LOG_DAMAGED',
        `record ${seq} of ${this.path} ${why}; nothing from it on was forwarded. Run \`station audit verify\`.`,
        { file: this.path, details: { seq } },
      );
    const genesis = this.#checkGenesis(key);
    if (genesis) throw refuse(0, `(the genesis) does not verify: ${genesis.message}`);
    let prev = this.genesisHash;
    if (state.forwardedSeq > 0) {
      const before = this.#stmt.bySeq.get(state.forwardedSeq) as Row | undefined;
      if (!before) throw refuse(state.forwardedSeq, 'was already forwarded but is missing locally');
      prev = String(before.hash);
    }
    const records = (
      this.#db
        .prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?')
        .all(state.forwardedSeq, limit) as Row[]
    ).map(recordFromRow);
    let expected = state.forwardedSeq + 1;
    for (const r of records) {
      if (r.seq !== expected) throw refuse(expected, 'is missing');
      if (recordHash(r, r.prevHash) !== r.hash) throw refuse(r.seq, 'does not match its hash (edited)');
      if (r.prevHash !== prev) throw refuse(r.seq, 'does not chain to the record before it');
      prev = r.hash;
      expected++;
    }
    const checkpoints: Checkpoint[] = [];
    let batch = records;
    if (records.length > 0) {
      const head = this.#signedHead(records[records.length - 1]!.seq);
      if (!head || head.seq < records[0]!.seq)
        throw refuse(records[0]!.seq, 'is not signed by the station (added to the file by someone else)');
      if (!verifySignature(key, checkpointMessage(head), head.signature))
        throw refuse(head.seq, 'has a signature that does not verify');
      batch = records.filter((r) => r.seq <= head.seq);
      checkpoints.push(
        ...(
          this.#db
            .prepare('SELECT * FROM audit_checkpoint WHERE seq > ? AND seq <= ? ORDER BY seq')
            .all(state.forwardedCheckpointSeq, head.seq) as Row[]
        ).map(checkpointFromRow),
      );
      if (!checkpoints.some((c) => c.seq === head.seq)) checkpoints.push(head);
    } else {
      checkpoints.push(
        ...(
          this.#db
            .prepare('SELECT * FROM audit_checkpoint WHERE seq > ? AND seq <= ? ORDER BY seq')
            .all(state.forwardedCheckpointSeq, state.forwardedSeq) as Row[]
        ).map(checkpointFromRow),
      );
    }
    return { records: batch, checkpoints };
  }

  outboxMark(sink: string, forwardedSeq: number, forwardedCheckpointSeq: number): void {
    this.#open();
    this.#db
      .prepare(
        `INSERT INTO audit_outbox (sink, forwarded_seq, forwarded_checkpoint_seq, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (sink) DO UPDATE SET forwarded_seq = max(forwarded_seq, excluded.forwarded_seq),
           forwarded_checkpoint_seq = max(forwarded_checkpoint_seq, excluded.forwarded_checkpoint_seq), updated_at = excluded.updated_at`,
      )
      .run(sink, forwardedSeq, forwardedCheckpointSeq, this.#clock().toISOString());
  }

  outboxBacklog(sink: string): number {
    return Math.max(0, this.lastSeq() - this.outboxState(sink).forwardedSeq);
  }

  close(): void {
    if (this.#closed) return;
    try {
      if (!this.#readOnly) this.#writeAnchor();
    } catch {
      // the anchor trails the log; the next open or seal brings it up to date
    } finally {
      this.#closed = true;
      this.#db.close();
    }
  }
}

/** A partial proof in the shape of a VerifyResult (for export headers and the CLI). */
export function proofAsResult(
  stationId: string,
  records: readonly AuditRecord[],
  p: RecordsProof,
): VerifyResult {
  let firstBreak: VerifyBreak | null = p.genesis ?? null;
  for (const r of records) {
    if (firstBreak) break;
    const s = p.rows.get(r.seq);
    if (s === 'edited')
      firstBreak = {
        seq: r.seq,
        kind: 'edited-row',
        message: `record ${r.seq} does not match its hash: its content was changed`,
      };
    else if (s === 'bad-signature')
      firstBreak = {
        seq: r.seq,
        kind: 'bad-checkpoint-signature',
        message: `record ${r.seq} is not validly signed by the pinned key`,
      };
  }
  firstBreak ??= p.head;
  const signed = records.filter((r) => p.rows.get(r.seq) === 'signed').length;
  const first = records[0]?.seq ?? 0;
  const lastShown = records[records.length - 1]?.seq ?? 0;
  const verdict = p.verdict;
  return {
    ok: verdict === 'intact',
    verdict,
    stationId,
    fromSeq: first,
    toSeq: lastShown,
    recordsChecked: records.length,
    checkpointsChecked: signed,
    lastRecordSeq: p.lastRecordSeq,
    lastCheckpointSeq: p.headSignedSeq || null,
    signedThroughSeq: p.headSignedSeq,
    unsignedTail: Math.max(0, p.lastRecordSeq - p.headSignedSeq),
    keyFingerprint: p.keyFingerprint,
    firstBreak,
    headHash: '',
    anchorsMatched: 0,
  };
}
