// The station's link to the central enrollment log (PostgreSQL), when the configuration names
// one. The local SQLite log stays the authority: an enrollment never waits for the central store.
// Records leave in the background as they are appended; whatever could not be sent stays in the
// local outbox and goes with the next station run or `station audit forward`.
import { AuditForwarder, type ForwarderStatus } from '../core/audit/forwarder.ts';
import { PostgresAuditSink } from '../core/audit/postgres-sink.ts';
import type { SqliteAuditLog } from '../core/audit/sqlite-log.ts';
import type { StationConfig } from '../core/config/config.ts';
import type { CentralAnchorInput } from '../station/audit.ts';
import { StationError } from '../core/errors/catalog.ts';
import type { AuditSink } from '../core/enrollment/ports.ts';

export interface CentralLog {
  /** the audit sink for the engine: appends locally, then wakes the forwarder */
  readonly audit: AuditSink;
  /** tries to send the backlog within `waitMs`, stops the forwarder and reports what is left */
  finish(waitMs?: number): Promise<ForwarderStatus>;
}

/**
 * The connection string (with its password) is read from the environment variable the
 * configuration names, so it never sits in the station file. Undefined when no central log is
 * configured.
 */
export function centralConnectionString(config: StationConfig): string | undefined {
  const name = config.audit.postgresUrlEnv;
  if (name === undefined) return undefined;
  const url = process.env[name];
  if (url === undefined || url === '') throw new StationError('CENTRAL_LOG_URL_MISSING', { variable: name });
  if (!/^postgres(ql)?:\/\//.test(url)) throw new StationError('CENTRAL_LOG_URL_INVALID', { variable: name });
  return url;
}

export function sinkFor(connectionString: string): PostgresAuditSink {
  // Short timeouts: a missing database must not hold up the operator; the outbox keeps the rest.
  return new PostgresAuditSink({
    connection: { connectionString, connectionTimeoutMillis: 2000, query_timeout: 10_000 },
    onIdleError: () => undefined,
  });
}

/**
 * The central copy as `verify` consults it (CLI and kiosk alike): each question opens its own
 * short-lived pool and closes it, so an auditor's check never leaves a connection behind.
 */
export function centralCopyFor(connectionString: string): CentralAnchorInput {
  const withSink = async <T>(body: (sink: PostgresAuditSink) => Promise<T>): Promise<T> => {
    const sink = sinkFor(connectionString);
    try {
      return await body(sink);
    } finally {
      await sink.close().catch(() => undefined);
    }
  };
  return {
    head: (stationId) => withSink((s) => s.head(stationId)),
    verify: (stationId, publicKey, every) => withSink((s) => s.verifyStation(stationId, publicKey, every)),
  };
}

export function startCentralLog(config: StationConfig, log: SqliteAuditLog): CentralLog | undefined {
  const url = centralConnectionString(config);
  if (url === undefined) return undefined;
  const sink = sinkFor(url);
  const forwarder = new AuditForwarder({ source: log, sink, pollIntervalMs: 500, maxBackoffMs: 2000 });
  forwarder.start();
  return {
    audit: {
      append: async (event) => {
        const record = await log.append(event);
        forwarder.notify();
        return record;
      },
    },
    finish: async (waitMs = 5000) => {
      await forwarder.stop();
      await Promise.race([
        forwarder.forwardOnce().catch(() => 0),
        new Promise((resolve) => setTimeout(resolve, waitMs).unref()),
      ]);
      const status = forwarder.status();
      await sink.close().catch(() => undefined);
      return status;
    },
  };
}
