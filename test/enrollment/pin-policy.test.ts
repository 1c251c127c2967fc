import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { checkNewPin, PIV_PIN_POLICY, type PinRejection } from '../../core/enrollment/pin-policy.ts';
import { Secret } from '../../core/enrollment/secret.ts';

const transport = () => Secret.fromText('12345678');
const check = (pin: string, confirmation?: string) =>
  checkNewPin(
    Secret.fromText(pin),
    transport(),
    PIV_PIN_POLICY,
    confirmation === undefined ? undefined : Secret.fromText(confirmation),
  );

const rejected: ReadonlyArray<readonly [string, PinRejection]> = [
  ['12345678', 'PIN_IS_TRANSPORT_PIN'],
  ['123456', 'PIN_IS_DEFAULT'],
  ['12345', 'PIN_TOO_SHORT'],
  ['123456789', 'PIN_TOO_LONG'],
  ['12a456', 'PIN_NOT_DIGITS'],
  ['４８２９１７', 'PIN_NOT_DIGITS'],
  ['777777', 'PIN_REPEATED_DIGIT'],
  ['00000000', 'PIN_IS_DEFAULT'],
  ['345678', 'PIN_SEQUENCE'],
  ['98765432', 'PIN_SEQUENCE'],
  ['890123', 'PIN_SEQUENCE'],
  ['383838', 'PIN_REPEATED_PATTERN'],
  ['27182718', 'PIN_REPEATED_PATTERN'],
  ['159159', 'PIN_REPEATED_PATTERN'],
];

for (const [pin, reason] of rejected) {
  test(`PIN policy refuses ${reason} (${pin.length} characters)`, () => {
    assert.deepEqual(check(pin), { ok: false, reason });
  });
}

test('PIN policy accepts ordinary PINs of 6 to 8 digits', () => {
  for (const pin of ['482917', '5093816', '20461937']) assert.deepEqual(check(pin), { ok: true });
});

test('a mistyped confirmation is refused before any other rule', () => {
  assert.deepEqual(check('482917', '482918'), { ok: false, reason: 'PIN_CONFIRMATION_MISMATCH' });
  assert.deepEqual(check('482917', '482917'), { ok: true });
});

test('the transport PIN is configurable: a different one is refused, 12345678 then only as a blocklisted default', () => {
  const other = checkNewPin(Secret.fromText('24681357'), Secret.fromText('24681357'));
  assert.deepEqual(other, { ok: false, reason: 'PIN_IS_TRANSPORT_PIN' });
  const factory = checkNewPin(Secret.fromText('12345678'), Secret.fromText('24681357'));
  assert.deepEqual(factory, { ok: false, reason: 'PIN_IS_DEFAULT' });
});

test('a Secret never turns into its value as text, JSON or inspect output, and is unusable once wiped', () => {
  const s = Secret.fromText('482917');
  const shown = [`${s}`, JSON.stringify({ s }), inspect(s), inspect({ nested: { s } }), String(s)].join(' ');
  assert.ok(!shown.includes('482917'), shown);
  const bytes = s.use((b) => b);
  s.wipe();
  assert.ok(
    bytes.every((b) => b === 0),
    'the buffer is zeroed',
  );
  assert.throws(() => s.use(() => undefined), /wiped/);
});
