// Self-enrollment: the employee enrolls their own card — a TPM virtual smart card made on their
// Windows 8+ computer, or a blank physical PIV/GIDS card in a reader — signed in to the CA with
// their own domain account, with no Enrollment Agent (engine mode 'self'). The platform is checked
// first (Windows version, TPM), the virtual card created when asked, then the same engine as the
// operator flow runs: key generated on the card, CSR signed on it, submitted for the configured
// template as the employee, certificate checked and written, PIN forced off the default, proof.
// The log gets the virtual card's instance and the TPM facts in the enrollment's opening record.
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { AuditEvent } from '../core/audit/record.ts';
import { openEnrollableCard } from '../core/card/registry.ts';
import type { Transport } from '../core/card/transport.ts';
import { enroll, type EnrollmentIO, type EnrollmentResult } from '../core/enrollment/engine.ts';
import type { AuditSink } from '../core/enrollment/ports.ts';
import type { RecoveryResult } from '../core/enrollment/recovery.ts';
import { Secret } from '../core/enrollment/secret.ts';
import { StationError } from '../core/errors/catalog.ts';
import {
  classifyReader,
  requireVirtualSmartCardSupport,
  tpmProblems,
  type ClassifiedReader,
  type TpmState,
  type WindowsVersion,
} from '../core/platform/index.ts';
import { connectWhenFree } from './cards.ts';
import { configuredPinPolicy, configuredSecrets, engineDeps } from './enroll.ts';
import type { AuditConnection, CaConnection, PlatformPort, StationHost } from './ports.ts';
import { recoverOne, viewOf, type RecoveryView } from './recover.ts';
import type { PendingRecovery } from '../core/enrollment/recovery.ts';

/** tpmvscmgr /PIN DEFAULT: the PIN every new virtual card has, which the holder must leave. */
export const VSC_DEFAULT_PIN = '12345678';

export interface SelfEnrollInput {
  /** the reader of the card; absent: the virtual card just created, or the one blank card present */
  readonly reader?: string;
  /** make a new TPM virtual smart card first (tpmvscmgr create, through the elevated helper) */
  readonly create: boolean;
  /** the employee's own account, DOMAIN\user */
  readonly account: string;
  readonly upn: string;
  readonly email?: string;
}

export interface PlatformFacts {
  readonly windows: WindowsVersion;
  readonly tpm: TpmState;
}

export interface SelfEnrollResult extends EnrollmentResult {
  readonly reader: string;
  readonly readerKind: ClassifiedReader['kind'];
  /** the virtual card made for this enrollment (tpmvscmgr instance id) */
  readonly instanceId?: string;
  readonly platform?: PlatformFacts;
}

/** Windows 8+ and a TPM that can hold a virtual card, or the first reason why not. */
export async function checkPlatform(platform: PlatformPort | undefined): Promise<PlatformFacts> {
  if (platform === undefined) throw new StationError('WINDOWS_TOO_OLD', { found: 'not Windows' });
  const windows = requireVirtualSmartCardSupport(await platform.windows.windowsVersion());
  const tpm = await platform.tpm.tpmState();
  const problem = tpmProblems(tpm)[0];
  if (problem !== undefined) throw new StationError(problem.code, { detail: problem.detail });
  return { windows, tpm };
}

/** The reader's kind from every hint the platform has (WinRT kind on Windows, name and ATR). */
export async function readerKind(
  host: StationHost,
  reader: string,
  atr: Uint8Array,
): Promise<ClassifiedReader> {
  const facts = (await host.platform?.readerKinds.readers())?.find((r) => r.name === reader);
  return classifyReader({ ...(facts ?? { name: reader }), name: reader, atr });
}

