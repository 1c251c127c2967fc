// Issue 8 §1, the paths after the CA was asked and the paths through `station recover`, through the
// real CLI with pcscd, vpcd, software cards and the demo CA. The judges: yubico-piv-tool (what slot
// 9a holds, whether the card signs for a given certificate), opensc-tool (GET METADATA), openssl,
// the demo CA's own records, and the station's `audit cards` / `audit verify`.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDemoEnvironment, randomHolderPin, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { run as runSync } from '../../dev/tools.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { station, text, enrollAlice } from './helpers.ts';
import {
  assertHolderIntact,
  assertLogVerifies,
  issueAlice,
  auditCards,
  cardSignsFor,
  certificateOnCard,
  issuedBy,
  journalDirOf,
  journals,
  logRecords,
  parseJsonLines,
  slotKeyMetadata,
} from './nothing-lost-helpers.ts';

let env: DemoEnvironment;

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair(), stationId: 'nothing-lost-recover' });
});
after(async () => {
  await env?.stop();
});

const serialOf = (pem: string): string => {
  const r = runSync('openssl', ['x509', '-noout', '-serial'], { input: pem });
  return r.stdout.trim().replace(/^serial=/i, '');
};

test('a successful enrollment archives its journal in journal/done, ended "issued"', async () => {
  const pin = text(randomHolderPin());
  const r = await station([...enrollAlice(env.configFile), '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n${pin}\n${pin}\n`,
  });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const id = parseJsonLines(r.stdout).find((l) => l.type === 'progress')?.enrollmentId;
  assert.equal(typeof id, 'string');
  const { open, done } = journals(env);
  assert.deepEqual(open, [], 'no open journal left');
  assert.ok(done.includes(`${String(id)}.jsonl`), `journal/done holds ${String(id)}: ${done.join(', ')}`);
  const lines = readFileSync(path.join(journalDirOf(env), 'done', `${String(id)}.jsonl`), 'utf8')
    .trim()
    .split('\n');
  const last = JSON.parse((lines.at(-1) ?? '').split('\t')[0] ?? '') as { kind: string; status: string };
  assert.deepEqual([last.kind, last.status], ['end', 'issued']);
  const recovered = await station(['recover', '--config', env.configFile, '--json'], { env: env.env });
  assert.match(recovered.stdout, /no interrupted enrollments/);
  await assertLogVerifies(env);
});

test('CERT_CHECK_FAILED (a typo in --upn) destroys the issued key on the card and records the serial to be revoked', async () => {
  await env.insertBlankCard();
  const before = issuedBy(env).length;
  const pin = text(randomHolderPin());
  const args = enrollAlice(env.configFile).map((a) => (a === '--upn' ? a : a.replace(/^alice@/, 'alcie@')));
  // --email keeps alice's address; only the UPN has the typo
  const emailAt = args.indexOf('--email');
  args[emailAt + 1] = 'alice@corp.example';
  const r = await station([...args, '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n${pin}\n${pin}\n`,
  });
  assert.equal(r.code, 1, r.stdout + r.stderr);
  const error = parseJsonLines(r.stdout).find((l) => l.type === 'error');
  assert.equal(error?.code, 'CERT_CHECK_FAILED', r.stdout);
  const issued = issuedBy(env);
  assert.equal(issued.length, before + 1, 'the CA issued one certificate');
  const certificate = issued.at(-1) as string;
  const serial = serialOf(certificate);
  // what the operator must ask the CA administrators, in the error's details
  const details = error?.details as Record<string, unknown>;
  assert.equal(details.keyDestroyed, true);
  assert.equal(String(details.revokeSerial).toLowerCase(), serial.toLowerCase());
  assert.equal(typeof details.reqId, 'number');

  // the card: no certificate, a key in 9a that is not the certified one (the transport PIN opens it)
  assert.equal(await certificateOnCard(env), null, 'nothing written to 9a');
  assert.notEqual(await slotKeyMetadata(env), null, 'GET METADATA: the slot holds a replacement key');
  const signs = await cardSignsFor(env, '12345678', certificate);
  assert.match(signs.output, /Successfully verified PIN/);
  assert.equal(signs.ok, false, `the card must not sign for the issued certificate: ${signs.output}`);

  const records = await logRecords(env);
  const revoke = records.filter((rec) => rec.action === 'CERT_TO_BE_REVOKED');
  assert.equal(revoke.length, 1, 'CERT_TO_BE_REVOKED recorded');
  assert.equal(String(revoke[0]?.certSerial).toLowerCase(), serial.toLowerCase());
  assert.ok(
    records.some((rec) => rec.action === 'KEY_DESTROYED' && rec.outcome === 'success'),
    'KEY_DESTROYED recorded',
  );
  assert.deepEqual(journals(env).open, [], 'the journal ended (rolled back)');
  const cardLine = (await auditCards(env)).find((c) => c.card === `serial:${env.target.status().serial}`);
  assert.equal(cardLine, undefined, 'audit cards does not list the card as issued');
  await assertLogVerifies(env);
});

