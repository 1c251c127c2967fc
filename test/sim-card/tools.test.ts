// The soft card as OpenSC, yubico-piv-tool and openssl see it: they decide whether it is a PIV card.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { ensurePcscd, vpcdPair } from '../support/pcscd.ts';
import { startSoftCard, type SoftCard } from '../../sim/card/index.ts';
import { OpensslCa } from '../support/test-ca.ts';
import {
  pkcs11Sign,
  pkcs11SlotIndex,
  readerIndex,
  runTool as run,
  tempDir,
  type TempDir,
} from '../support/tools.ts';
import { settleWithin, waitCardState, exitIfStuck, ypt as yptOn, yubicoTestSignature } from './support.ts';

const pair = vpcdPair();
const READER = pair.readers[0];
let card: SoftCard;
let dir: TempDir;
let ca: OpensslCa;
let idx: string;
let slot: string;

const f = (name: string): string => dir.file(name);
const ypt = (...args: string[]) => yptOn(READER, ...args);

before(async () => {
  await ensurePcscd();
  // a card left by the previous file must be gone first, or the reader's "present" is stale
  await waitCardState(READER, false);
  dir = tempDir('sim-card-tools-');
  card = await startSoftCard({ port: pair.port });
  await waitCardState(READER, true);
  idx = String(await readerIndex(READER));
  slot = String(await pkcs11SlotIndex(READER));
  // a throwaway CA that certifies the card's key (yubico-piv-tool 2.2.0 cannot selfsign)
  ca = new OpensslCa('sim-test-ca');
  writeFileSync(f('msg.txt'), 'enrollment station says hello\n');
});

after(async () => {
  if (card) await settleWithin('card stop', card.stop(), 5000);
  await settleWithin('reader empty', waitCardState(READER, false), 10_000);
  exitIfStuck();
  ca?.remove();
  dir?.remove();
});

/** The openssl test CA certifies the key the card generated (`pub`, PEM) into `out`. */
function issue(pub: string, cn: string, out: string): void {
  const spki = createPublicKey(readFileSync(pub, 'utf8')).export({ type: 'spki', format: 'der' });
  writeFileSync(out, ca.issue(new Uint8Array(spki), cn).pem);
}

/** pkcs11-tool signs msg.txt with the key `id` (PIN 123456); openssl verifies with `name`.crt's key. */
async function pkcs11SignVerifies(id: string, mechanism: string, name: string): Promise<void> {
  await run('openssl', ['x509', '-in', f(`${name}.crt`), '-pubkey', '-noout', '-out', f(`${name}.pem`)]);
  const sign = await pkcs11Sign({
    slotIndex: slot,
    pin: '123456',
    id,
    mechanism,
    input: f('msg.txt'),
    output: f(`${name}.sig`),
  });
  assert.equal(sign.status, 0, sign.stderr);
  const ok = await run('openssl', [
    'dgst',
    '-sha256',
    '-verify',
    f(`${name}.pem`),
    '-signature',
    f(`${name}.sig`),
    f('msg.txt'),
  ]);
  assert.match(ok.stdout, /Verified OK/);
}

test('opensc-tool names it a PIV card and shows the T=1 ATR', async () => {
  const name = await run('opensc-tool', ['-r', idx, '-n']);
  assert.equal(name.stdout.trim(), 'Personal Identity Verification Card');
  const atr = await run('opensc-tool', ['-r', idx, '-a']);
  assert.equal(atr.stdout.trim(), '3b:95:13:81:01:80:73:ff:01:00:0b');
});

test('yubico-piv-tool status and version', async () => {
  const version = await ypt('-a', 'version');
  assert.match(version.stdout, /Application version 5\.4\.3 found/);
  const status = await ypt('-a', 'status');
  assert.equal(status.status, 0, status.stderr);
  assert.match(status.stdout, new RegExp(`Serial Number:\\s+${card.status().serial}`));
  assert.match(status.stdout, /CHUID:\s+3019d4e739da/);
  assert.match(status.stdout, /PIN tries left:\s+3/);
});

