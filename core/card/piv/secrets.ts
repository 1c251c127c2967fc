// PIN, PUK and management-key bytes. Every buffer made here is the caller's to wipe (the session
// wipes its own in `finally`); strings cannot be wiped, so callers that can should pass bytes.
import { StationError, type ErrorDetails } from '../../errors/catalog.ts';

/** A PIN/PUK as typed digits, or bytes (YubiKeys accept any byte values). */
export type Secret = string | Uint8Array;

/** A PIN, PUK or management key of a shape the card cannot take: a usage or configuration mistake. */
export class SecretFormatError extends StationError {
  declare readonly code: 'PIN_FORMAT' | 'MANAGEMENT_KEY_FORMAT';
  constructor(message: string, code: 'PIN_FORMAT' | 'MANAGEMENT_KEY_FORMAT', details: ErrorDetails = {}) {
    super(code, details, { diagnostic: message });
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
      throw new SecretFormatError(`the ${what} must be 1 to 8 characters long`, 'PIN_FORMAT', {
        secret: what,
      });
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
