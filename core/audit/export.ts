// CSV and JSON renderings of records together with the verification of the span they come from.
// CSV follows RFC 4180 (CRLF, quotes doubled, fields with , " CR LF quoted) and neutralises
// spreadsheet formulas: a cell starting with = + - @ (or tab/CR, which some spreadsheets strip
// first) gets a leading apostrophe, so a hostile reader name cannot run as a formula.
import { RECORD_FIELDS } from './record.ts';
import type { AuditRecord } from './record.ts';
import { column } from './columns.ts';
import type { RowProof, VerifyResult } from './verify.ts';
import type { AuditFilter } from './audit-log.ts';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (FORMULA_START.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * Per-row status. From a per-row proof: "verified-signed" (content matches its hash and its own
 * signature verifies), "unsigned", "broken:edited-row", "broken:bad-signature". From a chain walk:
 * "verified-signed" (covered by a valid signature), "verified-unsigned" (chain intact, after the
 * last signature), "broken:<kind>" for the first broken record, "unverified" after it.
 */
export function rowVerification(seq: number, v: VerifyResult, rows?: ReadonlyMap<number, RowProof>): string {
  const p = rows?.get(seq);
  if (p !== undefined)
    return p === 'signed'
      ? 'verified-signed'
      : p === 'unsigned'
        ? 'unsigned'
        : p === 'edited'
          ? 'broken:edited-row'
          : 'broken:bad-signature';
  if (v.firstBreak && seq >= v.firstBreak.seq)
    return seq === v.firstBreak.seq ? `broken:${v.firstBreak.kind}` : 'unverified';
  if (seq < v.fromSeq || seq > v.toSeq) return 'unverified';
  return seq <= v.signedThroughSeq ? 'verified-signed' : 'verified-unsigned';
}

export function toCsv(
  records: readonly AuditRecord[],
  v: VerifyResult,
  rows?: ReadonlyMap<number, RowProof>,
): string {
  const header = [...RECORD_FIELDS.map(column), 'verification'];
  const lines = [header.map(csvCell).join(',')];
  for (const r of records) {
    lines.push(
      [...RECORD_FIELDS.map((f) => csvCell(r[f])), csvCell(rowVerification(r.seq, v, rows))].join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

export interface JsonExport {
  readonly format: 'station-audit-export/v1';
  readonly stationId: string;
  readonly exportedAt: string;
  readonly filter: Record<string, unknown>;
  readonly verification: VerifyResult;
  readonly records: readonly (AuditRecord & { readonly verification: string })[];
}

export function toJson(
  stationId: string,
  records: readonly AuditRecord[],
  v: VerifyResult,
  filter: AuditFilter,
  now: Date,
  rows?: ReadonlyMap<number, RowProof>,
): string {
  const doc: JsonExport = {
    format: 'station-audit-export/v1',
    stationId,
    exportedAt: now.toISOString(),
    filter: Object.fromEntries(
      Object.entries(filter).map(([k, val]) => [k, val instanceof Date ? val.toISOString() : val]),
    ),
    verification: v,
    records: records.map((r) => ({ ...r, verification: rowVerification(r.seq, v, rows) })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
