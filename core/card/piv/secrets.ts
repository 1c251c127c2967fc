// PIN, PUK and management-key bytes. Every buffer made here is the caller's to wipe (the session
// wipes its own in `finally`); strings cannot be wiped, so callers that can should pass bytes.

/** A PIN/PUK as typed digits, or bytes (YubiKeys accept any byte values). */
export type Secret = string | Uint8Array;

export class SecretFormatError extends Error {
  readonly code = 'SECRET_FORMAT';
  constructor(message: string) {
    super(message);
    this.name = 'SecretFormatError';
  }
}

/** A fresh copy of the secret's bytes (UTF-8 for strings). */
export function secretBytes(secret: Secret): Uint8Array {
  return typeof secret === 'string' ? new Uint8Array(Buffer.from(secret, 'utf8')) : Uint8Array.from(secret);
}

/** SP 800-73 Part 2: PIN/PUK reference data is exactly 8 bytes, right-padded with FF. */
export function padReference(secret: Secret, what: 'PIN' | 'PUK'): Uint8Array {
  const raw = secretBytes(secret);
  try {
    if (raw.length === 0 || raw.length > 8) {
      throw new SecretFormatError(`the ${what} must be 1 to 8 characters long`);
    }
    const out = new Uint8Array(8).fill(0xff);
    out.set(raw, 0);
    return out;
  } finally {
    raw.fill(0);
  }
}

/** Zeroes every buffer given, ignoring undefined. */
export function wipe(...buffers: readonly (Uint8Array | undefined)[]): void {
  for (const b of buffers) b?.fill(0);
}
