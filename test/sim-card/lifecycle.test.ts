// The card as a process (CLI, JSON config, persistence across SIGTERM/restart) and the fault
// injection later tests rely on: the card vanishing mid-session and chosen status words.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createCipheriv, createDecipheriv, createPublicKey, randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensurePcscd, vpcdPair } from '../support/pcscd.ts';
import { startSoftCard } from '../../sim/card/index.ts';
import { OpensslCa } from '../support/test-ca.ts';
import { tempDir, type TempDir } from '../support/tools.ts';
import {
  RawReader,
  settleWithin,
  waitCardState,
  exitIfStuck,
  ypt as yptOn,
  yubicoTestSignature,
} from './support.ts';

const pair = vpcdPair();
const READER = pair.readers[0];
const MAIN = fileURLToPath(new URL('../../sim/card/main.ts', import.meta.url));
let dir: TempDir;
const children = new Set<ChildProcess>();

const f = (name: string): string => dir.file(name);
const ypt = (...args: string[]) => yptOn(READER, ...args);

before(async () => {
  await ensurePcscd();
  await waitCardState(READER, false);
  dir = tempDir('sim-card-life-');
});

after(async () => {
  for (const c of children) c.kill('SIGKILL');
  await settleWithin('reader empty', waitCardState(READER, false), 10_000);
  exitIfStuck();
  dir?.remove();
});

function startCli(configPath: string, persistPath: string): ChildProcess {
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      MAIN,
      '--port',
      String(pair.port),
      '--config',
      configPath,
      '--persist',
      persistPath,
    ],
    { stdio: 'ignore' },
  );
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function stopCli(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('card process ignored SIGTERM')), 5000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

test('CLI: JSON config, whole card persisted (0600) and alive again after SIGTERM + restart', async () => {
  writeFileSync(
    f('card.json'),
    JSON.stringify({ pin: '11223344', pinRetries: 5, serial: 4242, version: '5.4.3' }),
  );
  let cli = startCli(f('card.json'), f('card-state.json'));
  await waitCardState(READER, true);
  const status = await ypt('-a', 'status');
  assert.match(status.stdout, /Serial Number:\s+4242/);
  assert.match(status.stdout, /PIN tries left:\s+5/);
  assert.notEqual((await ypt('-a', 'verify-pin', '-P', '99999999')).status, 0);
  assert.equal((await ypt('-a', 'change-pin', '-P', '11223344', '-N', '87654321')).status, 0);
  assert.notEqual((await ypt('-a', 'verify-pin', '-P', '99999999')).status, 0);
  const gen = await ypt('-a', 'generate', '-s', '9a', '-A', 'ECCP256', '-o', f('9a.pub'));
  assert.equal(gen.status, 0, gen.stderr);
  assert.equal(statSync(f('card-state.json')).mode & 0o777, 0o600);
  assert.doesNotMatch(
    readFileSync(f('card-state.json'), 'utf8'),
    /87654321/,
    'PIN stored as bytes, not text',
  );

  assert.equal(await stopCli(cli), 0);
  await waitCardState(READER, false);
  cli = startCli(f('card.json'), f('card-state.json'));
  await waitCardState(READER, true);
  const again = await ypt('-a', 'status');
  assert.match(again.stdout, /PIN tries left:\s+4/, 'the wrong-PIN count survived');
  // the key generated before the restart still signs: certify it and let yubico-piv-tool check
  const ca = new OpensslCa('sim-life-ca');
  try {
    const spki = createPublicKey(readFileSync(f('9a.pub'), 'utf8')).export({ type: 'spki', format: 'der' });
    writeFileSync(f('9a.crt'), ca.issue(new Uint8Array(spki), 'x').pem);
  } finally {
    ca.remove();
  }
  assert.equal((await ypt('-a', 'import-certificate', '-s', '9a', '-i', f('9a.crt'))).status, 0);
  const sig = await yubicoTestSignature(READER, '87654321', '9a', f('9a.crt'));
  assert.equal(sig.status, 0, sig.stderr);
  assert.match(sig.stdout + sig.stderr, /Successful ECDSA verification/);
  assert.equal(await stopCli(cli), 0);
  await waitCardState(READER, false);
});

