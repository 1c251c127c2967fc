// The GIDS applet's own rules at the APDU level, where OpenSC never goes: the MS VSC quirks
// (no extended APDUs, no padding-indicator byte in decipher), chaining and its interruption,
// security status lost on reset, access rules of the DO EFs, one-shot admin challenges.
import assert from 'node:assert/strict';
import { constants, createCipheriv, createPublicKey, publicEncrypt } from 'node:crypto';
import { describe, test } from 'node:test';
import { GidsApplet } from '../../sim/card/gids-applet.ts';
import { resolveGidsConfig } from '../../sim/card/gids-config.ts';
import { manufactureGids } from '../../sim/card/gids-state.ts';

const ADMIN = Buffer.from('0f0e0d0c0b0a09080706050403020100f0e0d0c0b0a09080', 'hex');
const h = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

function applet(config = {}): {
  a: GidsApplet;
  send: (hex: string | Buffer) => { sw: string; data: Buffer };
} {
  const cfg = resolveGidsConfig({ adminKey: ADMIN.toString('hex'), ...config });
  const a = new GidsApplet(manufactureGids(cfg), cfg, { onStateChange: () => {} });
  const send = (x: string | Buffer) => {
    const r = a.process(typeof x === 'string' ? h(x) : x);
    return { sw: r.subarray(-2).toString('hex'), data: r.subarray(0, -2) };
  };
  return { a, send };
}

const SELECT = '00 A4 04 00 09 A0 00 00 03 97 42 54 46 59 00';
const VERIFY_DEFAULT = '00 20 00 80 08 3132333435363738';
const KEYFILE =
  '00 E0 00 00 1D 62 1B 82 01 18 83 02 B0 81 8C 05 8F 10 10 10 00 A5 0B B8 09 80 01 47 83 01 81 95 01 40';

