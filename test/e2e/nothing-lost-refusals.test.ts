// Issue 8 §1, the refusal paths, through the real CLI with pcscd, vpcd, software cards and the demo
// CA: each refusal leaves the holder's certificate on the card (yubico-piv-tool reads it and the
// card still signs for it), `station recover` finds nothing to "roll back", `audit cards` agrees
// with the card and the log verifies.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoEnvironment, randomHolderPin, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { station, text, enrollAlice } from './helpers.ts';
import { assertHolderIntact, issueAlice, journals, logRecords } from './nothing-lost-helpers.ts';

let env: DemoEnvironment;
let holderPin: string;
let holderCert: string;
let serial: number;

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair(), stationId: 'nothing-lost-refusals' });
  holderPin = text(randomHolderPin());
  holderCert = await issueAlice(env, holderPin);
  serial = env.target.status().serial;
});
after(async () => {
  await env?.stop();
});

test('a refused enrollment (CARD_ALREADY_ISSUED) ends its journal; `station recover` then deletes nothing', async () => {
  const other = text(randomHolderPin());
  const r = await station([...enrollAlice(env.configFile), '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n${other}\n${other}\n`,
  });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /"code":"CARD_ALREADY_ISSUED"/);
  assert.deepEqual(journals(env).open, [], 'the refusal left no open journal');

  const recovered = await station(['recover', '--config', env.configFile, '--json'], { env: env.env });
  assert.equal(recovered.code, 0, recovered.stdout + recovered.stderr);
  assert.match(recovered.stdout, /no interrupted enrollments/);
  await assertHolderIntact(env, { certificate: holderCert, pin: holderPin, serial });
  const finished = (await logRecords(env)).filter(
    (rec) => rec.action === 'ENROLLMENT_FINISHED' && rec.errorCode === 'CARD_ALREADY_ISSUED',
  );
  assert.equal(finished.length, 1, 'the log records the refusal as the end of that enrollment');
});
