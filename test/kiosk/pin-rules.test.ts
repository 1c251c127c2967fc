// The holder screen's live PIN hints (renderer/src/pin-rules.ts) against the station's policy
// (core/enrollment/pin-policy.ts), which decides: every PIN the hints call fine the policy accepts,
// and every PIN the policy refuses shows at least one unmet hint. Exhaustive over 6-digit PINs
// plus a sample of 7- and 8-digit ones.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkNewPin, PIV_PIN_POLICY } from '../../core/enrollment/pin-policy.ts';
import { Secret } from '../../core/enrollment/secret.ts';
import { allMet, pinHints } from '../../renderer/src/pin-rules.ts';

const view = {
  minLength: PIV_PIN_POLICY.minLength,
  maxLength: PIV_PIN_POLICY.maxLength,
  digitsOnly: PIV_PIN_POLICY.digitsOnly,
  refused: PIV_PIN_POLICY.blocklist,
};
const transport = Secret.fromText('12345678');

function agree(pin: string): void {
  const candidate = Secret.fromText(pin);
  const station = checkNewPin(candidate, transport).ok;
  candidate.wipe();
  assert.equal(allMet(pinHints(pin, pin, view)), station, pin);
}

describe('live PIN hints agree with the station policy', () => {
  it('on every 6-digit PIN', () => {
    for (let n = 0; n < 1_000_000; n += 1) agree(String(n).padStart(6, '0'));
  });
  it('on 7- and 8-digit PINs, short, long and non-digit ones', () => {
    for (let n = 0; n < 200_000; n += 1) agree(String((n * 7919) % 10_000_000).padStart(7, '0'));
    for (let n = 0; n < 200_000; n += 1) agree(String((n * 104_729) % 100_000_000).padStart(8, '0'));
    for (const pin of [
      '12345678',
      '87654321',
      '11111111',
      '12341234',
      '1234',
      '123456789',
      '12a456',
      '',
      '90123456',
      '24680135',
    ])
      agree(pin);
  });
  it('a mismatched second entry is never fine', () => {
    assert.equal(pinHints('246810', '246811', view).matches, false);
    assert.equal(allMet(pinHints('246810', '246810', view)), true);
  });
});
