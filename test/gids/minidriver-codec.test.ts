// The minidriver file formats the station writes and reads, checked against the bytes OpenSC's
// gids-tool --initialize writes (card-gids.c masterfile) and against hostile inputs a card could
// return (wrong sizes, a zlib bomb, a length that lies).
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { describe, test } from 'node:test';
import {
  bumpCardcf,
  certificateFileName,
  compressCertificate,
  decompressCertificate,
  encodeCmapfile,
  encodeKeymap,
  encodeMasterfile,
  parseCmapfile,
  parseKeymap,
  parseMasterfile,
} from '../../core/card/gids/minidriver.ts';
import { CardProtocolError } from '../../core/card/status-words.ts';
import { manufactureGids } from '../../sim/card/gids-state.ts';
import { resolveGidsConfig } from '../../sim/card/gids-config.ts';

// OpenSC card-gids.c gids_initialize(): the masterfile gids-tool writes on a blank card
const OPENSC_MASTERFILE = Buffer.from(
  '016d736370000000000000000000000000000000000000000000a0000000000000000000000063617264696400000000' +
    '0020df000012a00000000000000000000000636172646170707300000021df000010a000000000000000000000006361' +
    '72646366000000000022df000010a000006d7363700000000000636d617066696c6500000023df000010a00000',
  'hex',
);

describe('minidriver formats', () => {
  test('the masterfile parses as OpenSC writes it and re-encodes to the same bytes', () => {
    const records = parseMasterfile(OPENSC_MASTERFILE);
    assert.deepEqual(
      records.map((r) => [r.directory, r.filename, r.dataObject.toString(16), r.ef.toString(16)]),
      [
        ['mscp', '', '0', 'a000'],
        ['', 'cardid', 'df20', 'a012'],
        ['', 'cardapps', 'df21', 'a010'],
        ['', 'cardcf', 'df22', 'a010'],
        ['mscp', 'cmapfile', 'df23', 'a010'],
      ],
    );
    assert.deepEqual(Buffer.from(encodeMasterfile(records)), OPENSC_MASTERFILE);
  });

  test('the soft VSC is manufactured with that same masterfile, an empty cmapfile and no keymap', () => {
    const state = manufactureGids(resolveGidsConfig({}));
    assert.deepEqual(state.efs.get(0xa000)?.objects.get(0xdf1f), OPENSC_MASTERFILE);
    assert.equal(state.efs.get(0xa010)?.objects.get(0xdf23)?.length, 0);
    assert.equal(state.efs.get(0xa000)?.objects.has(0xdf20), false);
  });

  test('cmapfile records: 86 bytes, UTF-16 name, valid/default flags, key sizes', () => {
    const bytes = encodeCmapfile([
      { name: '{A-GUID}', valid: true, isDefault: true, signatureKeyBits: 0, keyExchangeKeyBits: 2048 },
      { name: '', valid: false, isDefault: false, signatureKeyBits: 0, keyExchangeKeyBits: 0 },
    ]);
    assert.equal(bytes.length, 172);
    assert.equal(bytes[80], 0x03);
    assert.equal(Buffer.from(bytes).readUInt16LE(84), 2048);
    assert.equal(parseCmapfile(bytes)[0]?.name, '{A-GUID}');
    assert.throws(() => parseCmapfile(bytes.subarray(0, 85)), CardProtocolError);
    assert.throws(
      () =>
        encodeCmapfile([
          {
            name: 'x'.repeat(40),
            valid: true,
            isDefault: false,
            signatureKeyBits: 0,
            keyExchangeKeyBits: 2048,
          },
        ]),
      RangeError,
    );
  });

  test('keymap records as gids-tool prints them', () => {
    const bytes = encodeKeymap([{ state: 1, algorithm: 7, keyType: 0x9a, keyReference: 0xb081 }]);
    assert.deepEqual(Buffer.from(bytes).toString('hex'), '0101000000079a81b0ffff');
    assert.deepEqual(parseKeymap(bytes)[0], { state: 1, algorithm: 7, keyType: 0x9a, keyReference: 0xb081 });
    assert.throws(() => parseKeymap(Uint8Array.of(0x02)), CardProtocolError);
  });

  test('cardcf counters wrap and grow independently', () => {
    const c = bumpCardcf(Uint8Array.from([0, 0, 0xff, 0xff, 1, 0]), { containers: true, files: true });
    assert.deepEqual([...c], [0, 0, 0, 0, 2, 0]);
  });

  test('certificate compression round-trips; file names are kxcNN/kscNN in upper-case hex', () => {
    const der = new Uint8Array(Buffer.alloc(1200, 0x30));
    const stored = compressCertificate(der);
    assert.deepEqual([...stored.subarray(0, 4)], [0x01, 0x00, 1200 & 0xff, 1200 >> 8]);
    assert.deepEqual(decompressCertificate(stored), der);
    assert.equal(certificateFileName(10, 'exchange'), 'kxc0A');
    assert.equal(certificateFileName(0, 'signature'), 'ksc00');
  });

  test('hostile certificate files are refused: unknown format, lying length, zlib bomb, garbage', () => {
    const head = (n: number) => Uint8Array.from([0x01, 0x00, n & 0xff, n >> 8]);
    assert.throws(() => decompressCertificate(Uint8Array.from([0x02, 0x00, 0, 0, 1])), CardProtocolError);
    assert.throws(
      () => decompressCertificate(Buffer.concat([head(10), deflateSync(Buffer.alloc(20))])),
      CardProtocolError,
    );
    const bomb = deflateSync(Buffer.alloc(50 * 1024 * 1024));
    assert.throws(() => decompressCertificate(Buffer.concat([head(0xffff), bomb])), CardProtocolError);
    assert.throws(
      () => decompressCertificate(Buffer.concat([head(4), Buffer.from('nope')])),
      CardProtocolError,
    );
  });

  test('a masterfile of the wrong size or version is refused', () => {
    assert.throws(() => parseMasterfile(OPENSC_MASTERFILE.subarray(0, 30)), CardProtocolError);
    assert.throws(
      () => parseMasterfile(Buffer.concat([Buffer.from([2]), OPENSC_MASTERFILE.subarray(1)])),
      CardProtocolError,
    );
  });
});
