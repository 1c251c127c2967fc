// Issue 8 §1, the refusal paths, through the real CLI with pcscd, vpcd, software cards and the demo
// CA: each refusal leaves the holder's certificate on the card (yubico-piv-tool reads it and the
// card still signs for it), `station recover` finds nothing to "roll back", `audit cards` agrees
// with the card and the log verifies.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoEnvironment, randomHolderPin, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { station, text, enrollAlice } from './helpers.ts';
import {
  assertHolderIntact,
  assertLogVerifies,
  auditCards,
  certificateOnCard,
  configVariant,
  parseJsonLines,
  slotKeyMetadata,
  issueAlice,
  journals,
  logRecords,
  pinTriesLeft,
  ypt,
} from './nothing-lost-helpers.ts';

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

test('a malformed --user on a re-issue is BAD_INPUT before any prompt, journal line or APDU; nothing deleted', async () => {
  const apdus = { target: env.target.apduCount, agent: env.agentCard.apduCount };
  const journalsBefore = journals(env);
  const recordsBefore = (await logRecords(env)).length;
  const args = enrollAlice(env.configFile).map((a) => (a === 'CORP\\alice' ? 'alice' : a));
  // no PINs on standard input: a prompt would end in CANCELLED, not BAD_INPUT
  const r = await station([...args, '--reissue', '--json'], { env: env.env, stdin: '' });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /"code":"BAD_INPUT"/);
  assert.equal(env.target.apduCount, apdus.target, 'no APDU reached the holder card');
  assert.equal(env.agentCard.apduCount, apdus.agent, 'no APDU reached the operator card');
  assert.deepEqual(journals(env), journalsBefore, 'no journal written');
  assert.equal((await logRecords(env)).length, recordsBefore, 'nothing appended to the log');

  const recovered = await station(['recover', '--config', env.configFile, '--json'], { env: env.env });
  assert.equal(recovered.code, 0, recovered.stdout + recovered.stderr);
  assert.match(recovered.stdout, /no interrupted enrollments/);
  await assertHolderIntact(env, { certificate: holderCert, pin: holderPin, serial });
});

test('a re-issue of a card whose PIN the records say was changed spends no PIN try (killed before the PUK reset, then recovered)', async () => {
  // the holder mistyped once: 2 tries left; a transport-PIN guess by the station would leave 1
  const wrong = await ypt(env, ['-a', 'verify-pin', '-P', '00000001']);
  assert.notEqual(wrong.status, 0);
  assert.equal(await pinTriesLeft(env), 2);
  const next = text(randomHolderPin());
  const killed = await station([...enrollAlice(env.configFile), '--reissue', '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n${next}\n${next}\n`,
    killAtStep: 'admin',
  });
  assert.equal(killed.signal, 'SIGKILL', killed.stdout + killed.stderr);
  assert.match(killed.stdout, /"step":"pin-check"/, 'the PIN check ran before the kill');
  assert.equal(await pinTriesLeft(env), 2, 'yubico-piv-tool: no PIN try spent');

  const recovered = await station(['recover', '--config', env.configFile, '--json'], { env: env.env });
  assert.equal(recovered.code, 0, recovered.stdout + recovered.stderr);
  assert.match(recovered.stdout, /"action":"close"/);
  assert.deepEqual(journals(env).open, []);
  assert.equal(await pinTriesLeft(env), 2, 'recover spent no PIN try either');
  await assertHolderIntact(env, { certificate: holderCert, pin: holderPin, serial });
});

