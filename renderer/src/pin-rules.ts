// The live hints under the holder's PIN pad. Advisory only: the PIN is judged by the station's
// policy (core/enrollment/pin-policy.ts) once it crosses the bridge; test/kiosk/pin-rules.test.ts
// checks that these hints never call a PIN fine that the station refuses.
import type { PinPolicyView } from '../../electron/ipc-contract.ts';

export interface PinHints {
  readonly length: boolean;
  readonly notInitial: boolean;
  readonly notRepeated: boolean;
  readonly notSequence: boolean;
  readonly notPattern: boolean;
  readonly matches: boolean;
}

export function pinHints(pin: string, again: string, policy: PinPolicyView): PinHints {
  const digits = /^[0-9]+$/.test(pin);
  let steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add((pin.charCodeAt(i) - pin.charCodeAt(i - 1) + 10) % 10);
  if (!digits) steps = new Set();
  let pattern = false;
  for (let size = 2; size <= pin.length / 2; size++) {
    if (pin.length % size === 0 && pin.slice(0, size).repeat(pin.length / size) === pin) pattern = true;
  }
  return {
    length:
      pin.length >= policy.minLength && pin.length <= policy.maxLength && (!policy.digitsOnly || digits),
    notInitial: pin.length > 0 && !policy.refused.includes(pin),
    notRepeated: pin.length > 1 && !/^(.)\1+$/.test(pin),
    notSequence: pin.length > 1 && !(steps.size === 1 && (steps.has(1) || steps.has(9))),
    notPattern: pin.length > 1 && !pattern,
    matches: pin.length > 0 && pin === again,
  };
}

export function allMet(h: PinHints): boolean {
  return h.length && h.notInitial && h.notRepeated && h.notSequence && h.notPattern && h.matches;
}
