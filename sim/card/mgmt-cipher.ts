// The block cipher behind 9B (card administration key) authentication: one block, ECB, no padding.
import { createCipheriv, createDecipheriv } from 'node:crypto';

const CIPHERS: Readonly<Record<number, { name: string; block: number }>> = {
  0x03: { name: 'des-ede3', block: 8 },
  0x08: { name: 'aes-128-ecb', block: 16 },
  0x0a: { name: 'aes-192-ecb', block: 16 },
  0x0c: { name: 'aes-256-ecb', block: 16 },
};

export function blockSize(alg: number): number {
  const c = CIPHERS[alg];
  if (c === undefined) throw new Error('unknown management key algorithm');
  return c.block;
}

function run(alg: number, key: Buffer, data: Buffer, encrypt: boolean): Buffer {
  const c = CIPHERS[alg];
  if (c === undefined) throw new Error('unknown management key algorithm');
  const cipher = encrypt ? createCipheriv(c.name, key, null) : createDecipheriv(c.name, key, null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.final()]);
}

export const encryptBlock = (alg: number, key: Buffer, data: Buffer): Buffer => run(alg, key, data, true);
export const decryptBlock = (alg: number, key: Buffer, data: Buffer): Buffer => run(alg, key, data, false);
