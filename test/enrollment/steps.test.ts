// The step table's own rules: the orders "nothing lost" depends on, one request to the CA, and a
// label and a valid audit action for every row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AUDIT_ACTIONS } from '../../core/audit/record.ts';
import { isMessageKey } from '../../core/i18n/index.ts';
import { STEP_TABLE, type StepId } from '../../core/enrollment/steps.ts';

const at = (id: StepId): number => STEP_TABLE.findIndex((s) => s.id === id);

test('the transport PIN is proven, and the admin key accepted, before the key is generated', () => {
  assert.ok(at('pin-check') < at('keygen'));
  assert.ok(at('admin') < at('keygen'));
});

test('a re-issue resets the PIN only after the new key replaced the old one', () => {
  assert.ok(at('keygen') < at('reissue-reset'));
  assert.ok(at('reissue-reset') < at('csr'));
});

test('one step reaches the CA; nothing after it prepares and nothing before it finishes', () => {
  const submit = at('submit');
  assert.deepEqual(
    STEP_TABLE.filter((s) => s.touches === 'ca').map((s) => s.id),
    ['submit'],
  );
  STEP_TABLE.forEach((s, i) => {
    if (i < submit) assert.equal(s.phase, 'prepare', s.id);
    if (i > submit) assert.equal(s.phase, 'finish', s.id);
  });
});

test('the certificate is checked before anything is written, and the PIN changed before the proof', () => {
  assert.ok(at('check') < at('write'));
  assert.ok(at('write') < at('admin-key'));
  assert.ok(at('pin-change') < at('proof'));
});

test('every step has a label in the catalogs, a known audit action and a rising progress share', () => {
  let last = -1;
  for (const s of STEP_TABLE) {
    assert.ok(isMessageKey(s.label), `${s.id}: no label ${s.label}`);
    assert.ok((AUDIT_ACTIONS as readonly string[]).includes(s.action), `${s.id}: ${s.action}`);
    assert.ok(s.percent > last && s.percent < 100, `${s.id}: ${s.percent}`);
    last = s.percent;
  }
});
