// The card-independent building blocks, checked against independent implementations: openssl
// (via node:crypto's raw RSA) verifies the off-card PKCS#1 / PSS encodings, openssl asn1parse
// reads the TLV output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constants, generateKeyPairSync, privateEncrypt, verify, createPublicKey } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { concat, parseTlvs, parseSingle, tlv, tlvMap } from '../../core/card/tlv.ts';
import {
  statusError,
  WrongSecretError,
  SecretBlockedError,
  SecurityStatusNotSatisfiedError,
  NotFoundError,
  WrongDataError,
  NotSupportedError,
  CardProtocolError,
} from '../../core/card/status-words.ts';
import { digest, digestInfo, pkcs1v15Encode, pssEncode } from '../../core/card/piv/padding.ts';
import {
  decodeCertificateContainer,
  decodeChuid,
  encodeCertificateContainer,
  encodeChuid,
  newChuid,
  newCcc,
  cccCardId,
} from '../../core/card/piv/objects.ts';
import {
  ecPublicKey,
  publicKeyFromSpki,
  publicKeyInfo,
  rsaPublicKey,
} from '../../core/card/piv/public-key.ts';
import { KeyAlgorithm } from '../../core/card/piv/constants.ts';
import { padReference } from '../../core/card/piv/secrets.ts';

test('BER-TLV: short and long lengths, multi-byte tags round-trip', () => {
  const big = new Uint8Array(300).fill(7);
  const enc = concat(tlv(0x5fc105, big), tlv(0x71, [1]), tlv(0xfe));
  assert.deepEqual(Array.from(enc.subarray(0, 6)), [0x5f, 0xc1, 0x05, 0x82, 0x01, 0x2c]);
  const parsed = parseTlvs(enc);
  assert.deepEqual(
    parsed.map((t) => [t.tag, t.value.length]),
    [
      [0x5fc105, 300],
      [0x71, 1],
      [0xfe, 0],
    ],
  );
  assert.equal(tlv(0x53, new Uint8Array(200))[1], 0x81);
  assert.deepEqual(Array.from(tlv(0x7f49, [1, 2])), [0x7f, 0x49, 0x02, 1, 2]);
  assert.throws(() => parseTlvs(Uint8Array.from([0x53, 0x05, 1])), CardProtocolError);
  assert.throws(() => parseSingle(Uint8Array.from([0x53, 0x00, 0x00]), 0x53), CardProtocolError);
});

test('BER-TLV output is DER openssl can parse', () => {
  const der = digestInfo('SHA-256', digest('SHA-256', Buffer.from('x')));
  const out = execFileSync('openssl', ['asn1parse', '-inform', 'DER'], { input: der, encoding: 'utf8' });
  assert.match(out, /sha256/);
  assert.match(out, /OCTET STRING/);
});

test('status words become typed errors with retries, never data', () => {
  const w = statusError('VERIFY PIN', 0x63c2, 'PIN');
  assert.ok(w instanceof WrongSecretError);
  assert.equal(w.retriesLeft, 2);
  assert.equal(w.kind, 'PIN');
  assert.equal(w.code, 'WRONG_PIN');
  assert.match(w.message, /wrong PIN, 2 retries left \(SW 63C2\)/);
  const b = statusError('VERIFY PIN', 0x6983, 'PIN');
  assert.ok(b instanceof SecretBlockedError && b.blocked);
  assert.ok(statusError('x', 0x6982) instanceof SecurityStatusNotSatisfiedError);
  assert.ok(statusError('x', 0x6a82) instanceof NotFoundError);
  assert.ok(statusError('x', 0x6a80) instanceof WrongDataError);
  assert.ok(statusError('x', 0x6d00) instanceof NotSupportedError);
  assert.equal(statusError('x', 0x9000), undefined);
});

test('PIN padding: FF-filled to 8 bytes', () => {
  assert.deepEqual(
    Array.from(padReference('123456', 'PIN')),
    [0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0xff, 0xff],
  );
  assert.throws(() => padReference('123456789', 'PIN'), /1 to 8/);
});

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });

for (const hash of ['SHA-256', 'SHA-384'] as const) {
  test(`PKCS#1 v1.5 encoding (${hash}) + raw RSA verifies with node/openssl`, () => {
    const msg = Buffer.from(`message ${hash}`);
    const em = pkcs1v15Encode(hash, digest(hash, msg), 256);
    const sig = privateEncrypt({ key: rsa.privateKey, padding: constants.RSA_NO_PADDING }, em);
    assert.ok(verify(hash.replace('-', '').toLowerCase(), msg, rsa.publicKey, sig));
  });

  test(`PSS encoding (${hash}) + raw RSA verifies with node/openssl`, () => {
    const msg = Buffer.from(`pss ${hash}`);
    const em = pssEncode(hash, digest(hash, msg), 2048);
    assert.equal(em.length, 256);
    const sig = privateEncrypt({ key: rsa.privateKey, padding: constants.RSA_NO_PADDING }, em);
    const ok = verify(
      hash.replace('-', '').toLowerCase(),
      msg,
      {
        key: rsa.publicKey,
        padding: constants.RSA_PKCS1_PSS_PADDING,
        saltLength: hash === 'SHA-256' ? 32 : 48,
      },
      sig,
    );
    assert.ok(ok);
  });
}

test('certificate container: plain and gzip forms', () => {
  const der = new Uint8Array(Buffer.from('3082' + '00'.repeat(500), 'hex'));
  const plain = decodeCertificateContainer(encodeCertificateContainer(der));
  assert.deepEqual(plain, { der, compressed: false });
  const gz = encodeCertificateContainer(der, true);
  assert.ok(gz.length < 100);
  assert.equal(tlvMap(gz).get(0x71)?.[0], 1);
  assert.deepEqual(decodeCertificateContainer(gz), { der, compressed: true });
  // a container written by another tool with gzip from a different compressor still reads
  const foreign = concat(tlv(0x70, gzipSync(der, { level: 1 })), tlv(0x71, [1]), tlv(0xfe));
  assert.deepEqual(decodeCertificateContainer(foreign).der, der);
});

test('CHUID: random v4 GUID, expiry, round trip; CCC card id', () => {
  const a = newChuid(new Date(Date.UTC(2031, 0, 2)));
  const b = newChuid(new Date(Date.UTC(2031, 0, 2)));
  assert.notDeepEqual(a.guid, b.guid);
  assert.equal(a.expiry, '20310102');
  assert.equal((a.guid[6] ?? 0) >> 4, 4);
  const back = decodeChuid(encodeChuid(a));
  assert.deepEqual(back.guid, a.guid);
  assert.equal(back.fascN.length, 25);
  assert.equal(back.expiry, '20310102');
  const ccc = newCcc();
  const id = cccCardId(ccc);
  assert.equal(id.length, 21);
  assert.deepEqual(Array.from(id.subarray(0, 5)), [0xa0, 0x00, 0x00, 0x01, 0x16]);
});

test('public keys: raw numbers -> SPKI / pkijs / back', () => {
  const jwk = rsa.publicKey.export({ format: 'jwk' });
  const n = Buffer.from(jwk.n ?? '', 'base64url');
  const e = Buffer.from(jwk.e ?? '', 'base64url');
  const k = rsaPublicKey(KeyAlgorithm.RSA2048, Uint8Array.from([0, ...n]), e);
  assert.equal(k.bits, 2048);
  assert.deepEqual(Buffer.from(k.spki), rsa.publicKey.export({ type: 'spki', format: 'der' }));
  assert.equal(publicKeyInfo(k).algorithm.algorithmId, '1.2.840.113549.1.1.1');
  assert.throws(() => rsaPublicKey(KeyAlgorithm.RSA3072, n, e), CardProtocolError);

  const ec = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const point = ec.publicKey.export({ format: 'der', type: 'spki' }).subarray(-97);
  const ek = ecPublicKey(KeyAlgorithm.ECCP384, point);
  assert.equal(ek.curve, 'P-384');
  assert.deepEqual(publicKeyFromSpki(ek.spki).algorithm, KeyAlgorithm.ECCP384);
  assert.ok(createPublicKey({ key: Buffer.from(ek.spki), format: 'der', type: 'spki' }));
  const bad = Uint8Array.from(point);
  bad[50] = (bad[50] ?? 0) ^ 1;
  assert.throws(() => ecPublicKey(KeyAlgorithm.ECCP384, bad));
});