/** What goes in the log about the platform: versions and TPM state, never a secret. */
export function platformReason(facts: PlatformFacts | undefined, instanceId: string | undefined): string {
  if (facts === undefined) return 'self-enrollment of a physical card';
  const { windows: w, tpm: t } = facts;
  return [
    'self-enrollment',
    instanceId === undefined ? 'existing virtual card' : `virtual card ${instanceId}`,
    `Windows ${w.major}.${w.minor}.${w.build} ${w.productType}`,
    `TPM ${t.family ?? 'unknown'}${t.manufacturer ? ` ${t.manufacturer}` : ''} spec ${t.specVersion ?? 'unknown'}`,
    `present=${t.present} ready=${t.ready} enabled=${t.enabled} activated=${t.activated} owned=${t.owned}`,
  ]
    .join('; ')
    .slice(0, 400);
}

/** Adds the platform facts to the record that opens this enrollment's bracket. */
function withOpeningReason(sink: AuditSink, enrollmentId: string, reason: string): AuditSink {
  return {
    append: (event: AuditEvent) =>
      sink.append(
        event.enrollmentId === enrollmentId &&
          event.action === 'ENROLLMENT_STARTED' &&
          event.reason === undefined
          ? { ...event, reason }
          : event,
      ),
  };
}

/** A new card appears in its reader a moment after tpmvscmgr returns (pcscd polls). */
async function waitForNewCard(
  host: StationHost,
  before: ReadonlySet<string>,
  timeoutMs = 15_000,
): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const fresh = host.readers
      .listReaders()
      .filter((r) => r.cardPresent && !before.has(r.name))
      .map((r) => r.name);
    if (fresh.length === 1 && fresh[0] !== undefined) return fresh[0];
    if (Date.now() > until)
      throw new StationError('NO_CARD', { readers: host.readers.listReaders().map((r) => r.name) });
    await delay(100);
  }
}

function pickReader(host: StationHost): string {
  const present = host.readers.listReaders().filter((r) => r.cardPresent);
  if (present.length === 1 && present[0] !== undefined) return present[0].name;
  if (present.length === 0)
    throw new StationError('NO_CARD', { readers: host.readers.listReaders().map((r) => r.name) });
  throw new StationError('BAD_INPUT', {
    field: 'reader',
    problem: `more than one card is inserted (${present.map((r) => r.name).join(', ')}); name the reader`,
  });
}

/** The holder cannot skip the PIN change here: a card on 12345678 is not enrolled. */
export function pinChangeRequired(io: EnrollmentIO): EnrollmentIO {
  return {
    ...(io.onProgress ? { onProgress: io.onProgress } : {}),
    askNewPin: async (policy, rejected) => {
      const answer = await io.askNewPin(policy, rejected);
      if (answer === 'skip')
        throw new StationError('BAD_INPUT', {
          field: 'new PIN',
          problem: 'a self-enrolled card must leave the default PIN',
        });
      return answer;
    },
  };
}

