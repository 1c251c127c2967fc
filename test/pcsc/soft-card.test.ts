// The transport against the software PIV card from sim/card (a separate implementation), end to
// end through pcscd: SELECT the PIV application and read the discovery object.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensurePcscd, vpcdPair } from '../support/pcscd.ts';
import { PcscService } from '../../native/pcsc/index.ts';
import { startSoftCard, type SoftCard } from '../../sim/card/index.ts';
import { bytes, hex } from './scripted-card.ts';
import { nextEvent } from './helpers.ts';

const pair = vpcdPair();
const reader = pair.readers[0];
let service: PcscService | undefined;
let card: SoftCard | undefined;

after(async () => {
  await card?.stop();
  await service?.close();
});

test('SELECT PIV and GET DATA (discovery object) on the software PIV card', async () => {
  await ensurePcscd();
  service = new PcscService({ debounceMs: 50 });
  await service.start();
  const inserted = nextEvent(service, 'card-inserted', (name) => name === reader);
  card = await startSoftCard({ port: pair.port });
  await inserted;
  const t = await service.connect(reader, { share: 'exclusive' });
  try {
    const select = await t.transmit({
      cla: 0,
      ins: 0xa4,
      p1: 0x04,
      p2: 0,
      data: bytes('A000000308'),
      ne: 256,
    });
    assert.equal(select.sw, 0x9000);
    assert.equal(select.data[0], 0x61, `application property template, got ${hex(select.data)}`);
    const discovery = await t.transmit({
      cla: 0,
      ins: 0xcb,
      p1: 0x3f,
      p2: 0xff,
      data: bytes('5C017E'),
      ne: 256,
    });
    assert.equal(discovery.sw, 0x9000);
    assert.equal(discovery.data[0], 0x7e);
  } finally {
    await t.close('reset');
  }
});
