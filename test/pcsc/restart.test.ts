// pcscd goes away and comes back: the service reports the gap and then watches again, where the
// bare binding would go silent for good. This stops the machine's shared pcscd for about a
// second, so it is kept short and always brings the daemon back.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensurePcscd, stopPcscd, vpcdPair } from '../support/pcscd.ts';
import { PcscService, PcscUnavailableError } from '../../native/pcsc/index.ts';
import { ScriptedCard } from './scripted-card.ts';
import { elapsed, nextEvent, recordEvents } from './helpers.ts';

const pair = vpcdPair();
const reader = pair.readers[0];
let service: PcscService | undefined;
let card: ScriptedCard | undefined;

after(async () => {
  card?.remove();
  await service?.close();
  await ensurePcscd();
});

// Stopping the machine's pcscd mid-suite has hung the whole file in full runs (not in isolation,
// where it passes in ~2 s); until that is understood it runs on request only.
const restartTestWanted = process.env.STATION_TEST_PCSCD_RESTART === '1';

test(
  'pcscd stopped and restarted: service-lost, service-restored, then events resume',
  { skip: !restartTestWanted && 'set STATION_TEST_PCSCD_RESTART=1' },
  async () => {
    await ensurePcscd();
    service = new PcscService({ debounceMs: 50, retryMs: 200 });
    const svc = service;
    await svc.start();
    card = new ScriptedCard({ port: pair.port });
    const inserted = nextEvent(svc, 'card-inserted', (name) => name === reader);
    await card.insert();
    await inserted;
    const transport = await svc.connect(reader);
    const log = recordEvents(svc, [reader]);

    const lost = nextEvent(svc, 'service-lost');
    const stoppedAt = Date.now();
    let restartedAt: number;
    let comeback: Promise<unknown> | undefined;
    try {
      await stopPcscd();
      const [reason] = await lost;
      console.log(`# service-lost ${elapsed(stoppedAt)} ms after the stop began: ${reason}`);
      assert.equal(svc.available, false);
      assert.throws(() => svc.listReaders(), PcscUnavailableError);
      await assert.rejects(svc.connect(reader), PcscUnavailableError);
      await assert.rejects(
        transport.transmit({ cla: 0, ins: 0xca, p1: 0, p2: 0, ne: 256 }),
        PcscUnavailableError,
      );
      // listen before the daemon starts: the service may notice it before ensurePcscd() returns
      comeback = Promise.all([
        nextEvent(svc, 'service-restored', () => true, 15_000),
        nextEvent(svc, 'reader-added', (name) => name === reader, 15_000),
      ]);
      comeback.catch(() => undefined);
      restartedAt = Date.now();
    } finally {
      await ensurePcscd();
    }
    await comeback;
    console.log(
      `# service-restored + reader-added ${elapsed(restartedAt)} ms after ensurePcscd() was called`,
    );
    assert.equal(svc.available, true);
    assert.ok(svc.listReaders().some((r) => r.name === reader));

    // events resume: vpcd dropped the card with the old daemon, so insert it again
    card.remove();
    card = new ScriptedCard({ port: pair.port });
    const again = nextEvent(svc, 'card-inserted', (name) => name === reader);
    await card.insert();
    await again;
    const t2 = await svc.connect(reader);
    assert.equal((await t2.transmit({ cla: 0, ins: 0xca, p1: 0, p2: 0, ne: 256 })).sw, 0x6d00);
    await t2.close();
    await transport.close();
    assert.deepEqual(log, [
      'service-lost',
      `card-removed ${reader}`,
      `reader-removed ${reader}`,
      'service-restored',
      `reader-added ${reader}`,
      `card-inserted ${reader}`,
    ]);
  },
);
