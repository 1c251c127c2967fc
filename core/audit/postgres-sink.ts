// The central store: one PostgreSQL table for the records of many stations, keyed by
// (station_id, seq). Writes are idempotent: a record that is already there is skipped, but only if
// its hash is identical — a different record under the same key means one side was rewritten, and
// that is reported rather than silently kept or overwritten.
import pg from 'pg';
import type { KeyObject } from 'node:crypto';
import type { AuditFilter } from './audit-log.ts';
import { GENESIS_HASH, checkpointMessage } from './chain.ts';
import { publicKeyFingerprint, verifySignature } from './checkpoint-key.ts';
import { RECORD_COLUMNS, checkpointFromRow, recordFromRow, recordValues } from './columns.ts';
import type { Row } from './columns.ts';
import { AuditError } from './errors.ts';
import { buildWhere, limitOf } from './filter.ts';
import type { AuditRecord, Checkpoint } from './record.ts';
import { ChainVerifier } from './verify.ts';
import type { ChainAnchor, VerifyResult } from './verify.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS station_audit_log (
  station_id text NOT NULL, seq bigint NOT NULL CHECK (seq >= 1),
  schema_version integer NOT NULL, record_id text NOT NULL, ts text NOT NULL,
  enrollment_id text NOT NULL, action text NOT NULL, outcome text NOT NULL, error_code text, reason text,
  operator_upn text, agent_cert_thumbprint text, target_user text, reader text, card_edge text, card_atr text,
  card_serial text, card_guid text, cert_template text, ca_request_id bigint, cert_serial text,
  cert_thumbprint text, cert_not_before text, cert_not_after text, prev_hash text NOT NULL, hash text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (station_id, seq)
);
CREATE INDEX IF NOT EXISTS station_audit_log_ts ON station_audit_log (ts);
CREATE INDEX IF NOT EXISTS station_audit_log_target ON station_audit_log (target_user);
CREATE INDEX IF NOT EXISTS station_audit_log_operator ON station_audit_log (operator_upn);
CREATE INDEX IF NOT EXISTS station_audit_log_card ON station_audit_log (card_serial);
CREATE TABLE IF NOT EXISTS station_audit_checkpoint (
  station_id text NOT NULL, seq bigint NOT NULL, hash text NOT NULL, ts text NOT NULL,
  key_fingerprint text NOT NULL, signature text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (station_id, seq)
);
CREATE OR REPLACE FUNCTION station_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
DROP TRIGGER IF EXISTS station_audit_log_append_only ON station_audit_log;
CREATE TRIGGER station_audit_log_append_only BEFORE UPDATE OR DELETE ON station_audit_log
  FOR EACH ROW EXECUTE FUNCTION station_audit_append_only();
DROP TRIGGER IF EXISTS station_audit_checkpoint_append_only ON station_audit_checkpoint;
CREATE TRIGGER station_audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON station_audit_checkpoint
  FOR EACH ROW EXECUTE FUNCTION station_audit_append_only();
