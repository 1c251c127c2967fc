// The station's use cases, one object per host process. The CLI and the kiosk call these and
// nothing below them; this layer prints nothing, returns typed results and streams progress.
// Connections (PC/SC, the CA, the enrollment log) are opened on first use and always closed by
// close(), whatever happened.
import { randomUUID } from 'node:crypto';
import type { ForwarderStatus } from '../core/audit/forwarder.ts';
import type { AuditEvent } from '../core/audit/record.ts';
import { openEnrollableCard } from '../core/card/registry.ts';
import { WrongSecretError, SecretBlockedError } from '../core/card/status-words.ts';
import type { EnrollmentIO, EnrollmentResult } from '../core/enrollment/engine.ts';
import { checkNewPin, clampPolicy, type PinPolicy } from '../core/enrollment/pin-policy.ts';
import type { Secret } from '../core/enrollment/secret.ts';
import type { RecoveryResult } from '../core/enrollment/recovery.ts';
import { StationError } from '../core/errors/catalog.ts';
import { refuseDamagedJournals, type PreflightReport } from '../core/state/preflight.ts';
import { signInAuditor, type AuditorSession } from './auditor.ts';
import { connectWhenFree, viewCards, type CardView } from './cards.ts';
import { diagnose, type DiagnoseOptions, type Finding } from './diagnose.ts';
import { configuredPinPolicy, configuredSecrets, enrollOnBehalf } from './enroll.ts';
import { findAgentReader, signInOperator, type OperatorSession } from './operator.ts';
import type { AuditConnection, CaConnection, ReaderEvent, ReaderInfo, StationHost } from './ports.ts';
import { recoverOne, recoveryPlans, viewOf, type Decision, type RecoveryView } from './recover.ts';
import { validateEnrollInput, validateReaderName } from './validate.ts';
import {
  isOwnPendingSelfEnrollment,
  selfEnroll,
  selfResume,
  validateAccount,
  type SelfEnrollInput,
  type SelfEnrollResult,
} from './self-enroll.ts';
import { verifyVirtualCard, type VerifyReport } from './verify-vsc.ts';
import { centralBacklog, type CentralBacklog } from './audit.ts';
import type { Secret as SecretType } from '../core/enrollment/secret.ts';

export type { CardView } from './cards.ts';
export type { Finding } from './diagnose.ts';
export type { OperatorSession } from './operator.ts';
export type { Decision, RecoveryView } from './recover.ts';
export type { SelfEnrollInput, SelfEnrollResult } from './self-enroll.ts';
export type { VerifyCheck, VerifyCheckId, VerifyReport } from './verify-vsc.ts';

export class Station {
  readonly host: StationHost;
  #ca: CaConnection | undefined;
  #audit: AuditConnection | undefined;
  #readersStarted = false;
  #stateChecked: Pick<PreflightReport, 'damagedJournals'> | undefined;

  constructor(host: StationHost) {
    this.host = host;
  }

  get config() {
    return this.host.config;
  }

  /** PC/SC up, or PCSC_UNAVAILABLE — checked before any PIN is asked. */
  async readersReady(): Promise<void> {
    if (this.#readersStarted) return;
    await this.host.readers.start();
    this.#readersStarted = true;
  }

  #caConnection(): CaConnection {
    this.#ca ??= this.host.connectCa();
    return this.#ca;
  }