describe('GIDS soft card applet', () => {
  test('nothing answers before SELECT; SELECT returns the FCI with GIDS v2', () => {
    const { send } = applet();
    assert.equal(send('00 CB 3F FF 04 5C 02 7F 71 00').sw, '6d00');
    const r = send(SELECT);
    assert.equal(r.sw, '9000');
    assert.equal(r.data.toString('hex'), '61124f0ba00000039742544659020173034001c0');
    assert.equal(send('00 A4 04 00 05 A0 00 00 03 08').sw, '6a82', 'PIV AID is not here');
    assert.equal(send('00 CB 3F FF 04 5C 02 7F 71 00').sw, '9000', 'GIDS stays selected');
  });

  test('extended-length APDUs are refused (MS VSC); short chained ones work and an interruption drops the chain', () => {
    const { send } = applet();
    send(SELECT);
    send(VERIFY_DEFAULT);
    const big = Buffer.concat([h('DF 24 82 01 2C'), Buffer.alloc(300, 0x41)]);
    const ext = Buffer.concat([h('00 DB A0 10 00'), Buffer.from([big.length >> 8, big.length & 0xff]), big]);
    assert.equal(send(ext).sw, '6700');
    const first = Buffer.concat([h('10 DB A0 10'), Buffer.from([200]), big.subarray(0, 200)]);
    const last = Buffer.concat([h('00 DB A0 10'), Buffer.from([big.length - 200]), big.subarray(200)]);
    assert.equal(send(first).sw, '9000');
    assert.equal(send('00 CB A0 10 04 5C 02 DF 23 00').sw, '9000', 'another command interrupts the chain');
    assert.equal(send(last).sw, '6a80', 'the tail alone is not a TLV');
    assert.equal(send(first).sw, '9000');
    assert.equal(send(last).sw, '9000');
    const back = send('00 CB A0 10 04 5C 02 DF 24 00');
    assert.equal(back.sw, '6131', 'more than 256 bytes: 49 more with GET RESPONSE');
    const rest = send('00 C0 00 00 00');
    assert.deepEqual(Buffer.concat([back.data, rest.data]), big);
  });

  test('DO EF rules: A010 writes need the PIN, A012 the admin key; reset loses the PIN', () => {
    const { a, send } = applet();
    send(SELECT);
    assert.equal(send('00 DB A0 10 05 DF 30 02 01 02').sw, '6982');
    send(VERIFY_DEFAULT);
    assert.equal(send('00 DB A0 10 05 DF 30 02 01 02').sw, '9000');
    assert.equal(send('00 DB A0 12 05 DF 20 02 01 02').sw, '6982', 'cardid is admin-written');
    a.powerReset();
    send(SELECT);
    assert.equal(send('00 DB A0 10 05 DF 30 02 01 02').sw, '6982');
  });

  test('decipher takes the cryptogram without the padding-indicator byte; with it the VSC refuses', () => {
    const { a, send } = applet();
    send(SELECT);
    send(VERIFY_DEFAULT);
    assert.equal(send(KEYFILE).sw, '9000');
    assert.equal(send('00 44 00 00').sw, '9000');
    assert.equal(send('00 47 00 00 08 AC 06 80 01 07 83 01 81').sw, '9000');
    const key = a.state.keys.get(0x81)?.key;
    assert.ok(key);
    const cryptogram = publicEncrypt(
      { key: createPublicKey(key), padding: constants.RSA_PKCS1_PADDING },
      Buffer.from('secret'),
    );
    assert.equal(send('00 22 41 B8 06 80 01 47 84 01 81').sw, '9000');
    const chained = (data: Buffer): string => {
      send(Buffer.concat([h('10 2A 80 86'), Buffer.from([128]), data.subarray(0, 128)]));
      const r = send(
        Buffer.concat([h('00 2A 80 86'), Buffer.from([data.length - 128]), data.subarray(128), h('00')]),
      );
      return r.sw === '9000' ? r.data.toString() : r.sw;
    };
    assert.equal(chained(cryptogram), 'secret');
    assert.equal(chained(Buffer.concat([Buffer.from([0]), cryptogram])), '6a80');
    assert.equal(
      send('00 22 41 B6 06 80 01 57 84 01 81').sw,
      '6a80',
      'this key file allows no signing mechanism',
    );
  });

  test('admin mutual authentication: a challenge is good once; a wrong cryptogram is refused', () => {
    const { a, send } = applet();
    send(SELECT);
    assert.equal(send('00 87 00 00 14 7C 12 81 10' + '11'.repeat(16) + '00').sw, '6985', 'MSE first');
    assert.equal(send('00 22 C1 A4 03 83 01 80').sw, '9000');
    const r1 = Buffer.alloc(16, 0x11);
    const first = send(Buffer.concat([h('00 87 00 00 14 7C 12 81 10'), r1, h('00')]));
    assert.equal(first.sw, '9000');
    const r2 = first.data.subarray(4, 20);
    const enc = (data: Buffer): Buffer => {
      const c = createCipheriv('des-ede3-cbc', ADMIN, Buffer.alloc(8));
      c.setAutoPadding(false);
      return Buffer.concat([c.update(data), c.final()]);
    };
    const z1 = Buffer.concat([Buffer.alloc(7, 0x22), Buffer.from([0x80])]);
    const good = Buffer.concat([h('00 87 00 00 2C 7C 2A 82 28'), enc(Buffer.concat([r2, r1, z1])), h('00')]);
    const wrongOrder = Buffer.concat([
      h('00 87 00 00 2C 7C 2A 82 28'),
      enc(Buffer.concat([r1, r2, z1])),
      h('00'),
    ]);
    assert.equal(send(wrongOrder).sw, '6982');
    assert.equal(send(good).sw, '6985', 'the challenge was used up by the failed attempt');
    assert.equal(a.adminAuthenticated, false);
    const again = send(Buffer.concat([h('00 87 00 00 14 7C 12 81 10'), r1, h('00')]));
    const r2b = again.data.subarray(4, 20);
    const ok = send(
      Buffer.concat([h('00 87 00 00 2C 7C 2A 82 28'), enc(Buffer.concat([r2b, r1, z1])), h('00')]),
    );
    assert.equal(ok.sw, '9000');
    assert.equal(a.adminAuthenticated, true);
  });

  test('key files: at most the VSC limit of containers; generation needs an activated file and the PIN', () => {
    const { send } = applet({ maxContainers: 1 });
    send(SELECT);
    assert.equal(send(KEYFILE).sw, '6982', 'PIN first');
    send(VERIFY_DEFAULT);
    assert.equal(send('00 47 00 00 08 AC 06 80 01 07 83 01 81').sw, '6a88', 'no key file yet');
    assert.equal(send(KEYFILE).sw, '9000');
    assert.equal(send('00 47 00 00 08 AC 06 80 01 07 83 01 81').sw, '6985', 'not activated');
    assert.equal(send(KEYFILE).sw, '6a89', 'exists');
    const second = KEYFILE.replace('B0 81', 'B0 82').replace('83 01 81', '83 01 82');
    assert.equal(send(second).sw, '6a84', 'over the container limit');
    send('00 44 00 00');
    assert.equal(
      send('00 47 00 00 08 AC 06 80 01 06 83 01 81').sw,
      '6a80',
      'an RSA-1024 key in an RSA-2048 file',
    );
  });
});
