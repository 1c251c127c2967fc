// After a crash, a power loss or a pending request: each open journal with what it shows and what
// the station will do (close, resume by ReqID, ask the operator), and — when the operator confirms,
// abandons or supplies a ReqID — doing it with the journal's own card, audited with who decided.
import { openEnrollableCard } from '../core/card/registry.ts';
import type { Transport } from '../core/card/transport.ts';
import { stationPaths } from '../core/config/config.ts';
import { certsrvAuthority } from '../core/enrollment/adapters/certsrv.ts';
import type { EnrollmentIO } from '../core/enrollment/engine.ts';
import { ABSENT_CARD } from '../core/enrollment/adapters/absent-card.ts';
import {
  pendingRecoveries,
  recover,
  type PendingRecovery,
  type RecoveryResult,
} from '../core/enrollment/recovery.ts';
import { Secret } from '../core/enrollment/secret.ts';
import { classifyReader } from '../core/platform/index.ts';
import { configuredPinPolicy, configuredSecrets, engineDeps } from './enroll.ts';
import type { AuditConnection, CaConnection, StationHost } from './ports.ts';
import { readerKind, VSC_DEFAULT_PIN } from './self-enroll.ts';

export interface RecoveryView {
  readonly enrollmentId: string;
  readonly plan: PendingRecovery['plan'];
  /** the step the run stopped in or after */
  readonly stoppedAt: string;
  readonly user: string | null;
  readonly reader: string | null;
  readonly cardId: string | null;
  readonly reqId: number | null;
  /** when the enrollment began (ISO 8601), a moment before its request reached the CA */
  readonly requestedAt: string | null;
  readonly pending: boolean;
  /** 'self': the employee enrolled their own card; they choose the new PIN when it is recovered */
  readonly mode: 'self' | 'on-behalf' | null;
  /**
   * Carrying out the plan may reach the PIN change (the CA may issue, the journal shows no PIN
   * change done): the holder's new PIN is asked before the card is touched, as enroll does.
   */
  readonly pinChangeAhead: boolean;
  /** the journal's reader and ATR are a TPM virtual card's: its PIN starts as tpmvscmgr's default */
  readonly virtualCard: boolean;
}

export async function recoveryPlans(host: StationHost, ca: CaConnection): Promise<PendingRecovery[]> {
  const authority = certsrvAuthority(ca.client);
  return pendingRecoveries(stationPaths(host.config).journalDir, (key) => authority.submission(key));
}

export function viewOf(p: PendingRecovery): RecoveryView {
  const s = p.state;
  const f = s.readable ? s.facts : {};
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  return {
    enrollmentId: s.id,
    plan: p.plan,
    stoppedAt: s.readable ? (s.inDoubt ?? [...s.done].at(-1) ?? 'start') : 'unknown',
    user: str(f.requesterName),
    reader: str(f.reader),
    cardId: str(f.cardId),
    reqId: typeof f.reqId === 'number' ? f.reqId : null,
    requestedAt: s.readable ? s.openedAt : null,
    pending: f.disposition === 'pending',
    mode: f.mode === 'self' ? 'self' : f.mode === 'on-behalf' ? 'on-behalf' : null,
    pinChangeAhead:
      (p.plan.action === 'resume' || p.plan.action === 'ask-operator') &&
      !(s.readable && s.done.has('pin-change')),
    virtualCard:
      typeof f.reader === 'string' &&
      typeof f.atr === 'string' &&
      classifyReader({ name: f.reader, atr: Uint8Array.from(Buffer.from(f.atr, 'hex')) }).kind ===
        'tpm-virtual',
  };
}

export type Decision = 'confirm' | 'abandon' | { readonly reqId: number };

/** Carries out one plan; the journal's reader (or `reader`) must hold the journal's card. */
export async function recoverOne(
  host: StationHost,
  conn: { ca: CaConnection; audit: AuditConnection },
  p: PendingRecovery,
  decision: Decision,
  io: EnrollmentIO,
  reader?: string,
  /** who decided, for the log: the host's actor unless the employee resumes their own (self-service) */
  decidedBy: string = host.actor,
): Promise<RecoveryResult> {
  const readerName = reader ?? viewOf(p).reader ?? host.config.card.targetReader;
  const present = host.readers.listReaders().find((r) => r.name === readerName && r.cardPresent);
  let transport: Transport | undefined;
  const secrets = configuredSecrets(host.config);
  const vscDefault = Secret.fromText(VSC_DEFAULT_PIN);
  try {
    transport = present ? await host.readers.connect(present.name, { share: 'exclusive' }) : undefined;
    const card = transport ? await openEnrollableCard(transport) : ABSENT_CARD;
    // a self-enrolled TPM virtual card starts on tpmvscmgr's default PIN, not the configured
    // transport PIN (station/self-enroll.ts): the resumed run verifies and changes that one
    const virtual =
      viewOf(p).mode === 'self' &&
      present !== undefined &&
      transport !== undefined &&
      (await readerKind(host, present.name, transport.atr)).kind === 'tpm-virtual';
    return await recover(
      p,
      { ...engineDeps(host, { ...conn, io }), card },
      {
        transportPin: virtual ? vscDefault : secrets.transportPin,
        transportPuk: secrets.transportPuk,
        factoryAdminKey: secrets.factoryAdminKey,
        pinPolicy: configuredPinPolicy(host.config),
        template: host.config.ca.template,
        decidedBy,
        ...(decision === 'confirm' ? {} : { decision }),
      },
    );
  } finally {
    secrets.wipe();
    vscDefault.wipe();
    await transport?.close('leave').catch(() => undefined);
  }
}