  #auditConnection(): AuditConnection {
    this.#audit ??= this.host.openAudit();
    return this.#audit;
  }

  /** Everything a run needs is reachable and valid (before the operator types a PIN). */
  async #checkState(): Promise<Pick<PreflightReport, 'damagedJournals'>> {
    this.#stateChecked ??= await this.host.checkState();
    return this.#stateChecked;
  }

  /** The state check, and no enrollment while an interrupted one cannot be explained. */
  async #checkStateToEnroll(): Promise<void> {
    refuseDamagedJournals(await this.#checkState());
  }

  async preflight(): Promise<void> {
    await this.#checkStateToEnroll();
    await this.readersReady();
    this.#caConnection();
    this.#auditConnection();
  }

  /** The readers PC/SC reports now (names, card present), without touching a card. */
  async readers(): Promise<ReaderInfo[]> {
    await this.readersReady();
    return this.host.readers.listReaders();
  }

  /** Each reader and its card, with what the log says of the holder's PIN. */
  /** `operatorReader`: the reader a signed-in operator session holds; `only`: one reader (see viewCards) */
  async cards(
    options: { readonly operatorReader?: string; readonly only?: string } = {},
  ): Promise<CardView[]> {
    await this.readersReady();
    const records = this.host.records(this.#auditConnection().log);
    return (await viewCards(this.host.readers, options)).map((c) =>
      c.identity === undefined ? c : { ...c, pinChanged: records.pinChanged(c.identity.cardId) },
    );
  }

  watchReaders(listener: (e: ReaderEvent) => void): () => void {
    return this.host.readers.watch(listener);
  }

  async signInOperator(pin: Secret, reader?: string): Promise<OperatorSession> {
    await this.preflight();
    const name = reader === undefined ? undefined : validateReaderName(reader);
    const at = await findAgentReader(this.host.readers, name ?? this.config.card.agentReader);
    return signInOperator(this.host.readers, pin, at);
  }

  /** The auditor's sign-in at the kiosk (station/auditor.ts): a listed card, its PIN, a challenge signed. */
  async signInAuditor(pin: Secret, reader?: string): Promise<AuditorSession> {
    const allowed = this.config.auditor?.certificateThumbprints;
    if (allowed === undefined) throw new StationError('AUDITOR_NOT_CONFIGURED');
    await this.readersReady();
    const name = reader === undefined ? undefined : validateReaderName(reader);
    return signInAuditor(this.host.readers, pin, allowed, name);
  }

  /**
   * One event of the kiosk's own (a sign-in, sign-out or refused attempt) into the enrollment log,
   * through the same fail-closed connection the enrollments use.
   */
  async recordEvent(event: AuditEvent): Promise<void> {
    await this.#checkState();
    await this.#auditConnection().sink.append(event);
  }

  /** Enroll on behalf of the holder named in `raw` (validated here, whoever sent it). */
  async enroll(raw: unknown, operator: OperatorSession, io: EnrollmentIO): Promise<EnrollmentResult> {
    const input = validateEnrollInput(raw);
    await this.preflight();
    return enrollOnBehalf(
      this.host,
      { ca: this.#caConnection(), audit: this.#auditConnection() },
      input,
      operator,
      io,
    );
  }

  /**
   * The employee enrolls their own card (a new TPM virtual card with `create`, or a blank card in
   * a reader), signed in to the CA with their own account: no Enrollment Agent, no operator.
   */
  async selfEnroll(
    input: SelfEnrollInput,
    /** undefined: the host signs in with the Windows logon (kiosk app, integrated authentication) */
    password: SecretType | undefined,
    io: EnrollmentIO,
  ): Promise<SelfEnrollResult> {
    const reader = input.reader === undefined ? undefined : validateReaderName(input.reader);
    const checked = validateEnrollInput({
      requesterName: input.account,
      upn: input.upn,
      ...(input.email === undefined ? {} : { email: input.email }),
    });
    await this.#checkStateToEnroll();
    await this.readersReady();
    const audit = this.#auditConnection();
    const ca = this.host.connectCa({
      as: { account: checked.requesterName, ...(password === undefined ? {} : { password }) },
    });
    try {
      return await selfEnroll(
        this.host,
        { ca, audit },
        {
          create: input.create,
          account: checked.requesterName,
          upn: checked.upn,
          ...(reader === undefined ? {} : { reader }),
          ...(checked.email === undefined ? {} : { email: checked.email }),
        },
        io,
      );
    } finally {
      ca.close();
    }
  }

  /**
   * The employee's own self-enrollments waiting for CA manager approval on this station, after
   * the CA accepted their sign-in (wrong password: CA_AUTH_FAILED, nothing listed). Another
   * employee's, and the operator's on-behalf requests, are not listed.
   */
  async selfPending(accountRaw: unknown, password: SecretType | undefined): Promise<RecoveryView[]> {
    const account = validateAccount(accountRaw);
    await this.#checkState();
    const ca = this.host.connectCa({ as: { account, ...(password === undefined ? {} : { password }) } });
    try {
      await ca.client.checkCredentials();
      return (await recoveryPlans(this.host, ca))
        .map(viewOf)
        .filter((v) => isOwnPendingSelfEnrollment(v, account));
    } finally {
      ca.close();
    }
  }

  /**
   * The employee resumes one of those (the operator's `recover` path, signed in to the CA as the
   * employee): issued → written, PIN forced off the default, proven; still pending; or denied.
   */
  async selfResume(
    accountRaw: unknown,
    password: SecretType | undefined,
    enrollmentId: string,
    io: EnrollmentIO,
  ): Promise<RecoveryResult> {
    const account = validateAccount(accountRaw);
    await this.#checkState();
    await this.readersReady();
    const ca = this.host.connectCa({ as: { account, ...(password === undefined ? {} : { password }) } });
    try {
      const p = (await recoveryPlans(this.host, ca)).find((x) => x.state.id === enrollmentId);
      if (p === undefined)
        throw new StationError('BAD_INPUT', {
          field: 'enrollmentId',
          problem: 'no open enrollment with this id',
        });
      return await selfResume(this.host, { ca, audit: this.#auditConnection() }, p, account, io);
    } finally {
      ca.close();
    }
  }

  /** Checks one TPM virtual smart card; the holder's PIN is asked only for the final signature. */
  async verifyVsc(
    readerRaw: unknown,
    options: { upn?: string; askPin?: () => Promise<SecretType | undefined> } = {},
  ): Promise<VerifyReport> {
    const reader = validateReaderName(readerRaw);
    await this.#checkState();
    await this.readersReady();
    const records = this.host.records(this.#auditConnection().log);
    const transport = await connectWhenFree(this.host.readers, reader);
    try {
      return await verifyVirtualCard(this.host, transport, {
        reader,
        // verifying needs the CA's certificates, not a sign-in (the employee may have no password set)
        trustAnchors: this.host.trustAnchors?.() ?? this.#caConnection().trustAnchors,
        records,
        ...(options.upn === undefined ? {} : { upn: options.upn }),
        ...(options.askPin === undefined ? {} : { askPin: options.askPin }),
      });
    } finally {
      await transport.close('leave').catch(() => undefined);
    }
  }

  /** The PIN policy a holder's new PIN must meet on this station (before the card edge narrows it). */
  pinPolicy(): PinPolicy {
    return configuredPinPolicy(this.config);
  }

  async recoveries(): Promise<RecoveryView[]> {
    await this.#checkState();
    return (await recoveryPlans(this.host, this.#caConnection())).map(viewOf);
  }

  /**
   * The plans, none carried out (`recover --dry-run`), and that they were looked at recorded in
   * the log: one RECOVERY_REVIEWED per open enrollment, with what the station proposed and to whom.
   * The journals, the cards and the CA are left as they are.
   */
  async reviewRecoveries(): Promise<RecoveryView[]> {
    const views = await this.recoveries();
    const audit = this.#auditConnection();
    for (const v of views)
      await audit.sink.append({
        enrollmentId: v.enrollmentId,
        action: 'RECOVERY_REVIEWED',
        outcome: 'success',
        ...(v.reqId === null ? {} : { certificate: { caRequestId: v.reqId } }),
        reason: `plan "${v.plan.action}" after "${v.stoppedAt}" listed to ${this.host.actor}; nothing carried out`,
      });
    return views;
  }

  /** Requests waiting for CA manager approval, resumable from any session. */
  async pending(): Promise<RecoveryView[]> {
    return (await this.recoveries()).filter((r) => r.pending);
  }

  async recover(
    enrollmentId: string,
    decision: Decision,
    io: EnrollmentIO,
    reader?: string,
  ): Promise<RecoveryResult> {
    await this.readersReady();
    const plans = await recoveryPlans(this.host, this.#caConnection());
    const p = plans.find((x) => x.state.id === enrollmentId);
    if (p === undefined)
      throw new StationError('BAD_INPUT', {
        field: 'enrollment id',
        problem: 'no open enrollment with this id',
      });
    // a run still going in another process: left alone before anything is opened for writing
    // (its log transaction or its card may be held right now)
    if (p.plan.action === 'busy') return { enrollmentId, status: 'busy' };
    return recoverOne(
      this.host,
      { ca: this.#caConnection(), audit: this.#auditConnection() },
      p,
      decision,
      io,
      reader === undefined ? undefined : validateReaderName(reader),
    );
  }

  /**
   * The holder changes their PIN at the station (a card issued "PIN not changed", or anyone who
   * wants a new one), under the same policy as at issuance. Recorded in the log.
   */
  async changePin(readerRaw: unknown, current: Secret, next: Secret, confirmation?: Secret): Promise<void> {
    const reader = validateReaderName(readerRaw);
    await this.preflight();
    const audit = this.#auditConnection();
    const transport = await connectWhenFree(this.host.readers, reader);
    const secrets = configuredSecrets(this.config);
    const enrollmentId = randomUUID();
    try {
      const card = await openEnrollableCard(transport);
      const identity = await card.identify();
      const policy = clampPolicy(configuredPinPolicy(this.config), card.capabilities.pin);
      const event = {
        enrollmentId,
        reader,
        card: {
          edge: identity.edge,
          atr: identity.atr,
          ...(identity.serial === null ? {} : { serial: identity.serial }),
          ...(identity.guid === null ? {} : { guid: identity.guid }),
        },
      };
      const verdict = checkNewPin(next, secrets.transportPin, policy, confirmation);
      if (!verdict.ok) {
        await audit.sink.append({
          ...event,
          action: 'PIN_POLICY_REJECTED',
          outcome: 'failure',
          errorCode: verdict.reason,
        });
        throw new StationError(verdict.reason, { minLength: policy.minLength, maxLength: policy.maxLength });
      }
      await audit.sink.append({ ...event, action: 'PIN_CHANGED', outcome: 'started' });
      try {
        await card.changePin(current, next);
      } catch (e) {
        const code =
          e instanceof WrongSecretError
            ? e.retriesLeft === 0
              ? 'PIN_BLOCKED'
              : 'WRONG_PIN'
            : e instanceof SecretBlockedError
              ? 'PIN_BLOCKED'
              : undefined;
        await audit.sink.append({
          ...event,
          action: 'PIN_CHANGED',
          outcome: 'failure',
          errorCode: code ?? 'INTERNAL',
        });
        if (code !== undefined)
          throw new StationError(
            code,
            {
              card: 'holder',
              reader,
              ...(e instanceof WrongSecretError && e.retriesLeft !== undefined
                ? { triesLeft: e.retriesLeft }
                : {}),
            },
            { cause: e },
          );
        throw e;
      }
      await audit.sink.append({
        ...event,
        action: 'PIN_CHANGED',
        outcome: 'success',
        reason: 'holder changed the PIN at the station',
      });
    } finally {
      secrets.wipe();
      await transport.close('leave').catch(() => undefined);
    }
  }

  /**
   * The central log's backlog (station health): "not configured" without a central store, else
   * how many records of the local log the central store has not confirmed yet. The log is opened
   * as an enrollment opens it, so its forwarder is running and the count is live.
   */
  centralLog(): CentralBacklog {
    if (this.config.audit.postgresUrlEnv === undefined) return { configured: false };
    return centralBacklog(this.#auditConnection().log);
  }

  async diagnose(targetReader?: string, options?: DiagnoseOptions): Promise<Finding[]> {
    const findings = await diagnose(
      this.host,
      targetReader === undefined ? undefined : validateReaderName(targetReader),
      options,
    );
    this.#readersStarted = findings.some((f) => f.id === 'readers');
    return findings;
  }

  /** Closes PC/SC, the CA connection and the log; reports the central log's backlog. */
  async close(): Promise<ForwarderStatus | undefined> {
    try {
      this.#ca?.close();
      return await this.#audit?.close();
    } finally {
      this.#ca = undefined;
      this.#audit = undefined;
      await this.host.readers.close().catch(() => undefined);
    }
  }
}
