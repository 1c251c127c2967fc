// PIV cards do raw RSA: the host builds the modulus-sized encoded message (SP 800-73 Part 2,
// GENERAL AUTHENTICATE). Encodings per RFC 8017: EMSA-PKCS1-v1_5 (9.2) and EMSA-PSS (9.1.1) with
// MGF1 over the same hash and a salt as long as the hash.
import { createHash, randomBytes } from 'node:crypto';
import { concat, tlv } from '../tlv.ts';

export type HashAlgorithm = 'SHA-256' | 'SHA-384' | 'SHA-512';

interface HashInfo {
  readonly node: string;
  readonly length: number;
  /** DER contents of the OID 2.16.840.1.101.3.4.2.x */
  readonly oid: readonly number[];
}

const NIST_HASH_ARC = [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02];

const HASHES: Record<HashAlgorithm, HashInfo> = {
  'SHA-256': { node: 'sha256', length: 32, oid: [...NIST_HASH_ARC, 0x01] },
  'SHA-384': { node: 'sha384', length: 48, oid: [...NIST_HASH_ARC, 0x02] },
  'SHA-512': { node: 'sha512', length: 64, oid: [...NIST_HASH_ARC, 0x03] },
};

export function hashLength(hash: HashAlgorithm): number {
  return HASHES[hash].length;
}

export function digest(hash: HashAlgorithm, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash(HASHES[hash].node).update(data).digest());
}

function checkDigest(hash: HashAlgorithm, d: Uint8Array): void {
  if (d.length !== HASHES[hash].length) {
    throw new RangeError(`a ${hash} digest is ${HASHES[hash].length} bytes, got ${d.length}`);
  }
}

/** DigestInfo ::= SEQUENCE { AlgorithmIdentifier { oid, NULL }, OCTET STRING digest } */
export function digestInfo(hash: HashAlgorithm, d: Uint8Array): Uint8Array {
  checkDigest(hash, d);
  return tlv(0x30, concat(tlv(0x30, concat(tlv(0x06, HASHES[hash].oid), tlv(0x05))), tlv(0x04, d)));
}

/** EMSA-PKCS1-v1_5: 00 01 FF.. 00 DigestInfo, `k` bytes long. */
export function pkcs1v15Encode(hash: HashAlgorithm, d: Uint8Array, k: number): Uint8Array {
  const t = digestInfo(hash, d);
  if (k < t.length + 11) throw new RangeError('RSA modulus too short for this digest');
  const em = new Uint8Array(k).fill(0xff);
  em[0] = 0x00;
  em[1] = 0x01;
  em[k - t.length - 1] = 0x00;
  em.set(t, k - t.length);
  return em;
}

function mgf1(hash: HashAlgorithm, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  const counter = new Uint8Array(4);
  for (let at = 0, c = 0; at < length; c++) {
    new DataView(counter.buffer).setUint32(0, c);
    const block = createHash(HASHES[hash].node).update(seed).update(counter).digest();
    out.set(block.subarray(0, Math.min(block.length, length - at)), at);
    at += block.length;
  }
  return out;
}

/**
 * EMSA-PSS for a modulus of `modBits` bits, returned as `ceil(modBits/8)` bytes (a leading zero
 * byte when emBits is a multiple of 8), salt length = hash length.
 */
export function pssEncode(
  hash: HashAlgorithm,
  d: Uint8Array,
  modBits: number,
  salt?: Uint8Array,
): Uint8Array {
  checkDigest(hash, d);
  const hLen = HASHES[hash].length;
  const s = salt ?? new Uint8Array(randomBytes(hLen));
  const emBits = modBits - 1;
  const emLen = Math.ceil(emBits / 8);
  if (emLen < hLen + s.length + 2) throw new RangeError('RSA modulus too short for PSS with this hash');
  const h = createHash(HASHES[hash].node).update(new Uint8Array(8)).update(d).update(s).digest();
  const db = new Uint8Array(emLen - hLen - 1);
  db[emLen - s.length - hLen - 2] = 0x01;
  db.set(s, db.length - s.length);
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i] = (db[i] ?? 0) ^ (mask[i] ?? 0);
  db[0] = (db[0] ?? 0) & (0xff >> (8 * emLen - emBits));
  const k = Math.ceil(modBits / 8);
  const out = new Uint8Array(k);
  out.set(db, k - emLen);
  out.set(h, k - emLen + db.length);
  out[k - 1] = 0xbc;
  return out;
}

/** ECDSA input for an n-bit curve: the digest's leftmost bytes, or left-padded with zeros. */
export function ecdsaInput(d: Uint8Array, fieldBytes: number): Uint8Array {
  if (d.length >= fieldBytes) return Uint8Array.from(d.subarray(0, fieldBytes));
  const out = new Uint8Array(fieldBytes);
  out.set(d, fieldBytes - d.length);
  return out;
}
