// SP 800-73 card-edge behaviour checked with raw APDUs over real PC/SC (pcscd + vpcd), where the
// high-level tools would hide it: response chaining, command chaining, status words, metadata.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createCipheriv,
  createDecipheriv,
  createECDH,
  createHash,
  createPublicKey,
  randomBytes,
  verify,
} from 'node:crypto';
import { ensurePcscd, vpcdPair } from '../support/pcscd.ts';
import { startSoftCard, type SoftCard } from '../../sim/card/index.ts';
import { RawReader, hex, settleWithin, waitCardState, exitIfStuck } from './support.ts';

const pair = vpcdPair();
const READER = pair.readers[0];
const DEFAULT_KEY = Buffer.from('010203040506070801020304050607080102030405060708', 'hex');
let card: SoftCard;
let r: RawReader;

before(async () => {
  await ensurePcscd();
  // a card left by the previous file must be gone first, or the reader's "present" is stale
  await waitCardState(READER, false);
  card = await startSoftCard({ port: pair.port, config: { serial: 13572468 } });
  await waitCardState(READER, true);
  r = await RawReader.open(READER);
});

after(async () => {
  if (r) await settleWithin('raw reader close', r.close(), 5000);
  if (card) await settleWithin('card stop', card.stop(), 5000);
  await settleWithin('reader empty', waitCardState(READER, false), 10_000);
  exitIfStuck();
});

beforeEach(async () => {
  await r.resetCard();
  assert.equal((await r.transmit('00A4040005A000000308')).sw, 0x9000);
});

// ---- independent host-side helpers (deliberately not the simulator's code) -------------------

