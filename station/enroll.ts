// Enroll on behalf of a cardholder: the operator is signed in with their Enrollment Agent card; the
// card to enroll is found by role (not the agent card, a card present), opened through the card-edge
// registry and handed to the engine with everything the configuration says.
import { openEnrollableCard } from '../core/card/registry.ts';
import type { Transport } from '../core/card/transport.ts';
import type { StationConfig } from '../core/config/config.ts';
import { pkiChecker, pkiRequestBuilder } from '../core/enrollment/adapters/pki.ts';
import { certsrvAuthority } from '../core/enrollment/adapters/certsrv.ts';
import { enroll, type EnrollmentIO, type EnrollmentResult } from '../core/enrollment/engine.ts';
import { PIV_PIN_POLICY, type PinPolicy } from '../core/enrollment/pin-policy.ts';
import { Secret } from '../core/enrollment/secret.ts';
import { StationError } from '../core/errors/catalog.ts';
import { connectWhenFree } from './cards.ts';
import type { OperatorSession } from './operator.ts';
import type { AuditConnection, CaConnection, StationHost } from './ports.ts';
import { stationPaths } from '../core/config/config.ts';
import type { EnrollInput } from './validate.ts';
import { randomUUID } from 'node:crypto';

/** The configured PIN policy (clamped to the card edge by the engine). */
export function configuredPinPolicy(config: StationConfig): PinPolicy {
  return { ...PIV_PIN_POLICY, ...config.pinPolicy };
}

/** The card to enroll: named, configured, or the one card present that is not the operator's. */
export function pickTargetReader(
  host: StationHost,
  input: EnrollInput,
  operatorReader: string | undefined,
): string {
  const named = input.targetReader ?? host.config.card.targetReader;
  if (named !== undefined) return named;
  const candidates = host.readers
    .listReaders()
    .filter((r) => r.cardPresent && r.name !== operatorReader)
    .map((r) => r.name);
  if (candidates.length === 1 && candidates[0] !== undefined) return candidates[0];
  if (candidates.length === 0)
    throw new StationError('NO_CARD', { readers: host.readers.listReaders().map((r) => r.name) });
  throw new StationError('BAD_INPUT', {
    field: 'target reader',
    problem: `more than one card is inserted (${candidates.join(', ')}); name the reader`,
  });
}

/** The secrets a run needs from the configuration, as Secrets wiped when the run ends. */
export function configuredSecrets(config: StationConfig): {
  transportPin: Secret;
  factoryPin: Secret;
  transportPuk: Secret;
  factoryAdminKey: Secret;
  wipe(): void;
} {
  const s = {
    transportPin: Secret.fromText(config.card.transportPin),
    factoryPin: Secret.fromText(config.card.factoryPin),
    transportPuk: Secret.fromText(config.card.transportPuk),
    factoryAdminKey: Secret.fromBytes(new Uint8Array(Buffer.from(config.card.factoryManagementKey, 'hex'))),
  };
  return { ...s, wipe: () => Object.values(s).forEach((x) => x.wipe()) };
}

export function engineDeps(
  host: StationHost,
  parts: { ca: CaConnection; audit: AuditConnection; io: EnrollmentIO; operator?: OperatorSession },
) {
  return {
    stationId: host.config.stationId,
    ...(parts.operator ? { agent: parts.operator.agent, operatorUpn: parts.operator.operatorUpn } : {}),
    ca: certsrvAuthority(parts.ca.client),
    requests: pkiRequestBuilder,
    check: pkiChecker(parts.ca.trustAnchors),
    audit: parts.audit.sink,
    keys: host.keys,
    records: host.records(parts.audit.log),
    journalDir: stationPaths(host.config).journalDir,
    lockCard: (cardId: string) => host.lockCard(cardId),
    lockJournal: (id: string) => host.lockJournal(id),
    io: parts.io,
  };
}

export async function enrollOnBehalf(
  host: StationHost,
  conn: { ca: CaConnection; audit: AuditConnection },
  input: EnrollInput,
  operator: OperatorSession,
  io: EnrollmentIO,
): Promise<EnrollmentResult> {
  const config = host.config;
  const reader = pickTargetReader(host, input, operator.reader);
  if (reader === operator.reader)
    throw new StationError('BAD_INPUT', { field: 'target reader', problem: 'that is the operator card' });
  const secrets = configuredSecrets(config);
  let transport: Transport | undefined;
  try {
    transport = await connectWhenFree(host.readers, reader);
    const card = await openEnrollableCard(transport).catch(async (e: unknown) => {
      if ((e as { code?: string }).code === 'UNSUPPORTED_CARD') {
        // a card someone tried to enroll is an event, even when the station cannot speak to it
        await conn.audit.sink.append({
          enrollmentId: randomUUID(),
          action: 'CARD_IDENTIFIED',
          outcome: 'failure',
          errorCode: 'UNSUPPORTED_CARD',
          reader,
          targetUser: input.requesterName,
          operator: { upn: operator.operatorUpn },
        });
      }
      throw e;
    });
    return await enroll(
      {
        mode: 'on-behalf',
        requesterName: input.requesterName,
        upn: input.upn,
        ...(input.email === undefined ? {} : { email: input.email }),
        ...(input.sid === undefined ? {} : { sid: input.sid }),
        template: config.ca.template,
        keyAlgorithm: config.card.keyAlgorithm,
        reissue: input.reissue,
        transportPin: secrets.transportPin,
        factoryPin: secrets.factoryPin,
        transportPuk: secrets.transportPuk,
        factoryAdminKey: secrets.factoryAdminKey,
        pinPolicy: configuredPinPolicy(config),
      },
      { ...engineDeps(host, { ...conn, io, operator }), card },
    );
  } finally {
    secrets.wipe();
    await transport?.close('leave').catch(() => undefined);
  }
}
