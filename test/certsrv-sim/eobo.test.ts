// Enroll on behalf of: a CMS SignedData over the card's PKCS#10, signed by an Enrollment Agent
// key with the requestername pair in the signed attributes (MS-WCCE), built here with pkijs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { Lab, hresultOf, openssl, pageTitle, reqIdOf } from './helpers.ts';

pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto as unknown as Crypto }));

const der = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64');

interface CmsOptions {
  includeCert?: boolean;
  tamper?: boolean;
  nulTerminated?: boolean;
}

async function onBehalfRequest(
  csrPem: string,
  certPem: string,
  keyFile: string,
  requester: string,
  o: CmsOptions = {},
) {
  const csr = der(csrPem);
  const cert = pkijs.Certificate.fromBER(der(certPem));
  const pkcs8 = der(await openssl(['pkcs8', '-topk8', '-nocrypt', '-in', keyFile]));
  const key = await webcrypto.subtle.importKey(
    'pkcs8',
    pkcs8,
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const z = o.nulTerminated ? '\0' : '';
  const bmp = (s: string) => new asn1js.BmpString({ value: s + z });
  const sd = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: '1.2.840.113549.1.7.1',
      eContent: new asn1js.OctetString({ valueHex: csr }),
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.3',
              values: [new asn1js.ObjectIdentifier({ value: '1.2.840.113549.1.7.1' })],
            }),
            new pkijs.Attribute({
              type: '1.2.840.113549.1.9.4',
              values: [new asn1js.OctetString({ valueHex: createHash('sha256').update(csr).digest() })],
            }),
            new pkijs.Attribute({
              type: '1.3.6.1.4.1.311.13.2.1',
              values: [new asn1js.Sequence({ value: [bmp('requestername'), bmp(requester)] })],
            }),
          ],
        }),
      }),
    ],
    certificates: o.includeCert === false ? undefined : [cert],
  });
  await sd.sign(key, 0, 'SHA-256');
  const si = sd.signerInfos[0];
  if (o.tamper && si) {
    const sig = Buffer.from(si.signature.valueBlock.valueHexView);
    sig[10] = (sig[10] ?? 0) ^ 0xff;
    si.signature = new asn1js.OctetString({ valueHex: sig });
  }
  const ci = new pkijs.ContentInfo({ contentType: '1.2.840.113549.1.7.2', content: sd.toSchema(true) });
  return Buffer.from(ci.toSchema().toBER()).toString('base64');
}