test('verify-pin: right PIN passes, wrong PINs count down and block, PUK unblocks', async () => {
  assert.equal((await ypt('-a', 'verify-pin', '-P', '123456')).status, 0);
  const wrong = await ypt('-a', 'verify-pin', '-P', '654321');
  assert.notEqual(wrong.status, 0);
  assert.match(wrong.stderr + wrong.stdout, /2 tries left/);
  assert.equal(card.status().pin.retriesLeft, 2);
  // pkcs15-tool sees the same counter and rejects a wrong PIN
  const p15wrong = await run('pkcs15-tool', ['--reader', idx, '--verify-pin', '--pin', '111111']);
  assert.notEqual(p15wrong.status, 0);
  assert.equal(card.status().pin.retriesLeft, 1);
  await ypt('-a', 'verify-pin', '-P', '222222');
  assert.equal(card.status().pin.retriesLeft, 0);
  const blocked = await ypt('-a', 'verify-pin', '-P', '123456');
  assert.notEqual(blocked.status, 0);
  assert.match(blocked.stderr + blocked.stdout, /blocked/i);
  const unblock = await ypt('-a', 'unblock-pin', '-P', '12345678', '-N', '654321');
  assert.equal(unblock.status, 0, unblock.stderr);
  assert.equal(card.status().pin.retriesLeft, 3);
  assert.equal((await ypt('-a', 'verify-pin', '-P', '654321')).status, 0);
  assert.equal(card.status().pin.isDefault, false);
  const change = await ypt('-a', 'change-pin', '-P', '654321', '-N', '123456');
  assert.equal(change.status, 0, change.stderr);
  assert.equal(card.status().pin.isDefault, true);
  assert.equal((await run('pkcs15-tool', ['--reader', idx, '--verify-pin', '--pin', '123456'])).status, 0);
});

test('ECC P-256 in 9A: generate, certificate in, read back, listed, signatures verify', async () => {
  const gen = await ypt('-a', 'generate', '-s', '9a', '-A', 'ECCP256', '-o', f('9a.pub'));
  assert.equal(gen.status, 0, gen.stderr);
  assert.deepEqual(card.status().slots['9a'], {
    algorithm: 0x11,
    pinPolicy: 2,
    touchPolicy: 1,
    origin: 'generated',
  });
  issue(f('9a.pub'), 'demo-user', f('9a.crt'));
  const imp = await ypt('-a', 'import-certificate', '-s', '9a', '-i', f('9a.crt'));
  assert.equal(imp.status, 0, imp.stderr);
  const back = await ypt('-a', 'read-certificate', '-s', '9a');
  const subject = await run('openssl', ['x509', '-noout', '-subject'], { input: back.stdout });
  assert.match(subject.stdout, /CN\s*=\s*demo-user/);
  const listed = await run('pkcs15-tool', ['--reader', idx, '--list-certificates']);
  assert.match(listed.stdout, /Certificate for PIV Authentication/);
  assert.match(listed.stdout, /ID\s+:\s+01/);
  const selftest = await yubicoTestSignature(READER, '123456', '9a', f('9a.crt'));
  assert.equal(selftest.status, 0, selftest.stderr);
  assert.match(selftest.stdout + selftest.stderr, /Successful ECDSA verification/);

  await pkcs11SignVerifies('01', 'ECDSA-SHA256', '9a');
  const chain = await run('openssl', ['verify', '-CAfile', ca.certPath, f('9a.crt')]);
  assert.match(chain.stdout, /OK/);
});

test('RSA-2048 in 9C (PIN always): generate with the default 3DES key, sign SHA256-RSA-PKCS', async () => {
  const gen = await ypt('-a', 'generate', '-s', '9c', '-A', 'RSA2048', '-o', f('9c.pub'));
  assert.equal(gen.status, 0, gen.stderr);
  issue(f('9c.pub'), 'demo-signer', f('9c.crt'));
  assert.equal((await ypt('-a', 'import-certificate', '-s', '9c', '-i', f('9c.crt'))).status, 0);
  const selftest = await yubicoTestSignature(READER, '123456', '9c', f('9c.crt'));
  assert.match(selftest.stdout + selftest.stderr, /Successful RSA verification/);
  await pkcs11SignVerifies('02', 'SHA256-RSA-PKCS', '9c');
  const listed = await run('pkcs15-tool', ['--reader', idx, '--list-certificates']);
  assert.match(listed.stdout, /Certificate for Digital Signature/);
});

test('generate fails without the right management key and leaves the slot alone', async () => {
  const before9d = card.status().slots['9d'];
  const bad = await ypt(
    '-k',
    '0102030405060708010203040506070801020304050607FF',
    '-a',
    'generate',
    '-s',
    '9d',
    '-A',
    'ECCP256',
  );
  assert.notEqual(bad.status, 0);
  assert.equal(card.status().slots['9d'], before9d);
});
