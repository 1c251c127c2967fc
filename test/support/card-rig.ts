// One software card (PIV or GIDS) on a vpcd reader, reached through the real pcscd with the
// station's native PC/SC service: the bring-up both card harnesses share (test/piv/harness.ts,
// test/gids/harness.ts). The card's own start (its port, config, faults) is the caller's.
import { setTimeout as delay } from 'node:timers/promises';
import { PcscService } from '../../native/pcsc/service.ts';
import { ensurePcscd } from './pcscd.ts';

export interface CardRig<C> {
  readonly card: C;
  readonly service: PcscService;
  readonly reader: string;
  /** waits until PC/SC reports the card present again (after insert()) */
  waitPresent(timeoutMs?: number): Promise<void>;
  /** closes PC/SC, stops the card and lets pcscd see the reader empty before the next file */
  stop(): Promise<void>;
}

export async function startCardRig<C extends { stop(): Promise<void> }>(
  reader: string,
  /** what the card is, for the error when PC/SC never sees it */
  what: string,
  startCard: () => Promise<C>,
): Promise<CardRig<C>> {
  await ensurePcscd();
  const service = new PcscService();
  await service.start();
  // a card from the previous rig may still be reported until pcscd polls vpcd again (~400 ms,
  // longer on a loaded machine): start only once the reader is seen empty
  const emptyUntil = Date.now() + 10_000;
  while (service.listReaders().some((r) => r.name === reader && r.cardPresent) && Date.now() < emptyUntil) {
    await delay(50);
  }
  let card: C;
  try {
    card = await startCard();
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
    throw new Error(`PC/SC did not see the ${what} in "${reader}" within ${timeoutMs} ms`);
  };
  await waitPresent();
  return {
    card,
    service,
    reader,
    waitPresent,
    async stop() {
      await service.close().catch(() => {});
      await card.stop();
      // let pcscd notice the empty reader before the next test file inserts a card
      await delay(300);
    },
  };
}
