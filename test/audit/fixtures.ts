// Shared helpers for the audit tests: temp dirs, a log factory and plausible events.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { loadCheckpointKey } from '../../core/audit/checkpoint-key.ts';
import { SqliteAuditLog } from '../../core/audit/sqlite-log.ts';
import type { SqliteAuditLogOptions } from '../../core/audit/sqlite-log.ts';
import type { AuditEvent } from '../../core/audit/record.ts';

export interface TempDir {
  readonly dir: string;
  file(name: string): string;
  remove(): void;
}

export function tempDir(prefix = 'station-audit-'): TempDir {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, file: (n) => path.join(dir, n), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openLog(t: TempDir, o: Partial<SqliteAuditLogOptions> = {}): SqliteAuditLog {
  return new SqliteAuditLog({
    path: t.file('audit.db'),
    keyPath: t.file('keys/checkpoint.key'),
    stationId: 'kiosk-01',
    checkpointEvery: 10,
    ...o,
  });
}

/**
 * The log as an auditor opens it: read-only, checkpoints checked with the key pinned from the
 * station's key file (what `station audit key` hands out), never written to.
 */
export function openForReview(t: TempDir, o: Partial<SqliteAuditLogOptions> = {}): SqliteAuditLog {
  return new SqliteAuditLog({
    path: t.file('audit.db'),
    readOnly: true,
    trustedPublicKey: loadCheckpointKey(t.file('keys/checkpoint.key')).publicKey,
    ...o,
  });
}

/** Runs the sqlite3 CLI on the file, as an attacker with write access to the data folder would. */
export function sqlite3(file: string, sql: string): string {
  return execFileSync('sqlite3', [file], { input: sql, encoding: 'utf8' });
}

let n = 0;
export function event(overrides: Partial<AuditEvent> = {}): AuditEvent {
  n++;
  return {
    enrollmentId: randomUUID(),
    action: 'CERT_ISSUED',
    outcome: 'success',
    operator: { upn: 'alice.admin@corp.example', agentCertThumbprint: 'a'.repeat(40) },
    targetUser: `user${n % 5}@corp.example`,
    reader: 'Virtual PCD 00 00',
    card: { edge: 'piv', atr: '3bf81300008131fe15597562696b657934d4', serial: `${10000 + (n % 7)}` },
    certificate: {
      template: 'SmartcardUser',
      caRequestId: 100 + n,
      serial: '1a2b3c4d',
      thumbprint: 'b'.repeat(40),
      notBefore: '2025-01-01T00:00:00Z',
      notAfter: '2026-01-01T00:00:00Z',
    },
    ...overrides,
  };
}

export async function appendMany(
  log: SqliteAuditLog,
  count: number,
  f: (i: number) => Partial<AuditEvent> = () => ({}),
): Promise<void> {
  for (let i = 0; i < count; i++) await log.append(event(f(i)));
}
