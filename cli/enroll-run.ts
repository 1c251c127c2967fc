// One enroll-on-behalf at a station, from configuration and two readers: the shared path of the
// `enroll` command and the demo.
import { PivSession } from '../core/card/piv/index.ts';
import type { StationConfig } from '../core/config/config.ts';
import { PivEnrollableCard } from '../core/enrollment/adapters/piv-card.ts';
import { enroll, type EnrollmentResult } from '../core/enrollment/engine.ts';
import type { Progress } from '../core/enrollment/ports.ts';
import { PIV_PIN_POLICY } from '../core/enrollment/pin-policy.ts';
import { Secret } from '../core/enrollment/secret.ts';
import type { PcscService } from '../native/pcsc/index.ts';
import type { ForwarderStatus } from '../core/audit/forwarder.ts';
import { startCentralLog, type CentralLog } from './central-log.ts';
import type { Transport } from '../core/card/transport.ts';
import {
  type CaConnection,
  connectCa,
  connectWhenFree,
  enrollmentDeps,
  openAgentCard,
  openAuditLog,
} from './compose.ts';

export interface OnBehalfRun {
  readonly targetReader: string;
  readonly agentReader: string;
  readonly agentPin: Secret;
  readonly newPin?: Secret;
  readonly requesterName: string;
  readonly upn: string;
  readonly email?: string;
  readonly sid?: string;
  readonly reissue: boolean;
  readonly onProgress?: (p: Progress) => void;
  /** when a central log is configured: what reached it by the end of the run */
  readonly onCentralLog?: (status: ForwarderStatus) => void;
}

export async function runOnBehalf(
  config: StationConfig,
  pcsc: PcscService,
  run: OnBehalfRun,
): Promise<EnrollmentResult> {
  const audit = openAuditLog(config);
  let central: CentralLog | undefined;
  let ca: CaConnection | undefined;
  let agentTransport: Transport | undefined;
  let targetTransport: Transport | undefined;
  const transportPin = Secret.fromText(config.card.transportPin);
  const transportPuk = Secret.fromText(config.card.transportPuk);
  try {
    central = startCentralLog(config, audit);
    ca = connectCa(config);
    agentTransport = await connectWhenFree(pcsc, run.agentReader);
    targetTransport = await connectWhenFree(pcsc, run.targetReader);
    const agent = await openAgentCard(agentTransport, run.agentPin);
    const card = new PivEnrollableCard(await PivSession.open(targetTransport));
    const managementKey = Secret.fromBytes(
      new Uint8Array(Buffer.from(config.card.factoryManagementKey, 'hex')),
    );
    return await enroll(
      {
        mode: 'on-behalf',
        requesterName: run.requesterName,
        upn: run.upn,
        ...(run.email === undefined ? {} : { email: run.email }),
        ...(run.sid === undefined ? {} : { sid: run.sid }),
        template: config.ca.template,
        keyAlgorithm: config.card.keyAlgorithm,
        reissue: run.reissue,
        transportPin,
        transportPuk,
        ...(run.newPin === undefined ? {} : { newPin: run.newPin }),
        managementKey,
        pinPolicy: { ...PIV_PIN_POLICY, ...config.pinPolicy },
      },
      enrollmentDeps(config, {
        ca,
        audit: central?.audit ?? audit,
        card,
        agent,
        ...(run.onProgress ? { onProgress: run.onProgress } : {}),
      }),
    );
  } finally {
    transportPin.wipe();
    transportPuk.wipe();
    await targetTransport?.close('leave').catch(() => undefined);
    await agentTransport?.close('reset').catch(() => undefined);
    ca?.transport.close();
    if (central) run.onCentralLog?.(await central.finish());
    audit.close();
  }
}