`;

const CP_COLUMNS = ['station_id', 'seq', 'hash', 'ts', 'key_fingerprint', 'signature'];
const PAGE = 5000;

export interface WriteResult {
  readonly inserted: number;
  /** already present with the same hash (a retry after a lost acknowledgement) */
  readonly duplicates: number;
}

export interface PostgresAuditSinkOptions {
  /** pg connection settings; the sink owns its pool */
  readonly connection: pg.PoolConfig;
  /** called for errors on idle connections (e.g. the server went away); they are otherwise ignored */
  readonly onIdleError?: (err: Error) => void;
}

function placeholders(rows: number, cols: number): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    out.push(`(${Array.from({ length: cols }, (_, c) => `$${r * cols + c + 1}`).join(', ')})`);
  }
  return out.join(', ');
}

export class PostgresAuditSink {
  readonly #pool: pg.Pool;
  #schemaReady = false;

  constructor(o: PostgresAuditSinkOptions) {
    this.#pool = new pg.Pool({
      connectionTimeoutMillis: 5000,
      query_timeout: 30_000,
      max: 4,
      ...o.connection,
    });
    // Without a listener, a server restart would crash the process via an unhandled 'error'.
    this.#pool.on('error', (err) => o.onIdleError?.(err));
  }

  async ensureSchema(): Promise<void> {
    if (this.#schemaReady) return;
    const c = await this.#pool.connect();
    const onError = (): void => undefined;
    c.on('error', onError);
    let broken: Error | undefined;
    try {
      await c.query('BEGIN');
      // Many stations may create the schema at once; serialise them.
      await c.query("SELECT pg_advisory_xact_lock(hashtext('station_audit_schema'))");
      await c.query(SCHEMA);
      await c.query('COMMIT');
      this.#schemaReady = true;
    } catch (err) {
      broken = err instanceof Error ? err : new Error(String(err));
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.off('error', onError);
      c.release(broken);
    }
  }

  /** Inserts records and checkpoints of one station in one transaction; idempotent per (station, seq). */
  async write(
    stationId: string,
    records: readonly AuditRecord[],
    checkpoints: readonly Checkpoint[],
  ): Promise<WriteResult> {
    await this.ensureSchema();
    for (const r of records)
      if (r.stationId !== stationId)
        throw new AuditError('AUDIT_VALIDATION', `record ${r.seq} is not from station ${stationId}`);
    const c = await this.#pool.connect();
    // A checked-out client has no pool listener; a server crash between queries would otherwise
    // surface as an unhandled 'error' event. The failing query rejects anyway.
    const onError = (): void => undefined;
    c.on('error', onError);
    let broken: Error | undefined;
    try {
      await c.query('BEGIN');
      let inserted = 0;
      if (records.length > 0) {
        const res = await c.query(
          `INSERT INTO station_audit_log (${RECORD_COLUMNS.join(', ')}) VALUES ${placeholders(records.length, RECORD_COLUMNS.length)}
           ON CONFLICT (station_id, seq) DO NOTHING RETURNING seq`,
          records.flatMap(recordValues),
        );
        inserted = res.rowCount ?? 0;
        if (inserted < records.length)
          await this.#checkSame(c, stationId, records, new Set(res.rows.map((r: Row) => Number(r.seq))));
      }
      if (checkpoints.length > 0) {
        await c.query(
          `INSERT INTO station_audit_checkpoint (${CP_COLUMNS.join(', ')}) VALUES ${placeholders(checkpoints.length, CP_COLUMNS.length)}
           ON CONFLICT (station_id, seq) DO NOTHING`,
          checkpoints.flatMap((k) => [k.stationId, k.seq, k.hash, k.ts, k.keyFingerprint, k.signature]),
        );
      }
      await c.query('COMMIT');
      return { inserted, duplicates: records.length - inserted };
    } catch (err) {
      broken = err instanceof Error ? err : new Error(String(err));
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      c.off('error', onError);
      // A client that failed is discarded rather than returned to the pool half-dead.
      c.release(broken);
    }
  }

  async #checkSame(
    c: pg.PoolClient,
    stationId: string,
    records: readonly AuditRecord[],
    fresh: Set<number>,
  ): Promise<void> {
    const existing = records.filter((r) => !fresh.has(r.seq));
    const res = await c.query(
      'SELECT seq, hash FROM station_audit_log WHERE station_id = $1 AND seq = ANY($2::bigint[])',
      [stationId, existing.map((r) => r.seq)],
    );
    const stored = new Map(res.rows.map((r: Row) => [Number(r.seq), String(r.hash)]));
    for (const r of existing) {
      if (stored.get(r.seq) !== r.hash) {
        throw new AuditError(
          'AUDIT_CENTRAL_CONFLICT',
          `station ${stationId} record ${r.seq} differs from the central copy: one of them was rewritten`,
        );
      }
    }
  }

  /** The central copy's last record of a station: an anchor for the station's local verify(). */
  async head(stationId: string): Promise<ChainAnchor | null> {
    await this.ensureSchema();
    const res = await this.#pool.query(
      'SELECT seq, hash FROM station_audit_log WHERE station_id = $1 ORDER BY seq DESC LIMIT 1',
      [stationId],
    );
    const row = res.rows[0] as Row | undefined;
    return row ? { seq: Number(row.seq), hash: String(row.hash) } : null;
  }

  async query(filter: AuditFilter & { stationId?: string } = {}): Promise<AuditRecord[]> {
    await this.ensureSchema();
    const where = buildWhere(
      filter,
      (n) => `$${n}`,
      filter.stationId !== undefined ? [['station_id', filter.stationId]] : [],
    );
    const limit = limitOf(filter, 10_000);
    const res = await this.#pool.query(
      `SELECT * FROM station_audit_log ${where.sql} ORDER BY ts, station_id, seq LIMIT ${limit}`,
      where.params,
    );
    return res.rows.map(recordFromRow);
  }

  /** Per-station record counts, e.g. for reconciliation with the stations' own logs. */
  async counts(): Promise<Map<string, number>> {
    await this.ensureSchema();
    const res = await this.#pool.query(
      'SELECT station_id, count(*)::int AS n FROM station_audit_log GROUP BY station_id',
    );
    return new Map(res.rows.map((r: Row) => [String(r.station_id), Number(r.n)]));
  }

  /** Verifies one station's chain as held centrally, with that station's pinned public key. */
  async verifyStation(
    stationId: string,
    publicKey: KeyObject,
    checkpointEvery: number,
  ): Promise<VerifyResult> {
    await this.ensureSchema();
    const cps = await this.#pool.query('SELECT * FROM station_audit_checkpoint WHERE station_id = $1', [
      stationId,
    ]);
    const head = await this.head(stationId);
    const checkpoints = cps.rows.map(checkpointFromRow);
    // The signed genesis (checkpoint 0) is what record 1 chains to; logs of older versions have none.
    const genesis = checkpoints.find((c) => c.seq === 0);
    const verifier = new ChainVerifier({
      stationId,
      publicKey,
      checkpointEvery,
      prevHash: genesis?.hash ?? GENESIS_HASH,
      fromSeq: 1,
      checkpoints: checkpoints.filter((c) => c.seq > 0),
      lastRecordSeq: head?.seq ?? 0,
    });
    if (
      !genesis ||
      genesis.keyFingerprint !== publicKeyFingerprint(publicKey) ||
      !verifySignature(publicKey, checkpointMessage(genesis), genesis.signature)
    )
      verifier.fail(
        0,
        'bad-genesis',
        `the central copy holds no genesis of station ${stationId} signed by the pinned key`,
      );
    let next = 1;
    outer: for (;;) {
      const res = await this.#pool.query(
        'SELECT * FROM station_audit_log WHERE station_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3',
        [stationId, next, PAGE],
      );
      if (res.rows.length === 0 || verifier.broken) break;
      for (const row of res.rows) if (!verifier.push(recordFromRow(row as Row))) break outer;
      next = Number((res.rows[res.rows.length - 1] as Row).seq) + 1;
    }
    return verifier.finish(head?.seq ?? 0);
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
