// Issuance, policy denials and downloads of the certsrv sim, seen through curl and openssl.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Lab, dispositionOf, hresultOf, openssl, pageTitle, reqIdOf } from './helpers.ts';

describe('certsrv sim: web enrollment', () => {
  const lab = new Lab();
  let key2048 = '';
  let csr = '';

  before(async () => {
    await lab.start();
    key2048 = await lab.key('card');
    csr = await lab.csr(key2048);
  });
  after(() => lab.cleanup());

  it('answers 401 with the IIS body and a Basic challenge without or with bad credentials', async () => {
    for (const auth of [{}, { user: 'CORP\\alice', password: 'wrong' }, lab.as('CORP\\carol')]) {
      const r = await lab.curl('', auth);
      assert.equal(r.status, 401);
      assert.match(r.headers, /^WWW-Authenticate: Basic realm=/im);
      assert.match(r.text, /401 - Unauthorized: Access is denied due to invalid credentials\./);
    }
    const ok = await lab.curl('', lab.as('CORP\\alice'));
    assert.equal(ok.status, 200);
    assert.match(ok.headers, /^Set-Cookie: ASPSESSIONID[A-Z]{8}=[A-Z]{24}/im);
    // UPN and bare sAMAccountName logons work as on Windows
    assert.equal(
      (await lab.curl('', { user: 'alice@corp.example', password: lab.password('CORP\\alice') })).status,
      200,
    );
  });

  it('lists the templates the caller may enroll on certrqxt.asp', async () => {
    const values = (html: string) =>
      [...html.matchAll(/<Option Value="([^"]*)">/g)].map((m) => m[1]?.split(';')[1]);
    const alice = await lab.curl('certrqxt.asp', lab.as('CORP\\alice'));
    assert.match(alice.text, /<Select Name=lbCertTemplate ID=lbCertTemplateID>/i);
    assert.deepEqual(values(alice.text).sort(), ['SmartcardLogon', 'SmartcardUser', 'User']);
    const kiosk = await lab.curl('certrqxt.asp', lab.as('CORP\\kiosk'));
    assert.ok(values(kiosk.text).includes('EnrollmentAgent'));
  });

  it('issues SmartcardUser from the directory, ignoring the CSR subject', async () => {
    const body = csr.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
    const r = await lab.submit(
      lab.as('CORP\\alice'),
      body,
      'CertificateTemplate:SmartcardUser\nFriendlyName:x',
    );
    assert.equal(r.status, 200);
    assert.equal(pageTitle(r.text), 'Certificate Issued');
    const id = reqIdOf(r.text);
    assert.match(r.text, new RegExp(`certnew\\.cer\\?ReqID=${id}&`));
    const pem = await lab.curl(`certnew.cer?ReqID=${id}&Enc=b64`, lab.as('CORP\\alice'));
    assert.equal(pem.contentType, 'application/pkix-cert');
    const der = await lab.curl(`certnew.cer?ReqID=${id}&Enc=bin`, lab.as('CORP\\alice'));
    assert.equal(der.body[0], 0x30);
    const text = await lab.x509Text(pem.text);
    assert.match(
      text,
      /Subject: emailAddress=alice@corp\.example,CN=Alice Martin,OU=Staff,DC=corp,DC=example/,
    );
    assert.match(text, /othername: UPN::alice@corp\.example, email:alice@corp\.example/);
    assert.match(text, /E-mail Protection, TLS Web Client Authentication, Microsoft Smartcard Login/);
    assert.match(text, /Key Usage: critical\s+Digital Signature, Key Encipherment/);
    assert.doesNotMatch(text, /Ignored|Whatever/);
    assert.match(await lab.verify(pem.text), /: OK/);
    // the public key is the card's
    const certKey = await openssl(['x509', '-noout', '-pubkey'], pem.text);
    assert.equal(certKey, await openssl(['pkey', '-in', key2048, '-pubout']));
    // template name (BMPString) and SID extension, read by openssl asn1parse
    const asn = await openssl(['asn1parse', '-i'], pem.text);
    const hex = (s: string) => Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase();
    assert.match(
      asn,
      new RegExp(`:1\\.3\\.6\\.1\\.4\\.1\\.311\\.20\\.2\\n.*\\[HEX DUMP\\]:1E1A${hex('SmartcardUser')}`),
    );
    const sid = Buffer.from('S-1-5-21-3623811015-3361044348-30300820-1104').toString('hex').toUpperCase();
    assert.match(
      asn,
      new RegExp(
        `:1\\.3\\.6\\.1\\.4\\.1\\.311\\.25\\.2\\n.*\\[HEX DUMP\\]:303EA03C060A2B060104018237190201A02E042C${sid}`,
      ),
    );
  });

  it('serves the chain as PKCS#7 and the CA certificate by renewal index', async () => {
    const r = await lab.submit(lab.as('CORP\\alice'), csr, 'CertificateTemplate:SmartcardLogon');
    const id = reqIdOf(r.text);
    const p7 = await lab.curl(`certnew.p7b?ReqID=${id}&Enc=bin`, lab.as('CORP\\alice'));
    assert.equal(p7.contentType, 'application/x-pkcs7-certificates');
    const printed = await openssl([
      'pkcs7',
      '-inform',
      'DER',
      '-in',
      lab.file('chain.p7b', p7.body),
      '-print_certs',
      '-noout',
    ]);
    assert.equal((printed.match(/subject=/g) ?? []).length, 2);

    let carc = await lab.curl('certcarc.asp', lab.as('CORP\\alice'));
    assert.match(carc.text, /var nRenewals=0;/);
    const ca0 = await lab.curl('certnew.cer?ReqID=CACert&Renewal=0&Enc=b64', lab.as('CORP\\alice'));
    assert.equal(ca0.contentType, 'application/pkix-cert');
    assert.equal(ca0.text.replace(/\r/g, ''), lab.sim.caCertPem.replace(/\r/g, ''));

    lab.sim.renewCa();
    carc = await lab.curl('certcarc.asp', lab.as('CORP\\alice'));
    assert.match(carc.text, /var nRenewals=1;/);
    const ca1 = await lab.curl('certnew.cer?ReqID=CACert&Renewal=1&Enc=b64', lab.as('CORP\\alice'));
    assert.notEqual(ca1.text, ca0.text);
    const after = await lab.submit(lab.as('CORP\\alice'), csr, 'CertificateTemplate:SmartcardLogon');
    const leaf = await lab.curl(`certnew.cer?ReqID=${reqIdOf(after.text)}&Enc=b64`, lab.as('CORP\\alice'));
    assert.match(await lab.verify(leaf.text, lab.file('ca1.pem', ca1.text)), /: OK/);
    await assert.rejects(lab.verify(leaf.text, lab.file('ca0.pem', ca0.text)));
  });

  it('denies with the policy module HRESULTs', async () => {
    const short = await lab.csr(await lab.key('short', 'rsa:1024'));
    lab.sim.setTemplatePolicy('SmartcardLogon', { published: false });
    const cases: Array<[string, string, string, string]> = [
      ['CORP\\alice', csr, 'CertificateTemplate:SmartcardLogon', '0x80094800'],
      ['CORP\\alice', csr, 'CertificateTemplate:WebServer', '0x80094800'],
      ['CORP\\dave', csr, 'CertificateTemplate:SmartcardUser', '0x80094012'],
      ['CORP\\alice', csr, 'CertificateTemplate:EnrollmentAgent', '0x80094012'],
      ['CORP\\bob', csr, 'CertificateTemplate:SmartcardUser', '0x80094812'],
      ['CORP\\alice', short, 'CertificateTemplate:SmartcardUser', '0x80094811'],
      ['CORP\\kiosk', csr, 'CertificateTemplate:SmartcardUser\r\nrequestername:CORP\\alice', '0x80094809'],
    ];
    try {
      for (const [user, req, attrib, hr] of cases) {
        const r = await lab.submit(lab.as(user), req, attrib);
        assert.equal(r.status, 200, attrib);
        assert.match(r.text, /ID=locDenied>/, `${user} ${attrib}`);
        assert.equal(hresultOf(r.text), hr, `${user} ${attrib}`);
        assert.match(r.text, /The disposition message is "Denied by Policy Module\s+0x/);
        // the denied request can be looked up: disposition 2 on certnew.cer
        const id = reqIdOf(r.text);
        const dl = await lab.curl(`certnew.cer?ReqID=${id}`, lab.as(user));
        assert.match(dl.contentType, /^text\/html/);
        assert.equal(dispositionOf(dl.text), 2);
        assert.equal(hresultOf(dl.text), hr);
      }
      const unsupported = await lab.submit(lab.as('CORP\\alice'), csr, 'CertificateTemplate:WebServer');
      assert.match(
        unsupported.text,
        /not supported by the Active Directory Certificate Services policy: WebServer/,
      );
    } finally {
      lab.sim.setTemplatePolicy('SmartcardLogon', { published: true });
    }
    // bob has no mail but SmartcardLogon needs none
    const bob = await lab.submit(lab.as('CORP\\bob'), csr, 'CertificateTemplate:SmartcardLogon');
    assert.equal(pageTitle(bob.text), 'Certificate Issued');
  });

  it('denies a malformed request with Error Parsing Request and shows 0x80094004 for unknown ids', async () => {
    const bad = await lab.submit(
      lab.as('CORP\\alice'),
      'MIIBnotarequest',
      'CertificateTemplate:SmartcardUser',
    );
    assert.equal(bad.status, 200);
    assert.equal(pageTitle(bad.text), 'Certificate Request Denied');
    assert.match(bad.text, /The disposition message is "Error Parsing Request {2}/);
    const unknown = await lab.curl('certnew.cer?ReqID=99999&Enc=b64', lab.as('CORP\\alice'));
    assert.equal(unknown.status, 200);
    assert.match(unknown.contentType, /^text\/html/);
    assert.match(unknown.text, /0x80094004 \(-2146877436 CERTSRV_E_PROPERTY_EMPTY\)/);
    // someone else's request is not retrievable
    const mine = await lab.submit(lab.as('CORP\\alice'), csr, 'CertificateTemplate:SmartcardUser');
    const other = await lab.curl(`certnew.cer?ReqID=${reqIdOf(mine.text)}&Enc=b64`, lab.as('CORP\\dave'));
    assert.equal(hresultOf(other.text), '0x80070005');
  });

  it('publishes revocations in certcrl.crl', async () => {
    const r = await lab.submit(lab.as('CORP\\alice'), csr, 'CertificateTemplate:SmartcardUser');
    const id = reqIdOf(r.text);
    const rec = lab.sim.revoke(id, 1);
    // the CA was renewed above: the certificate belongs to renewal 1
    const crl = await lab.curl('certcrl.crl?Type=base&Renewal=1&Enc=bin', lab.as('CORP\\alice'));
    assert.equal(crl.contentType, 'application/pkix-crl');
    const f = lab.file('crl.der', crl.body);
    const text = await openssl([
      'crl',
      '-inform',
      'DER',
      '-in',
      f,
      '-noout',
      '-text',
      '-CAfile',
      lab.sim.caBundleFile,
    ]);
    assert.match(text, new RegExp(`Serial Number: ${rec.serialNumber}`));
    assert.match(text, /Key Compromise/);
    // the revoked request now shows the issued-then-revoked page
    const chk = await lab.curl('certfnsh.asp', lab.as('CORP\\alice'), {
      form: { Mode: 'chkpnd', ReqID: String(id) },
    });
    assert.match(chk.text, /ID=locIssRev>/);
  });

  it('renders localized pages with the same element ids', async () => {
    lab.sim.setLocale('fr');
    try {
      lab.sim.setApprovalMode('all');
      const r = await lab.submit(lab.as('CORP\\alice'), csr, 'CertificateTemplate:SmartcardUser');
      assert.match(r.text, /ID=locInfoReqID>\nL’identificateur de votre requête est \d+\./);
      const id = reqIdOf(r.text);
      const dl = await lab.curl(`certnew.cer?ReqID=${id}&Enc=b64`, lab.as('CORP\\alice'));
      assert.match(dl.text, /\n\t\t5 <LocID ID=locDispSpacer>-<\/LocID>/);
      lab.sim.setLocale('ko');
      const denied = await lab.submit(lab.as('CORP\\dave'), csr, 'CertificateTemplate:SmartcardUser');
      assert.match(denied.text, /ID=locDenied>/);
      assert.equal(hresultOf(denied.text), '0x80094012');
    } finally {
      lab.sim.setLocale('en');
      lab.sim.setApprovalMode('none');
    }
  });
});
