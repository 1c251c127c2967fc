import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chainBlocks, encodeShort, getResponseCommand, parseResponse } from '../../native/pcsc/apdu.ts';
import { bytes, hex } from './scripted-card.ts';

test('short APDU cases 1-4', () => {
  assert.equal(hex(encodeShort({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x80 })), '00200080');
  assert.equal(hex(encodeShort({ cla: 0x00, ins: 0xcb, p1: 0x3f, p2: 0xff, ne: 0x10 })), '00CB3FFF10');
  assert.equal(
    hex(encodeShort({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x80, data: bytes('31323334') })),
    '002000800431323334',
  );
  assert.equal(
    hex(encodeShort({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x00, data: bytes('A000000308'), ne: 256 })),
    '00A4040005A00000030800',
  );
});

test('Ne of 256 or more is Le = 00; empty data is no Lc', () => {
  assert.equal(hex(encodeShort({ cla: 0, ins: 0xc0, p1: 0, p2: 0, ne: 256 })), '00C0000000');
  assert.equal(hex(encodeShort({ cla: 0, ins: 0xcb, p1: 0x3f, p2: 0xff, ne: 4000 })), '00CB3FFF00');
  assert.equal(hex(encodeShort({ cla: 0, ins: 0x20, p1: 0, p2: 0x80, data: new Uint8Array(0) })), '00200080');
});

test('rejects what a short APDU cannot carry', () => {
  assert.throws(
    () => encodeShort({ cla: 0, ins: 0xdb, p1: 0x3f, p2: 0xff, data: new Uint8Array(256) }),
    RangeError,
  );
  assert.throws(() => encodeShort({ cla: 0x100, ins: 0, p1: 0, p2: 0 }), RangeError);
  assert.throws(() => encodeShort({ cla: 0, ins: 0, p1: 0, p2: 0, ne: 0 }), RangeError);
});

test('600 bytes become 255 + 255 + 90 with the chaining bit on all but the last', () => {
  const data = Uint8Array.from({ length: 600 }, (_, i) => i & 0xff);
  const blocks = chainBlocks({ cla: 0x00, ins: 0xdb, p1: 0x3f, p2: 0xff, data, ne: 256 });
  assert.deepEqual(
    blocks.map((b) => [b.cla, b.data?.length, b.ne]),
    [
      [0x10, 255, undefined],
      [0x10, 255, undefined],
      [0x00, 90, 256],
    ],
  );
  assert.deepEqual(Buffer.concat(blocks.map((b) => b.data ?? new Uint8Array(0))), Buffer.from(data));
  assert.equal(chainBlocks({ cla: 0, ins: 0xdb, p1: 0, p2: 0, data: new Uint8Array(255) }).length, 1);
});

test('GET RESPONSE keeps the logical channel and maps xx = 00 to 256', () => {
  assert.equal(hex(encodeShort(getResponseCommand(0x00, 0x10))), '00C0000010');
  assert.equal(hex(encodeShort(getResponseCommand(0x01, 0x00))), '01C0000000');
  assert.equal(hex(encodeShort(getResponseCommand(0x80, 0x20))), '00C0000020');
});

test('response parsing', () => {
  assert.deepEqual(parseResponse(bytes('01029000')), { data: bytes('0102'), sw: 0x9000 });
  assert.deepEqual(parseResponse(bytes('6A82')), { data: new Uint8Array(0), sw: 0x6a82 });
  assert.equal(parseResponse(new Uint8Array(0)), undefined);
  assert.equal(parseResponse(bytes('90')), undefined);
});