test('faults: card pulled after N APDUs, remove()/insert(), injected status words', async () => {
  // yubico-piv-tool's connect sends SELECT, then more: the second APDU finds the card gone
  await waitCardState(READER, false);
  const card = await startSoftCard({ port: pair.port, faults: { removeAfterApdus: 1 } });
  try {
    await waitCardState(READER, true);
    const cut = await ypt('-a', 'verify-pin', '-P', '123456');
    assert.notEqual(cut.status, 0, 'the tool loses the card mid-session');
    await waitCardState(READER, false);
    assert.equal(card.present, false);
    assert.equal(card.apduCount, 2);
    assert.equal(card.status().pin.retriesLeft, 3);

    await card.insert();
    await waitCardState(READER, true);
    assert.equal((await ypt('-a', 'status')).status, 0, 'the fault fired once');

    await card.remove();
    await waitCardState(READER, false);
    await card.insert();
    await waitCardState(READER, true);

    card.setFaults({ statusWords: [{ ins: 0x47, sw: 0x6a84 }] });
    const refused = await ypt('-a', 'generate', '-s', '9e', '-A', 'ECCP256');
    assert.notEqual(refused.status, 0);
    assert.equal(card.status().slots['9e'], undefined);
    assert.equal((await ypt('-a', 'generate', '-s', '9e', '-A', 'ECCP256')).status, 0, 'once means once');

    card.setFaults({ statusWords: [{ ins: 0x20, sw: 0x6983, times: 'always' }] });
    for (let i = 0; i < 2; i++) assert.notEqual((await ypt('-a', 'verify-pin', '-P', '123456')).status, 0);
    assert.equal(card.status().pin.retriesLeft, 3, 'injected answers do not touch the real counter');
    card.setFaults({});
    assert.equal((await ypt('-a', 'verify-pin', '-P', '123456')).status, 0);
  } finally {
    await settleWithin('card stop', card.stop(), 5000);
  }
});

test('config: AES-192 default management key (YubiKey 5.7 style) is reported by metadata and works', async () => {
  const key = Buffer.from('010203040506070801020304050607080102030405060708', 'hex');
  const card = await startSoftCard({
    port: pair.port,
    config: { managementKeyAlgorithm: 'aes192', pinRetries: 8 },
  });
  let raw: RawReader | undefined;
  try {
    await waitCardState(READER, true);
    raw = await RawReader.open(READER);
    assert.equal((await raw.transmit('00A4040005A000000308')).sw, 0x9000);
    assert.equal((await raw.transmit('00F7009B00')).data.toString('hex'), '01010a' + '02020001' + '050101');
    assert.equal((await raw.transmit('00F7008000')).data.toString('hex'), '0101ff050101060208' + '08');
    assert.equal((await raw.transmit('0087039B047C028000')).sw, 0x6a86, 'a 3DES-only client is refused');
    const step1 = await raw.transmit('00870A9B047C028000');
    const d = createDecipheriv('aes-192-ecb', key, null).setAutoPadding(false);
    const witness = Buffer.concat([d.update(step1.data.subarray(4, 20)), d.final()]);
    const challenge = randomBytes(16);
    const body = Buffer.concat([Buffer.from([0x80, 16]), witness, Buffer.from([0x81, 16]), challenge]);
    const step2 = await raw.transmit(
      Buffer.concat([Buffer.from([0, 0x87, 0x0a, 0x9b, body.length + 2, 0x7c, body.length]), body]),
    );
    assert.equal(step2.sw, 0x9000);
    const e = createCipheriv('aes-192-ecb', key, null).setAutoPadding(false);
    assert.deepEqual(step2.data.subarray(4), Buffer.concat([e.update(challenge), e.final()]));
    assert.equal(card.status().adminAuthenticated, true);
  } finally {
    if (raw) await settleWithin('raw reader close', raw.close(), 5000);
    await settleWithin('card stop', card.stop(), 5000);
  }
});