test('a wrong configured transport PIN: no key generated, no try spent where metadata tells (FACTORY_PIN_SET), one at most otherwise (TRANSPORT_PIN_WRONG)', async () => {
  const wrongTransport = configVariant(env, 'wrong-transport', (raw) => {
    (raw.card as Record<string, unknown>).transportPin = '13572468';
  });
  const attempt = async (): Promise<Record<string, unknown>> => {
    const next = text(randomHolderPin());
    const r = await station([...enrollAlice(wrongTransport), '--json'], {
      env: env.env,
      stdin: `${text(env.agentPin)}\n${next}\n${next}\n`,
    });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const error = parseJsonLines(r.stdout).find((l) => l.type === 'error');
    assert.ok(error, r.stdout);
    return error;
  };
  const issuedBefore = env.ca.list().length;

  // a blank card still on the vendor's factory PIN: metadata tells, no VERIFY is sent
  await env.insertBlankCard();
  assert.equal(await slotKeyMetadata(env), null, 'a blank card has no key in 9a');
  assert.equal(await pinTriesLeft(env), 3);
  const factory = await attempt();
  assert.equal(factory.code, 'FACTORY_PIN_SET');
  assert.equal((factory.details as Record<string, unknown>).triesSpent, 0);
  assert.match(String(factory.message), /factory default PIN, not your organisation's transport PIN/);
  assert.equal(await pinTriesLeft(env), 3, 'yubico-piv-tool: no try spent');
  assert.equal(await slotKeyMetadata(env), null, 'GET METADATA: still no key in 9a');

  // a card prepared with the organisation's transport PIN, which the configuration gets wrong
  await ypt(env, ['-a', 'change-pin', '-P', '12345678', '-N', '24681357']);
  const wrong = await attempt();
  assert.equal(wrong.code, 'TRANSPORT_PIN_WRONG');
  assert.match(String(wrong.message), /transport PIN configured for this station/);
  const details = wrong.details as Record<string, unknown>;
  assert.equal(details.triesSpent, 1);
  assert.equal(details.triesLeft, 2);
  assert.equal(await pinTriesLeft(env), 2, 'yubico-piv-tool: exactly one try spent');
  assert.equal(await slotKeyMetadata(env), null, 'GET METADATA: no key generated');
  assert.equal(env.ca.list().length, issuedBefore, 'nothing reached the CA');
  assert.deepEqual(journals(env).open, []);
  const recovered = await station(['recover', '--config', env.configFile, '--json'], { env: env.env });
  assert.match(recovered.stdout, /no interrupted enrollments/);
  assert.equal(
    (await auditCards(env)).find((c) => c.card === `serial:${env.target.status().serial}`),
    undefined,
    'audit cards does not list the refused card',
  );
  await assertLogVerifies(env);
});

test('a PIN policy wider than the card edge (4–16, a 10-digit PIN) is refused before anything is issued', async () => {
  await env.insertBlankCard();
  const wide = configVariant(env, 'wide-policy', (raw) => {
    raw.pinPolicy = { minLength: 4, maxLength: 16 };
  });
  const issuedBefore = env.ca.list().length;
  const apdus = env.target.apduCount;
  const r = await station([...enrollAlice(wide), '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n2468013579\n2468013579\n`,
  });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  // refused at start-up: the configuration names the field a PIV card cannot honour
  const error = parseJsonLines(r.stdout).find((l) => l.type === 'error');
  assert.equal(error?.code, 'CONFIG_INVALID', r.stdout);
  assert.equal((error?.details as Record<string, unknown>).field, 'pinPolicy.minLength');
  assert.equal(env.ca.list().length, issuedBefore, 'no request reached the CA');
  assert.equal(env.target.apduCount, apdus, 'the card was not touched');
  assert.equal(await slotKeyMetadata(env), null, 'GET METADATA: no key in 9a');
  assert.equal(await certificateOnCard(env), null);
  assert.deepEqual(journals(env).open, []);
  await assertLogVerifies(env);
});

test('REISSUE_NEEDS_RESET (keys discarded, PIN changed) is refused before the card is changed; nothing deleted', async () => {
  await env.insertBlankCard();
  const discard = configVariant(env, 'discard-keys', (raw) => {
    (raw.card as Record<string, unknown>).managementKeyStorage = 'discard';
  });
  const pin = text(randomHolderPin());
  const r1 = await station([...enrollAlice(discard), '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n${pin}\n${pin}\n`,
  });
  assert.equal(r1.code, 0, r1.stdout + r1.stderr);
  const cert = await certificateOnCard(env);
  assert.ok(cert);
  const issued = env.ca.list().length;
  const next = text(randomHolderPin());
  const r = await station([...enrollAlice(discard), '--reissue', '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n${next}\n${next}\n`,
  });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /"code":"REISSUE_NEEDS_RESET"/);
  assert.doesNotMatch(r.stdout, /"step":"(admin|keygen)"/, 'stopped before any step that changes the card');
  assert.equal(env.ca.list().length, issued, 'nothing reached the CA');
  assert.deepEqual(journals(env).open, []);
  const recovered = await station(['recover', '--config', discard, '--json'], { env: env.env });
  assert.match(recovered.stdout, /no interrupted enrollments/);
  assert.equal(await pinTriesLeft(env), 3, 'no PIN try spent');
  await assertHolderIntact(env, { certificate: cert, pin, serial: env.target.status().serial });
});
