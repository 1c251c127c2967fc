// What the application layer needs from the host it runs in. A composition root (cli/compose.ts for
// the headless station, electron/ for the kiosk) builds these once from the validated
// configuration; the use cases never import native/, sim/, electron or a front end.
import type { SqliteAuditLog } from '../core/audit/sqlite-log.ts';
import type { CertsrvClient } from '../core/ca/client.ts';
import type { Transport } from '../core/card/transport.ts';
import type { StationConfig } from '../core/config/config.ts';
import type { PreflightReport } from '../core/state/preflight.ts';
import type { AuditSink, CardRecords, ManagementKeyStore } from '../core/enrollment/ports.ts';
import type { ForwarderStatus } from '../core/audit/forwarder.ts';
import type { Secret } from '../core/enrollment/secret.ts';
import type {
  ReaderKindPort,
  TpmPort,
  VirtualCardManagerPort,
  WindowsVersionPort,
} from '../core/platform/index.ts';

export interface ReaderInfo {
  readonly name: string;
  readonly cardPresent: boolean;
  /** ATR of the card in the reader; empty when none */
  readonly atr: Uint8Array;
}

export type ReaderEvent =
  | { readonly kind: 'reader-added' | 'reader-removed' | 'card-removed'; readonly reader: string }
  | { readonly kind: 'card-inserted'; readonly reader: string; readonly atr: string }
  | { readonly kind: 'service-lost' | 'service-restored' };

/** PC/SC as the use cases see it: native/pcsc's PcscService implements it. */
export interface ReadersPort {
  /** starts watching; rejects with PCSC_UNAVAILABLE when the smart-card service is down */
  start(): Promise<void>;
  listReaders(): ReaderInfo[];
  connect(reader: string, options: { share: 'exclusive' | 'shared' }): Promise<Transport>;
  watch(listener: (e: ReaderEvent) => void): () => void;
  close(): Promise<void>;
}

/** The certsrv connection: the client, the CA certificates the station trusts, and cleanup. */
export interface CaConnection {
  readonly client: CertsrvClient;
  readonly trustAnchors: readonly Uint8Array[];
  close(): void;
}

/** The enrollment log, opened for writing, and its link to the central copy when configured. */
export interface AuditConnection {
  readonly log: SqliteAuditLog;
  /** appends locally, then wakes the central forwarder */
  readonly sink: AuditSink;
  /** delivers what it can within a moment, closes the log, and reports the central backlog */
  close(): Promise<ForwarderStatus | undefined>;
}

/** The operating system's side of TPM virtual smart cards (native/windows on Windows). */
export interface PlatformPort {
  readonly windows: WindowsVersionPort;
  readonly tpm: TpmPort;
  readonly virtualCards: VirtualCardManagerPort;
  readonly readerKinds: ReaderKindPort;
}

/** Who signs in to the CA instead of the station's configured account (self-enrollment). */
export interface CaCredentials {
  /** DOMAIN\\user */
  readonly account: string;
  /** absent: the operating system's logon session signs in (the kiosk's integrated authentication) */
  readonly password?: Secret;
}

export interface CaOptions {
  /** diagnose's Extended Protection probe only */
  readonly ntlmChannelBinding?: 'none';
  /** the employee's own domain account (self-enrollment); the station's account otherwise */
  readonly as?: CaCredentials;
}

export interface StationHost {
  readonly config: StationConfig;
  readonly readers: ReadersPort;
  connectCa(options?: CaOptions): CaConnection;
  /** the CA certificates the station trusts, read without signing in (verify-vsc) */
  trustAnchors?(): readonly Uint8Array[];
  openAudit(): AuditConnection;
  readonly keys: ManagementKeyStore;
  readonly records: (log: SqliteAuditLog) => CardRecords;
  /** a per-card lock held for a whole enrollment or recovery (throws CARD_BUSY) */
  lockCard(cardId: string): () => void;
  /** an enrollment journal's lock, held by the process running or recovering it */
  lockJournal(enrollmentId: string): () => void;
  /**
   * Checks every file and folder the station keeps before any PIN is asked or card touched
   * (damaged, unsafe or unwritable state is named, never found after issuance). Open journals
   * that cannot be read are reported, not refused: `recover` must still reach them.
   */
  checkState(): Promise<Pick<PreflightReport, 'damagedJournals'>>;
  /** who is at the station, for decisions recorded in the log (recover, abandon) */
  readonly actor: string;
  /** Windows version, TPM, virtual cards, reader kinds; absent when the station is not on Windows */
  readonly platform?: PlatformPort;
}
