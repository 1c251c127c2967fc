// Issue 8 §1, the paths after the CA was asked and the paths through `station recover`, through the
// real CLI with pcscd, vpcd, software cards and the demo CA. The judges: yubico-piv-tool (what slot
// 9a holds, whether the card signs for a given certificate), opensc-tool (GET METADATA), openssl,
// the demo CA's own records, and the station's `audit cards` / `audit verify`.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startDemoEnvironment, randomHolderPin, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { run as runSync } from '../../dev/tools.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { station, text, enrollAlice } from './helpers.ts';
import {
  assertLogVerifies,
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
  const r = runSync('openssl', ['x509', '-noout', '-serial'], pem);
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
