import { generateKeyPairSync } from 'node:crypto';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { buildCsr } from '../../core/pki/csr.ts';
import { AgentCertificateError, wrapOnBehalf } from '../../core/pki/eobo.ts';
import { subjectAltNameExtension } from '../../core/pki/extensions.ts';
import { nodeKeySigner } from '../../core/pki/node-signer.ts';
import { openssl, opensslStatus } from '../support/test-ca.ts';
import { tempDir } from '../support/tools.ts';
import { issue, makeCa, type TestCa } from '../support/test-ca.ts';

const tmp = tempDir('pki-eobo-');
after(() => tmp.remove());
let ca: TestCa;
before(() => {
  ca = makeCa(tmp.path, 'EOBO Test Root');
});

const agentKeys = {
  'RSA-2048': () => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
  'P-256': () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey,
  'P-384': () => generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey,
};

/** the BMPString at an asn1parse line's offset, decoded as UTF-16BE */
function bmpAt(der: Uint8Array, line: string): string {
  const m = /^\s*(\d+):d=\d+\s+hl=(\d+)\s+l=\s*(\d+)\s+prim: BMPSTRING/.exec(line);
  assert.ok(m, `not a BMPSTRING line: ${line}`);
  const start = Number(m[1]) + Number(m[2]);
  return Buffer.from(der.subarray(start, start + Number(m[3])))
    .swap16()
    .toString('utf16le');
}

describe('enroll on behalf of: CMS SignedData over the PKCS#10', () => {
  for (const [label, makeKey] of Object.entries(agentKeys)) {
    it(`${label} agent: openssl cms verifies it and extracts the CSR byte for byte`, async () => {
      const agentKey = makeKey();
      const agent = issue(ca, {
        id: `agent-${label}`,
        subject: '/CN=Enrollment Agent Operator',
        key: agentKey,
        extensions: ['keyUsage = critical,digitalSignature', 'extendedKeyUsage = 1.3.6.1.4.1.311.20.2.1'],
      });
      const holder = nodeKeySigner(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey);
      const csr = await buildCsr(holder, {
        extensions: [subjectAltNameExtension([{ type: 'upn', value: 'jholder@corp.example' }])],
      });
      const cms = await wrapOnBehalf({
        csr: csr.der,
        agentCertificate: agent.certDer,
        agentSigner: nodeKeySigner(agentKey),
        requesterName: 'CORP\\jholder',
      });
      const reqPath = tmp.file(`eobo-${label}.der`, cms.der);
      const outPath = `${tmp.path}/content-${label}.der`;
      const verify = opensslStatus([
        'cms',
        '-verify',
        '-inform',
        'DER',
        '-in',
        reqPath,
        '-CAfile',
        ca.certPath,
        '-purpose',
        'any',
        '-binary',
        '-out',
        outPath,
      ]);
      assert.equal(verify.status, 0, verify.output);
      assert.match(verify.output, /Verification successful/);
      assert.deepEqual(new Uint8Array(readFileSync(outPath)), csr.der);

      const dump = openssl(['asn1parse', '-inform', 'DER', '-in', reqPath]);
      assert.match(dump, /OBJECT\s+:pkcs7-signedData/);
      assert.match(dump, /OBJECT\s+:pkcs7-data/);
      assert.match(dump, /OBJECT\s+:contentType/);
      assert.match(dump, /OBJECT\s+:messageDigest/);
      assert.match(dump, /OBJECT\s+:signingTime/);
      // requestername: OID 1.3.6.1.4.1.311.13.2.1, SET { SEQUENCE { BMPString, BMPString } }
      const lines = dump.split('\n');
      const i = lines.findIndex((l) => /OBJECT\s+:1\.3\.6\.1\.4\.1\.311\.13\.2\.1/.test(l));
      assert.ok(i > 0, 'requestername attribute present');
      assert.match(lines[i + 1] ?? '', /cons: SET/);
      assert.match(lines[i + 2] ?? '', /cons: SEQUENCE/);
      // asn1parse names BMPSTRING without printing it: read the bytes at the offsets openssl reports.
      assert.equal(bmpAt(cms.der, lines[i + 3] ?? ''), 'RequesterName');
      assert.equal(bmpAt(cms.der, lines[i + 4] ?? ''), 'CORP\\jholder');
      const printed = openssl(['cms', '-cmsout', '-print', '-inform', 'DER', '-in', reqPath]);
      const sigAlg =
        label === 'RSA-2048'
          ? 'sha256WithRSAEncryption'
          : label === 'P-256'
            ? 'ecdsa-with-SHA256'
            : 'ecdsa-with-SHA384';
      assert.match(printed, new RegExp(`algorithm: ${sigAlg}`));
      assert.doesNotMatch(printed, /sha1/i);
    });
  }

  it('refuses an agent certificate that is not the signing key', async () => {
    const agent = issue(ca, {
      id: 'agent-mismatch',
      subject: '/CN=Agent',
      extensions: ['extendedKeyUsage = 1.3.6.1.4.1.311.20.2.1'],
    });
    const other = nodeKeySigner(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey);
    const csr = await buildCsr(other);
    await assert.rejects(
      wrapOnBehalf({
        csr: csr.der,
        agentCertificate: agent.certDer,
        agentSigner: other,
        requesterName: 'CORP\\u',
      }),
      AgentCertificateError,
    );
  });

  it('refuses a requester name that is not DOMAIN\\user', async () => {
    const agentKey = agentKeys['P-256']();
    const agent = issue(ca, { id: 'agent-name', subject: '/CN=Agent', key: agentKey, extensions: [] });
    const csr = await buildCsr(nodeKeySigner(agentKey));
    for (const bad of ['jholder', 'jholder@corp.example', 'A\\B\\C']) {
      await assert.rejects(
        wrapOnBehalf({
          csr: csr.der,
          agentCertificate: agent.certDer,
          agentSigner: nodeKeySigner(agentKey),
          requesterName: bad,
        }),
        /DOMAIN\\user/,
      );
    }
  });
});
