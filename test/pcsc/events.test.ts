// Reader and card events from the real pcscd, with a scripted vpcd card inserted and pulled.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensurePcscd, vpcdPair } from '../support/pcscd.ts';
import { PcscService } from '../../native/pcsc/index.ts';
import { ScriptedCard, bytes, hex } from './scripted-card.ts';
import { nextEvent, recordEvents } from './helpers.ts';

const pair = vpcdPair();
const [reader0, reader1] = pair.readers;
// a YubiKey 5's ATR, so the test shows the ATR travels through unchanged
const ATR = bytes('3BFD1300008131FE158073C021C057597562694B657940');

let service: PcscService;
const cards: ScriptedCard[] = [];

before(async () => {
  await ensurePcscd();
  service = new PcscService({ debounceMs: 100 });
});

after(async () => {
  for (const card of cards) card.remove();
  await service.close();
});

test('start() reports the pair readers as added, with no card', async () => {
  const added: string[] = [];
  service.on('reader-added', (name) => added.push(name));
  await service.start();
  assert.ok(added.includes(reader0) && added.includes(reader1), `added: ${added.join(', ')}`);
  const listed = service.listReaders().filter((r) => pair.readers.includes(r.name));
  assert.deepEqual(
    listed.map((r) => [r.name, r.cardPresent, r.atr.length]),
    [
      [reader0, false, 0],
      [reader1, false, 0],
    ],
  );
});

test('inserting and pulling a card gives card-inserted (with ATR) and card-removed, once each', async () => {
  const log = recordEvents(service, pair.readers);
  const card = new ScriptedCard({ port: pair.port, atr: ATR });
  cards.push(card);
  const inserted = nextEvent(service, 'card-inserted', (name) => name === reader0);
  await card.insert();
  const [, atr] = await inserted;
  assert.equal(hex(atr), hex(ATR));
  const info = service.listReaders().find((r) => r.name === reader0);
  assert.equal(info?.cardPresent, true);
  assert.equal(hex(info?.atr ?? new Uint8Array(0)), hex(ATR));

  const removed = nextEvent(service, 'card-removed', (name) => name === reader0);
  card.remove();
  await removed;
  assert.equal(service.listReaders().find((r) => r.name === reader0)?.cardPresent, false);
  // pcscd power-cycles a vpcd card and reports extra state changes; none may leak out as events
  await new Promise((resolve) => setTimeout(resolve, 600));
  assert.deepEqual(log, [`card-inserted ${reader0}`, `card-removed ${reader0}`]);
});

test('the second slot of the pair is a separate reader', async () => {
  const card = new ScriptedCard({ port: pair.port + 1 });
  cards.push(card);
  const inserted = nextEvent(service, 'card-inserted', (name) => name === reader1);
  await card.insert();
  await inserted;
  const states = Object.fromEntries(service.listReaders().map((r) => [r.name, r.cardPresent]));
  assert.equal(states[reader1], true);
  assert.equal(states[reader0], false);
  const removed = nextEvent(service, 'card-removed', (name) => name === reader1);
  card.remove();
  await removed;
});
