// ECDSA over a host-supplied hash. node:crypto only signs messages (it always hashes first), while a
// PIV card receives the digest, so the signing equation is done here with BigInt arithmetic.
import { randomBytes } from 'node:crypto';
import { tlv } from './ber-tlv.ts';

export interface Curve {
  readonly name: 'P-256' | 'P-384';
  readonly bytes: number;
  readonly p: bigint;
  readonly a: bigint;
  readonly n: bigint;
  readonly gx: bigint;
  readonly gy: bigint;
}

const big = (hex: string): bigint => BigInt('0x' + hex);

const P256_P = big('ffffffff00000001000000000000000000000000ffffffffffffffffffffffff');
const P384_P = big(
  'fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff',
);

export const CURVES: Record<'P-256' | 'P-384', Curve> = {
  'P-256': {
    name: 'P-256',
    bytes: 32,
    p: P256_P,
    a: P256_P - 3n,
    n: big('ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551'),
    gx: big('6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296'),
    gy: big('4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5'),
  },
  'P-384': {
    name: 'P-384',
    bytes: 48,
    p: P384_P,
    a: P384_P - 3n,
    n: big(
      'ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973',
    ),
    gx: big(
      'aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7',
    ),
    gy: big(
      '3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f',
    ),
  },
};

const mod = (x: bigint, m: bigint): bigint => {
  const r = x % m;
  return r < 0n ? r + m : r;
};

function invert(x: bigint, m: bigint): bigint {
  let [a, b] = [mod(x, m), m];
  let [u, v] = [1n, 0n];
  while (b !== 0n) {
    const q = a / b;
    [a, b] = [b, a - q * b];
    [u, v] = [v, u - q * v];
  }
  if (a !== 1n) throw new Error('not invertible');
  return mod(u, m);
}

// Jacobian coordinates (X, Y, Z) so scalar multiplication needs one inversion at the end.
type Jacobian = readonly [bigint, bigint, bigint];
const INFINITY: Jacobian = [0n, 1n, 0n];

function double(c: Curve, [x, y, z]: Jacobian): Jacobian {
  if (z === 0n || y === 0n) return INFINITY;
  const { p } = c;
  const yy = mod(y * y, p);
  const s = mod(4n * x * yy, p);
  const zz = mod(z * z, p);
  const m = mod(3n * x * x + c.a * zz * zz, p);
  const x3 = mod(m * m - 2n * s, p);
  const y3 = mod(m * (s - x3) - 8n * yy * yy, p);
  const z3 = mod(2n * y * z, p);
  return [x3, y3, z3];
}

function add(c: Curve, P: Jacobian, Q: Jacobian): Jacobian {
  if (P[2] === 0n) return Q;
  if (Q[2] === 0n) return P;
  const { p } = c;
  const [x1, y1, z1] = P;
  const [x2, y2, z2] = Q;
  const z1z1 = mod(z1 * z1, p);
  const z2z2 = mod(z2 * z2, p);
  const u1 = mod(x1 * z2z2, p);
  const u2 = mod(x2 * z1z1, p);
  const s1 = mod(y1 * z2 * z2z2, p);
  const s2 = mod(y2 * z1 * z1z1, p);
  if (u1 === u2) return s1 === s2 ? double(c, P) : INFINITY;
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  const hh = mod(h * h, p);
  const hhh = mod(h * hh, p);
  const v = mod(u1 * hh, p);
  const x3 = mod(r * r - hhh - 2n * v, p);
  const y3 = mod(r * (v - x3) - s1 * hhh, p);
  const z3 = mod(h * z1 * z2, p);
  return [x3, y3, z3];
}

/** k·G in affine coordinates. */
export function multiplyBase(c: Curve, k: bigint): { x: bigint; y: bigint } {
  let result: Jacobian = INFINITY;
  let addend: Jacobian = [c.gx, c.gy, 1n];
  for (let e = k; e > 0n; e >>= 1n) {
    if (e & 1n) result = add(c, result, addend);
    addend = double(c, addend);
  }
  const zi = invert(result[2], c.p);
  const zi2 = mod(zi * zi, c.p);
  return { x: mod(result[0] * zi2, c.p), y: mod(result[1] * zi2 * zi, c.p) };
}

function derInteger(v: bigint): Buffer {
  let hex = v.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] as number) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}

function randomScalar(n: bigint, bytes: number): bigint {
  for (;;) {
    const k = BigInt('0x' + randomBytes(bytes).toString('hex'));
    if (k > 0n && k < n) return k;
  }
}

/** ECDSA signature of `digest` (already hashed by the host) as DER SEQUENCE { r, s }. */
export function signDigest(c: Curve, privateScalar: bigint, digest: Buffer): Buffer {
  const nBits = c.n.toString(2).length;
  let e = digest.length === 0 ? 0n : BigInt('0x' + digest.toString('hex'));
  const excess = digest.length * 8 - nBits;
  if (excess > 0) e >>= BigInt(excess);
  for (;;) {
    const k = randomScalar(c.n, c.bytes);
    const r = mod(multiplyBase(c, k).x, c.n);
    if (r === 0n) continue;
    const s = mod(invert(k, c.n) * (e + r * privateScalar), c.n);
    if (s === 0n) continue;
    return tlv(0x30, derInteger(r), derInteger(s));
  }
}
