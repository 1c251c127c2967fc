// GIDS and PIV cards in ordinary (physical) readers, end to end through the `station` CLI with
// real pcscd + vpcd, the soft cards and the demo CA:
//   - an operator enrolls a blank GIDS card on behalf of CORP\alice (`station enroll`, the
//     Enrollment Agent card in the other reader);
//   - the employee self-enrolls their own blank physical card, GIDS and PIV (`station self-enroll
//     --reader`, no platform port: a physical reader needs no Windows or TPM).
// Independent tools decide: the CA's own records, OpenSC (pkcs15-tool lists the certificate,
// pkcs11-tool refuses 12345678, accepts the new PIN and signs), openssl (chain, EKU, UPN, the
// signature), `station audit verify`.
// Runs inside scripts/private-ns.sh (pcscd, vpcd, the demo CA over HTTPS).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { randomHolderPin, startDemoEnvironment, type DemoEnvironment } from '../../dev/demo-environment.ts';
import { VPCD, vpcdPair } from '../support/pcscd.ts';
import { mustRun, opensslVerify, pkcs11OnlyReader, PKCS11_MODULE, runTool, tempDir } from '../piv/tools.ts';
import { startGidsRig, type GidsRig } from '../gids/harness.ts';
import { DEFAULT_ADMIN_KEY } from '../windows/fake-windows.ts';
import {
  enrollAlice,
  GIDS_ON_BEHALF_STEPS,
  GIDS_SELF_STEPS,
  selfEnrollAlice,
  station,
  type StationRun,
  text,
} from './helpers.ts';

/** a reader pair the demo environment does not use: a physical-looking reader for the GIDS card */
const SPARE = vpcdPair() === VPCD.D ? VPCD.E : VPCD.D;
const GIDS_READER = SPARE.readers[0];

let env: DemoEnvironment;
let alicePassword: string;

before(async () => {
  env = await startDemoEnvironment({ pair: vpcdPair(), stationId: 'gids-physical' });
  alicePassword = env.ca.credentials?.['CORP\\alice'] ?? '';
  assert.ok(alicePassword, 'the demo directory has a password for CORP\\alice');
});
after(async () => {
  await env?.stop();
});

/**
 * A blank physical GIDS card: a GIDS applet on a Java Card, so the ATR is the chip's, not the
 * virtual card's — NXP JCOP 2.4.1R3, `3B F8 13 00 00 81 31 FE 45 4A 43 4F 50 76 32 34 31 B7`
 * (pcsc-tools smartcard_list.txt); OpenSC finds GIDS by the applet's SELECT, never by the ATR
 * (docs/gids.md). Issued to the organisation with the PIN 12345678 (the demo's transport PIN)
 * and the well-known default admin key, which the station replaces in its admin-key step.
 */
const JCOP_ATR = '3BF81300008131FE454A434F5076323431B7';
const gidsCard = (): Promise<GidsRig> =>
  startGidsRig({ adminKey: DEFAULT_ADMIN_KEY, atr: JCOP_ATR }, { port: SPARE.port, reader: GIDS_READER });

const steps = (r: StationRun): string[] =>
  r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { type?: string; step?: string })
    .filter((l) => l.type === 'progress')
    .map((l) => l.step ?? '');

/**
 * OpenSC and openssl on the enrolled card: 12345678 refused, the new PIN accepted, the certificate
 * alice's (chain to the demo CA, Smart Card Logon, her UPN), and the card's key signs for it.
 */
async function confirmWithOpenSC(
  pkcs11: (args: readonly string[]) => Promise<{ status: number | null; stdout: string; stderr: string }>,
  pin: string,
  label: string,
): Promise<void> {
  const wrong = await pkcs11(['--login', '--pin', '12345678', '--list-objects']);
  assert.notEqual(wrong.status, 0, `${label}: 12345678 no longer opens the card`);
  assert.match(wrong.stderr + wrong.stdout, /CKR_PIN_INCORRECT/);
  const listed = await pkcs11(['--login', '--pin', pin, '--list-objects']);
  assert.equal(listed.status, 0, `${label}: ${listed.stderr}`);
  const id = /Certificate Object[\s\S]*?ID:\s*([0-9a-f]+)/.exec(listed.stdout)?.[1];
  assert.ok(id, `${label}: a certificate object\n${listed.stdout}`);
  assert.match(listed.stdout, /Private Key Object/);
  const dir = tempDir('gids-physical-');
  try {
    const der = dir.file('cert.der');
    const read = await pkcs11(['--read-object', '--type', 'cert', '--id', id, '--output-file', der]);
    assert.equal(read.status, 0, read.stderr);
    const pem = mustRun('openssl', ['x509', '-inform', 'DER', '-in', der]);
    const pemFile = dir.file('cert.pem', pem);
    assert.match(mustRun('openssl', ['verify', '-CAfile', env.ca.caBundleFile, pemFile]), /OK/);
    const shown = mustRun('openssl', ['x509', '-in', pemFile, '-noout', '-text']);
    assert.match(shown, /1\.3\.6\.1\.4\.1\.311\.20\.2\.2|Microsoft Smartcard Login/);
    assert.match(shown, /othername: UPN::alice@corp\.example/);
    const msg = dir.file('msg.txt', `${label}: prove it\n`);
    const sig = dir.file('msg.sig');
    const signed = await pkcs11([
      '--login',
      '--pin',
      pin,
      '--sign',
      '--id',
      id,
      '-m',
      'SHA256-RSA-PKCS',
      '-i',
      msg,
      '-o',
      sig,
    ]);
    assert.equal(signed.status, 0, signed.stderr);
    assert.ok(opensslVerify(pem, readFileSync(msg), readFileSync(sig)), `${label}: openssl verifies`);
  } finally {
    dir.remove();
  }
}

