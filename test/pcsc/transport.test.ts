// Transport mechanics against the real pcscd, with a scripted vpcd card that records the exact
// bytes it receives: GET RESPONSE, 6Cxx, command chaining, Le, serialisation, removal, sharing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensurePcscd, vpcdPair } from '../support/pcscd.ts';
import {
  CardRemovedError,
  NoCardError,
  PcscService,
  PcscTimeoutError,
  ReaderBusyError,
  UnknownReaderError,
  type Transport,
} from '../../native/pcsc/index.ts';
import { DEFAULT_ATR, ScriptedCard, bytes, hex, type CardReply, type Responder } from './scripted-card.ts';
import { elapsed, nextEvent } from './helpers.ts';

const pair = vpcdPair();
const reader = pair.readers[0];
let service: PcscService;
let card: ScriptedCard | undefined;

before(async () => {
  await ensurePcscd();
  service = new PcscService({ debounceMs: 50 });
  await service.start();
});

after(async () => {
  card?.remove();
  await service.close();
});

async function insert(script: readonly CardReply[], fallback?: Responder): Promise<ScriptedCard> {
  const c = new ScriptedCard({ port: pair.port, script, ...(fallback ? { fallback } : {}) });
  card = c;
  const inserted = nextEvent(service, 'card-inserted', (name) => name === reader);
  await c.insert();
  await inserted;
  return c;
}

async function pull(c: ScriptedCard): Promise<void> {
  if (!c.inserted) {
    // already gone (the script dropped the socket): wait until the service agrees
    if (service.listReaders().find((r) => r.name === reader)?.cardPresent !== true) return;
  }
  const removed = nextEvent(service, 'card-removed', (name) => name === reader);
  c.remove();
  await removed;
}

async function withCard(
  script: readonly CardReply[],
  body: (t: Transport, c: ScriptedCard) => Promise<void>,
  fallback?: Responder,
): Promise<void> {
  const c = await insert(script, fallback);
  const t = await service.connect(reader);
  try {
    await body(t, c);
  } finally {
    await t.close('leave');
    await pull(c);
  }
}

test('case 4: Lc, data and Le = 00 go out as one short APDU; data and SW come back', async () => {
  // the answer is a PIV application property template (tag 61), then 9000
  await withCard([bytes('61 11 4F 06 00 00 10 00 01 00 79 07 4F 05 A0 00 00 03 08 90 00')], async (t, c) => {
    const res = await t.transmit({
      cla: 0x00,
      ins: 0xa4,
      p1: 0x04,
      p2: 0x00,
      data: bytes('A000000308000010000100'),
      ne: 256,
    });
    assert.deepEqual(c.received.map(hex), ['00A404000BA00000030800001000010000']);
    assert.equal(res.sw, 0x9000);
    assert.equal(hex(res.data), '61114F0600001000010079074F05A000000308');
    assert.equal(hex(t.atr), hex(DEFAULT_ATR));
  });
});

test('61xx is followed with GET RESPONSE (00 C0 00 00 xx) and the data is joined', async () => {
  const part1 = Uint8Array.from({ length: 256 }, (_, i) => i);
  const part2 = Uint8Array.from({ length: 16 }, () => 0xee);
  await withCard(
    [bytes('AABB 6100'), Buffer.concat([part1, bytes('6110')]), Buffer.concat([part2, bytes('9000')])],
    async (t, c) => {
      const res = await t.transmit({
        cla: 0x00,
        ins: 0xcb,
        p1: 0x3f,
        p2: 0xff,
        data: bytes('5C035FC105'),
        ne: 256,
      });
      assert.deepEqual(c.received.map(hex), ['00CB3FFF055C035FC10500', '00C0000000', '00C0000010']);
      assert.equal(res.sw, 0x9000);
      assert.equal(hex(res.data), hex(Buffer.concat([bytes('AABB'), part1, part2])));
    },
  );
});

test('6Cxx re-sends the same command with Le = xx', async () => {
  await withCard([bytes('6C08'), bytes('0102030405060708 9000')], async (t, c) => {
    const res = await t.transmit({ cla: 0x00, ins: 0xca, p1: 0x01, p2: 0x02, ne: 256 });
    assert.deepEqual(c.received.map(hex), ['00CA010200', '00CA010208']);
    assert.equal(hex(res.data), '0102030405060708');
    assert.equal(res.sw, 0x9000);
  });
});

test('a 600-byte command goes out as three chained blocks (CLA 10, 10, 00)', async () => {
  const data = Uint8Array.from({ length: 600 }, (_, i) => (i * 7) & 0xff);
  await withCard([bytes('9000'), bytes('9000'), bytes('9000')], async (t, c) => {
    const res = await t.transmit({ cla: 0x00, ins: 0xdb, p1: 0x3f, p2: 0xff, data });
    assert.equal(res.sw, 0x9000);
    assert.deepEqual(c.received.map(hex), [
      '10DB3FFFFF' + hex(data.subarray(0, 255)),
      '10DB3FFFFF' + hex(data.subarray(255, 510)),
      '00DB3FFF5A' + hex(data.subarray(510)),
    ]);
  });
});

