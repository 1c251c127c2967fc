// Self-enrollment end to end on the Linux fake of Windows (test/windows/fake-windows.ts): the
// employee's station checks Windows and the TPM, has the elevated helper create a TPM virtual
// smart card (a GIDS soft card appears in "Microsoft Virtual Smart Card 00 0x"), signs in to the
// demo CA as CORP\alice herself, and enrolls the card in mode 'self'. Confirmed independently:
// the CA's own records (issued to alice, no agent), pkcs11-tool refusing the default PIN and
// accepting the new one, openssl reading the certificate OpenSC lists, and `station audit verify`.
// Runs inside test/piv/run-private.sh (pcscd, vpcd, the demo CA over HTTPS).
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { randomHolderPin, startDemoEnvironment, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { cliStation, windowsPlatform } from '../../cli/compose.ts';
import { Secret, type Station } from '../../station/index.ts';
import { VSC_VPCD, vpcdPair } from '../support/pcscd.ts';
import { pkcs11OnlyReader, PKCS11_MODULE, runTool, tempDir } from '../piv/tools.ts';
import { FakeWindows, type FakeWindowsOptions } from '../windows/fake-windows.ts';
import { GIDS_SELF_STEPS, selfEnrollAlice, station, text } from './helpers.ts';

export const HELPER = {
  nodePath: 'C:\\Program Files\\Station\\node.exe',
  helperPath: 'C:\\Program Files\\Station\\vsc-helper.js',
};
const VSC_READER = VSC_VPCD.VSC.readers[0];

let env: DemoEnvironment;
let fake: FakeWindows;
let st: Station;
let alicePassword: Secret;

export function stationOn(env: DemoEnvironment, fake: FakeWindows): Station {
  return cliStation(env.config, {
    platform: (readers) => windowsPlatform(fake, readers, { os: 'win32', helper: HELPER }),
  });
}

export const newFake = (options: FakeWindowsOptions = {}): FakeWindows => new FakeWindows(options);

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair(), stationId: 'self-enroll-pc' });
  fake = newFake();
  st = stationOn(env, fake);
  const password = env.ca.credentials?.['CORP\\alice'];
  assert.ok(password, 'the demo directory has a password for CORP\\alice');
  alicePassword = Secret.fromText(password);
});
after(async () => {
  await st?.close();
  await fake?.stop();
  await env?.stop();
});

async function pkcs11(reader: string, args: readonly string[]) {
  const dir = tempDir('self-enroll-');
  try {
    return await runTool('pkcs11-tool', ['--module', PKCS11_MODULE, '--slot-index', '0', ...args], {
      env: await pkcs11OnlyReader(reader, dir),
    });
  } finally {
    dir.remove();
  }
}

