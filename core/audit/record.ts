// The enrollment-log record: one per event, flat so that every field is a column (indexable in
// SQLite and PostgreSQL, one CSV cell each). There is deliberately no field that could hold a
// PIN, PUK, management key or private key; see secret-guard.ts for free-text fields.

export const SCHEMA_VERSION = 1;

/** Event types (landscape.md §4.3, item 7), plus the enrollment bracket events. */
export const AUDIT_ACTIONS = [
  'ENROLLMENT_STARTED',
  'ENROLLMENT_FINISHED',
  'SESSION_START',
  'SESSION_END',
  'OPERATOR_LOGON',
  'CARD_INSERTED',
  'CARD_IDENTIFIED',
  'CARD_RESET',
  'ADMIN_AUTHENTICATED',
  'MGMT_KEY_SET',
  'KEYGEN',
  'ATTESTATION_VERIFIED',
  'CSR_CREATED',
  'EOBO_SIGNED',
  'CERTSRV_SUBMIT',
  'CERT_ISSUED',
  'CERT_PENDING',
  'CERT_DENIED',
  'CERT_CHECKED',
  'CERT_INSTALLED',
  'DEFAULT_PIN_DETECTED',
  'PIN_POLICY_REJECTED',
  'PIN_SET',
  'PIN_CHANGED',
  'PUK_SET',
  'PUK_BLOCKED',
  'PIN_UNBLOCK',
  'CARD_PROVED',
  'VSC_CREATED',
  'VSC_DESTROYED',
  'REVOKE',
  'RETIRE',
  'APPROVAL_GRANTED',
  'APPROVAL_DENIED',
  'CONFIG_CHANGED',
  'LOG_EXPORTED',
  'LOG_VERIFIED',
  'LOG_FAILURE',
  // the enrollment step table (core/enrollment/steps.ts) and its compensations
  'PIN_CHECKED',
  'CARD_PERSONALISED',
  'PIN_CHANGE_SKIPPED',
  'KEY_DESTROYED',
  'CERT_TO_BE_REVOKED',
  'RECOVERY_DECIDED',
  // `recover --dry-run`: the plans were listed, nothing was carried out
  'RECOVERY_REVIEWED',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** 'started' is the write-ahead intent logged before a card or CA is touched. */
export const AUDIT_OUTCOMES = ['started', 'success', 'failure', 'aborted'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const CARD_EDGES = ['piv', 'gids', 'vsc', 'other'] as const;
export type CardEdge = (typeof CARD_EDGES)[number];

/** What the caller hands to append(): grouped by who / for whom / what / where / card / cert. */
export interface AuditEvent {
  /** groups all events of one enrollment (one cardholder visit); a UUID */
  readonly enrollmentId: string;
  readonly action: AuditAction;
  readonly outcome: AuditOutcome;
  /** stable error code or HRESULT, e.g. "CA_DENIED" or "0x80094012" */
  readonly errorCode?: string;
  /** short human explanation; guarded against secrets */
  readonly reason?: string;
  readonly operator?: {
    /** operator UPN, e.g. alice.admin@corp.example */
    readonly upn: string;
    /** SHA-1 (40 hex) or SHA-256 (64 hex) thumbprint of the Enrollment Agent certificate */
    readonly agentCertThumbprint?: string;
  };
  /** the cardholder: UPN or DOMAIN\user */
  readonly targetUser?: string;
  /** PC/SC reader name */
  readonly reader?: string;
  readonly card?: {
    readonly edge: CardEdge;
    /** answer-to-reset, hex */
    readonly atr?: string;
    readonly serial?: string;
    /** card UUID/GUID (CHUID GUID, GIDS card id, VSC instance id) */
    readonly guid?: string;
  };
  readonly certificate?: {
    readonly template?: string;
    /** certsrv Request ID */
    readonly caRequestId?: number;
    /** certificate serial number, hex */
    readonly serial?: string;
    readonly thumbprint?: string;
    /** RFC 3339 UTC */
    readonly notBefore?: string;
    readonly notAfter?: string;
  };
}

/** A stored record: the event flattened, plus what the log assigns (seq, time, chain). */
export interface AuditRecord {
  readonly schemaVersion: number;
  /** 1, 2, 3 … per station, no gaps */
  readonly seq: number;
  /** UUIDv7 */
  readonly recordId: string;
  /** RFC 3339 UTC with milliseconds, from the station clock */
  readonly ts: string;
  readonly stationId: string;
  readonly enrollmentId: string;
  readonly action: AuditAction;
  readonly outcome: AuditOutcome;
  readonly errorCode: string | null;
  readonly reason: string | null;
  readonly operatorUpn: string | null;
  readonly agentCertThumbprint: string | null;
  readonly targetUser: string | null;
  readonly reader: string | null;
  readonly cardEdge: CardEdge | null;
  readonly cardAtr: string | null;
  readonly cardSerial: string | null;
  readonly cardGuid: string | null;
  readonly certTemplate: string | null;
  readonly caRequestId: number | null;
  readonly certSerial: string | null;
  readonly certThumbprint: string | null;
  readonly certNotBefore: string | null;
  readonly certNotAfter: string | null;
  /** hash of record seq-1, or the genesis value for seq 1 (see chain.ts) */
  readonly prevHash: string;
  /** SHA-256 over the canonical encoding of this record and prevHash, hex */
  readonly hash: string;
}

/** Fields covered by the hash, in the order the canonical encoding lists them. Never reorder. */
export const HASHED_FIELDS = [
  'schemaVersion',
  'seq',
  'recordId',
  'ts',
  'stationId',
  'enrollmentId',
  'action',
  'outcome',
  'errorCode',
  'reason',
  'operatorUpn',
  'agentCertThumbprint',
  'targetUser',
  'reader',
  'cardEdge',
  'cardAtr',
  'cardSerial',
  'cardGuid',
  'certTemplate',
  'caRequestId',
  'certSerial',
  'certThumbprint',
  'certNotBefore',
  'certNotAfter',
] as const satisfies readonly (keyof AuditRecord)[];

export type HashedFields = Pick<AuditRecord, (typeof HASHED_FIELDS)[number]>;

/** All stored fields (hashed ones, then the chain), the column order of exports. */
export const RECORD_FIELDS = [...HASHED_FIELDS, 'prevHash', 'hash'] as const;

/** A signed statement "the log of station S had record seq with hash H". */
export interface Checkpoint {
  readonly seq: number;
  readonly hash: string;
  readonly ts: string;
  readonly stationId: string;
  /** SHA-256 of the signing public key (SPKI DER), hex */
  readonly keyFingerprint: string;
  /** Ed25519 signature over checkpointMessage(), base64 */
  readonly signature: string;
}