async function logVerifies(): Promise<void> {
  const db = `${env.config.dataDir}/audit.sqlite`;
  const verified = await station(['audit', 'verify', '--db', db], { env: env.env });
  assert.equal(verified.code, 0, verified.stdout + verified.stderr);
}

test('operator enrolls a blank GIDS card on behalf of CORP\\alice with `station enroll`; OpenSC and openssl confirm', async () => {
  const rig = await gidsCard();
  try {
    const before = env.ca.list().length;
    const newPin = text(randomHolderPin());
    const result = await station(
      [
        ...enrollAlice(env.configFile),
        '--target-reader',
        GIDS_READER,
        '--agent-reader',
        env.agentReader,
        '--json',
      ],
      { env: env.env, stdin: `${text(env.agentPin)}\n${newPin}\n${newPin}\n` },
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /"status":"issued"/);
    assert.ok(!result.stdout.includes(newPin) && !result.stderr.includes(newPin), 'no PIN echoed');
    // the GIDS edge: agent and wrap (on behalf), no personalise, no PUK (a card made without one)
    assert.deepEqual([...new Set(steps(result))], [...GIDS_ON_BEHALF_STEPS, 'done']);
    // the CA's own record: the operator's agent certificate signed it, on behalf of alice
    const records = env.ca.list().slice(before);
    assert.equal(records.length, 1);
    assert.equal(records[0]?.status, 'issued');
    assert.equal(records[0]?.onBehalfOf, 'CORP\\alice');
    assert.ok(records[0]?.agentCertificate, 'signed with the Enrollment Agent certificate');
    assert.equal(records[0]?.target?.userPrincipalName, 'alice@corp.example');
    // OpenSC's GIDS driver lists the certificate in the minidriver container
    const listed = await rig.pkcs15(['--list-certificates']);
    assert.equal(listed.status, 0, listed.stderr);
    assert.match(listed.stdout, /X\.509 Certificate/);
    assert.equal(rig.card.status().pin.isDefault, false);
    await confirmWithOpenSC(rig.pkcs11, newPin, 'GIDS on behalf');
    await logVerifies();
  } finally {
    await rig.stop();
  }
});

async function selfEnrollCli(reader: string, pin: string): Promise<StationRun> {
  return station(
    selfEnrollAlice(env.configFile, reader),
    // no STATION_FAKE_WINDOWS: a Linux station without a platform port, as at a desk with a reader;
    // the configured CA account is the station's, so alice's password is asked on stdin
    { env: env.env, stdin: `${alicePassword}\n${pin}\n${pin}\n` },
  );
}

test('the employee self-enrolls a blank physical GIDS card in a reader with `station self-enroll`', async () => {
  const rig = await gidsCard();
  try {
    const before = env.ca.list().length;
    const pin = text(randomHolderPin());
    const result = await selfEnrollCli(GIDS_READER, pin);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /"status":"issued"/);
    assert.ok(!result.stdout.includes(alicePassword) && !result.stderr.includes(alicePassword));
    assert.deepEqual([...new Set(steps(result))], [...GIDS_SELF_STEPS, 'done']);
    const records = env.ca.list().slice(before);
    assert.equal(records.length, 1);
    assert.equal(records[0]?.caller, 'CORP\\alice', 'alice asked herself');
    assert.equal(records[0]?.onBehalfOf, undefined);
    assert.equal(records[0]?.agentCertificate, undefined);
    assert.equal(records[0]?.template, 'SmartcardUser');
    await confirmWithOpenSC(rig.pkcs11, pin, 'GIDS self');
    await logVerifies();
  } finally {
    await rig.stop();
  }
});

test('the employee self-enrolls a blank physical PIV card in a reader with `station self-enroll`', async () => {
  await env.insertBlankCard();
  const before = env.ca.list().length;
  const pin = text(randomHolderPin());
  const result = await selfEnrollCli(env.targetReader, pin);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /"status":"issued"/);
  const progress = new Set(steps(result));
  assert.ok(
    progress.has('personalise') && progress.has('puk') && progress.has('pin-change'),
    [...progress].join(),
  );
  assert.ok(!progress.has('agent') && !progress.has('wrap'), [...progress].join());
  const records = env.ca.list().slice(before);
  assert.equal(records.length, 1);
  assert.equal(records[0]?.caller, 'CORP\\alice');
  assert.equal(records[0]?.onBehalfOf, undefined);
  const dir = tempDir('piv-physical-');
  try {
    const opensc = await pkcs11OnlyReader(env.targetReader, dir);
    const pkcs11 = (args: readonly string[]) =>
      runTool('pkcs11-tool', ['--module', PKCS11_MODULE, '--slot-index', '0', ...args], { env: opensc });
    await confirmWithOpenSC(pkcs11, pin, 'PIV self');
  } finally {
    dir.remove();
  }
  await logVerifies();
});