const CIPHER: Record<number, string> = {
  0x03: 'des-ede3',
  0x08: 'aes-128-ecb',
  0x0a: 'aes-192-ecb',
  0x0c: 'aes-256-ecb',
};
function ecb(alg: number, key: Buffer, data: Buffer, encrypt: boolean): Buffer {
  const name = CIPHER[alg] as string;
  const c = encrypt ? createCipheriv(name, key, null) : createDecipheriv(name, key, null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

const len = (n: number): string =>
  n < 0x80
    ? n.toString(16).padStart(2, '0')
    : n < 0x100
      ? '81' + n.toString(16).padStart(2, '0')
      : '82' + n.toString(16).padStart(4, '0');
const tlvHex = (tag: string, value: string): string => tag + len(value.length / 2) + value;
const apdu = (head: string, data: string, le?: string): string =>
  head + (data.length / 2).toString(16).padStart(2, '0') + data + (le ?? '');

async function mutualAuth(alg = 0x03, key = DEFAULT_KEY): Promise<number> {
  const a = alg.toString(16).padStart(2, '0');
  const step1 = await r.transmit(`0087${a}9B047C028000`);
  assert.equal(step1.sw, 0x9000);
  const block = alg === 0x03 ? 8 : 16;
  const witness = step1.data.subarray(4, 4 + block);
  const challenge = randomBytes(block);
  const body = tlvHex('80', hex(ecb(alg, key, witness, false))) + tlvHex('81', hex(challenge));
  const step2 = await r.transmit(apdu(`0087${a}9B`, tlvHex('7C', body)));
  if (step2.sw !== 0x9000) return step2.sw;
  assert.deepEqual(step2.data.subarray(4), ecb(alg, key, challenge, true), 'card proves it knows the key');
  return step2.sw;
}

async function getAll(first: {
  data: Buffer;
  sw: number;
}): Promise<{ data: Buffer; sw: number; rounds: number }> {
  let { data, sw } = first;
  let rounds = 0;
  while (sw >> 8 === 0x61) {
    const next = await r.transmit('00C00000' + (sw & 0xff).toString(16).padStart(2, '0'));
    data = Buffer.concat([data, next.data]);
    sw = next.sw;
    rounds++;
  }
  return { data, sw, rounds };
}

/** Sends data with ISO chaining in 255-byte blocks as yubico-piv-tool and OpenSC do. */
async function chained(head: string, data: Buffer, le = ''): Promise<{ data: Buffer; sw: number }> {
  for (let off = 0; ; off += 255) {
    const part = data.subarray(off, off + 255);
    const last = off + 255 >= data.length;
    const cla = last ? '00' : '10';
    const res = await r.transmit(apdu(cla + head.slice(2), hex(part), last ? le : ''));
    if (last || res.sw !== 0x9000) return res;
  }
}

const PIN = '313233343536FFFF';

// ---- tests -------------------------------------------------------------------------------------

test('SELECT: full AID, 9-byte truncation and RID answer the Application Property Template', async () => {
  for (const aid of ['A0000003080000100001 00', 'A00000030800001000', 'A000000308']) {
    const clean = aid.replace(/\s/g, '');
    const res = await r.transmit(apdu('00A40400', clean, '00'));
    assert.equal(res.sw, 0x9000, aid);
    const t = hex(res.data);
    assert.ok(t.startsWith('61'), t);
    assert.ok(t.includes('4f06000010000100'), 'PIX in 4F');
    assert.ok(t.includes('79074f05a000000308'), 'coexistent tag allocation authority');
  }
});

test('unknown AIDs answer 6A82 and leave PIV selected with its security status', async () => {
  assert.equal((await r.transmit(apdu('00200080', PIN))).sw, 0x9000);
  assert.equal((await r.transmit('00A4040008A000000527200101')).sw, 0x6a82); // YubiKey OTP
  assert.equal((await r.transmit('00A4040007A0000000010100')).sw, 0x6a82);
  assert.equal((await r.transmit('00A4040C0FD23300000045737445494420763335')).sw, 0x6a82);
  assert.equal((await r.transmit('00200080')).sw, 0x9000, 'still verified');
  assert.equal((await r.transmit('00CB3FFF055C035FC10200')).sw, 0x9000, 'PIV still answers');
});

test('VERIFY: status query, wrong-format PINs, counter, log out, reset on power cycle', async () => {
  assert.equal((await r.transmit('00200080')).sw, 0x63c3);
  assert.equal((await r.transmit('0020008000')).sw, 0x63c3);
  assert.equal((await r.transmit(apdu('00200080', '3132333435FFFFFF'))).sw, 0x6a80, '5 digits');
  assert.equal((await r.transmit(apdu('00200080', '31323334353641FF'))).sw, 0x6a80, 'letter');
  assert.equal((await r.transmit(apdu('00200080', '313233343536'))).sw, 0x6a80, 'unpadded');
  assert.equal((await r.transmit('00200080')).sw, 0x63c3, 'format errors cost nothing');
  assert.equal((await r.transmit(apdu('00200080', '393939393939FFFF'))).sw, 0x63c2);
  assert.equal((await r.transmit(apdu('00200080', PIN))).sw, 0x9000);
  assert.equal((await r.transmit('00200080')).sw, 0x9000, 'verified, counter back to 3');
  assert.equal(card.status().pin.retriesLeft, 3);
  assert.equal((await r.transmit('0020FF80')).sw, 0x9000, 'log out');
  assert.equal((await r.transmit('00200080')).sw, 0x63c3);
  assert.equal((await r.transmit(apdu('00200080', PIN))).sw, 0x9000);
  await r.resetCard();
  assert.equal((await r.transmit('00200080')).sw, 0x63c3, 'reset drops the PIN status');
  assert.equal((await r.transmit(apdu('00200081', '3132333435363738'))).sw, 0x6a88, 'PUK is not verifiable');
});

test('CHANGE REFERENCE DATA for PIN and PUK, RESET RETRY COUNTER, blocking', async () => {
  const puk = hex(Buffer.from('12345678'));
  const newPuk = hex(Buffer.from('87654321'));
  assert.equal((await r.transmit(apdu('00240081', '3030303030303030' + newPuk))).sw, 0x63c2);
  assert.equal((await r.transmit(apdu('00240081', puk + newPuk))).sw, 0x9000);
  assert.equal(card.status().puk.isDefault, false);
  // new PIN too short: current PIN right, 6A80, nothing changes
  assert.equal((await r.transmit(apdu('00240080', PIN + '31323334FFFFFFFF'))).sw, 0x6a80);
  for (const left of [0x63c2, 0x63c1, 0x63c0]) {
    assert.equal((await r.transmit(apdu('00200080', '393939393939FFFF'))).sw, left);
  }
  assert.equal((await r.transmit(apdu('00200080', PIN))).sw, 0x6983, 'blocked, no comparison');
  assert.equal((await r.transmit('00200080')).sw, 0x6983);
  assert.equal((await r.transmit(apdu('00240080', PIN + PIN))).sw, 0x6983);
  assert.equal((await r.transmit(apdu('002C0080', puk + PIN))).sw, 0x63c2, 'old PUK no longer works');
  assert.equal((await r.transmit(apdu('002C0080', newPuk + '3132FFFFFFFFFFFF'))).sw, 0x6a80);
  assert.equal((await r.transmit(apdu('002C0080', newPuk + '373737373737FFFF'))).sw, 0x9000);
  assert.equal((await r.transmit('00200080')).sw, 0x63c3, 'unblocked but not verified');
  assert.equal((await r.transmit(apdu('00240080', '373737373737FFFF' + PIN))).sw, 0x9000);
  assert.equal((await r.transmit('00200080')).sw, 0x9000, 'CHANGE REFERENCE DATA sets the status');
  assert.equal((await r.transmit(apdu('00240081', newPuk + puk))).sw, 0x9000);
  assert.deepEqual(
    { pin: card.status().pin.isDefault, puk: card.status().puk.isDefault },
    { pin: true, puk: true },
  );
});

test('GET METADATA reports defaults, retries, algorithms and origin without spending retries', async () => {
  const pin = await r.transmit('00F7008000');
  assert.equal(pin.sw, 0x9000);
  assert.equal(hex(pin.data), '0101ff050101060203' + '03');
  assert.equal((await r.transmit(apdu('00200080', '393939393939FFFF'))).sw, 0x63c2);
  assert.equal(hex((await r.transmit('00F7008000')).data), '0101ff050101060203' + '02');
  assert.equal((await r.transmit(apdu('00200080', PIN))).sw, 0x9000);
  assert.equal(hex((await r.transmit('00F7008100')).data), '0101ff050101060203' + '03');
  assert.equal(hex((await r.transmit('00F7009B00')).data), '010103' + '02020001' + '050101');
  assert.equal((await r.transmit('00F7009A00')).sw, 0x6a88, 'empty slot');
  assert.equal(hex((await r.transmit('00FD000000')).data), '050403');
  assert.equal((await r.transmit('00F8000000')).data.readUInt32BE(0), 13572468);
  assert.equal((await r.transmit('00EE000000')).sw, 0x6d00, 'unknown INS');
});

test('9B: mutual and single authentication, wrong key 6982, SET MANAGEMENT KEY to AES-192', async () => {
  const wrong = Buffer.from(DEFAULT_KEY);
  wrong[23] = 0xff;
  assert.equal(await mutualAuth(0x03, wrong), 0x6982);
  assert.equal((await r.transmit(apdu('00DB3FFF', '5C035FC109' + '5300'))).sw, 0x6982, 'PUT DATA needs 9B');
  // single (external) authentication with the default 3DES key
  const c = await r.transmit('0087039B047C028100');
  assert.equal(c.sw, 0x9000);
  const response = ecb(0x03, DEFAULT_KEY, c.data.subarray(4, 12), true);
  assert.equal((await r.transmit(apdu('0087039B', tlvHex('7C', tlvHex('82', hex(response)))))).sw, 0x9000);
  const aesKey = randomBytes(24);
  assert.equal((await r.transmit(apdu('00FFFFFF', '0A9B18' + hex(aesKey)))).sw, 0x9000);
  assert.equal(hex((await r.transmit('00F7009B00')).data), '01010a' + '02020001' + '050100');
  await r.resetCard();
  assert.equal((await r.transmit('0087039B047C028000')).sw, 0x6a86, '3DES no longer the algorithm');
  assert.equal(await mutualAuth(0x0a, aesKey), 0x9000);
  // and back to the default so later tests start from factory values
  assert.equal((await r.transmit(apdu('00FFFFFF', '039B18' + hex(DEFAULT_KEY)))).sw, 0x9000);
  assert.equal(card.status().managementKey.isDefault, true);
});

test('GET DATA honours Le (OpenSC Le=08 probe), 61xx and GET RESPONSE; chained PUT DATA', async () => {
  assert.equal(await mutualAuth(), 0x9000);
  const cert = randomBytes(1200);
  const value = tlvHex('70', hex(cert)) + '710100' + 'FE00';
  const put = await chained('00DB3FFF', Buffer.from('5C035FC105' + tlvHex('53', value), 'hex'));
  assert.equal(put.sw, 0x9000);
  const probe = await r.transmit('00CB3FFF055C035FC10508');
  assert.equal(probe.data.length, 8);
  assert.equal(probe.sw, 0x6100, 'more than 255 bytes remain');
  assert.equal(
    hex(probe.data.subarray(0, 4)),
    '538204c5'.slice(0, 4) + (value.length / 2).toString(16).padStart(4, '0'),
  );
  const full = await getAll(await r.transmit('00CB3FFF055C035FC10500'));
  assert.equal(full.sw, 0x9000);
  assert.ok(full.rounds >= 4);
  assert.equal(full.data.length, value.length / 2 + 4);
  assert.equal(hex(full.data), ('53' + len(value.length / 2) + value).toLowerCase());
  assert.equal((await r.transmit('00CB3FFF055C035FC10900')).sw, 0x6a82, 'absent object');
  // printed information needs the PIN to read
  assert.equal((await r.transmit(apdu('00DB3FFF', '5C035FC109' + tlvHex('53', '0102')))).sw, 0x9000);
  assert.equal((await r.transmit('00CB3FFF055C035FC10900')).sw, 0x6982);
  assert.equal((await r.transmit(apdu('00200080', PIN))).sw, 0x9000);
  assert.equal(hex((await r.transmit('00CB3FFF055C035FC10900')).data), '53020102');
  // discovery is returned as its own 7E template
  const disc = await r.transmit('00CB3FFF035C017E00');
  assert.equal(hex(disc.data), '7e124f0ba0000003080000100001005f2f024000');
  // an empty 53 deletes the object
  assert.equal((await r.transmit(apdu('00DB3FFF', '5C035FC109' + '5300'))).sw, 0x9000);
  assert.equal((await r.transmit('00CB3FFF055C035FC10900')).sw, 0x6a82);
});

test('an interrupted command chain is rolled back', async () => {
  assert.equal(await mutualAuth(), 0x9000);
  const data = Buffer.from(
    '5C035FC10A' + tlvHex('53', tlvHex('70', hex(randomBytes(400))) + '710100FE00'),
    'hex',
  );
  assert.equal((await r.transmit(apdu('10DB3FFF', hex(data.subarray(0, 255))))).sw, 0x9000);
  // a different command arrives in the middle: it runs, the chain is gone
  assert.equal((await r.transmit('00CB3FFF055C035FC10200')).sw, 0x9000);
  const tail = await r.transmit(apdu('00DB3FFF', hex(data.subarray(255))));
  assert.equal(tail.sw, 0x6a80, 'the orphaned last block is not a whole object');
  assert.equal((await r.transmit('00CB3FFF055C035FC10A00')).sw, 0x6a82, 'nothing was written');
  assert.equal(card.object(0x5fc10a), undefined);
});

test('keys: case-3 and case-4 GENERATE, PIN rules per slot, ECDSA verifies, ECDH agrees', async () => {
  assert.equal(
    (await r.transmit('004700 9A 05AC03800111'.replace(/\s/g, ''))).sw,
    0x6982,
    'GENERATE needs 9B',
  );
  assert.equal(await mutualAuth(), 0x9000);
  const gen9e = await r.transmit('0047009E05AC03800111'); // case 3 like yubico-piv-tool
  assert.equal(gen9e.sw, 0x9000);
  assert.equal(hex(gen9e.data.subarray(0, 5)), '7f49438641');
  const gen9a = await r.transmit('0047009A0BAC0980011 1AA0103AB0101 00'.replace(/\s/g, '')); // case 4, PIN always
  assert.equal(gen9a.sw, 0x9000);
  const gen9d = await r.transmit('0047009D05AC0380011100');
  assert.equal(gen9d.sw, 0x9000);
  const meta = await r.transmit('00F7009A00');
  assert.equal(hex(meta.data.subarray(0, 11)), '010111' + '02020301' + '030101' + '04');
  assert.equal(hex(meta.data.subarray(12)), hex(gen9a.data.subarray(3)));

  const point = (res: Buffer): Buffer => res.subarray(5, 70);
  const pubKey = (pt: Buffer) =>
    createPublicKey({
      key: {
        kty: 'EC',
        crv: 'P-256',
        x: pt.subarray(1, 33).toString('base64url'),
        y: pt.subarray(33).toString('base64url'),
      },
      format: 'jwk',
    });
  const msg = Buffer.from('challenge from the station');
  const digest = createHash('sha256').update(msg).digest();
  const signReq = (slot: string) =>
    apdu(`008711${slot}`, tlvHex('7C', '8200' + tlvHex('81', hex(digest))), '00');

  // 9E: card authentication, no PIN
  const s9e = await r.transmit(signReq('9E'));
  assert.equal(s9e.sw, 0x9000);
  assert.ok(verify('sha256', msg, pubKey(point(gen9e.data)), s9e.data.subarray(4)));
  // 9A with PIN policy always: PIN right before each use
  assert.equal((await r.transmit(signReq('9A'))).sw, 0x6982);
  assert.equal((await r.transmit(apdu('00200080', PIN))).sw, 0x9000);
  const s9a = await r.transmit(signReq('9A'));
  assert.equal(s9a.sw, 0x9000);
  assert.ok(verify('sha256', msg, pubKey(point(gen9a.data)), s9a.data.subarray(4)));
  assert.equal((await r.transmit(signReq('9A'))).sw, 0x6982, 'second use needs a new VERIFY');
  assert.equal((await r.transmit(signReq('9D'))).sw, 0x9000, '9D: PIN once is enough');
  // ECDH with 9D
  const host = createECDH('prime256v1');
  host.generateKeys();
  const agree = await r.transmit(
    apdu('0087119D', tlvHex('7C', '8200' + tlvHex('85', hex(host.getPublicKey()))), '00'),
  );
  assert.equal(agree.sw, 0x9000);
  assert.deepEqual(agree.data.subarray(4), host.computeSecret(point(gen9d.data)));
  assert.equal(
    (await r.transmit(apdu('0087079D', tlvHex('7C', '8200' + tlvHex('81', hex(digest)))))).sw,
    0x6a86,
    'wrong algorithm',
  );
});

test('RSA-2048: 61xx-chained GENERATE answer and chained GENERAL AUTHENTICATE', async () => {
  assert.equal(await mutualAuth(), 0x9000);
  const gen = await getAll(await r.transmit('00470082 05 AC03800107 00'.replace(/\s/g, '')));
  assert.equal(gen.sw, 0x9000);
  assert.equal(hex(gen.data.subarray(0, 9)), '7f4982010981820100');
  const n = gen.data.subarray(9, 9 + 256);
  const key = createPublicKey({
    key: { kty: 'RSA', n: n.toString('base64url'), e: gen.data.subarray(9 + 256 + 2).toString('base64url') },
    format: 'jwk',
  });
  // PKCS#1 v1.5 block for SHA-256, built here, signed raw by the card
  const msg = Buffer.from('rsa message');
  const info = Buffer.concat([
    Buffer.from('3031300d060960864801650304020105000420', 'hex'),
    createHash('sha256').update(msg).digest(),
  ]);
  const block = Buffer.concat([
    Buffer.from([0, 1]),
    Buffer.alloc(256 - 3 - info.length, 0xff),
    Buffer.from([0]),
    info,
  ]);
  assert.equal((await r.transmit(apdu('00200080', PIN))).sw, 0x9000);
  const body = Buffer.from(tlvHex('7C', '8200' + tlvHex('81', hex(block))), 'hex');
  const res = await getAll(await chained('00870782', body, '00'));
  assert.equal(res.sw, 0x9000);
  assert.equal(hex(res.data.subarray(0, 8)), '7c82010482820100');
  assert.ok(verify('sha256', msg, key, res.data.subarray(8)));
  // a chain interrupted by another command is dropped
  assert.equal((await r.transmit(apdu('10870782', hex(body.subarray(0, 255))))).sw, 0x9000);
  assert.equal((await r.transmit('00200080')).sw, 0x9000);
  assert.equal((await r.transmit(apdu('00870782', hex(body.subarray(255)), '00'))).sw, 0x6a80);
});