/** Kills an enrollment of a fresh blank card as the write step starts: the CA has issued. */
async function killedAtWrite(): Promise<{ id: string; journal: string; certificate: string; reqId: number }> {
  await env.insertBlankCard();
  const openBefore = journals(env).open;
  const pin = text(randomHolderPin());
  const killed = await station([...enrollAlice(env.configFile), '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n${pin}\n${pin}\n`,
    killAtStep: 'write',
  });
  assert.equal(killed.signal, 'SIGKILL', killed.stdout + killed.stderr);
  const open = journals(env).open.filter((n) => !openBefore.includes(n));
  assert.equal(open.length, 1, `one new open journal: ${open.join(', ')}`);
  const name = open[0] as string;
  const newest = env.ca
    .list()
    .filter((r) => r.status === 'issued' && r.onBehalfOf === 'CORP\\alice')
    .at(-1);
  assert.ok(newest);
  return {
    id: name.slice(0, -'.jsonl'.length),
    journal: path.join(journalDirOf(env), name),
    certificate: issuedBy(env).at(-1) as string,
    reqId: newest.id,
  };
}

test('an emptied journal after a kill at write: recover asks the operator (no roll-back); --reqid finishes the enrollment', async () => {
  const k = await killedAtWrite();
  writeFileSync(k.journal, '');
  const slotBefore = await slotKeyMetadata(env);
  assert.notEqual(slotBefore, null);
  const asked = await station(['recover', '--config', env.configFile, '--json'], { env: env.env });
  assert.equal(asked.code, 4, asked.stdout + asked.stderr);
  assert.match(asked.stdout, /"action":"ask-operator"/);
  assert.match(asked.stdout, /"status":"needs-operator"/);
  assert.equal(await slotKeyMetadata(env), slotBefore, 'the key of the issued certificate is still there');
  assert.deepEqual(journals(env).open, [path.basename(k.journal)], 'the journal stays open');
  await assertLogVerifies(env);

  const finished = await station(
    // a damaged journal names no reader: the operator names the one holding the card
    [
      'recover',
      '--config',
      env.configFile,
      '--json',
      '--reqid',
      `${k.id}=${k.reqId}`,
      '--target-reader',
      env.targetReader,
    ],
    { env: env.env },
  );
  assert.equal(finished.code, 0, finished.stdout + finished.stderr);
  assert.match(finished.stdout, /"status":"issued-pin-not-changed"/);
  const onCard = await certificateOnCard(env);
  assert.ok(onCard, 'the issued certificate is on the card');
  assert.equal(serialOf(onCard), serialOf(k.certificate));
  const signs = await cardSignsFor(env, '12345678', k.certificate);
  assert.ok(signs.ok, signs.output);
  assert.deepEqual(journals(env).open, []);
  const line = (await auditCards(env)).find((c) => c.card === `serial:${env.target.status().serial}`);
  assert.equal(line?.state, 'issued-pin-not-changed', JSON.stringify(line));
  await assertLogVerifies(env);
});

