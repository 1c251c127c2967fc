import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { Debouncer, decodeState, sameSlot, STATE, type CardSlot } from '../../native/pcsc/status-bits.ts';

test('presence comes from PRESENT/EMPTY/MUTE, not from the rest of the mask', () => {
  // masks seen from pcscd 1.9.9 with vpcd: EMPTY|CHANGED, PRESENT|CHANGED + event counter
  assert.equal(decodeState(0x12).cardPresent, false);
  assert.equal(decodeState(0x10022).cardPresent, true);
  assert.equal(decodeState(0x10022).eventCount, 1);
  assert.equal(decodeState(STATE.PRESENT | STATE.INUSE | STATE.EXCLUSIVE).cardPresent, true);
  assert.equal(decodeState(STATE.PRESENT | STATE.MUTE).cardPresent, false);
  assert.equal(decodeState(STATE.PRESENT | STATE.MUTE).mute, true);
  assert.equal(decodeState(STATE.UNAVAILABLE).cardPresent, false);
});

test('debouncer: first value settles at once, flicker is swallowed, a held change settles', async () => {
  const settled: string[] = [];
  const d = new Debouncer<CardSlot>(40, sameSlot, (prev, next) =>
    settled.push(`${prev?.present ?? '-'}>${next.present}`),
  );
  const card: CardSlot = { present: true, atr: '3B00' };
  const none: CardSlot = { present: false, atr: '' };
  d.push(none);
  assert.deepEqual(settled, ['->false']);
  d.push(card);
  d.push(none); // bounced back before the delay
  await delay(80);
  assert.deepEqual(settled, ['->false']);
  d.push(card);
  d.push(card);
  await delay(80);
  assert.deepEqual(settled, ['->false', 'false>true']);
  d.push({ present: true, atr: '3B01' }); // another card, no empty report in between
  await delay(80);
  assert.deepEqual(settled, ['->false', 'false>true', 'true>true']);
  d.cancel();
});
