import { generateKeyPairSync } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  checkCertificate,
  type CertificateExpectations,
  type CertificateProblem,
} from '../../core/pki/check.ts';
import { nodeKeySigner } from '../../core/pki/node-signer.ts';
import { tempDir } from '../support/tools.ts';
import { issue, makeCa, smartcardUserExtensions, type TestCa } from '../support/test-ca.ts';

const tmp = tempDir('pki-check-');
after(() => tmp.remove());

const UPN = 'jholder@corp.example';
const MAIL = 'jholder@example.com';
const SID = 'S-1-5-21-3623811015-3361044348-30300820-1013';
const cardKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
const cardSpki = nodeKeySigner(cardKey).spki;

let ca: TestCa;
let otherCa: TestCa;
let expect: CertificateExpectations;
before(() => {
  ca = makeCa(tmp.path, 'Corp Issuing CA');
  otherCa = makeCa(tmp.path, 'Stranger CA');
  expect = {
    trustAnchors: [ca.certDer],
    upn: UPN,
    email: MAIL,
    sid: SID,
    template: { name: 'SmartcardUser' },
    publicKey: cardSpki,
  };
});

function leaf(
  id: string,
  o: Partial<Parameters<typeof smartcardUserExtensions>[0]> & {
    issuer?: TestCa;
    key?: typeof cardKey;
    startDate?: string;
    endDate?: string;
  } = {},
) {
  const ext = smartcardUserExtensions({ upn: UPN, email: MAIL, sid: SID, ...o });
  return issue(o.issuer ?? ca, {
    id,
    subject: '/CN=Jane Holder',
    key: o.key ?? cardKey,
    ...ext,
    ...(o.startDate ? { startDate: o.startDate } : {}),
    ...(o.endDate ? { endDate: o.endDate } : {}),
  });
}

async function codes(der: Uint8Array, e: CertificateExpectations = expect): Promise<CertificateProblem[]> {
  const verdict = await checkCertificate(der, e);
  assert.equal(verdict.ok, verdict.reasons.length === 0);
  return verdict.reasons.map((r) => r.code);
}

describe('certificate checks (certificates made by openssl)', () => {
  it('a good Smartcard User certificate passes with its facts', async () => {
    const verdict = await checkCertificate(leaf('good').certDer, expect);
    assert.deepEqual(verdict.reasons, []);
    assert.equal(verdict.ok, true);
    assert.deepEqual(verdict.facts?.upns, [UPN]);
    assert.deepEqual(verdict.facts?.sids, [SID]);
    assert.equal(verdict.facts?.templateName, 'SmartcardUser');
  });

  it('wrong EKU (no Smart Card Logon)', async () => {
    assert.deepEqual(await codes(leaf('eku', { ekus: 'clientAuth,emailProtection' }).certDer), [
      'EKU_MISSING',
    ]);
  });

  it('wrong UPN', async () => {
    assert.deepEqual(await codes(leaf('upn', { upn: 'someone.else@corp.example' }).certDer), [
      'UPN_MISMATCH',
    ]);
  });

  it('missing e-mail for Smartcard User', async () => {
    const { email: _e, ...noMail } = { upn: UPN, email: MAIL };
    const cert = issue(ca, {
      id: 'nomail',
      subject: '/CN=x',
      key: cardKey,
      ...smartcardUserExtensions({ ...noMail, sid: SID }),
    });
    assert.deepEqual(await codes(cert.certDer), ['EMAIL_MISSING']);
  });

  it('missing SID extension', async () => {
    const cert = issue(ca, {
      id: 'nosid',
      subject: '/CN=x',
      key: cardKey,
      ...smartcardUserExtensions({ upn: UPN, email: MAIL }),
    });
    assert.deepEqual(await codes(cert.certDer), ['SID_EXTENSION_MISSING']);
  });

  it('SID extension naming someone else', async () => {
    assert.deepEqual(await codes(leaf('othersid', { sid: 'S-1-5-21-1-2-3-500' }).certDer), ['SID_MISMATCH']);
  });

  it('expired', async () => {
    const cert = leaf('expired', { startDate: '20200101000000Z', endDate: '20210101000000Z' });
    assert.deepEqual(await codes(cert.certDer), ['EXPIRED']);
  });

  it('not yet valid', async () => {
    const cert = leaf('future', { startDate: '20990101000000Z', endDate: '21000101000000Z' });
    assert.deepEqual(await codes(cert.certDer), ['NOT_YET_VALID']);
  });

  it("wrong key (not the card's)", async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    assert.deepEqual(await codes(leaf('wrongkey', { key: other }).certDer), ['KEY_MISMATCH']);
  });

  it('untrusted chain', async () => {
    assert.deepEqual(await codes(leaf('stranger', { issuer: otherCa }).certDer), ['CHAIN_UNTRUSTED']);
  });

  it('template mismatch and a v2 template needing its OID', async () => {
    assert.deepEqual(await codes(leaf('tmpl', { template: 'User' }).certDer), ['TEMPLATE_MISMATCH']);
    const v2 = issue(ca, {
      id: 'v2',
      subject: '/CN=x',
      key: cardKey,
      extensions: [
        ...smartcardUserExtensions({ upn: UPN, email: MAIL, sid: SID }).extensions.filter(
          (l) => !l.startsWith('1.3.6.1.4.1.311.20.2 '),
        ),
        '1.3.6.1.4.1.311.21.7 = ASN1:SEQUENCE:tmpl',
      ],
      sections: {
        ...smartcardUserExtensions({ upn: UPN, email: MAIL, sid: SID }).sections,
        tmpl: ['id = OID:1.3.6.1.4.1.311.21.8.1.2.3.4.5.6.7', 'major = INTEGER:100', 'minor = INTEGER:3'],
      },
    });
    const byName = await checkCertificate(v2.certDer, expect);
    assert.deepEqual(
      byName.reasons.map((r) => r.code),
      ['TEMPLATE_MISMATCH'],
    );
    assert.match(byName.reasons[0]?.message ?? '', /configure the template OID/);
    const byOid = await checkCertificate(v2.certDer, {
      ...expect,
      template: { name: 'CorpSmartcard', oid: '1.3.6.1.4.1.311.21.8.1.2.3.4.5.6.7' },
    });
    assert.deepEqual(byOid.reasons, []);
    assert.equal(byOid.facts?.templateMajorVersion, 100);
    assert.equal(byOid.facts?.templateMinorVersion, 3);
  });

  it('several faults are all reported; garbage is a verdict, not an exception', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    const cert = issue(otherCa, {
      id: 'bad',
      subject: '/CN=x',
      key: other,
      ...smartcardUserExtensions({ upn: 'x@y', ekus: 'clientAuth' }),
    });
    assert.deepEqual(
      (await codes(cert.certDer)).sort(),
      [
        'CHAIN_UNTRUSTED',
        'EKU_MISSING',
        'EMAIL_MISSING',
        'KEY_MISMATCH',
        'SID_EXTENSION_MISSING',
        'UPN_MISMATCH',
      ].sort(),
    );
    assert.deepEqual(await codes(new Uint8Array([0x30, 0x03, 0x02, 0x01])), ['UNPARSABLE']);
  });
});
