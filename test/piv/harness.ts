// One software PIV card on this process's vpcd reader, reached through the real pcscd with the
// station's native transport: the same path a YubiKey in a USB reader takes.
import { startCardRig } from '../support/card-rig.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { startSoftCard, type FaultPlan, type SoftCard, type SoftCardConfig } from '../../sim/card/index.ts';
import type { PcscService } from '../../native/pcsc/service.ts';
import type { Transport } from '../../core/card/transport.ts';
import { PivSession } from '../../core/card/piv/session.ts';

export const DEFAULT_MGMT_KEY = Uint8Array.from(
  Buffer.from('010203040506070801020304050607080102030405060708', 'hex'),
);

export interface Rig {
  readonly card: SoftCard;
  readonly service: PcscService;
  readonly reader: string;
  /** a fresh connection + selected session; close it before an outside tool uses the card */
  open(): Promise<{ session: PivSession; transport: Transport }>;
  /** waits until PC/SC reports the card present again (after insert()) */
  waitPresent(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startRig(config: SoftCardConfig = {}, faults?: FaultPlan): Promise<Rig> {
  const pair = vpcdPair();
  // STATION_PIV_CARD_LOG=1 prints the soft card's event lines (APDU headers and status words only)
  const log = process.env.STATION_PIV_CARD_LOG ? (l: string) => console.error(`card: ${l}`) : undefined;
  const rig = await startCardRig(pair.readers[0], 'soft card', () =>
    startSoftCard({
      port: pair.port,
      config,
      connectTimeoutMs: 15_000,
      ...(faults ? { faults } : {}),
      ...(log ? { log } : {}),
    }),
  );
  return {
    ...rig,
    async open() {
      const transport = await rig.service.connect(rig.reader);
      try {
        return { session: await PivSession.open(transport), transport };
      } catch (e) {
        await transport.close().catch(() => {});
        throw e;
      }
    },
  };
}

/** Opens a session, runs `fn`, always closes the connection. */
export async function withSession<T>(rig: Rig, fn: (s: PivSession) => Promise<T>): Promise<T> {
  const { session, transport } = await rig.open();
  try {
    return await fn(session);
  } finally {
    await transport.close().catch(() => {});
  }
}
