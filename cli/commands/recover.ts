// `station recover`: after a crash or power loss, lists each interrupted enrollment with what the
// journal says happened and what the station will do, then does it (resume by ReqID, roll back,
// or — when a request may exist without a recorded ReqID — wait for the operator's answer).
import { PivSession } from '../../core/card/piv/index.ts';
import { stationPaths, type StationConfig } from '../../core/config/config.ts';
import { ABSENT_CARD } from '../../core/enrollment/adapters/absent-card.ts';
import { PivEnrollableCard } from '../../core/enrollment/adapters/piv-card.ts';
import { pendingRecoveries, recover } from '../../core/enrollment/recovery.ts';
import { Secret } from '../../core/enrollment/secret.ts';
import { PcscService } from '../../native/pcsc/index.ts';
import { connectCa, connectWhenFree, enrollmentDeps, openAuditLog } from '../compose.ts';
import { printLine, type Output } from '../output.ts';

export interface RecoverArgs {
  readonly targetReader?: string;
  readonly abandon?: string;
  /** "<enrollment id>=<ReqID>" from the PKI team */
  readonly reqid?: string;
}

export async function recoverCommand(config: StationConfig, out: Output, args: RecoverArgs): Promise<number> {
  const pending = pendingRecoveries(stationPaths(config).journalDir);
  if (pending.length === 0) {
    printLine(out, 'no interrupted enrollments');
    return 0;
  }
  const pcsc = new PcscService();
  await pcsc.start();
  const audit = openAuditLog(config);
  const ca = connectCa(config);
  let unresolved = 0;
  try {
    for (const p of pending) {
      printLine(
        out,
        `enrollment ${p.state.id}: stopped after "${p.state.last}" — will ${p.plan.action}: ${p.plan.why}`,
        {
          enrollmentId: p.state.id,
          plan: p.plan,
        },
      );
      const readerName = args.targetReader ?? config.card.targetReader ?? String(p.state.facts.reader ?? '');
      const present = pcsc.listReaders().find((r) => r.name === readerName && r.cardPresent);
      const transport = present ? await connectWhenFree(pcsc, readerName) : undefined;
      const card = transport ? new PivEnrollableCard(await PivSession.open(transport)) : ABSENT_CARD;
      const [id, reqId] = (args.reqid ?? '').split('=');
      const decision =
        args.abandon === p.state.id
          ? ('abandon' as const)
          : id === p.state.id && reqId
            ? { reqId: Number(reqId) }
            : undefined;
      const transportPin = Secret.fromText(config.card.transportPin);
      const transportPuk = Secret.fromText(config.card.transportPuk);
      const managementKey = Secret.fromBytes(
        new Uint8Array(Buffer.from(config.card.factoryManagementKey, 'hex')),
      );
      try {
        const result = await recover(p, enrollmentDeps(config, { ca, audit, card }), {
          transportPin,
          transportPuk,
          managementKey,
          ...(decision === undefined ? {} : { operatorDecision: decision }),
        });
        printLine(out, `  → ${result.status}`, { enrollmentId: p.state.id, status: result.status });
        if (result.status === 'needs-operator' || result.status === 'pending') unresolved++;
      } finally {
        transportPin.wipe();
        transportPuk.wipe();
        managementKey.wipe();
        await transport?.close('leave');
      }
    }
  } finally {
    ca.transport.close();
    audit.close();
    await pcsc.close();
  }
  return unresolved === 0 ? 0 : 4;
}
