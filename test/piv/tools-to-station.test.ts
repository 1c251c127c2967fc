// Reverse direction: yubico-piv-tool generates the keys and imports openssl-issued certificates;
// the station's client must read them and sign with those keys, and openssl must accept the result.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startRig, withSession, type Rig } from './harness.ts';
import { mustTool, tempDir, type TempDir } from '../support/tools.ts';
import { OpensslCa, opensslVerify, type IssuedCert } from '../support/test-ca.ts';
import { KeyAlgorithm, Slot } from '../../core/card/piv/constants.ts';
import { publicKeyFromSpki } from '../../core/card/piv/public-key.ts';
import { pivSigner } from '../../core/card/piv/signer.ts';
import { createPublicKey } from 'node:crypto';

const PIN = '123456';
const MESSAGE = new Uint8Array(Buffer.from('signed by a key yubico-piv-tool generated\n'));

describe('yubico-piv-tool -> station client', () => {
  let rig: Rig;
  let ca: OpensslCa;
  let dir: TempDir;
  const certs = new Map<string, IssuedCert>();

  before(async () => {
    rig = await startRig();
    ca = new OpensslCa();
    dir = tempDir();
  });

  after(async () => {
    await rig?.stop();
    ca?.remove();
    dir?.remove();
  });

  test('yubico-piv-tool generates ECCP256 in 9A and RSA2048 in 9D and imports certificates', async () => {
    for (const [slot, alg] of [
      ['9a', 'ECCP256'],
      ['9d', 'RSA2048'],
    ] as const) {
      const pub = dir.file(`${slot}.pub`);
      await mustTool('yubico-piv-tool', [
        '-r',
        rig.reader,
        '-a',
        'generate',
        '-s',
        slot,
        '-A',
        alg,
        '-o',
        pub,
      ]);
      const spki = createPublicKey(readFileSync(pub, 'utf8')).export({ type: 'spki', format: 'der' });
      const cert = ca.issue(new Uint8Array(spki), `ykpiv-${slot}`);
      certs.set(slot, cert);
      await mustTool('yubico-piv-tool', [
        '-r',
        rig.reader,
        '-a',
        'import-certificate',
        '-s',
        slot,
        '-i',
        cert.pemPath,
      ]);
    }
    assert.equal(rig.card.status().slots['9a']?.origin, 'generated');
  });

  test('the station reads both certificates and the metadata public keys match them', async () => {
    await withSession(rig, async (s) => {
      for (const [slot, hex] of [
        [Slot.AUTHENTICATION, '9a'],
        [Slot.KEY_MANAGEMENT, '9d'],
      ] as const) {
        const c = await s.readCertificate(slot);
        assert.equal(c.compressed, false);
        assert.deepEqual(c.der, certs.get(hex)?.der);
        const meta = await s.getMetadata(slot);
        assert.equal(meta.origin, 'generated');
        const fromCert = publicKeyFromSpki(spkiOfCert(c.der));
        assert.deepEqual(meta.publicKey?.spki, fromCert.spki);
      }
    });
  });

  test('the station signs with the yubico-generated keys; openssl verifies against the imported certificates', async () => {
    const ec = certs.get('9a');
    const rsa = certs.get('9d');
    assert.ok(ec && rsa);
    await withSession(rig, async (s) => {
      await s.verifyPin(PIN);
      const ecKey = publicKeyFromSpki(spkiOfCert(ec.der));
      const sig = await pivSigner(s, Slot.AUTHENTICATION, ecKey).sign(MESSAGE, 'SHA-256');
      assert.ok(opensslVerify(ec.pem, MESSAGE, sig), 'ECDSA-SHA256 by 9A');
      const sig384 = await s.sign(Slot.AUTHENTICATION, KeyAlgorithm.ECCP256, MESSAGE, { hash: 'SHA-384' });
      assert.ok(opensslVerify(ec.pem, MESSAGE, sig384, { hash: 'sha384' }), 'ECDSA-SHA384 on P-256');
      const rsaSig = await s.sign(Slot.KEY_MANAGEMENT, KeyAlgorithm.RSA2048, MESSAGE, { hash: 'SHA-256' });
      assert.ok(opensslVerify(rsa.pem, MESSAGE, rsaSig), 'SHA256-RSA-PKCS by 9D');
      const pss = await s.sign(Slot.KEY_MANAGEMENT, KeyAlgorithm.RSA2048, MESSAGE, {
        hash: 'SHA-256',
        padding: 'pss',
      });
      assert.ok(opensslVerify(rsa.pem, MESSAGE, pss, { pss: true }), 'RSASSA-PSS by 9D');
    });
  });
});

/** SubjectPublicKeyInfo of a DER certificate, via openssl-independent node parsing. */
function spkiOfCert(der: Uint8Array): Uint8Array {
  const pem = `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64')}\n-----END CERTIFICATE-----\n`;
  return new Uint8Array(createPublicKey(pem).export({ type: 'spki', format: 'der' }));
}