describe('station self-enroll on the Linux fake of Windows 11 with a TPM 2.0', () => {
  const newPin = randomHolderPin();
  let enrolledSerial = '';

  test('a new virtual card gets a Smartcard User certificate for the employee, and a PIN of their own', async () => {
    const steps: string[] = [];
    const issuedBefore = env.ca.list().length;
    const result = await st.selfEnroll(
      { create: true, account: 'CORP\\alice', upn: 'alice@corp.example', email: 'alice@corp.example' },
      alicePassword.clone(),
      {
        onProgress: (p) => steps.push(p.step),
        askNewPin: () => Promise.resolve(newPin.clone()),
      },
    );
    assert.equal(result.status, 'issued');
    assert.equal(result.reader, VSC_READER);
    assert.equal(result.readerKind, 'tpm-virtual');
    assert.equal(result.instanceId, 'ROOT\\SMARTCARDREADER\\0000');
    assert.equal(result.card?.edge, 'gids');
    // mode 'self': no agent step, no wrap, the PIN change before the proof
    assert.deepEqual([...new Set(steps)], [...GIDS_SELF_STEPS, 'done']);
    // the CA's own record: alice submitted it herself, for herself, no enroll-on-behalf
    const records = env.ca.list().slice(issuedBefore);
    assert.equal(records.length, 1);
    const rec = records[0];
    assert.equal(rec?.status, 'issued');
    assert.equal(rec?.caller, 'CORP\\alice');
    assert.equal(rec?.onBehalfOf, undefined);
    assert.equal(rec?.agentCertificate, undefined);
    assert.equal(rec?.template, 'SmartcardUser');
    assert.equal(rec?.target?.userPrincipalName, 'alice@corp.example');
    enrolledSerial = result.verdict?.serial ?? '';
    assert.ok(enrolledSerial.length > 0);
    // the elevated helper was asked through UAC, for a create only
    const elevated = fake.calls.filter((c) => c.file === 'tpmvscmgr.exe');
    assert.equal(elevated.length, 1);
    assert.equal(elevated[0]?.args[0], 'create');
  });

  test('OpenSC: the default PIN is refused, the new one accepted; the certificate is alice\u2019s', async () => {
    const wrong = await pkcs11(VSC_READER, ['--login', '--pin', '12345678', '--list-objects']);
    assert.notEqual(wrong.status, 0, 'the default PIN no longer opens the card');
    assert.match(wrong.stderr + wrong.stdout, /CKR_PIN_INCORRECT/);
    const right = await pkcs11(VSC_READER, ['--login', '--pin', text(newPin), '--list-objects']);
    assert.equal(right.status, 0, right.stderr);
    assert.match(right.stdout, /Certificate Object/);
    assert.match(right.stdout, /Private Key Object/);
    const dir = tempDir('self-enroll-cert-');
    try {
      const cert = path.join(dir.path, 'cert.der');
      const id = /Certificate Object[\s\S]*?ID:\s*([0-9a-f]+)/.exec(right.stdout)?.[1];
      assert.ok(id, right.stdout);
      const read = await pkcs11(VSC_READER, [
        '--read-object',
        '--type',
        'cert',
        '--id',
        id,
        '--output-file',
        cert,
      ]);
      assert.equal(read.status, 0, read.stderr);
      const x509 = await runTool('openssl', [
        'x509',
        '-inform',
        'DER',
        '-in',
        cert,
        '-noout',
        '-text',
        '-serial',
      ]);
      assert.equal(x509.status, 0, x509.stderr);
      assert.match(x509.stdout, /alice@corp\.example/);
      assert.match(x509.stdout, /Microsoft Smartcard Login|1\.3\.6\.1\.4\.1\.311\.20\.2\.2/);
      assert.match(x509.stdout, new RegExp(`serial=${enrolledSerial}`, 'i'));
    } finally {
      dir.remove();
    }
  });

  test('verify-vsc: every check passes, the holder signs a fresh challenge', async () => {
    const report = await st.verifyVsc(VSC_READER, {
      upn: 'alice@corp.example',
      askPin: () => Promise.resolve(newPin.clone()),
    });
    assert.deepEqual(
      report.checks.map((c) => `${c.id}:${c.status}${c.code ? `:${c.code}` : ''}`),
      [
        'windows:passed',
        'tpm:passed',
        'reader:passed',
        'gids:passed',
        'key:passed',
        'certificate:passed',
        'pin-changed:passed',
        'signature:passed',
      ],
    );
    assert.equal(report.ok, true);
  });

  test('the log verifies and records a self-enrollment of a GIDS virtual card with its TPM facts', async () => {
    const db = path.join(env.config.dataDir, 'audit.sqlite');
    const verified = await station(['audit', 'verify', '--db', db], { env: env.env });
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    const list = await station(['audit', 'list', '--db', db, '--json'], { env: env.env });
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /gids/);
    assert.match(
      list.stdout,
      /virtual card ROOT\\\\SMARTCARDREADER\\\\0000; Windows 10\.0\.\d+ workstation; TPM 2\.0/,
    );
    assert.doesNotMatch(list.stdout, /EOBO_SIGNED|OPERATOR_LOGON/);
  });
});

