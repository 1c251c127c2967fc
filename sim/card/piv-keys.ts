// Asymmetric keys held in PIV slots: generation, import, the public-key template and the
// private-key operations GENERAL AUTHENTICATE needs.
import {
  createECDH,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  privateDecrypt,
  constants,
  type KeyObject,
} from 'node:crypto';
import { tlv } from './ber-tlv.ts';
import { CURVES, signDigest, type Curve } from './ecdsa.ts';

export const ALG = {
  RSA1024: 0x06,
  RSA2048: 0x07,
  RSA3072: 0x05,
  RSA4096: 0x16,
  ECCP256: 0x11,
  ECCP384: 0x14,
} as const;

const RSA_BITS: Readonly<Record<number, number>> = { 0x06: 1024, 0x07: 2048, 0x05: 3072, 0x16: 4096 };
const EC_CURVE: Readonly<Record<number, Curve>> = { 0x11: CURVES['P-256'], 0x14: CURVES['P-384'] };

export function isSupportedAlgorithm(alg: number): boolean {
  return RSA_BITS[alg] !== undefined || EC_CURVE[alg] !== undefined;
}

export function isRsa(alg: number): boolean {
  return RSA_BITS[alg] !== undefined;
}

export function generatePrivateKey(alg: number): KeyObject {
  const bits = RSA_BITS[alg];
  if (bits !== undefined) {
    return generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 65537 }).privateKey;
  }
  const curve = EC_CURVE[alg];
  if (curve === undefined) throw new Error('unsupported algorithm');
  return generateKeyPairSync('ec', { namedCurve: curve.name }).privateKey;
}

const b64u = (b: Buffer): string => b.toString('base64url');
const fromB64u = (s: string | undefined): Buffer => Buffer.from(s ?? '', 'base64url');
const toBig = (b: Buffer): bigint => (b.length === 0 ? 0n : BigInt('0x' + b.toString('hex')));
function fromBig(v: bigint, length?: number): Buffer {
  let hex = v.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  const raw = Buffer.from(hex, 'hex');
  return length === undefined || raw.length >= length
    ? raw
    : Buffer.concat([Buffer.alloc(length - raw.length), raw]);
}

function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [((a % m) + m) % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new Error('not invertible');
  return ((s0 % m) + m) % m;
}

export class KeyImportError extends Error {}

/** Builds a private key from the YubiKey IMPORT KEY element list (RSA CRT parts or EC scalar). */
export function importPrivateKey(alg: number, parts: ReadonlyMap<number, Buffer>): KeyObject {
  const bits = RSA_BITS[alg];
  if (bits !== undefined) {
    const [p, q, dp, dq, qi] = [1, 2, 3, 4, 5].map((t) => parts.get(t));
    if (!p || !q || !dp || !dq || !qi) throw new KeyImportError('missing RSA component');
    const [P, Q] = [toBig(p), toBig(q)];
    const n = P * Q;
    if (fromBig(n).length * 8 !== bits) throw new KeyImportError('modulus size does not match the algorithm');
    const e = 65537n;
    const d = modInverse(e, (P - 1n) * (Q - 1n));
    return createPrivateKey({
      key: {
        kty: 'RSA',
        n: b64u(fromBig(n)),
        e: b64u(fromBig(e)),
        d: b64u(fromBig(d)),
        p: b64u(p),
        q: b64u(q),
        dp: b64u(dp),
        dq: b64u(dq),
        qi: b64u(qi),
      },
      format: 'jwk',
    });
  }
  const curve = EC_CURVE[alg];
  const scalar = parts.get(6);
  if (curve === undefined || scalar === undefined || scalar.length !== curve.bytes) {
    throw new KeyImportError('bad EC key');
  }
  const ecdh = createECDH(curve.name === 'P-256' ? 'prime256v1' : 'secp384r1');
  ecdh.setPrivateKey(scalar);
  const point = ecdh.getPublicKey();
  return createPrivateKey({
    key: {
      kty: 'EC',
      crv: curve.name,
      d: b64u(scalar),
      x: b64u(point.subarray(1, 1 + curve.bytes)),
      y: b64u(point.subarray(1 + curve.bytes)),
    },
    format: 'jwk',
  });
}

/** The TLVs inside the 7F49 public-key template: 81 modulus, 82 exponent / 86 point. */
export function publicKeyElements(key: KeyObject, alg: number): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (isRsa(alg)) return Buffer.concat([tlv(0x81, fromB64u(jwk.n)), tlv(0x82, fromB64u(jwk.e))]);
  const curve = EC_CURVE[alg];
  if (curve === undefined) throw new Error('unsupported algorithm');
  const x = fromBig(toBig(fromB64u(jwk.x)), curve.bytes);
  const y = fromBig(toBig(fromB64u(jwk.y)), curve.bytes);
  return tlv(0x86, Buffer.from([0x04]), x, y);
}

export function publicKeyPem(key: KeyObject): string {
  return createPublicKey(key).export({ format: 'pem', type: 'spki' }).toString();
}

export class CryptoInputError extends Error {}

/**
 * RSA: the raw private-key operation on a modulus-sized block the host padded (signing and
 * decryption alike). EC: ECDSA over the digest the host sent, DER encoded.
 */
export function privateKeyOperation(key: KeyObject, alg: number, input: Buffer): Buffer {
  const bits = RSA_BITS[alg];
  if (bits !== undefined) {
    if (input.length !== bits / 8) throw new CryptoInputError('block must be the modulus size');
    try {
      return privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, input);
    } catch {
      throw new CryptoInputError('block not below the modulus');
    }
  }
  const curve = EC_CURVE[alg];
  if (curve === undefined) throw new Error('unsupported algorithm');
  const d = toBig(fromB64u(key.export({ format: 'jwk' }).d));
  return signDigest(curve, d, input);
}

/** ECDH with the peer's uncompressed point; returns the shared x coordinate. */
export function keyAgreement(key: KeyObject, alg: number, peerPoint: Buffer): Buffer {
  const curve = EC_CURVE[alg];
  if (curve === undefined) throw new CryptoInputError('key agreement needs an EC key');
  if (peerPoint.length !== 1 + 2 * curve.bytes || peerPoint[0] !== 0x04)
    throw new CryptoInputError('bad point');
  const ecdh = createECDH(curve.name === 'P-256' ? 'prime256v1' : 'secp384r1');
  ecdh.setPrivateKey(fromB64u(key.export({ format: 'jwk' }).d));
  try {
    return ecdh.computeSecret(peerPoint);
  } catch {
    throw new CryptoInputError('point not on the curve');
  }
}

export function exportPrivateKey(key: KeyObject): Buffer {
  return key.export({ format: 'der', type: 'pkcs8' });
}

export function loadPrivateKey(der: Buffer): KeyObject {
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}
