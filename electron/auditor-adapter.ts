// The auditor screens' port over the application layer: station/audit.ts (verify, export, cards:
// the use cases `station audit …` runs) and station/auditor.ts (rows per enrollment, counts,
// the auditor's medium), mapped to the views that cross the bridge. Everything reads the log
// read-only; the only writes are the review records the CLI writes too (LOG_VERIFIED,
// LOG_EXPORTED) and the export files on the auditor's medium.
import { centralConnectionString, centralCopyFor } from '../cli/central-log.ts';
import { stationPaths, type StationConfig } from '../core/config/config.ts';
import { StationError, type Language } from '../core/errors/catalog.ts';
import { audit, auditor } from '../station/index.ts';
import { auditReportPdf } from './audit-report-pdf.ts';
import type {
  AuditCardsView,
  AuditCentralCopyView,
  AuditEventView,
  AuditExportView,
  AuditKeysView,
  AuditOverviewView,
  AuditVerifyView,
  EnrollmentPageView,
} from './ipc-contract.ts';
import type { ParsedFilter } from './validate-audit.ts';

export const LOG_PAGE = 50;

export interface AuditorReads {
  log(filter: ParsedFilter, afterSeq?: number): Promise<EnrollmentPageView>;
  events(enrollmentId: string): Promise<readonly AuditEventView[]>;
  keys(): Promise<AuditKeysView>;
  verify(keyFile: string): Promise<AuditVerifyView>;
  cards(keyFile: string): Promise<AuditCardsView>;
  overview(filter: ParsedFilter): Promise<AuditOverviewView>;
  export(
    format: 'csv' | 'json' | 'pdf',
    filter: ParsedFilter,
    keyFile: string,
    who: { readonly auditor: string; readonly language: Language },
  ): Promise<AuditExportView>;
}

function central(config: StationConfig): audit.CentralAnchorInput | undefined {
  const url = centralConnectionString(config);
  return url === undefined ? undefined : centralCopyFor(url);
}

function centralCopyView(c: audit.CentralCopyCheck): AuditCentralCopyView {
  if (c.state !== 'checked') return { state: c.state };
  const b = c.firstBreak;
  return {
    state: 'checked',
    verdict: c.verdict,
    firstBreak: b === null ? null : { seq: b.seq, kind: b.kind },
    recordsChecked: c.recordsChecked,
    lastRecordSeq: c.lastRecordSeq,
    behind: c.behind,
  };
}

const stamp = (d: Date): string =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.(\d+)Z$/, '$1Z');

export function auditorReads(config: StationConfig): AuditorReads {
  const db = stationPaths(config).auditDb;
  const media = (): string => {
    if (config.auditor === undefined) throw new StationError('AUDITOR_NOT_CONFIGURED');
    return config.auditor.mediaFolder;
  };
  const key = (file: string): auditor.PinnedKey => auditor.pinnedKey(media(), file);
  const source = { db, stationId: config.stationId };
  return {
    log: async (filter, afterSeq) =>
      auditor.enrollmentRows({
        ...source,
        filter,
        limit: LOG_PAGE,
        ...(afterSeq === undefined ? {} : { afterSeq }),
      }),
    events: async (enrollmentId) =>
      auditor.enrollmentEvents(source, enrollmentId).map(({ record: r, proof }) => ({
        seq: r.seq,
        ts: r.ts,
        action: r.action,
        outcome: r.outcome,
        errorCode: r.errorCode,
        reason: r.reason,
        operator: r.operatorUpn,
        reader: r.reader,
        card: r.cardSerial ?? r.cardGuid,
        reqId: r.caRequestId,
        certSerial: r.certSerial,
        proof,
      })),
    keys: async () => ({
      folder: media(),
      keys: auditor.pinnedKeys(media()).map(({ file, fingerprint }) => ({ file, fingerprint })),
    }),
    verify: async (keyFile) => {
      const pinned = key(keyFile);
      const c = central(config);
      const r = await audit.verifyLog({
        ...source,
        publicKeyPem: pinned.pem,
        ...(c === undefined ? {} : { central: c }),
      });
      const b = r.verification.firstBreak;
      return {
        verdict: r.verdict,
        keyFingerprint: pinned.fingerprint,
        recordsChecked: r.verification.recordsChecked,
        lastRecordSeq: r.verification.lastRecordSeq,
        firstBreak: b === null ? null : { seq: b.seq, kind: b.kind },
        central: r.central.state,
        centralCopy: centralCopyView(r.centralCopy),
        head: audit.formatHead(r.head),
      };
    },
    cards: async (keyFile) => {
      const r = audit.cardsReport({ ...source, publicKeyPem: key(keyFile).pem });
      return {
        verdict: r.verification.verdict,
        cards: r.cards.map((c) => ({
          card: c.card,
          state: c.state,
          holder: c.targetUser,
          ts: c.ts,
          certificateSerial: c.certificateSerial,
          proof: c.proof,
        })),
      };
    },
    overview: async (filter) => auditor.overview({ ...source, filter }),
    export: async (format, filter, keyFile, who) => {
      const pinned = key(keyFile);
      const now = new Date();
      const base = `audit-${config.stationId}-${stamp(now)}`;
      if (format !== 'pdf') {
        const r = await audit.exportRecords({ ...source, publicKeyPem: pinned.pem, format, filter });
        const file = auditor.writeToMedia(media(), `${base}.${format}`, r.content);
        return { file, records: r.recordCount, verdict: r.verdict, keyFingerprint: pinned.fingerprint };
      }
      // the PDF lists what the JSON export holds, with the same proof and the same review record
      const r = await audit.exportRecords({
        ...source,
        publicKeyPem: pinned.pem,
        format: 'json',
        filter,
        record: false,
      });
      const records = (JSON.parse(r.content) as { records: audit.AuditRecord[] }).records;
      const pdf = await auditReportPdf({
        language: who.language,
        stationId: config.stationId,
        auditor: who.auditor,
        generated: now.toISOString(),
        filter: Object.entries(filter).map(([k, v]) => `${k} = ${String(v)}`),
        verdict: r.verdict,
        keyFingerprint: pinned.fingerprint,
        records,
      });
      const file = auditor.writeToMedia(media(), `${base}.pdf`, pdf);
      audit.recordReview(db, {
        action: 'LOG_EXPORTED',
        outcome: 'success',
        errorCode: r.verdict,
        reason: `pdf export of ${r.recordCount} records, ${r.verification.checkpointsChecked} proven by their signature`,
      });
      return { file, records: r.recordCount, verdict: r.verdict, keyFingerprint: pinned.fingerprint };
    },
  };
}