describe('refusals: the CA issues to the requester only, denials end the run cleanly', () => {
  const SECOND = VSC_VPCD.VSC.readers[1];

  test('alice naming bob\u2019s UPN: the CA certifies alice (the requester), the station refuses it and undoes', async () => {
    const before = env.ca.list().length;
    const err = await st
      .selfEnroll(
        { create: true, account: 'CORP\\alice', upn: 'bob@corp.example', email: 'bob@corp.example' },
        alicePassword.clone(),
        { askNewPin: () => Promise.resolve(randomHolderPin()) },
      )
      .then(
        () => undefined,
        (e: unknown) => e as { code?: string; details?: Record<string, unknown> },
      );
    assert.equal(err?.code, 'CERT_CHECK_FAILED');
    assert.equal(err?.details?.keyDestroyed, true);
    const rec = env.ca.list().slice(before);
    assert.equal(rec.length, 1);
    // the CA built the subject from the requester's directory entry, whatever the request said
    assert.equal(rec[0]?.caller, 'CORP\\alice');
    assert.equal(rec[0]?.target?.userPrincipalName, 'alice@corp.example');
    const listed = await pkcs11(SECOND, ['--list-objects']);
    assert.doesNotMatch(listed.stdout, /Certificate Object/, 'nothing left on the card');
  });

  test('bob (no mail in the directory) is denied Smartcard User: status denied, nothing on the card', async () => {
    const password = env.ca.credentials?.['CORP\\bob'];
    assert.ok(password);
    const result = await st.selfEnroll(
      { create: false, reader: SECOND, account: 'CORP\\bob', upn: 'bob@corp.example' },
      Secret.fromText(password),
      { askNewPin: () => Promise.resolve(randomHolderPin()) },
    );
    assert.equal(result.status, 'denied');
    assert.match(result.denial?.hresult ?? '', /0x80094812/i);
    const listed = await pkcs11(SECOND, ['--list-objects']);
    assert.doesNotMatch(listed.stdout, /Certificate Object/);
  });

  test('a wrong password: the CA refuses the sign-in before the card is touched or anything submitted', async () => {
    const before = env.ca.list().length;
    await assert.rejects(
      st.selfEnroll(
        {
          create: false,
          reader: SECOND,
          account: 'CORP\\alice',
          upn: 'alice@corp.example',
          email: 'alice@corp.example',
        },
        Secret.fromText('not-the-password'),
        { askNewPin: () => Promise.resolve(randomHolderPin()) },
      ),
      (e: unknown) => (e as { code?: unknown }).code === 'CA_AUTH_FAILED',
    );
    assert.equal(env.ca.list().length, before);
  });

  test('the CLI: self-enroll with the password and PINs on stdin, then verify-vsc all green in Korean', async () => {
    const password = env.ca.credentials?.['CORP\\alice'] ?? '';
    const pin = text(randomHolderPin());
    const cliEnv = { ...env.env, STATION_FAKE_WINDOWS: '{}' };
    const enrolled = await station(
      selfEnrollAlice(env.configFile, SECOND),
      // the configured CA account is the station's, not alice's: her password is asked on stdin
      { env: cliEnv, stdin: `${password}\n${pin}\n${pin}\n` },
    );
    assert.equal(enrolled.code, 0, enrolled.stdout + enrolled.stderr);
    assert.match(enrolled.stdout, /"status":"issued"/);
    assert.ok(
      !enrolled.stdout.includes(password) && !enrolled.stderr.includes(password),
      'no password echoed',
    );
    assert.ok(!enrolled.stdout.includes(pin), 'no PIN echoed');
    const verified = await station(
      [
        'verify-vsc',
        '--config',
        env.configFile,
        '--reader',
        SECOND,
        '--upn',
        'alice@corp.example',
        '--lang',
        'ko',
      ],
      { env: cliEnv, stdin: `${pin}\n` },
    );
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.equal((verified.stdout.match(/^통과: /gm) ?? []).length, 8, verified.stdout);
    assert.match(verified.stdout, /모든 검사를 통과했습니다/);
  });

  test('a blank physical PIV card in a reader: the same flow, no platform needed, PIV steps included', async () => {
    const bare = cliStation(env.config);
    const steps: string[] = [];
    const pin = randomHolderPin();
    try {
      const result = await bare.selfEnroll(
        {
          create: false,
          reader: env.targetReader,
          account: 'CORP\\alice',
          upn: 'alice@corp.example',
          email: 'alice@corp.example',
        },
        alicePassword.clone(),
        { onProgress: (p) => steps.push(p.step), askNewPin: () => Promise.resolve(pin.clone()) },
      );
      assert.equal(result.status, 'issued');
      assert.equal(result.readerKind, 'physical');
      assert.equal(result.card?.edge, 'piv');
      assert.equal(result.platform, undefined);
      assert.ok(steps.includes('personalise') && steps.includes('puk'), steps.join(','));
      assert.ok(!steps.includes('agent') && !steps.includes('wrap'), steps.join(','));
    } finally {
      await bare.close();
    }
    // yubico-piv-tool-independent check through OpenSC: the holder's PIN opens the card, 12345678 not
    const wrong = await pkcs11(env.targetReader, ['--login', '--pin', '12345678', '--list-objects']);
    assert.notEqual(wrong.status, 0);
    const right = await pkcs11(env.targetReader, ['--login', '--pin', text(pin), '--list-objects']);
    assert.equal(right.status, 0, right.stderr);
    assert.match(right.stdout, /Certificate Object/);
  });

  test('not Windows (no platform port): self-enroll --create says so before touching anything', async () => {
    const bare = cliStation(env.config);
    try {
      await assert.rejects(
        bare.selfEnroll(
          { create: true, account: 'CORP\\alice', upn: 'alice@corp.example' },
          alicePassword.clone(),
          { askNewPin: () => Promise.resolve(randomHolderPin()) },
        ),
        (e: unknown) =>
          (e as { code?: string }).code === 'WINDOWS_TOO_OLD' &&
          (e as { details?: { found?: string } }).details?.found === 'not Windows',
      );
    } finally {
      await bare.close();
    }
  });
});
