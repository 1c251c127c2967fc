// A re-issue that stops after its new key replaced the holder's (found by the hostile review of
// issue 8): the certificate still in slot 9a certifies a key the card no longer holds, so the run
// cannot end as "nothing changed". The station removes that dead certificate (with the unused new
// key), records its serial "to be revoked", says so (REISSUE_NOT_FINISHED with the cause), and the
// log's card state is "cleared"; the card is then enrolled again as a blank card. Whether the stop
// is a CA that went away (the run itself clears the card) or a kill (recover clears it).
// yubico-piv-tool reads the slot; the demo CA's records and `audit verify` confirm the rest.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { startDemoEnvironment, randomHolderPin, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { station, text, enrollAlice } from './helpers.ts';
import {
  assertLogVerifies,
  auditCards,
  cardSignsFor,
  certificateOnCard,
  issueAlice,
  journals,
  logRecords,
  parseJsonLines,
} from './nothing-lost-helpers.ts';

let env: DemoEnvironment;
before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair(), stationId: 'reissue-stopped' });
});
after(async () => {
  await env?.stop();
});

const serialOf = (pem: string): string => {
  const m = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem);
  assert.ok(m);
  return new X509Certificate(m[0]).serialNumber.toLowerCase();
};
/** The card's line in `audit cards`. */
async function cardLine(): Promise<{ state: string } | undefined> {
  return (await auditCards(env)).find((c) => c.card === `serial:${env.target.status().serial}`);
}

/** What the log says was to be revoked, by serial (lower-case hex). */
async function toBeRevoked(): Promise<string[]> {
  return (await logRecords(env))
    .filter((r) => r.action === 'CERT_TO_BE_REVOKED')
    .map((r) => String(r.certSerial ?? '').toLowerCase());
}

test('a re-issue killed after keygen: recover removes the dead certificate, the card is enrolled again', async () => {
  await env.insertBlankCard();
  const oldPin = text(randomHolderPin());
  const oldCert = await issueAlice(env, oldPin);
  assert.equal((await cardLine())?.state, 'issued');
  const issuedBefore = env.ca.list().length;

  const newPin = text(randomHolderPin());
  const killed = await station([...enrollAlice(env.configFile), '--reissue', '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n${newPin}\n${newPin}\n`,
    killAtStep: 'csr',
  });
  assert.equal(killed.signal, 'SIGKILL', killed.stdout + killed.stderr);
  assert.equal(env.ca.list().length, issuedBefore, 'nothing reached the CA');
  // the old certificate is still in the slot, but the card no longer signs for it
  const stillThere = await certificateOnCard(env);
  assert.ok(stillThere !== null);
  assert.equal((await cardSignsFor(env, oldPin, stillThere)).ok, false, 'its key was replaced');

  const dry = await station(['recover', '--config', env.configFile, '--dry-run', '--json'], { env: env.env });
  assert.equal(dry.code, 0, dry.stdout + dry.stderr);
  assert.match(dry.stdout, /"action":"clear"/);
  assert.ok(await certificateOnCard(env), 'a dry run touches nothing');

  const recovered = await station(['recover', '--config', env.configFile, '--json'], { env: env.env });
  assert.equal(recovered.code, 0, recovered.stdout + recovered.stderr);
  assert.equal(await certificateOnCard(env), null, 'yubico-piv-tool finds no certificate in 9a');
  assert.deepEqual(journals(env).open, []);
  assert.equal((await cardLine())?.state, 'cleared', 'audit cards: the card must be enrolled again');
  assert.ok((await toBeRevoked()).includes(serialOf(oldCert)), 'the old serial is recorded to be revoked');
  await assertLogVerifies(env);

  // the card is blank for the station now: a plain enroll (no --reissue) issues it
  const again = await issueAlice(env, newPin);
  assert.ok((await cardSignsFor(env, newPin, again)).ok, 'the card signs for its new certificate');
  assert.equal((await cardLine())?.state, 'issued');
  await assertLogVerifies(env);
});

test('a re-issue the CA denies: the dead old certificate is removed and the operator told', async () => {
  await env.insertBlankCard();
  const oldCert = await issueAlice(env, text(randomHolderPin()));
  // the CA now wants a bigger key than the card's RSA-2048: it denies the re-issue's request
  env.ca.setTemplatePolicy('SmartcardUser', { minKeySize: 4096 });
  const newPin = text(randomHolderPin());
  try {
    const r = await station([...enrollAlice(env.configFile), '--reissue', '--json'], {
      env: env.env,
      stdin: `${text(env.agentPin)}\n${newPin}\n${newPin}\n`,
    });
    const result = parseJsonLines(r.stdout).find((l) => l.result !== undefined)?.result as
      { status?: string; cardCleared?: boolean } | undefined;
    assert.equal(result?.status, 'denied', r.stdout + r.stderr);
    assert.equal(result?.cardCleared, true, 'the result says the card was cleared');
  } finally {
    env.ca.setTemplatePolicy('SmartcardUser', { minKeySize: 2048 });
  }
  assert.equal(await certificateOnCard(env), null, 'no dead certificate left in 9a');
  assert.deepEqual(journals(env).open, []);
  assert.equal((await cardLine())?.state, 'cleared');
  assert.ok((await toBeRevoked()).includes(serialOf(oldCert)));
  await assertLogVerifies(env);
  // the card is blank for the station: a plain enroll issues it
  const again = await issueAlice(env, newPin);
  assert.ok((await cardSignsFor(env, newPin, again)).ok);
});

test('a re-issue whose CA goes away at submit clears the card and says so', async () => {
  await env.insertBlankCard();
  const oldPin = text(randomHolderPin());
  const oldCert = await issueAlice(env, oldPin);
  const newPin = text(randomHolderPin());
  let stopped = false;
  const r = await station([...enrollAlice(env.configFile), '--reissue', '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n${newPin}\n${newPin}\n`,
    onStdout: (s) => {
      if (!stopped && s.includes('"step":"submit"')) {
        stopped = true;
        void env.ca.stop();
      }
    },
  });
  assert.ok(stopped, r.stdout + r.stderr);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const error = parseJsonLines(r.stdout).find((l) => l.type === 'error') as
    { code?: string; details?: Record<string, unknown>; message?: string } | undefined;
  assert.equal(error?.code, 'REISSUE_NOT_FINISHED', r.stdout);
  assert.equal(error?.details?.cause, 'CA_UNREACHABLE', 'the cause is named');
  assert.doesNotMatch(r.stdout + r.stderr, /Nothing was written to the card/);
  assert.equal(await certificateOnCard(env), null, 'no dead certificate left in 9a');
  assert.deepEqual(journals(env).open, [], 'the run ended itself: nothing for recover');
  assert.equal((await cardLine())?.state, 'cleared');
  assert.ok((await toBeRevoked()).includes(serialOf(oldCert)));
  await assertLogVerifies(env);
});
