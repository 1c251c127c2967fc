// The contract the enrollment engine and the CLI depend on. The embedded SQLite log implements it;
// anything else (a utilityProcess proxy, a test double) must keep the same promises:
//   append resolves only after the record is durable, and rejects with an AuditError otherwise.
import type { AuditEvent, AuditOutcome, AuditRecord, Checkpoint } from './record.ts';
import type { ChainAnchor, RecordsProof, VerifyRange, VerifyResult } from './verify.ts';

export interface AuditFilter {
  /** inclusive lower bound on ts (Date or RFC 3339) */
  readonly from?: Date | string;
  /** exclusive upper bound on ts */
  readonly to?: Date | string;
  readonly operatorUpn?: string;
  readonly targetUser?: string;
  /** matches the card serial or the card GUID */
  readonly card?: string;
  readonly outcome?: AuditOutcome;
  /** the certificate template named in the record */
  readonly template?: string;
  readonly action?: string;
  readonly enrollmentId?: string;
  readonly fromSeq?: number;
  readonly toSeq?: number;
  /** default 10 000 for query(); export has no default limit */
  readonly limit?: number;
  /** rows to skip (paging); with limit */
  readonly offset?: number;
}

export type ExportFormat = 'csv' | 'json';

export interface AuditExport {
  readonly format: ExportFormat;
  readonly content: string;
  readonly recordCount: number;
  /** the proof of the exported records (each row on its own, the genesis and the head), as a result */
  readonly verification: VerifyResult;
  /** per-row proof */
  readonly proof: RecordsProof;
}

export interface AuditVerifyOptions extends VerifyRange {
  /** externally held (seq, hash) pairs, e.g. the central copy's head */
  readonly anchors?: readonly ChainAnchor[];
}

export interface AuditLog {
  readonly stationId: string;
  /** Validates, chains, commits durably; resolves with the stored record. Rejects with AuditError. */
  append(event: AuditEvent): Promise<AuditRecord>;
  query(filter?: AuditFilter): Promise<AuditRecord[]>;
  verify(options?: AuditVerifyOptions): Promise<VerifyResult>;
  export(format: ExportFormat, filter?: AuditFilter): Promise<AuditExport>;
  /** Signs the current head now (e.g. at end of shift or before export). Null on an empty log. */
  checkpoint(): Promise<Checkpoint | null>;
  close(): void;
}
