// Kill `station self-enroll` (SIGKILL) as each step of a self-enrollment starts, then `station
// recover` with the same configuration — on the employee's computer the configured CA account is
// the employee's own, the only account the CA lets retrieve the request — and check that each case
// ends consistent and audited: nothing left unexplained in the journal, at most one certificate
// issued to the employee per enrollment, the log intact, and — the employee being there to type
// the new PIN into `station recover` — every run the CA issued ends with the PIN changed: the card
// off 12345678 and `station verify-vsc` all green with the employee's PIN. Each round gets a new
// virtual card (tpmvscmgr /AdminKey DEFAULT, /PIN DEFAULT) in "Microsoft Virtual Smart Card 00 00".
// The station's configured transport PIN (for physical cards) is NOT 12345678 here, so a recovery
// that took the configured PIN for a virtual card's would fail.
// Runs inside test/piv/run-private.sh (pcscd, vpcd, the demo CA over HTTPS).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { randomHolderPin, startDemoEnvironment, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { journalPlans } from '../../core/enrollment/recovery.ts';
import { vpcdPair } from '../support/pcscd.ts';
import { startGidsRig } from '../gids/harness.ts';
import { DEFAULT_ADMIN_KEY } from '../windows/fake-windows.ts';
import { GIDS_SELF_STEPS, selfEnrollAlice, station, text } from './helpers.ts';

/** the configured transport PIN of physical cards: not the virtual card's 12345678 */
const PHYSICAL_TRANSPORT_PIN = '24681357';

let env: DemoEnvironment;
let configFile: string;
let stationEnv: NodeJS.ProcessEnv;

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair(), stationId: 'alice-laptop' });
  const password = env.ca.credentials?.['CORP\\alice'];
  assert.ok(password);
  // the same station data folder, signed in to the CA as the employee
  const raw = JSON.parse(readFileSync(env.configFile, 'utf8')) as {
    ca: { auth: unknown };
    card: Record<string, unknown>;
  };
  raw.ca.auth = { kind: 'basic', username: 'CORP\\alice', passwordEnv: 'ALICE_CA_PASSWORD' };
  raw.card = { ...raw.card, transportPin: PHYSICAL_TRANSPORT_PIN, factoryPin: PHYSICAL_TRANSPORT_PIN };
  configFile = path.join(path.dirname(env.configFile), 'alice.json');
  writeFileSync(configFile, JSON.stringify(raw));
  stationEnv = { ...env.env, ALICE_CA_PASSWORD: password, STATION_FAKE_WINDOWS: '{}' };
});
after(async () => {
  await env?.stop();
});

const issuedToAlice = (): number =>
  env.ca.list().filter((r) => r.status === 'issued' && r.caller === 'CORP\\alice' && !r.onBehalfOf).length;