export async function selfEnroll(
  host: StationHost,
  conn: { ca: CaConnection; audit: AuditConnection },
  input: SelfEnrollInput,
  io: EnrollmentIO,
): Promise<SelfEnrollResult> {
  const config = host.config;
  let platform: PlatformFacts | undefined;
  let instanceId: string | undefined;
  let reader = input.reader;
  if (input.create) platform = await checkPlatform(host.platform);
  // the employee signs in before anything is made or generated: a wrong password leaves no
  // virtual card and no key behind (CA_AUTH_FAILED)
  await conn.ca.client.checkCredentials();
  if (input.create) {
    const before = new Set(
      host.readers
        .listReaders()
        .filter((r) => r.cardPresent)
        .map((r) => r.name),
    );
    const made = await (host.platform as PlatformPort).virtualCards.create({
      name: 'Station VSC',
      pin: 'default',
      // the station replaces the default admin key with its own random one in the admin-key step
      adminKey: 'default',
      generate: true,
    });
    instanceId = made.instanceId;
    reader ??= await waitForNewCard(host, before);
  }
  reader ??= pickReader(host);
  const secrets = configuredSecrets(config);
  let transport: Transport | undefined;
  try {
    transport = await connectWhenFree(host.readers, reader);
    const kind = await readerKind(host, reader, transport.atr);
    if (kind.kind === 'windows-hello' || kind.kind === 'unknown')
      throw new StationError('VSC_READER_NOT_TPM', { reader, kind: kind.kind, reason: kind.reason });
    // a virtual card needs a platform that holds one (checked before any PIN); a physical card not
    if (kind.kind === 'tpm-virtual') platform ??= await checkPlatform(host.platform);
    const virtual = kind.kind === 'tpm-virtual';
    const card = await openEnrollableCard(transport);
    const enrollmentId = randomUUID();
    const defaultPin = Secret.fromText(VSC_DEFAULT_PIN);
    try {
      const transportPin = virtual ? defaultPin : secrets.transportPin;
      const deps = engineDeps(host, { ...conn, io: pinChangeRequired(io) });
      const result = await enroll(
        {
          id: enrollmentId,
          mode: 'self',
          requesterName: input.account,
          upn: input.upn,
          ...(input.email === undefined ? {} : { email: input.email }),
          template: config.ca.template,
          keyAlgorithm: card.edge === 'gids' ? 'RSA' : config.card.keyAlgorithm,
          reissue: false,
          transportPin,
          factoryPin: virtual ? defaultPin : secrets.factoryPin,
          transportPuk: secrets.transportPuk,
          factoryAdminKey: secrets.factoryAdminKey,
          pinPolicy: configuredPinPolicy(config),
        },
        {
          ...deps,
          audit: withOpeningReason(deps.audit, enrollmentId, platformReason(platform, instanceId)),
          card,
        },
      );
      return {
        ...result,
        reader,
        readerKind: kind.kind,
        ...(instanceId === undefined ? {} : { instanceId }),
        ...(platform === undefined ? {} : { platform }),
      };
    } finally {
      defaultPin.wipe();
    }
  } finally {
    secrets.wipe();
    await transport?.close('leave').catch(() => undefined);
  }
}

/** The employee's account as typed (DOMAIN\\user): the holder rule every enrollment uses. */
export { validateAccount } from '../core/enrollment/holder.ts';

/**
 * One of this employee's own self-enrollments waiting for CA manager approval: journaled by this
 * station as a self-enrollment (not an operator's on-behalf one) for this account (down-level
 * names compare without case, as Windows compares them), with its ReqID.
 */
export function isOwnPendingSelfEnrollment(view: RecoveryView, account: string): boolean {
  return (
    view.mode === 'self' &&
    view.pending &&
    view.reqId !== null &&
    view.plan.action === 'resume' &&
    view.user !== null &&
    view.user.toLowerCase() === account.toLowerCase()
  );
}

/**
 * The employee resumes their own pending self-enrollment: the same recovery as the operator's
 * resume (station/recover.ts → core/enrollment/recovery.ts: fetch by ReqID, then the finishing
 * steps, or the denial recorded), signed in to the CA as the employee (the CA hands a pending
 * request's certificate only to its requester) and with the PIN change forced, as at enrollment.
 * Refused before anything is opened when the journal is not one of theirs.
 */
export async function selfResume(
  host: StationHost,
  conn: { ca: CaConnection; audit: AuditConnection },
  p: PendingRecovery,
  account: string,
  io: EnrollmentIO,
): Promise<RecoveryResult> {
  if (!isOwnPendingSelfEnrollment(viewOf(p), account))
    throw new StationError('BAD_INPUT', {
      field: 'enrollmentId',
      problem: 'is not a pending self-enrollment of this account',
    });
  // the employee signs in first: a wrong password touches no card
  await conn.ca.client.checkCredentials();
  return recoverOne(host, conn, p, 'confirm', pinChangeRequired(io), undefined, `${account} (self-service)`);
}
