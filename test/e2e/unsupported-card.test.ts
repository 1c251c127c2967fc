// A card whose edge the station does not speak (it answers neither the PIV nor the GIDS SELECT) is
// refused with UNSUPPORTED_CARD, and the attempt is in the log — a card someone tried to enroll is
// an event. Nothing reaches the CA, no journal is opened, the log verifies. (Issue 9 §2.)
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoEnvironment, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { enrollAlice, station, text } from './helpers.ts';
import { assertLogVerifies, journals, logRecords, parseJsonLines } from './nothing-lost-helpers.ts';

let env: DemoEnvironment;

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair(), stationId: 'unsupported-card' });
});
after(async () => {
  await env?.stop();
});

test('a card no card edge recognises is refused with UNSUPPORTED_CARD and the attempt is logged', async () => {
  // SELECT (INS A4) answers "file not found" for every application: no PIV, no GIDS
  await env.insertBlankCard({ faults: { statusWords: [{ ins: 0xa4, sw: 0x6a82, times: 'always' }] } });
  const requestsBefore = env.ca.list().length;
  const r = await station([...enrollAlice(env.configFile), '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n24681357\n24681357\n`,
  });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const error = parseJsonLines(r.stdout).find((l) => l.type === 'error') as { code?: string } | undefined;
  assert.equal(error?.code, 'UNSUPPORTED_CARD', r.stdout);
  assert.equal(env.ca.list().length, requestsBefore, 'nothing reached the CA');
  assert.deepEqual(journals(env).open, [], 'no journal was opened');
  const records = await logRecords(env);
  assert.ok(
    records.some(
      (rec) =>
        rec.action === 'CARD_IDENTIFIED' &&
        rec.outcome === 'failure' &&
        rec.errorCode === 'UNSUPPORTED_CARD' &&
        rec.targetUser === 'CORP\\alice',
    ),
    'the refused card is in the log',
  );
  await assertLogVerifies(env);
});