test('killed at every step of a self-enrollment, recover leaves card, CA and log consistent', async () => {
  const journalDir = path.join(env.config.dataDir, 'journal');
  const db = path.join(env.config.dataDir, 'audit.sqlite');
  const rounds = { issued: [] as string[], notIssued: [] as string[] };
  for (const step of GIDS_SELF_STEPS) {
    const rig = await startGidsRig({ adminKey: DEFAULT_ADMIN_KEY });
    try {
      const before = issuedToAlice();
      const pin = text(randomHolderPin());
      const killed = await station(selfEnrollAlice(configFile, rig.reader), {
        env: stationEnv,
        stdin: `${pin}\n${pin}\n`,
        killAtStep: step,
      });
      assert.equal(killed.signal, 'SIGKILL', `killed at ${step}: ${killed.stdout}${killed.stderr}`);
      const pending = journalPlans(journalDir);
      assert.equal(pending.length, 1, `one interrupted self-enrollment after a kill at ${step}`);
      const state = pending[0]?.state;
      assert.equal(state?.readable === true ? state.facts.mode : undefined, 'self');
      const plan = pending[0]?.plan;
      // the employee is at their computer: recover asks them for the new PIN where it may finish
      let recovered = await station(['recover', '--config', configFile, '--json'], {
        env: stationEnv,
        stdin: `${pin}\n${pin}\n`,
      });
      if (plan?.action === 'ask-operator') {
        const newest = env.ca
          .list()
          .filter((r) => r.caller === 'CORP\\alice')
          .at(-1);
        const args =
          newest && issuedToAlice() > before
            ? ['--reqid', `${pending[0]?.state.id}=${newest.id}`]
            : ['--abandon', pending[0]?.state.id ?? ''];
        recovered = await station(['recover', '--config', configFile, '--json', ...args], {
          env: stationEnv,
          stdin: `${pin}\n${pin}\n`,
        });
      }
      const outcome = `recover after ${step}: ${recovered.stdout}${recovered.stderr}`;
      assert.equal(recovered.code, 0, outcome);
      assert.equal(journalPlans(journalDir).length, 0, `nothing left unexplained after ${step}`);
      const issued = issuedToAlice() - before;
      assert.ok(issued <= 1, `at most one certificate for the run killed at ${step}`);
      assert.doesNotMatch(recovered.stdout, /issued-pin-not-changed/, outcome);
      if (issued === 1) {
        // the CA issued: the run ends enrolled, with the employee's PIN (the one typed into the
        // killed run, or the same one again into recover), never left on the default
        assert.ok(
          killed.stdout.includes('"status":"issued"') || recovered.stdout.includes('"status":"issued"'),
          outcome,
        );
        assert.equal(rig.card.status().pin.isDefault, false, `PIN changed after ${step}`);
        const green = await station(
          [
            'verify-vsc',
            '--config',
            configFile,
            '--reader',
            rig.reader,
            '--upn',
            'alice@corp.example',
            '--json',
          ],
          { env: stationEnv, stdin: `${pin}\n` },
        );
        assert.equal(green.code, 0, `verify-vsc after ${step}: ${green.stdout}${green.stderr}`);
        rounds.issued.push(step);
      } else {
        assert.equal(rig.card.status().pin.isDefault, true, `nothing issued after ${step}: PIN untouched`);
        rounds.notIssued.push(step);
      }
      const verified = await station(['audit', 'verify', '--db', db], { env: stationEnv });
      assert.equal(verified.code, 0, `log intact after ${step}: ${verified.stdout}`);
    } finally {
      await rig.stop();
    }
  }
  console.log(
    `self-enrollment kills: CA issued, recovered with the PIN changed: ${rounds.issued.join(', ')}`,
  );
  console.log(`self-enrollment kills: nothing issued, closed: ${rounds.notIssued.join(', ')}`);
  // the kills after the CA's answer must be among the issued ones (a kill can land a step late)
  for (const step of ['check', 'write', 'admin-key', 'pin-change', 'proof'])
    assert.ok(rounds.issued.includes(step), `killed at ${step}: the CA had issued`);
});

test('pending at the CA: self-enroll exits 4, the CA manager approves, recover finishes, change-pin leaves the default', async () => {
  env.ca.setTemplatePolicy('SmartcardUser', { requireApproval: true });
  const rig = await startGidsRig({ adminKey: DEFAULT_ADMIN_KEY });
  try {
    const pin = text(randomHolderPin());
    const args = selfEnrollAlice(configFile, rig.reader);
    const pending = await station(args, { env: stationEnv, stdin: `${pin}\n${pin}\n` });
    assert.equal(pending.code, 4, pending.stdout + pending.stderr);
    assert.match(pending.stdout, /"status":"pending"/);
    const reqId = env.ca
      .list()
      .filter((r) => r.caller === 'CORP\\alice')
      .at(-1)?.id;
    assert.ok(reqId !== undefined && env.ca.get(reqId)?.status === 'pending');
    env.ca.approve(reqId);
    // the employee is asked for the new PIN; no answer is no PIN change: nothing is done, the
    // journal stays open (exit 4) and the card is untouched
    const unanswered = await station(['recover', '--config', configFile, '--json'], { env: stationEnv });
    assert.equal(unanswered.code, 4, unanswered.stdout + unanswered.stderr);
    assert.match(unanswered.stdout, /"error":"INPUT_ENDED"/);
    assert.equal(journalPlans(path.join(env.config.dataDir, 'journal')).length, 1);
    assert.equal(rig.card.status().pin.isDefault, true);
    // "issued, PIN not changed" only as the explicit choice
    const recovered = await station(['recover', '--config', configFile, '--json', '--no-pin-change'], {
      env: stationEnv,
    });
    assert.equal(recovered.code, 0, recovered.stdout + recovered.stderr);
    assert.match(recovered.stdout, /issued-pin-not-changed/);
    // nobody chose a PIN during recovery: verify-vsc says so, from the records, spending no try
    const before = await station(['verify-vsc', '--config', configFile, '--reader', rig.reader, '--json'], {
      env: stationEnv,
    });
    assert.equal(before.code, 1);
    assert.match(before.stdout, /"id":"pin-changed","status":"failed","code":"VSC_DEFAULT_PIN"/);
    assert.equal(rig.card.status().pin.retriesLeft, rig.card.status().pin.retryLimit);
    const changed = await station(['change-pin', '--config', configFile, '--reader', rig.reader], {
      env: stationEnv,
      stdin: `12345678\n${pin}\n${pin}\n`,
    });
    assert.equal(changed.code, 0, changed.stdout + changed.stderr);
    const after = await station(['verify-vsc', '--config', configFile, '--reader', rig.reader, '--json'], {
      env: stationEnv,
      stdin: `${pin}\n`,
    });
    assert.equal(after.code, 0, after.stdout + after.stderr);
    assert.equal(rig.card.status().pin.isDefault, false);
  } finally {
    env.ca.setTemplatePolicy('SmartcardUser', { requireApproval: false });
    await rig.stop();
  }
});

