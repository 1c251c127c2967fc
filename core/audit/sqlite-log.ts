// The embedded, default AuditLog: one SQLite file per station via node:sqlite (built into Node 22
// and current Electron, so no native module to rebuild).
//
// Durability: WAL + synchronous=FULL, one BEGIN IMMEDIATE transaction per record, so append()
// returns only after the WAL is fsync'd. Append-only: BEFORE UPDATE/DELETE triggers abort. The
// triggers stop mistakes, not an attacker with the file; the hash chain and the Ed25519
// checkpoints make such edits detectable (verify()).
import { DatabaseSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { AuditExport, AuditFilter, AuditLog, AuditVerifyOptions, ExportFormat } from './audit-log.ts';
import { GENESIS_HASH, checkpointMessage, recordHash, uuidv7 } from './chain.ts';
import { loadOrCreateCheckpointKey, publicKeyFingerprint, toPublicKey } from './checkpoint-key.ts';
import type { CheckpointSigner } from './checkpoint-key.ts';
import { RECORD_COLUMNS, checkpointFromRow, recordFromRow, recordValues } from './columns.ts';
import type { Row } from './columns.ts';
import { AuditError, AuditWriteError } from './errors.ts';
import { toCsv, toJson } from './export.ts';
import { buildWhere, limitOf } from './filter.ts';
import { SCHEMA_VERSION } from './record.ts';
import type { AuditEvent, AuditRecord, Checkpoint } from './record.ts';
import { validateEvent, validateStationId } from './validate.ts';
import { ChainVerifier } from './verify.ts';
import type { VerifyResult } from './verify.ts';

export interface SqliteAuditLogOptions {
  /** the database file */
  readonly path: string;
  /** required when creating the log; checked against the file afterwards */
  readonly stationId?: string;
  /** checkpoint signing key file (created 0600 if missing); required unless readOnly */
  readonly keyPath?: string;
  /** the auditor's pinned public key (PEM or KeyObject); defaults to the station key's own */
  readonly trustedPublicKey?: KeyObject | string;
  /** sign a checkpoint every N records (fixed when the log is created; default 1000; 0 = only on demand) */
  readonly checkpointEvery?: number;
  /** open for review only (verify/query/export); append throws */
  readonly readOnly?: boolean;
  /** how long to wait for another connection's lock before failing (default 5000 ms) */
  readonly busyTimeoutMs?: number;
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
CREATE TABLE IF NOT EXISTS audit_checkpoint (
  seq INTEGER PRIMARY KEY, hash TEXT NOT NULL, ts TEXT NOT NULL, station_id TEXT NOT NULL,
  key_fingerprint TEXT NOT NULL, signature TEXT NOT NULL
) STRICT;
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
CREATE TRIGGER IF NOT EXISTS audit_meta_no_update BEFORE UPDATE ON audit_meta
  BEGIN SELECT RAISE(ABORT, 'audit_meta is write-once'); END;
CREATE TRIGGER IF NOT EXISTS audit_meta_no_delete BEFORE DELETE ON audit_meta
  BEGIN SELECT RAISE(ABORT, 'audit_meta is write-once'); END;
`;

const PAGE = 5000;

export class SqliteAuditLog implements AuditLog {
  readonly stationId: string;
  readonly path: string;
  /** periodic checkpoint interval recorded in the file */
  readonly checkpointEvery: number;
  readonly #db: DatabaseSync;
  readonly #signer: CheckpointSigner | null;
  readonly #trusted: KeyObject | null;
  readonly #clock: () => Date;
  readonly #readOnly: boolean;
  #closed = false;
  readonly #stmt: {
    head: ReturnType<DatabaseSync['prepare']>;
    insert: ReturnType<DatabaseSync['prepare']>;
    insertCheckpoint: ReturnType<DatabaseSync['prepare']>;
  };

  constructor(o: SqliteAuditLogOptions) {
    this.path = o.path;
    this.#clock = o.clock ?? (() => new Date());
    this.#readOnly = o.readOnly === true;
    try {
      if (!this.#readOnly) mkdirSync(path.dirname(o.path), { recursive: true, mode: 0o700 });
      this.#db = new DatabaseSync(o.path, { readOnly: this.#readOnly });
      this.#db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(o.busyTimeoutMs ?? 5000))}`);
    } catch (err) {
      throw new AuditWriteError(`cannot open ${o.path}`, err);
    }
    try {
      if (!this.#readOnly) this.#initWritable(o);
      const meta = this.#meta();
      const station = meta.get('station_id');
      if (station === undefined) throw new AuditError('AUDIT_VALIDATION', `${o.path} is not an audit log`);
      if (o.stationId !== undefined && o.stationId !== station) {
        throw new AuditError(
          'AUDIT_VALIDATION',
          `${o.path} belongs to station ${station}, not ${o.stationId}`,
        );
      }
      this.stationId = station;
      this.checkpointEvery = Number(meta.get('checkpoint_every') ?? '0');
      this.#signer = o.keyPath !== undefined && !this.#readOnly ? loadOrCreateCheckpointKey(o.keyPath) : null;
      if (this.#signer) {
        const pinned = meta.get('key_fingerprint');
        if (pinned === undefined) {
          this.#db
            .prepare('INSERT INTO audit_meta (key, value) VALUES (?, ?)')
            .run('key_fingerprint', this.#signer.fingerprint);
        } else if (pinned !== this.#signer.fingerprint) {
          throw new AuditError(
            'AUDIT_KEY',
            `checkpoint key ${o.keyPath} is not the key this log was created with`,
          );
        }
      } else if (!this.#readOnly) {
        throw new AuditError('AUDIT_KEY', 'keyPath is required to open the audit log for writing');
      }
      this.#trusted =
        o.trustedPublicKey !== undefined
          ? toPublicKey(o.trustedPublicKey)
          : (this.#signer?.publicKey ?? null);
      this.#stmt = {
        head: this.#db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
        insert: this.#readOnly
          ? this.#db.prepare('SELECT 1')
          : this.#db.prepare(
              `INSERT INTO audit_log (${RECORD_COLUMNS.join(', ')}) VALUES (${RECORD_COLUMNS.map(() => '?').join(', ')})`,
            ),
        insertCheckpoint: this.#readOnly
          ? this.#db.prepare('SELECT 1')
          : this.#db.prepare(
              'INSERT INTO audit_checkpoint (seq, hash, ts, station_id, key_fingerprint, signature) VALUES (?, ?, ?, ?, ?, ?)',
            ),
      };
    } catch (err) {
      this.#db.close();
      if (err instanceof AuditError) throw err;
      throw new AuditWriteError(`cannot initialise ${o.path}`, err);
    }
  }

  #initWritable(o: SqliteAuditLogOptions): void {
    const mode = this.#db.prepare('PRAGMA journal_mode = WAL').get() as Row | undefined;
    if (mode?.journal_mode !== 'wal')
      throw new AuditError('AUDIT_WRITE_FAILED', `${o.path}: WAL journal mode unavailable`);
    this.#db.exec('PRAGMA synchronous = FULL');
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      this.#db.exec(SCHEMA);
      const meta = this.#meta();
      if (!meta.has('station_id')) {
        if (o.stationId === undefined)
          throw new AuditError('AUDIT_VALIDATION', 'stationId is required to create an audit log');
        const every = o.checkpointEvery ?? 1000;
        if (!Number.isSafeInteger(every) || every < 0)
          throw new AuditError('AUDIT_VALIDATION', 'checkpointEvery must be a non-negative integer');
        const ins = this.#db.prepare('INSERT INTO audit_meta (key, value) VALUES (?, ?)');
        ins.run('station_id', validateStationId(o.stationId));
        ins.run('schema_version', String(SCHEMA_VERSION));
        ins.run('checkpoint_every', String(every));
        ins.run('genesis_hash', GENESIS_HASH);
        ins.run('created_at', this.#clock().toISOString());
      }
      this.#db.exec('COMMIT');
    } catch (err) {
      this.#db.exec('ROLLBACK');
      throw err;
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
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        const head = this.#stmt.head.get() as Row | undefined;
        const seq = head ? Number(head.seq) + 1 : 1;
        const prevHash = head ? String(head.hash) : GENESIS_HASH;
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
        if (this.checkpointEvery > 0 && seq % this.checkpointEvery === 0)
          this.#insertCheckpoint(seq, record.hash, now);
        db.exec('COMMIT');
        return record;
      } catch (err) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw err;
      }
    } catch (err) {
      if (err instanceof AuditError) throw err;
      throw new AuditWriteError(err instanceof Error ? err.message : 'database failure', err);
    }
  }

  #insertCheckpoint(seq: number, hash: string, now: Date): Checkpoint {
    const signer = this.#signer;
    if (!signer) throw new AuditError('AUDIT_KEY', 'no checkpoint key');
    const unsigned = {
      seq,
      hash,
      ts: now.toISOString(),
      stationId: this.stationId,
      keyFingerprint: signer.fingerprint,
    };
    const cp: Checkpoint = { ...unsigned, signature: signer.sign(checkpointMessage(unsigned)) };
    this.#stmt.insertCheckpoint.run(cp.seq, cp.hash, cp.ts, cp.stationId, cp.keyFingerprint, cp.signature);
    return cp;
  }

  async checkpoint(): Promise<Checkpoint | null> {
    this.#open();
    const db = this.#db;
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        const head = this.#stmt.head.get() as Row | undefined;
        let cp: Checkpoint | null = null;
        if (head) {
          const existing = db
            .prepare('SELECT * FROM audit_checkpoint WHERE seq = ?')
            .get(Number(head.seq)) as Row | undefined;
          cp = existing
            ? checkpointFromRow(existing)
            : this.#insertCheckpoint(Number(head.seq), String(head.hash), this.#clock());
        }
        db.exec('COMMIT');
        return cp;
      } catch (err) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw err;
      }
    } catch (err) {
      if (err instanceof AuditError) throw err;
      throw new AuditWriteError(err instanceof Error ? err.message : 'database failure', err);
    }
  }

  lastSeq(): number {
    this.#open();
    const head = this.#stmt.head.get() as Row | undefined;
    return head ? Number(head.seq) : 0;
  }

  async query(filter: AuditFilter = {}): Promise<AuditRecord[]> {
    return this.querySync(filter, 10_000);
  }

  querySync(filter: AuditFilter, defaultLimit?: number): AuditRecord[] {
    this.#open();
    const where = buildWhere(filter, () => '?');
    const limit = limitOf(filter, defaultLimit);
    const sql = `SELECT * FROM audit_log ${where.sql} ORDER BY seq${limit !== undefined ? ` LIMIT ${limit}` : ''}`;
    return (this.#db.prepare(sql).all(...where.params) as Row[]).map(recordFromRow);
  }

  checkpoints(fromSeq = 1): Checkpoint[] {
    this.#open();
    return (
      this.#db.prepare('SELECT * FROM audit_checkpoint WHERE seq >= ? ORDER BY seq').all(fromSeq) as Row[]
    ).map(checkpointFromRow);
  }

  async verify(options: AuditVerifyOptions = {}): Promise<VerifyResult> {
    return this.verifySync(options);
  }

  verifySync(options: AuditVerifyOptions = {}): VerifyResult {
    this.#open();
    if (!this.#trusted)
      throw new AuditError('AUDIT_KEY', 'no public key to verify checkpoints with (pass trustedPublicKey)');
    const last = this.lastSeq();
    let from = Math.max(1, options.fromSeq ?? 1);
    let prevHash = GENESIS_HASH;
    if (from > 1) {
      const before = this.#db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(from - 1) as
        Row | undefined;
      if (before) prevHash = String(before.hash);
      else from -= 1; // start at the missing record so the verifier reports the gap there
    }
    const checkpoints = this.checkpoints(from);
    let end = last;
    if (options.toSeq !== undefined && options.toSeq < last) {
      // Walk on to the next checkpoint so the range is covered by a signature when one exists.
      const next = checkpoints.find((c) => c.seq >= (options.toSeq ?? 0) && c.seq <= last);
      end = next ? next.seq : last;
    }
    const verifier = new ChainVerifier({
      stationId: this.stationId,
      publicKey: this.#trusted,
      checkpointEvery: this.checkpointEvery,
      prevHash,
      fromSeq: from,
      checkpoints,
      anchors: options.anchors ?? [],
      lastRecordSeq: last,
    });
    const page = this.#db.prepare('SELECT * FROM audit_log WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT ?');
    let next = from;
    outer: while (next <= end) {
      const rows = page.all(next, end, PAGE) as Row[];
      if (rows.length === 0) break;
      for (const row of rows) {
        if (!verifier.push(recordFromRow(row))) break outer;
      }
      next = Number(rows[rows.length - 1]!.seq) + 1;
    }
    return verifier.finish(end);
  }

  async export(format: ExportFormat, filter: AuditFilter = {}): Promise<AuditExport> {
    this.#open();
    const records = this.querySync(filter);
    const first = records[0];
    const lastRec = records[records.length - 1];
    const verification =
      first && lastRec ? this.verifySync({ fromSeq: first.seq, toSeq: lastRec.seq }) : this.verifySync({});
    const content =
      format === 'csv'
        ? toCsv(records, verification)
        : toJson(this.stationId, records, verification, filter, this.#clock());
    return { format, content, recordCount: records.length, verification };
  }

  // ── outbox for the central forwarder ────────────────────────────────────────────────────────

  /** The forwarded high-water marks for a sink (0 when nothing was forwarded yet). */
  outboxState(sink: string): { forwardedSeq: number; forwardedCheckpointSeq: number } {
    this.#open();
    const row = this.#db
      .prepare('SELECT forwarded_seq, forwarded_checkpoint_seq FROM audit_outbox WHERE sink = ?')
      .get(sink) as Row | undefined;
    return {
      forwardedSeq: Number(row?.forwarded_seq ?? 0),
      forwardedCheckpointSeq: Number(row?.forwarded_checkpoint_seq ?? 0),
    };
  }

  outboxPending(sink: string, limit: number): { records: AuditRecord[]; checkpoints: Checkpoint[] } {
    const state = this.outboxState(sink);
    const records = (
      this.#db
        .prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?')
        .all(state.forwardedSeq, limit) as Row[]
    ).map(recordFromRow);
    const upTo = records.length ? records[records.length - 1]!.seq : state.forwardedSeq;
    const checkpoints = (
      this.#db
        .prepare('SELECT * FROM audit_checkpoint WHERE seq > ? AND seq <= ? ORDER BY seq')
        .all(state.forwardedCheckpointSeq, upTo) as Row[]
    ).map(checkpointFromRow);
    return { records, checkpoints };
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
    this.#closed = true;
    this.#db.close();
  }
}
