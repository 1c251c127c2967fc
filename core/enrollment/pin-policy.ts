// The holder's new PIN must leave the transport PIN behind for good. PIV itself has no "must
// change" flag (docs/piv.md), so the station enforces the rule: a card does not count
// as issued until a PIN that passes this policy is on it.
//
// Rules follow what peers enforce (docs/pin-policy.md): PIV 6–8 digits, no factory or transport
// values, no trivial values (one digit repeated, runs up or down, short repeated patterns) — the
// same class of values YubiKey's PIN-complexity policy refuses.
import { StationError } from '../errors/catalog.ts';
import type { Secret } from './secret.ts';

export interface PinPolicy {
  readonly minLength: number;
  readonly maxLength: number;
  readonly digitsOnly: boolean;
  /** values refused outright besides the transport PIN (factory defaults and the like) */
  readonly blocklist: readonly string[];
}

export const PIV_PIN_POLICY: PinPolicy = {
  minLength: 6,
  maxLength: 8,
  digitsOnly: true,
  blocklist: ['123456', '12345678', '00000000', '11111111', '87654321', '123123', '112233', '121212'],
};

export type PinRejection =
  | 'PIN_TOO_SHORT'
  | 'PIN_TOO_LONG'
  | 'PIN_NOT_DIGITS'
  | 'PIN_IS_TRANSPORT_PIN'
  | 'PIN_IS_DEFAULT'
  | 'PIN_REPEATED_DIGIT'
  | 'PIN_SEQUENCE'
  | 'PIN_REPEATED_PATTERN'
  | 'PIN_CONFIRMATION_MISMATCH';

export type PinCheck = { readonly ok: true } | { readonly ok: false; readonly reason: PinRejection };

const DIGIT = /^[0-9]+$/;

function isRepeatedDigit(pin: string): boolean {
  return /^(.)\1+$/.test(pin);
}

/** 123456, 456789, 987654, also wrapping 890123 — each step +1 or each step -1 (mod 10). */
function isSequence(pin: string): boolean {
  if (!DIGIT.test(pin)) return false;
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add((pin.charCodeAt(i) - pin.charCodeAt(i - 1) + 10) % 10);
  return steps.size === 1 && (steps.has(1) || steps.has(9));
}

/** 121212, 123123, 12341234: the PIN is a shorter block written out more than once. */
function isRepeatedPattern(pin: string): boolean {
  for (let size = 2; size <= pin.length / 2; size++) {
    if (pin.length % size !== 0) continue;
    const block = pin.slice(0, size);
    if (block.repeat(pin.length / size) === pin) return true;
  }
  return false;
}

/**
 * Checks a proposed PIN. The PIN is only decoded inside this function; callers keep it as a
 * Secret. `confirmation` is the second entry a person types, when there is one.
 */
export function checkNewPin(
  candidate: Secret,
  transportPin: Secret,
  policy: PinPolicy = PIV_PIN_POLICY,
  confirmation?: Secret,
): PinCheck {
  if (confirmation !== undefined && !candidate.equals(confirmation)) {
    return { ok: false, reason: 'PIN_CONFIRMATION_MISMATCH' };
  }
  if (candidate.equals(transportPin)) return { ok: false, reason: 'PIN_IS_TRANSPORT_PIN' };
  return candidate.use((bytes) => {
    const pin = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (policy.digitsOnly && !DIGIT.test(pin)) return { ok: false, reason: 'PIN_NOT_DIGITS' } as const;
    if (bytes.length < policy.minLength) return { ok: false, reason: 'PIN_TOO_SHORT' } as const;
    if (bytes.length > policy.maxLength) return { ok: false, reason: 'PIN_TOO_LONG' } as const;
    if (policy.blocklist.includes(pin)) return { ok: false, reason: 'PIN_IS_DEFAULT' } as const;
    if (isRepeatedDigit(pin)) return { ok: false, reason: 'PIN_REPEATED_DIGIT' } as const;
    if (isSequence(pin)) return { ok: false, reason: 'PIN_SEQUENCE' } as const;
    if (isRepeatedPattern(pin)) return { ok: false, reason: 'PIN_REPEATED_PATTERN' } as const;
    return { ok: true } as const;
  });
}

/**
 * The configured policy narrowed to what the card edge can store (PIV: 6–8 digits). A policy that
 * leaves no PIN the card could hold is refused at once — before a certificate is issued that the
 * PIN change would then fail on.
 */
export function clampPolicy(
  policy: PinPolicy,
  limits: { readonly minLength: number; readonly maxLength: number; readonly digitsOnly: boolean },
): PinPolicy {
  const minLength = Math.max(policy.minLength, limits.minLength);
  const maxLength = Math.min(policy.maxLength, limits.maxLength);
  if (minLength > maxLength)
    throw new StationError('BAD_INPUT', {
      field: 'pinPolicy',
      problem: `the card holds PINs of ${limits.minLength}–${limits.maxLength} characters; the policy asks ${policy.minLength}–${policy.maxLength}`,
    });
  return { ...policy, minLength, maxLength, digitsOnly: policy.digitsOnly || limits.digitsOnly };
}
