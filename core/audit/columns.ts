// Column names shared by the SQLite and PostgreSQL stores: snake_case of the record fields.
import { RECORD_FIELDS } from './record.ts';
import type { AuditRecord, Checkpoint } from './record.ts';

export function column(field: string): string {
  return field.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
}

export const RECORD_COLUMNS: readonly string[] = RECORD_FIELDS.map(column);

export type Row = Record<string, unknown>;

function str(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}

function num(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

/** Builds a record from a row keyed by column name (SQLite and pg both return such rows). */
export function recordFromRow(row: Row): AuditRecord {
  return {
    schemaVersion: Number(row.schema_version),
    seq: Number(row.seq),
    recordId: String(row.record_id),
    ts: String(row.ts),
    stationId: String(row.station_id),
    enrollmentId: String(row.enrollment_id),
    action: String(row.action) as AuditRecord['action'],
    outcome: String(row.outcome) as AuditRecord['outcome'],
    errorCode: str(row.error_code),
    reason: str(row.reason),
    operatorUpn: str(row.operator_upn),
    agentCertThumbprint: str(row.agent_cert_thumbprint),
    targetUser: str(row.target_user),
    reader: str(row.reader),
    cardEdge: str(row.card_edge) as AuditRecord['cardEdge'],
    cardAtr: str(row.card_atr),
    cardSerial: str(row.card_serial),
    cardGuid: str(row.card_guid),
    certTemplate: str(row.cert_template),
    caRequestId: num(row.ca_request_id),
    certSerial: str(row.cert_serial),
    certThumbprint: str(row.cert_thumbprint),
    certNotBefore: str(row.cert_not_before),
    certNotAfter: str(row.cert_not_after),
    prevHash: String(row.prev_hash),
    hash: String(row.hash),
  };
}

export function recordValues(r: AuditRecord): (string | number | null)[] {
  return RECORD_FIELDS.map((f) => r[f]);
}

export function checkpointFromRow(row: Row): Checkpoint {
  return {
    seq: Number(row.seq),
    hash: String(row.hash),
    ts: String(row.ts),
    stationId: String(row.station_id),
    keyFingerprint: String(row.key_fingerprint),
    signature: String(row.signature),
  };
}