test('pending at the CA, approved, recovered with the employee there: the new PIN asked, the card issued with it', async () => {
  env.ca.setTemplatePolicy('SmartcardUser', { requireApproval: true });
  const rig = await startGidsRig({ adminKey: DEFAULT_ADMIN_KEY });
  try {
    const pin = text(randomHolderPin());
    const pending = await station(selfEnrollAlice(configFile, rig.reader), {
      env: stationEnv,
      stdin: `${pin}\n${pin}\n`,
    });
    assert.equal(pending.code, 4, pending.stdout + pending.stderr);
    const reqId = env.ca
      .list()
      .filter((r) => r.caller === 'CORP\\alice')
      .at(-1)?.id;
    assert.ok(reqId !== undefined);
    env.ca.approve(reqId);
    // a PIN the policy refuses (the default itself) is refused before the card is touched
    const refused = await station(['recover', '--config', configFile], {
      env: stationEnv,
      stdin: '12345678\n12345678\n',
    });
    assert.equal(refused.code, 4, refused.stdout + refused.stderr);
    assert.equal(rig.card.status().pin.isDefault, true);
    const newPin = text(randomHolderPin());
    const recovered = await station(['recover', '--config', configFile, '--json'], {
      env: stationEnv,
      stdin: `${newPin}\n${newPin}\n`,
    });
    assert.equal(recovered.code, 0, recovered.stdout + recovered.stderr);
    assert.match(recovered.stdout, /"status":"issued"/);
    assert.ok(!recovered.stdout.includes(newPin) && !recovered.stderr.includes(newPin), 'no PIN echoed');
    assert.equal(rig.card.status().pin.isDefault, false);
    // OpenSC: 12345678 refused, the PIN chosen in recover accepted
    const wrong = await rig.pkcs11(['--login', '--pin', '12345678', '--list-objects']);
    assert.notEqual(wrong.status, 0);
    assert.match(wrong.stderr + wrong.stdout, /CKR_PIN_INCORRECT/);
    const right = await rig.pkcs11(['--login', '--pin', newPin, '--list-objects']);
    assert.equal(right.status, 0, right.stderr);
    assert.match(right.stdout, /Certificate Object/);
    const green = await station(
      ['verify-vsc', '--config', configFile, '--reader', rig.reader, '--upn', 'alice@corp.example', '--json'],
      { env: stationEnv, stdin: `${newPin}\n` },
    );
    assert.equal(green.code, 0, green.stdout + green.stderr);
    const db = path.join(env.config.dataDir, 'audit.sqlite');
    const verified = await station(['audit', 'verify', '--db', db], { env: stationEnv });
    assert.equal(verified.code, 0, verified.stdout);
  } finally {
    env.ca.setTemplatePolicy('SmartcardUser', { requireApproval: false });
    await rig.stop();
  }
});
