// Issue 8 §1/§4: a PIV card without GET SERIAL (most non-YubiKey PIV cards) is known by its CHUID
// GUID, which the station's own writes must not change. Through the real CLI with pcscd, vpcd, a
// software card answering GET SERIAL with 6D00 (instruction not supported) and the demo CA:
// enrollment, re-issue (with the PUK the station keeps for the card) and a kill at write followed
// by `station recover` all work; yubico-piv-tool, the card's CHUID and the log agree.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoEnvironment, randomHolderPin, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { station, text, enrollAlice } from './helpers.ts';
import {
  assertHolderIntact,
  assertLogVerifies,
  auditCards,
  cardSignsFor,
  certificateOnCard,
  fingerprint,
  issueAlice,
  issuedBy,
  journals,
  ypt,
} from './nothing-lost-helpers.ts';

let env: DemoEnvironment;
const CHUID = 0x5fc102;
const NO_SERIAL = { statusWords: [{ ins: 0xf8, sw: 0x6d00, times: 'always' as const }] };

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair(), stationId: 'nothing-lost-no-serial' });
  await env.insertBlankCard();
  env.target.setFaults(NO_SERIAL);
});
after(async () => {
  await env?.stop();
});

/** The GUID in the card's CHUID (tag 34 inside the object), hex. */
function chuidGuid(): string {
  const chuid = env.target.object(CHUID);
  assert.ok(chuid, 'the card has a CHUID');
  const at = chuid.indexOf(Buffer.from([0x34, 0x10]));
  assert.ok(at >= 0, 'the CHUID holds a GUID');
  return chuid.subarray(at + 2, at + 18).toString('hex');
}

const cardLine = async (guid: string) => (await auditCards(env)).find((c) => c.card === `guid:${guid}`);

test('a card without GET SERIAL: enroll, re-issue and kill-and-recover keep its identity and its keys', async () => {
  // yubico-piv-tool sees no serial either
  const status = await ypt(env, ['-a', 'status']);
  assert.doesNotMatch(status.stdout, /Serial Number:\s*\d+/, status.stdout);
  const guid = chuidGuid();

  // 1. enroll
  const pin = text(randomHolderPin());
  const first = await issueAlice(env, pin);
  assert.equal(chuidGuid(), guid, "the station's writes kept the GUID (the card's identity)");
  assert.equal(env.target.status().managementKey.isDefault, false, 'a random management key was set');
  assert.equal((await cardLine(guid))?.state, 'issued');

  // 2. re-issue: the holder's PIN is reset with the PUK the station keeps under the GUID
  const second = text(randomHolderPin());
  const reissued = await issueAlice(env, second, ['--reissue']);
  assert.notEqual(fingerprint(reissued), fingerprint(first), 'a new certificate');
  assert.equal(chuidGuid(), guid);
  await assertHolderIntact(env, { certificate: reissued, pin: second, serial: null });
  assert.equal((await cardLine(guid))?.state, 'issued');

  // 3. a re-issue killed at write (the CA issued), then `station recover`
  const third = text(randomHolderPin());
  const killed = await station([...enrollAlice(env.configFile), '--reissue', '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n${third}\n${third}\n`,
    killAtStep: 'write',
  });
  assert.equal(killed.signal, 'SIGKILL', killed.stdout + killed.stderr);
  const issued = issuedBy(env).at(-1) as string;
  const recovered = await station(['recover', '--config', env.configFile, '--json'], { env: env.env });
  assert.equal(recovered.code, 0, recovered.stdout + recovered.stderr);
  assert.match(recovered.stdout, /"action":"resume"/);
  assert.match(recovered.stdout, /"status":"issued-pin-not-changed"/);
  assert.deepEqual(journals(env).open, []);
  const onCard = await certificateOnCard(env);
  assert.ok(onCard);
  assert.equal(fingerprint(onCard), fingerprint(issued), 'the certificate the CA issued is on the card');
  // the re-issue set the PIN back to the transport PIN before the kill; the card signs for it
  const signs = await cardSignsFor(env, '12345678', issued);
  assert.ok(signs.ok, signs.output);
  assert.equal(chuidGuid(), guid);
  assert.equal((await cardLine(guid))?.state, 'issued-pin-not-changed');
  await assertLogVerifies(env);
});