test('a garbled journal after a kill at write: recover asks the operator; --abandon destroys the key and records CERT_TO_BE_REVOKED', async () => {
  const k = await killedAtWrite();
  const body = readFileSync(k.journal);
  body.fill(0x3f, Math.floor(body.length / 3), Math.floor(body.length / 3) + 40);
  writeFileSync(k.journal, body);
  const slotBefore = await slotKeyMetadata(env);
  const asked = await station(['recover', '--config', env.configFile, '--json'], { env: env.env });
  assert.equal(asked.code, 4, asked.stdout + asked.stderr);
  assert.match(asked.stdout, /"action":"ask-operator"/);
  assert.equal(await slotKeyMetadata(env), slotBefore, 'nothing rolled back without the operator');

  const abandoned = await station(
    ['recover', '--config', env.configFile, '--json', '--abandon', k.id, '--target-reader', env.targetReader],
    { env: env.env },
  );
  assert.equal(abandoned.code, 0, abandoned.stdout + abandoned.stderr);
  assert.match(abandoned.stdout, /"status":"abandoned"/);
  const signs = await cardSignsFor(env, '12345678', k.certificate);
  assert.match(signs.output, /Successfully verified PIN/);
  assert.equal(signs.ok, false, `the key of the abandoned certificate must be gone: ${signs.output}`);
  assert.equal(await certificateOnCard(env), null, 'no certificate left on the card');
  const revoke = (await logRecords(env)).filter(
    (rec) => rec.action === 'CERT_TO_BE_REVOKED' && rec.enrollmentId === k.id,
  );
  assert.equal(revoke.length, 1, 'CERT_TO_BE_REVOKED recorded for the enrollment');
  assert.deepEqual(journals(env).open, []);
  assert.equal(
    (await auditCards(env)).find((c) => c.card === `serial:${env.target.status().serial}`),
    undefined,
    'audit cards does not list the card as issued',
  );
  await assertLogVerifies(env);
});

test('a card pulled at identify, then recover with another, validly issued card in the reader: that card is untouched', async () => {
  await env.insertBlankCard();
  const openBefore = journals(env).open;
  let pulled: Promise<void> | undefined;
  const pin = text(randomHolderPin());
  const killed = await station([...enrollAlice(env.configFile), '--json'], {
    env: env.env,
    stdin: `${text(env.agentPin)}\n${pin}\n${pin}\n`,
    killAtStep: 'identify',
    onStdout: (out) => {
      if (pulled === undefined && out.includes('"step":"identify"')) pulled = env.target.remove();
    },
  });
  await pulled;
  assert.equal(killed.signal, 'SIGKILL', killed.stdout + killed.stderr);
  const open = journals(env).open.filter((n) => !openBefore.includes(n));
  assert.equal(open.length, 1, 'the interrupted enrollment left its journal open');

  // another card, validly issued, goes into the reader (once pcscd has seen the reader empty)
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await env.insertBlankCard();
  const otherPin = text(randomHolderPin());
  const otherCert = await issueAlice(env, otherPin);
  const state = env.target.status();
  const keyBefore = await slotKeyMetadata(env);

  const recovered = await station(['recover', '--config', env.configFile, '--json'], { env: env.env });
  assert.equal(recovered.code, 0, recovered.stdout + recovered.stderr);
  assert.match(recovered.stdout, /"action":"close"/);
  assert.deepEqual(
    journals(env).open.filter((n) => !openBefore.includes(n)),
    [],
    'the interrupted journal is closed',
  );
  // the other card: same key, same certificate, same PIN state and objects as before
  assert.equal(await slotKeyMetadata(env), keyBefore, 'GET METADATA: the slot key is unchanged');
  const after = env.target.status();
  assert.deepEqual(
    { objects: after.objects, slots: after.slots, pin: after.pin, puk: after.puk, mk: after.managementKey },
    { objects: state.objects, slots: state.slots, pin: state.pin, puk: state.puk, mk: state.managementKey },
  );
  await assertHolderIntact(env, { certificate: otherCert, pin: otherPin, serial: state.serial });
});
