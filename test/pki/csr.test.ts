import { generateKeyPairSync } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { buildCsr, parseCsr, SignerKeyMismatchError } from '../../core/pki/csr.ts';
import {
  extendedKeyUsageExtension,
  keyUsageExtension,
  subjectAltNameExtension,
  templateNameExtension,
} from '../../core/pki/extensions.ts';
import { nodeKeySigner } from '../../core/pki/node-signer.ts';
import { OID } from '../../core/pki/oids.ts';
import type { Signer } from '../../core/pki/signer.ts';
import { openssl, opensslStatus } from '../support/test-ca.ts';
import { tempDir } from '../support/tools.ts';

const tmp = tempDir('pki-csr-');
after(() => tmp.remove());

const keys = {
  'RSA-2048': generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
  'P-256': generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey,
  'P-384': generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey,
};

describe('PKCS#10 from a signer', () => {
  for (const [label, key] of Object.entries(keys)) {
    it(`${label}: openssl verifies the signature and shows UPN, e-mail and extensions`, async () => {
      const signer = nodeKeySigner(key);
      const csr = await buildCsr(signer, {
        subject: [{ oid: OID.commonName, value: 'Jürgen Holder' }],
        extensions: [
          subjectAltNameExtension([
            { type: 'upn', value: 'jholder@corp.example' },
            { type: 'email', value: 'jholder@example.com' },
          ]),
          extendedKeyUsageExtension([OID.ekuSmartcardLogon, OID.ekuClientAuth]),
          keyUsageExtension(['digitalSignature', 'keyEncipherment']),
          templateNameExtension('SmartcardUser'),
        ],
      });
      const path = tmp.file(`${label}.csr`, csr.pem);
      const verify = opensslStatus(['req', '-in', path, '-verify', '-noout']);
      assert.equal(verify.status, 0, verify.output);
      assert.match(verify.output, /verify OK/);
      const text = openssl(['req', '-in', path, '-noout', '-text', '-nameopt', 'utf8']);
      assert.match(text, /UPN:jholder@corp\.example|othername: ?UPN::?jholder@corp\.example/i);
      assert.match(text, /email:jholder@example\.com/);
      assert.match(text, /TLS Web Client Authentication/);
      assert.match(text, /1\.3\.6\.1\.4\.1\.311\.20\.2\.2|Microsoft Smartcard Login/);
      assert.match(text, /Digital Signature, Key Encipherment/);
      assert.match(text, /1\.3\.6\.1\.4\.1\.311\.20\.2:|Microsoft Certificate Template Name|S\.m\.a\.r\.t/);
      assert.match(text, /CN ?= ?Jürgen Holder/);
      const expectedSig =
        label === 'RSA-2048'
          ? 'sha256WithRSAEncryption'
          : label === 'P-256'
            ? 'ecdsa-with-SHA256'
            : 'ecdsa-with-SHA384';
      assert.match(text, new RegExp(`Signature Algorithm: ${expectedSig}`));
      assert.doesNotMatch(text, /sha1/i);
      // The public key in the request is the signer's, byte for byte.
      const spki = openssl(['req', '-in', path, '-noout', '-pubkey']);
      const signerPem = Buffer.from(signer.spki).toString('base64');
      assert.equal(spki.replace(/-----[^-]+-----|\s/g, ''), signerPem);
    });
  }

  it('RSA with SHA-384 on request', async () => {
    const csr = await buildCsr(nodeKeySigner(keys['RSA-2048']), { hash: 'SHA-384' });
    const path = tmp.file('rsa384.csr', csr.pem);
    assert.match(openssl(['req', '-in', path, '-noout', '-text']), /sha384WithRSAEncryption/);
    assert.match(opensslStatus(['req', '-in', path, '-verify', '-noout']).output, /verify OK/);
  });

  it('openssl rejects a request whose signature does not match (a signer lying about its key)', async () => {
    const honest = nodeKeySigner(keys['P-256']);
    const other = nodeKeySigner(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey);
    const liar: Signer = { spki: honest.spki, keyAlgorithm: 'EC-P256', sign: (d, h) => other.sign(d, h) };
    const csr = await buildCsr(liar);
    const path = tmp.file('liar.csr', csr.pem);
    const verify = opensslStatus(['req', '-in', path, '-verify', '-noout']);
    // openssl 3.0 exits 0 here and reports the failure in text
    assert.match(verify.output, /verify failure/);
    assert.doesNotMatch(verify.output, /verify OK/);
    assert.equal(await parseCsr(csr.der).verify(), false);
  });

  it('refuses a signer whose declared key type disagrees with its SPKI', async () => {
    const s = nodeKeySigner(keys['P-384']);
    await assert.rejects(buildCsr({ ...s, keyAlgorithm: 'EC-P256' }), SignerKeyMismatchError);
  });

  it('refuses SHA-1 smuggled through an untyped path', async () => {
    const s = nodeKeySigner(keys['P-256']);
    await assert.rejects(buildCsr(s, { hash: 'SHA-1' as unknown as 'SHA-256' }), /not allowed/);
  });

  it('UPN otherName is [0]{OID, [0] EXPLICIT UTF8String} (asn1parse)', async () => {
    const csr = await buildCsr(nodeKeySigner(keys['P-256']), {
      extensions: [subjectAltNameExtension([{ type: 'upn', value: 'u@corp.example' }])],
    });
    const path = tmp.file('upn.csr', csr.pem);
    const dump = openssl(['asn1parse', '-in', path, '-i', '-strparse', findSanOffset(path)]);
    const lines = dump.trim().split('\n');
    assert.match(lines[0] ?? '', /cons: SEQUENCE/);
    assert.match(lines[1] ?? '', /cons:\s+cont \[ 0 \]/);
    assert.match(
      lines[2] ?? '',
      /prim:\s+OBJECT\s+:1\.3\.6\.1\.4\.1\.311\.20\.2\.3|Microsoft Universal Principal Name|Microsoft User Principal Name/,
    );
    assert.match(lines[3] ?? '', /cons:\s+cont \[ 0 \]/);
    assert.match(lines[4] ?? '', /prim:\s+UTF8STRING\s+:u@corp\.example/);
  });
});

/** offset of the SAN extension's OCTET STRING, for asn1parse -strparse */
function findSanOffset(path: string): string {
  const lines = openssl(['asn1parse', '-in', path]).split('\n');
  const i = lines.findIndex((l) => /X509v3 Subject Alternative Name/.test(l));
  const m = /^\s*(\d+):/.exec(lines[i + 1] ?? '');
  assert.ok(m, 'SAN OCTET STRING not found');
  return m[1] ?? '';
}