test('a chained block the card refuses ends the chain with that status', async () => {
  const data = new Uint8Array(600);
  await withCard([bytes('9000'), bytes('6A84')], async (t, c) => {
    const res = await t.transmit({ cla: 0x00, ins: 0xdb, p1: 0x3f, p2: 0xff, data });
    assert.equal(res.sw, 0x6a84);
    assert.equal(c.received.length, 2);
  });
});

test('concurrent transmits on one connection never interleave', async () => {
  // every command answers 61 01; its GET RESPONSE must come before the next command
  const fallback: Responder = (apdu) =>
    apdu[1] === 0xc0 ? bytes('EE 9000') : Uint8Array.from([apdu[1] ?? 0, 0x61, 0x01]);
  await withCard(
    [],
    async (t, c) => {
      const results = await Promise.all(
        [1, 2, 3].map((ins) => t.transmit({ cla: 0x00, ins, p1: 0, p2: 0, ne: 256 })),
      );
      assert.deepEqual(
        results.map((r) => hex(r.data)),
        ['01EE', '02EE', '03EE'],
      );
      assert.deepEqual(
        c.received.map((a) => hex(a.subarray(0, 2))),
        ['0001', '00C0', '0002', '00C0', '0003', '00C0'],
      );
    },
    fallback,
  );
});

test('card pulled while it works on a command: CardRemovedError within a bounded time', async () => {
  const c = await insert(['hang']);
  const t = await service.connect(reader);
  const started = Date.now();
  const pending = t.transmit({
    cla: 0x00,
    ins: 0x47,
    p1: 0x00,
    p2: 0x9a,
    data: bytes('AC03800107'),
    ne: 256,
  });
  setTimeout(() => c.remove(), 300);
  await assert.rejects(pending, CardRemovedError);
  const ms = elapsed(started);
  assert.ok(ms < 3000, `took ${ms} ms`);
  // the connection stays dead; no hang on the next call either
  await assert.rejects(t.transmit({ cla: 0, ins: 0xca, p1: 0, p2: 0, ne: 256 }), CardRemovedError);
  await t.close();
  await pull(c);
  console.log(`# removal detected ${ms - 300} ms after the card was pulled`);
});

test('card drops the connection on receipt of a command: CardRemovedError', async () => {
  const c = await insert(['close']);
  const t = await service.connect(reader);
  const started = Date.now();
  await assert.rejects(
    t.transmit({ cla: 0, ins: 0xa4, p1: 4, p2: 0, data: bytes('A000000308') }),
    CardRemovedError,
  );
  assert.ok(elapsed(started) < 3000);
  await t.close();
  await pull(c);
});

test('a card that never answers: PcscTimeoutError after the transmit timeout, not a hang', async () => {
  const c = await insert(['hang']);
  const t = await service.connect(reader, { transmitTimeoutMs: 700 });
  const started = Date.now();
  await assert.rejects(t.transmit({ cla: 0, ins: 0xb0, p1: 0, p2: 0, ne: 16 }), PcscTimeoutError);
  const ms = elapsed(started);
  assert.ok(ms >= 650 && ms < 2000, `took ${ms} ms`);
  // pulling the card releases the stuck native call
  await pull(c);
  await t.close();
});

test('an exclusive connection keeps a second (shared) one out until it closes', async () => {
  const c = await insert([]);
  const exclusive = await service.connect(reader, { share: 'exclusive' });
  await assert.rejects(service.connect(reader, { share: 'shared' }), ReaderBusyError);
  await exclusive.close('leave');
  const shared1 = await service.connect(reader, { share: 'shared' });
  const shared2 = await service.connect(reader, { share: 'shared' });
  await assert.rejects(service.connect(reader, { share: 'exclusive' }), ReaderBusyError);
  const res = await shared2.transmit({ cla: 0, ins: 0xca, p1: 0, p2: 0, ne: 256 });
  assert.equal(res.sw, 0x6d00);
  await shared1.close('leave');
  await shared2.close('leave');
  await pull(c);
});

test('connect to an empty reader or an unknown one fails with a typed error', async () => {
  await assert.rejects(service.connect(reader), NoCardError);
  await assert.rejects(service.connect('No Such Reader 00 00'), UnknownReaderError);
});

test('connection objects survive garbage collection (the binding crashes collecting unused ones)', async () => {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const c = await insert([]);
  const opened = await Promise.all([1, 2, 3].map(() => service.connect(reader)));
  for (const t of opened) await t.close('leave');
  gc();
  gc();
  const again = await service.connect(reader);
  assert.equal((await again.transmit({ cla: 0, ins: 0xca, p1: 0, p2: 0, ne: 256 })).sw, 0x6d00);
  await again.close('leave');
  gc();
  await pull(c);
});
