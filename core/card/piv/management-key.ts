// Block-cipher primitives for 9B authentication (SP 800-73 Part 2 appendix "Authentication of
// the PIV Card Application Administrator"): one block, ECB, no padding.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { ManagementKeyAlgorithm, managementKeyLength } from './constants.ts';
import { SecretFormatError } from './secrets.ts';

function cipherName(alg: ManagementKeyAlgorithm): string {
  switch (alg) {
    case ManagementKeyAlgorithm.TDES:
      return 'des-ede3-ecb';
    case ManagementKeyAlgorithm.AES128:
      return 'aes-128-ecb';
    case ManagementKeyAlgorithm.AES192:
      return 'aes-192-ecb';
    case ManagementKeyAlgorithm.AES256:
      return 'aes-256-ecb';
  }
}

export function blockSize(alg: ManagementKeyAlgorithm): number {
  return alg === ManagementKeyAlgorithm.TDES ? 8 : 16;
}

export function checkKeyLength(alg: ManagementKeyAlgorithm, key: Uint8Array): void {
  if (key.length !== managementKeyLength(alg)) {
    const problem = `a management key for algorithm 0x${alg.toString(16)} is ${managementKeyLength(alg)} bytes, got ${key.length}`;
    throw new SecretFormatError(problem, 'MANAGEMENT_KEY_FORMAT', { problem });
  }
}

function run(decrypt: boolean, alg: ManagementKeyAlgorithm, key: Uint8Array, block: Uint8Array): Uint8Array {
  checkKeyLength(alg, key);
  const c = decrypt
    ? createDecipheriv(cipherName(alg), key, null)
    : createCipheriv(cipherName(alg), key, null);
  c.setAutoPadding(false);
  const a = c.update(block);
  const b = c.final();
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  a.fill(0);
  return out;
}

export function encryptBlock(alg: ManagementKeyAlgorithm, key: Uint8Array, block: Uint8Array): Uint8Array {
  return run(false, alg, key, block);
}

export function decryptBlock(alg: ManagementKeyAlgorithm, key: Uint8Array, block: Uint8Array): Uint8Array {
  return run(true, alg, key, block);
}