describe('certsrv sim: enroll on behalf of', () => {
  const lab = new Lab();
  let cardCsr = '';
  let agentKey = '';
  let agentCert = '';
  let agentReqId = 0;

  before(async () => {
    await lab.start();
    cardCsr = await lab.csr(await lab.key('card'));
    agentKey = await lab.key('agent');
    // the kiosk account obtains its Enrollment Agent certificate through the web pages
    const r = await lab.submit(
      lab.as('CORP\\kiosk'),
      await lab.csr(agentKey),
      'CertificateTemplate:EnrollmentAgent',
    );
    assert.equal(pageTitle(r.text), 'Certificate Issued');
    agentReqId = reqIdOf(r.text);
    agentCert = (await lab.curl(`certnew.cer?ReqID=${agentReqId}&Enc=b64`, lab.as('CORP\\kiosk'))).text;
    assert.match(
      await lab.x509Text(agentCert),
      /Extended Key Usage: \s*1\.3\.6\.1\.4\.1\.311\.20\.2\.1|Certificate Request Agent/,
    );
  });
  after(() => lab.cleanup());

  it('issues for the requestername user when an agent signs', async () => {
    for (const o of [{}, { nulTerminated: true }]) {
      const cms = await onBehalfRequest(cardCsr, agentCert, agentKey, 'CORP\\alice', o);
      const r = await lab.submit(lab.as('CORP\\kiosk'), cms, 'CertificateTemplate:SmartcardUser');
      assert.equal(pageTitle(r.text), 'Certificate Issued', r.text);
      const id = reqIdOf(r.text);
      const pem = (await lab.curl(`certnew.cer?ReqID=${id}&Enc=b64`, lab.as('CORP\\kiosk'))).text;
      const text = await lab.x509Text(pem);
      assert.match(text, /Subject: emailAddress=alice@corp\.example,CN=Alice Martin/);
      assert.match(text, /othername: UPN::alice@corp\.example/);
      const asn = await openssl(['asn1parse'], pem);
      assert.match(
        asn,
        new RegExp(Buffer.from('S-1-5-21-3623811015-3361044348-30300820-1104').toString('hex').toUpperCase()),
      );
      assert.equal(lab.sim.get(id)?.onBehalfOf, 'CORP\\alice');
      assert.equal(lab.sim.get(id)?.caller, 'CORP\\kiosk');
    }
    // PEM-wrapped like Certipy
    const cms = await onBehalfRequest(cardCsr, agentCert, agentKey, 'CORP\\alice');
    const wrapped = `-----BEGIN CERTIFICATE REQUEST-----\n${cms.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE REQUEST-----\n`;
    const r = await lab.submit(lab.as('CORP\\kiosk'), wrapped, 'CertificateTemplate:SmartcardLogon');
    assert.equal(pageTitle(r.text), 'Certificate Issued');
  });

  it('rejects missing, bad, untrusted, non-agent and revoked signatures', async () => {
    // a certificate that is not an enrollment agent: alice's own Smartcard User certificate
    const aliceKey = await lab.key('alice');
    const own = await lab.submit(
      lab.as('CORP\\alice'),
      await lab.csr(aliceKey),
      'CertificateTemplate:SmartcardUser',
    );
    const aliceCert = (
      await lab.curl(`certnew.cer?ReqID=${reqIdOf(own.text)}&Enc=b64`, lab.as('CORP\\alice'))
    ).text;
    // an agent certificate from somebody else's CA
    const rogueKey = await lab.key('rogue');
    const rogueCert = await openssl([
      'req',
      '-x509',
      '-key',
      rogueKey,
      '-subj',
      '/CN=Rogue Agent',
      '-days',
      '2',
      '-addext',
      'extendedKeyUsage=1.3.6.1.4.1.311.20.2.1',
    ]);
    const cases: Array<[string, Promise<string>, string]> = [
      [
        'no signer certificate',
        onBehalfRequest(cardCsr, agentCert, agentKey, 'CORP\\alice', { includeCert: false }),
        '0x80094809',
      ],
      [
        'tampered signature',
        onBehalfRequest(cardCsr, agentCert, agentKey, 'CORP\\alice', { tamper: true }),
        '0x8009480b',
      ],
      ['not an agent', onBehalfRequest(cardCsr, aliceCert, aliceKey, 'CORP\\bob'), '0x8009480b'],
      ['untrusted agent', onBehalfRequest(cardCsr, rogueCert, rogueKey, 'CORP\\alice'), '0x8009480b'],
      ['unknown target', onBehalfRequest(cardCsr, agentCert, agentKey, 'CORP\\nobody'), '0x80070525'],
      ['disabled target', onBehalfRequest(cardCsr, agentCert, agentKey, 'CORP\\carol'), '0x80070533'],
      ['target without mail', onBehalfRequest(cardCsr, agentCert, agentKey, 'CORP\\bob'), '0x80094812'],
    ];
    for (const [label, cms, hr] of cases) {
      const r = await lab.submit(lab.as('CORP\\kiosk'), await cms, 'CertificateTemplate:SmartcardUser');
      assert.match(r.text, /ID=locDenied>/, label);
      assert.equal(hresultOf(r.text), hr, label);
    }
    // Enroll is checked for the authenticated account, not for the agent certificate's owner
    const asDave = await lab.submit(
      lab.as('CORP\\dave'),
      await onBehalfRequest(cardCsr, agentCert, agentKey, 'CORP\\alice'),
      'CertificateTemplate:SmartcardUser',
    );
    assert.equal(hresultOf(asDave.text), '0x80094012');
    // a revoked agent certificate no longer counts
    lab.sim.revoke(agentReqId);
    const revoked = await lab.submit(
      lab.as('CORP\\kiosk'),
      await onBehalfRequest(cardCsr, agentCert, agentKey, 'CORP\\alice'),
      'CertificateTemplate:SmartcardUser',
    );
    assert.equal(hresultOf(revoked.text), '0x8009480b');
    assert.ok(readFileSync(lab.sim.caBundleFile, 'utf8').includes('BEGIN CERTIFICATE'));
  });
});
