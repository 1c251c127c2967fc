// One software PIV card on this process's vpcd reader, reached through the real pcscd with the
// station's native transport: the same path a YubiKey in a USB reader takes.
import { setTimeout as delay } from 'node:timers/promises';
import { ensurePcscd, vpcdPair } from '../support/pcscd.ts';
import { startSoftCard, type FaultPlan, type SoftCard, type SoftCardConfig } from '../../sim/card/index.ts';
import { PcscService } from '../../native/pcsc/service.ts';
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
  await ensurePcscd();
  const pair = vpcdPair();
  const reader = pair.readers[0];
  // STATION_PIV_CARD_LOG=1 prints the soft card's event lines (APDU headers and status words only)
  const log = process.env.STATION_PIV_CARD_LOG ? (l: string) => console.error(`card: ${l}`) : undefined;
  const service = new PcscService();
  await service.start();
  // a card from the previous rig may still be reported until pcscd polls vpcd again (~400 ms,
  // longer on a loaded machine): start only once the reader is seen empty
  const emptyUntil = Date.now() + 10_000;
  while (service.listReaders().some((r) => r.name === reader && r.cardPresent) && Date.now() < emptyUntil) {
    await delay(50);
  }
  let card: SoftCard;
  try {
    card = await startSoftCard({
      port: pair.port,
      config,
      connectTimeoutMs: 15_000,
      ...(faults ? { faults } : {}),
      ...(log ? { log } : {}),
    });
  } catch (e) {
    await service.close().catch(() => {});
    throw e;
  }
  const waitPresent = async (timeoutMs = 10_000): Promise<void> => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (service.available && service.listReaders().some((r) => r.name === reader && r.cardPresent)) return;
      await delay(50);
    }
    throw new Error(`PC/SC did not see the soft card in "${reader}" within ${timeoutMs} ms`);
  };
  await waitPresent();
  return {
    card,
    service,
    reader,
    waitPresent,
    async open() {
      const transport = await service.connect(reader);
      try {
        return { session: await PivSession.open(transport), transport };
      } catch (e) {
        await transport.close().catch(() => {});
        throw e;
      }
    },
    async stop() {
      await service.close().catch(() => {});
      await card.stop();
      // let pcscd notice the empty reader before the next test file inserts a card
      await delay(300);
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
