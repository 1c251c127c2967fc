// Forward direction: the station's PIV client personalises the card (keys generated on the card,
// certificates from an openssl CA written back, PIN changed off the 12345678 default), then the
// independent clients — OpenSC and yubico-piv-tool — must see and use exactly that.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startRig, withSession, DEFAULT_MGMT_KEY, type Rig } from './harness.ts';
import {
  pkcs11OnlyReader,
  pkcs11Sign,
  PKCS11_MODULE,
  readerIndex,
  runTool,
  mustTool,
  tempDir,
  type TempDir,
} from '../support/tools.ts';
import { OpensslCa, derToPem, opensslChains, opensslVerify, type IssuedCert } from '../support/test-ca.ts';
import { KeyAlgorithm, Slot } from '../../core/card/piv/constants.ts';
import type { PivPublicKey } from '../../core/card/piv/public-key.ts';
import { pivSigner } from '../../core/card/piv/signer.ts';

const OLD_PIN = '12345678';
const NEW_PIN = '24681357';
const MESSAGE = new Uint8Array(Buffer.from('enrollment station proof of possession\n'));

describe('station client -> OpenSC / yubico-piv-tool', () => {
  let rig: Rig;
  let ca: OpensslCa;
  let dir: TempDir;
  let rsaKey: PivPublicKey;
  let ecKey: PivPublicKey;
  let rsaCert: IssuedCert;
  let ecCert: IssuedCert;
  let readerNo: number;
  let p11env: NodeJS.ProcessEnv;

  before(async () => {
    rig = await startRig({ pin: OLD_PIN });
    ca = new OpensslCa();
    dir = tempDir();
    readerNo = await readerIndex(rig.reader);
    p11env = await pkcs11OnlyReader(rig.reader, dir);
  });

  after(async () => {
    await rig?.stop();
    ca?.remove();
    dir?.remove();
  });

  test('generate RSA-2048 (9A) and P-256 (9C) on the card, write openssl-issued certificates, change the PIN', async () => {
    await withSession(rig, async (s) => {
      // the soft card reports its configured transport PIN as the factory value, like a YubiKey
      assert.equal((await s.defaultCredentials()).pin, true);
      await s.authenticate(DEFAULT_MGMT_KEY);
      rsaKey = await s.generateKey(Slot.AUTHENTICATION, KeyAlgorithm.RSA2048);
      ecKey = await s.generateKey(Slot.SIGNATURE, KeyAlgorithm.ECCP256);
      assert.equal(rsaKey.kind, 'rsa');
      assert.equal(ecKey.kind, 'ec');
      // the card's own view of the key must match what GENERATE returned
      assert.equal(rig.card.publicKeyPem(0x9a)?.replace(/\s/g, ''), spkiPemCompact(rsaKey.spki));
      rsaCert = ca.issue(rsaKey.spki, 'station-rsa-user');
      ecCert = ca.issue(ecKey.spki, 'station-ec-user');
      await s.writeCertificate(Slot.AUTHENTICATION, rsaCert.der);
      await s.writeCertificate(Slot.SIGNATURE, ecCert.der);
      const chuid = await s.writeChuid(new Date(Date.UTC(2036, 0, 1)));
      assert.equal((await s.readChuid()).expiry, chuid.expiry);
      await s.writeCcc();
      await s.changePin(OLD_PIN, NEW_PIN);
      assert.deepEqual((await s.readCertificate(Slot.AUTHENTICATION)).der, rsaCert.der);
    });
    assert.equal(rig.card.status().pin.isDefault, false);
    assert.ok(opensslChains(ca, rsaCert.pem));
    assert.ok(opensslChains(ca, ecCert.pem));
  });

  test('pkcs15-tool lists both certificates; pkcs11-tool reads the 9A certificate byte for byte', async () => {
    const list = await mustTool('pkcs15-tool', ['--reader', String(readerNo), '--list-certificates']);
    // pkcs15-tool names certificates by container and serial: ours are the CA's serials
    assert.match(list, new RegExp(`PIV Authentication\\][^]*?Encoded serial : ${rsaCert.encodedSerial}`));
    assert.match(list, new RegExp(`Digital Signature\\][^]*?Encoded serial : ${ecCert.encodedSerial}`));
    const out = dir.file('9a.der');
    await mustTool(
      'pkcs11-tool',
      [
        '--module',
        PKCS11_MODULE,
        '--slot-index',
        '0',
        '--read-object',
        '--type',
        'cert',
        '--id',
        '01',
        '-o',
        out,
      ],
      { env: p11env },
    );
    assert.deepEqual(new Uint8Array(readFileSync(out)), rsaCert.der);
  });

  test('yubico-piv-tool reads the certificates, accepts the new PIN and rejects the old one', async () => {
    const pem = await mustTool('yubico-piv-tool', ['-r', rig.reader, '-a', 'read-certificate', '-s', '9a']);
    assert.equal(pem.trim(), derToPem(rsaCert.der).trim());
    const old = await runTool('yubico-piv-tool', ['-r', rig.reader, '-a', 'verify-pin', '-P', OLD_PIN]);
    assert.notEqual(old.status, 0, 'yubico-piv-tool must reject the old PIN');
    const ok = await runTool('yubico-piv-tool', ['-r', rig.reader, '-a', 'verify-pin', '-P', NEW_PIN]);
    assert.equal(ok.status, 0, ok.stderr);
    // test-signature signs on the card and checks the result against the certificate itself
    const ts = await runTool('yubico-piv-tool', [
      '-r',
      rig.reader,
      '-a',
      'verify-pin',
      '-P',
      NEW_PIN,
      '-a',
      'test-signature',
      '-s',
      '9a',
      '-i',
      rsaCert.pemPath,
    ]);
    assert.equal(ts.status, 0, ts.stderr);
  });

  test('pkcs15-tool accepts the new PIN, rejects the old one', async () => {
    const old = await runTool('pkcs15-tool', [
      '--reader',
      String(readerNo),
      '--verify-pin',
      '--pin',
      OLD_PIN,
    ]);
    assert.notEqual(old.status, 0, 'pkcs15-tool must reject the old PIN');
    const ok = await runTool('pkcs15-tool', ['--reader', String(readerNo), '--verify-pin', '--pin', NEW_PIN]);
    assert.equal(ok.status, 0, ok.stderr);
  });

  test('OpenSC PKCS#11 signs with both on-card keys; openssl verifies against the certificates', async () => {
    const msg = dir.file('msg.txt', MESSAGE);
    const rsaSig = dir.file('rsa.sig');
    const rsaSigRun = await pkcs11Sign({
      slotIndex: 0,
      pin: NEW_PIN,
      id: '01',
      mechanism: 'SHA256-RSA-PKCS',
      input: msg,
      output: rsaSig,
      env: p11env,
    });
    assert.equal(rsaSigRun.status, 0, rsaSigRun.stderr);
    assert.ok(opensslVerify(rsaCert.pem, MESSAGE, new Uint8Array(readFileSync(rsaSig))), 'SHA256-RSA-PKCS');
    const ecSig = dir.file('ec.sig');
    const ecSigRun = await pkcs11Sign({
      slotIndex: 0,
      pin: NEW_PIN,
      id: '02',
      mechanism: 'ECDSA-SHA256',
      input: msg,
      output: ecSig,
      env: p11env,
    });
    assert.equal(ecSigRun.status, 0, ecSigRun.stderr);
    assert.ok(opensslVerify(ecCert.pem, MESSAGE, new Uint8Array(readFileSync(ecSig))), 'ECDSA-SHA256');
  });

  test('signatures made by the station client verify with openssl: PKCS#1 v1.5, PSS, SHA-384, ECDSA', async () => {
    await withSession(rig, async (s) => {
      await s.verifyPin(NEW_PIN);
      const pkcs1 = await s.sign(Slot.AUTHENTICATION, KeyAlgorithm.RSA2048, MESSAGE, { hash: 'SHA-256' });
      assert.ok(opensslVerify(rsaCert.pem, MESSAGE, pkcs1));
      const pss = await s.sign(Slot.AUTHENTICATION, KeyAlgorithm.RSA2048, MESSAGE, {
        hash: 'SHA-256',
        padding: 'pss',
      });
      assert.ok(opensslVerify(rsaCert.pem, MESSAGE, pss, { pss: true }));
      const pss384 = await s.sign(Slot.AUTHENTICATION, KeyAlgorithm.RSA2048, MESSAGE, {
        hash: 'SHA-384',
        padding: 'pss',
      });
      assert.ok(opensslVerify(rsaCert.pem, MESSAGE, pss384, { pss: true, hash: 'sha384' }));
      assert.equal(opensslVerify(rsaCert.pem, MESSAGE, pss), false, 'a PSS signature is not PKCS#1 v1.5');
      // 9C is "PIN always": the session verifies it immediately before the signature
      const ecdsa = await s.sign(Slot.SIGNATURE, KeyAlgorithm.ECCP256, MESSAGE, {
        hash: 'SHA-256',
        pin: NEW_PIN,
      });
      assert.ok(opensslVerify(ecCert.pem, MESSAGE, ecdsa));
      // the core/pki Signer seam over the same key
      const signer = pivSigner(s, Slot.SIGNATURE, ecKey, { pin: () => Buffer.from(NEW_PIN) });
      assert.equal(signer.keyAlgorithm, 'EC-P256');
      assert.ok(opensslVerify(ecCert.pem, MESSAGE, await signer.sign(MESSAGE, 'SHA-256')));
    });
  });

  test('9C without a fresh PIN is refused by the card with a typed error', async () => {
    await withSession(rig, async (s) => {
      // one signature spends the "PIN always" status; the next needs a fresh VERIFY
      await s.sign(Slot.SIGNATURE, KeyAlgorithm.ECCP256, MESSAGE, { hash: 'SHA-256', pin: NEW_PIN });
      await assert.rejects(
        s.sign(Slot.SIGNATURE, KeyAlgorithm.ECCP256, MESSAGE, { hash: 'SHA-256' }),
        (e: Error & { code?: string }) => e.code === 'CARD_NOT_AUTHENTICATED',
      );
    });
  });

  test('a gzip-compressed certificate (CertInfo 01) is read back by the station and by OpenSC', async () => {
    let ecdKey: PivPublicKey | undefined;
    let cert: IssuedCert | undefined;
    await withSession(rig, async (s) => {
      await s.authenticate(DEFAULT_MGMT_KEY);
      ecdKey = await s.generateKey(Slot.KEY_MANAGEMENT, KeyAlgorithm.ECCP384);
      cert = ca.issue(ecdKey.spki, 'station-compressed');
      await s.writeCertificate(Slot.KEY_MANAGEMENT, cert.der, { compress: true });
      const back = await s.readCertificate(Slot.KEY_MANAGEMENT);
      assert.equal(back.compressed, true);
      assert.deepEqual(back.der, cert.der);
    });
    assert.equal(rig.card.object(0x5fc10b)?.includes(0x71), true);
    const list = await mustTool('pkcs15-tool', ['--reader', String(readerNo), '--list-certificates']);
    assert.match(list, new RegExp(`Key Management\\][^]*?Encoded serial : ${cert?.encodedSerial ?? '?'}`));
  });
});

function spkiPemCompact(spki: Uint8Array): string {
  return `-----BEGINPUBLICKEY-----${Buffer.from(spki).toString('base64')}-----ENDPUBLICKEY-----`;
}
