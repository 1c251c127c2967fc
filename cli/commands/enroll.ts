// `station enroll`: enroll-on-behalf of one directory user with the operator's agent card.
import type { StationConfig } from '../../core/config/config.ts';
import { checkNewPin, PIV_PIN_POLICY } from '../../core/enrollment/pin-policy.ts';
import { Secret } from '../../core/enrollment/secret.ts';
import { StationError } from '../../core/errors/catalog.ts';
import { PcscService } from '../../native/pcsc/index.ts';
import { describeBacklog } from '../central-log.ts';
import { runOnBehalf } from '../enroll-run.ts';
import { printLine, printProgress, type Output } from '../output.ts';
import { askSecret } from '../secret-input.ts';

export interface EnrollArgs {
  readonly requesterName: string;
  readonly upn: string;
  readonly email?: string;
  readonly sid?: string;
  readonly reissue: boolean;
  readonly changePin: boolean;
  readonly targetReader?: string;
  readonly agentReader?: string;
}

/** Without names in config or flags: the first two readers with cards, the agent card second. */
function pickReaders(
  pcsc: PcscService,
  config: StationConfig,
  args: EnrollArgs,
): { target: string; agent: string } {
  const withCards = pcsc
    .listReaders()
    .filter((r) => r.cardPresent)
    .map((r) => r.name);
  const agent = args.agentReader ?? config.card.agentReader ?? withCards[1];
  const target = args.targetReader ?? config.card.targetReader ?? withCards.find((n) => n !== agent);
  if (agent === undefined) throw new StationError('AGENT_CARD_MISSING');
  if (target === undefined) throw new StationError('NO_CARD');
  return { target, agent };
}

export async function enrollCommand(config: StationConfig, out: Output, args: EnrollArgs): Promise<number> {
  const agentPin = await askSecret('Operator card PIN');
  let newPin: Secret | undefined;
  if (args.changePin) {
    newPin = await askSecret("Cardholder's new PIN");
    const confirmation = await askSecret("Cardholder's new PIN again");
    const transport = Secret.fromText(config.card.transportPin);
    const check = checkNewPin(newPin, transport, { ...PIV_PIN_POLICY, ...config.pinPolicy }, confirmation);
    transport.wipe();
    confirmation.wipe();
    if (!check.ok) throw new StationError('PIN_POLICY', { rule: check.reason });
  }
  const pcsc = new PcscService();
  await pcsc.start();
  try {
    const { target, agent } = pickReaders(pcsc, config, args);
    printLine(out, `operator card: "${agent}", card to enroll: "${target}"`);
    const result = await runOnBehalf(config, pcsc, {
      targetReader: target,
      agentReader: agent,
      agentPin,
      ...(newPin === undefined ? {} : { newPin }),
      requesterName: args.requesterName,
      upn: args.upn,
      ...(args.email === undefined ? {} : { email: args.email }),
      ...(args.sid === undefined ? {} : { sid: args.sid }),
      reissue: args.reissue,
      onProgress: (p) => printProgress(out, p),
      onCentralLog: (status) => printLine(out, describeBacklog(status), { centralLog: status }),
    });
    printLine(
      out,
      `result: ${result.status}${result.reqId === null ? '' : ` (CA request ${result.reqId})`}`,
      { result },
    );
    if (result.verdict && !result.verdict.ok)
      for (const r of result.verdict.reasons) printLine(out, `  ${r}`);
    return result.status === 'issued' || result.status === 'issued-pin-not-changed' ? 0 : 1;
  } finally {
    agentPin.wipe();
    newPin?.wipe();
    await pcsc.close();
  }
}
