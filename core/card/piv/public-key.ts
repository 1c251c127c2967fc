// The public half of an on-card key, as GENERATE ASYMMETRIC KEY PAIR (7F49 template) and YubiKey
// GET METADATA (tag 04) return it: RSA = 81 modulus, 82 exponent; EC = 86 uncompressed point.
// Offered as raw numbers, SubjectPublicKeyInfo DER, a node KeyObject and a pkijs PublicKeyInfo.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { PublicKeyInfo } from 'pkijs';
import { CardProtocolError } from '../status-words.ts';
import { requireTag, tlvMap } from '../tlv.ts';
import { KeyAlgorithm, keyAlgorithmInfo } from './constants.ts';

interface PublicKeyBase {
  readonly algorithm: KeyAlgorithm;
  /** DER SubjectPublicKeyInfo, ready for a CSR or `openssl x509 -force_pubkey` */
  readonly spki: Uint8Array;
}

export interface RsaPublicKey extends PublicKeyBase {
  readonly kind: 'rsa';
  /** big-endian, no leading zero byte */
  readonly modulus: Uint8Array;
  readonly publicExponent: Uint8Array;
  readonly bits: number;
}

export interface EcPublicKey extends PublicKeyBase {
  readonly kind: 'ec';
  readonly curve: 'P-256' | 'P-384';
  /** uncompressed point 04 || X || Y */
  readonly point: Uint8Array;
}

export type PivPublicKey = RsaPublicKey | EcPublicKey;

function stripLeadingZeros(b: Uint8Array): Uint8Array {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

const b64u = (b: Uint8Array): string => Buffer.from(b).toString('base64url');

function spkiOf(jwk: Record<string, string>): Uint8Array {
  const der = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'der' });
  return new Uint8Array(der);
}

export function rsaPublicKey(
  algorithm: KeyAlgorithm,
  modulus: Uint8Array,
  exponent: Uint8Array,
): RsaPublicKey {
  const n = Uint8Array.from(stripLeadingZeros(modulus));
  const e = Uint8Array.from(stripLeadingZeros(exponent));
  const info = keyAlgorithmInfo(algorithm);
  const first = n[0] ?? 0;
  const bits = (n.length - 1) * 8 + (32 - Math.clz32(first));
  if (info.kind !== 'rsa' || bits !== info.bits) {
    throw new CardProtocolError(`the card returned a ${bits}-bit modulus for algorithm ${info.name}`);
  }
  return {
    kind: 'rsa',
    algorithm,
    modulus: n,
    publicExponent: e,
    bits,
    spki: spkiOf({ kty: 'RSA', n: b64u(n), e: b64u(e) }),
  };
}

export function ecPublicKey(algorithm: KeyAlgorithm, point: Uint8Array): EcPublicKey {
  const info = keyAlgorithmInfo(algorithm);
  const size = info.bits / 8;
  if (info.kind !== 'ec' || info.curve === undefined || point.length !== 1 + 2 * size || point[0] !== 0x04) {
    throw new CardProtocolError(`the card returned a malformed EC point for algorithm ${info.name}`);
  }
  const p = Uint8Array.from(point);
  const jwk = { kty: 'EC', crv: info.curve, x: b64u(p.subarray(1, 1 + size)), y: b64u(p.subarray(1 + size)) };
  // node rejects points that are not on the curve, which is the check we want here
  return { kind: 'ec', algorithm, curve: info.curve, point: p, spki: spkiOf(jwk) };
}

/** Parses the contents of a 7F49 template (without the 7F49 header). */
export function parsePublicKeyTemplate(algorithm: KeyAlgorithm, content: Uint8Array): PivPublicKey {
  const m = tlvMap(content);
  if (keyAlgorithmInfo(algorithm).kind === 'rsa') {
    return rsaPublicKey(
      algorithm,
      requireTag(m, 0x81, 'RSA public key'),
      requireTag(m, 0x82, 'RSA public key'),
    );
  }
  return ecPublicKey(algorithm, requireTag(m, 0x86, 'EC public key'));
}

export function publicKeyObject(key: PivPublicKey): KeyObject {
  return createPublicKey({ key: Buffer.from(key.spki), format: 'der', type: 'spki' });
}

/** The key as pkijs sees it, e.g. for `CertificationRequest.subjectPublicKeyInfo`. */
export function publicKeyInfo(key: PivPublicKey): PublicKeyInfo {
  return PublicKeyInfo.fromBER(Uint8Array.from(key.spki));
}

/** The PIV algorithm of a SubjectPublicKeyInfo (to rebuild a PivPublicKey from a certificate). */
export function publicKeyFromSpki(spki: Uint8Array): PivPublicKey {
  const ko = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  const jwk = ko.export({ format: 'jwk' });
  const bytes = (s: string | undefined): Uint8Array => new Uint8Array(Buffer.from(s ?? '', 'base64url'));
  if (jwk.kty === 'RSA') {
    const n = bytes(jwk.n);
    const bits = ko.asymmetricKeyDetails?.modulusLength ?? n.length * 8;
    const alg =
      bits === 1024
        ? KeyAlgorithm.RSA1024
        : bits === 2048
          ? KeyAlgorithm.RSA2048
          : bits === 3072
            ? KeyAlgorithm.RSA3072
            : bits === 4096
              ? KeyAlgorithm.RSA4096
              : undefined;
    if (alg === undefined) throw new CardProtocolError(`unsupported RSA key size ${bits}`);
    return rsaPublicKey(alg, n, bytes(jwk.e));
  }
  if (jwk.kty === 'EC' && (jwk.crv === 'P-256' || jwk.crv === 'P-384')) {
    const alg = jwk.crv === 'P-256' ? KeyAlgorithm.ECCP256 : KeyAlgorithm.ECCP384;
    const point = new Uint8Array([0x04, ...bytes(jwk.x), ...bytes(jwk.y)]);
    return ecPublicKey(alg, point);
  }
  throw new CardProtocolError(`unsupported public key type ${jwk.kty ?? '?'}`);
}
