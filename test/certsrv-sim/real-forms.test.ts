// Issue 11, one test per row: the sim answers in the form real AD CS Web Enrollment pages have
// (docs/certsrv-pages.md names the source of each fact). Driven over HTTPS by curl, checked with
// openssl and with the regular expressions third-party clients apply to the real pages.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { Lab, dispositionOf, dlEntry, openssl, pageTitle, reqIdOf } from './helpers.ts';

// Regular expressions of independent certsrv clients (magnuswatn/certsrv certsrv.py,
// nokia/adcs-issuer adcs/ntlm_certsrv.go), restated here to test the sim against them.
const CLIENT = {
  issuedId: /certnew.cer\?ReqID=(\d+)&/,
  pendingId: /Your Request Id is (\d+)./,
  deniedMessage: /The disposition message is "([^"]+)/,
  fetchMessage: /Disposition message:[^\t]+\t\t([^\r\n]+)/,
  fetchLastStatus: /LastStatus:[^\t]+\t\t([^\r\n]+)/,
  renewals: /var nRenewals=(\d+);/,
};

describe('certsrv sim: the real AD CS page forms (issue 11)', () => {
  const lab = new Lab();
  let csr = '';
  const alice = () => lab.as('CORP\\alice');
  const issue = async (template = 'SmartcardLogon') => {
    const r = await lab.submit(alice(), csr, `CertificateTemplate:${template}`);
    assert.equal(pageTitle(r.text), 'Certificate Issued', r.text);
    return reqIdOf(r.text);
  };

  before(async () => {
    await lab.start();
    csr = await lab.csr(await lab.key('card'));
  });
  after(() => lab.cleanup());

  it('row 1: the denied sentence carries the disposition message between plain quotes (KB 283218)', async () => {
    const r = await lab.submit(alice(), csr, 'CertificateTemplate:WebServer');
    assert.match(r.text, /ID=locDenied>/);
    assert.doesNotMatch(r.text, /&quot;/);
    const message = CLIENT.deniedMessage.exec(r.text)?.[1];
    assert.equal(
      message,
      'Denied by Policy Module  0x80094800, The request was for a certificate template that is not supported by the Active Directory Certificate Services policy: WebServer.',
    );
  });

  it('row 2: certnew.cer answers Base64 with header unless Enc is exactly "bin"; field names are case-insensitive', async () => {
    const id = await issue();
    const pem = /^-----BEGIN CERTIFICATE-----\r\n/;
    const cases: Array<[string, 'pem' | 'der']> = [
      [`certnew.cer?ReqID=${id}`, 'pem'],
      [`certnew.cer?ReqID=${id}&Enc=b64`, 'pem'],
      [`certnew.cer?ReqID=${id}&Enc=BIN`, 'pem'],
      [`certnew.cer?ReqID=${id}&Enc=binary`, 'pem'],
      [`certnew.cer?ReqID=${id}&Enc=bin`, 'der'],
      [`certnew.cer?ReqID=${id}&ENC=bin`, 'der'],
      [`certnew.cer?reqid=${id}&enc=bin`, 'der'],
    ];
    for (const [path, form] of cases) {
      const r = await lab.curl(path, alice());
      assert.equal(r.contentType, 'application/pkix-cert', path);
      if (form === 'pem') {
        assert.match(r.text, pem, path);
        assert.match(await lab.verify(r.text), /: OK/, path);
      } else {
        assert.equal(r.body[0], 0x30, path);
        const asPem = await openssl(['x509', '-inform', 'DER', '-in', lab.file('row2.der', r.body)]);
        assert.match(await lab.verify(asPem), /: OK/, path);
      }
    }
    // the value "CACert" is compared exactly, as the ASP does
    const lower = await lab.curl('certnew.cer?ReqID=cacert&Renewal=0&Enc=bin', alice());
    assert.match(lower.contentType, /^text\/html/);
    assert.equal(pageTitle(lower.text), 'Error');
    // form names too: mode=newreq in lower case is a submission
    const r = await lab.curl('certfnsh.asp', alice(), {
      form: { mode: 'newreq', certrequest: csr, certattrib: 'CertificateTemplate:SmartcardLogon' },
    });
    assert.equal(pageTitle(r.text), 'Certificate Issued');
  });

  it('row 3: a request that cannot be parsed is a denial whose message begins "Error Parsing Request"', async () => {
    const before = lab.sim.list().length;
    const r = await lab.submit(alice(), 'MIIBnotarequest', 'CertificateTemplate:SmartcardUser');
    assert.equal(r.status, 200);
    assert.equal(pageTitle(r.text), 'Certificate Request Denied');
    assert.match(r.text, /ID=locDenied>/);
    assert.equal(
      CLIENT.deniedMessage.exec(r.text)?.[1],
      'Error Parsing Request  ASN1 bad tag value met. 0x8009310b (ASN: 267 CRYPT_E_ASN1_BADTAG)',
    );
    const id = reqIdOf(r.text);
    assert.equal(lab.sim.list().length, before + 1);
    assert.equal(lab.sim.get(id)?.status, 'denied');
    // the CA keeps it as a denied request: certnew.cer shows disposition 2
    const dl = await lab.curl(`certnew.cer?ReqID=${id}&Enc=b64`, alice());
    assert.equal(dispositionOf(dl.text), 2);
    // text that is not even base64 never reaches the CA: the error page, no request id
    const junk = await lab.submit(alice(), '!!! not base64 !!!', 'CertificateTemplate:SmartcardUser');
    assert.equal(pageTitle(junk.text), 'Error');
    assert.match(junk.text, /ID=locReqFailed>/);
    assert.match(dlEntry(junk.text, 'locDispLabel') ?? '', /ID=locDispNeverSet>\(never set\)/);
    assert.equal(lab.sim.list().length, before + 1);
  });

  it('row 4: the error page is the certrser.asp <DL> with COM Error Info, LastStatus and Suggested Cause', async () => {
    const r = await lab.curl('certnew.cer?ReqID=99999&Enc=b64', alice());
    assert.match(r.text, /<DL><DD>\n\n\t<DL>\n/);
    for (const [id, label] of [
      ['locModeLabel', 'Request Mode:'],
      ['locDispLabel', 'Disposition:'],
      ['locDispMsgLabel', 'Disposition message:'],
      ['locResultLabel', 'Result:'],
      ['locComInfoLabel', 'COM Error Info:'],
      ['locLastStatLabel', 'LastStatus:'],
      ['locSugCauseLabel', 'Suggested Cause:'],
    ])
      assert.ok(r.text.includes(`<DT ID=${id}><Font Size=-1><B>${label}</B></Font></DT><DD>`), id);
    for (const gone of ['locComErrLabel', 'locLastStatusLabel', 'tbAdvInfo', '<B ID='])
      assert.ok(!r.text.includes(gone), gone);
    assert.match(
      dlEntry(r.text, 'locModeLabel') ?? '',
      /ID=locModeCertFetch>\(certnew\.cer\/certnew\.p7b\/certcrl\.crl certificate\/crl fetch\)/,
    );
    assert.equal(
      dlEntry(r.text, 'locComInfoLabel'),
      '\t\tCCertRequest::RetrievePending: The requested property value is empty. 0x80094004 (-2146877436 CERTSRV_E_PROPERTY_EMPTY)',
    );
    assert.match(dlEntry(r.text, 'locSugCauseLabel') ?? '', /ID=locSugCauseNoCert>/);
  });

  it('row 5: certcrl.crl for a CA generation that does not exist is an error, never an empty CRL', async () => {
    for (const q of [
      'Type=base&Renewal=7&Enc=bin',
      'Type=base&Renewal=-1&Enc=bin',
      'Type=base&Renewal=x&Enc=bin',
      '',
    ]) {
      const r = await lab.curl(`certcrl.crl${q ? `?${q}` : ''}`, alice());
      assert.equal(r.status, 200, q);
      assert.match(r.contentType, /^text\/html/, q);
      assert.equal(pageTitle(r.text), 'Error', q);
      await assert.rejects(openssl(['crl', '-inform', 'DER', '-in', lab.file('row5.crl', r.body), '-noout']));
    }
    assert.match(
      dlEntry((await lab.curl('certcrl.crl?Type=base&Renewal=7&Enc=bin', alice())).text, 'locResultLabel') ??
        '',
      /0x80070057 \(WIN32: 87 ERROR_INVALID_PARAMETER\)/,
    );
    const ok = await lab.curl('certcrl.crl?Type=base&Renewal=0&Enc=bin', alice());
    assert.equal(ok.contentType, 'application/pkix-crl');
    const text = await openssl([
      'crl',
      '-inform',
      'DER',
      '-in',
      lab.file('row5ok.crl', ok.body),
      '-noout',
      '-text',
      '-CAfile',
      lab.sim.caBundleFile,
    ]);
    assert.match(text, /Issuer: .*CN ?= ?CORP-CA/);
  });

  it('row 7: malformed cookies and URLs and oversized bodies get clean answers', async () => {
    const page = await lab.curl('certrqxt.asp', alice(), { cookie: 'x=%zz; y=%E0%A4; z=ok' });
    assert.equal(page.status, 200);
    assert.match(page.text, /ID=lbCertTemplateID/);
    const bad = await lab.curl('/CertEnroll/%E0', {});
    assert.equal(bad.status, 400);
    assert.equal(bad.curlExit, 0);
    const big = lab.file('big.txt', 'Mode=newreq&CertRequest=' + 'A'.repeat(1024 * 1024 + 10));
    const declared = await lab.curl('certfnsh.asp', alice(), { dataFile: big });
    assert.equal(declared.curlExit, 0, 'curl read an answer');
    assert.equal(declared.status, 413);
    const chunked = await lab.curl('certfnsh.asp', alice(), {
      dataFile: big,
      headers: ['Transfer-Encoding: chunked', 'Content-Type: application/x-www-form-urlencoded'],
    });
    assert.equal(chunked.curlExit, 0);
    assert.equal(chunked.status, 413);
    // nothing was submitted, the CA still answers
    assert.equal((await lab.curl('', alice())).status, 200);
  });

  it('row 8: fetching a pending request shows "5 - (unknown)" and a successful Result', async () => {
    lab.sim.setApprovalMode('all');
    try {
      const r = await lab.submit(alice(), csr, 'CertificateTemplate:SmartcardUser');
      assert.equal(pageTitle(r.text), 'Certificate Pending');
      const id = Number(CLIENT.pendingId.exec(r.text)?.[1]);
      assert.equal(id, reqIdOf(r.text));
      const dl = await lab.curl(`certnew.cer?ReqID=${id}&Enc=b64`, alice());
      assert.equal(
        dlEntry(dl.text, 'locDispLabel'),
        '\t\t5 <LocID ID=locDispSpacer>-</LocID> \n\t\t\t\n\t\t\t\t<LocID ID=locDispUnknown>(unknown)</LocID>\n\t\t\t',
      );
      assert.equal(
        dlEntry(dl.text, 'locResultLabel'),
        '\t\tThe operation completed successfully. 0x0 (WIN32: 0)',
      );
      assert.equal(CLIENT.fetchMessage.exec(dl.text)?.[1], 'Taken Under Submission');
      assert.equal(
        CLIENT.fetchLastStatus.exec(dl.text)?.[1],
        'The operation completed successfully. 0x0 (WIN32: 0)',
      );
      assert.doesNotMatch(dl.text, /0x80094004/);
    } finally {
      lab.sim.setApprovalMode('none');
    }
  });

  it('row 9: the denied page states id and reason in locInfoReqIDandReason', async () => {
    const r = await lab.submit(lab.as('CORP\\dave'), csr, 'CertificateTemplate:SmartcardUser');
    assert.match(
      r.text,
      /<P ID=locInfoReqIDandReason>\n\n\nYour Request Id is \d+\. The disposition message is "Denied by Policy Module {2}0x80094012, /,
    );
    assert.doesNotMatch(r.text, /ID=locInfoReqID>/);
  });

  it('row 10: the issued page has no "Your Request Id" line; the id is in the certnew links only', async () => {
    const r = await lab.submit(alice(), csr, 'CertificateTemplate:SmartcardLogon');
    assert.equal(pageTitle(r.text), 'Certificate Issued');
    assert.doesNotMatch(r.text, /locInfoReqID|Your Request Id/);
    const id = Number(CLIENT.issuedId.exec(r.text)?.[1]);
    assert.ok(id > 0);
    assert.equal(lab.sim.get(id)?.status, 'issued');
  });

  it('row 11: HRESULT text in the Windows forms: WIN32, ASN and signed decimal', async () => {
    const junk = await lab.submit(alice(), '%%%', 'CertificateTemplate:SmartcardUser');
    assert.equal(
      dlEntry(junk.text, 'locResultLabel'),
      '\t\tThe data is invalid. 0x8007000d (WIN32: 13 ERROR_INVALID_DATA)',
    );
    assert.equal(
      dlEntry(junk.text, 'locLastStatLabel'),
      '\t\tThe operation completed successfully. 0x0 (WIN32: 0)',
    );
    assert.match(dlEntry(junk.text, 'locSugCauseLabel') ?? '', /ID=locSugCauseBadData2>/);
    const parse = await lab.submit(alice(), 'MIIBnotarequest', 'CertificateTemplate:SmartcardUser');
    assert.match(parse.text, /0x8009310b \(ASN: 267 CRYPT_E_ASN1_BADTAG\)/);
    const unknown = await lab.curl('certnew.cer?ReqID=99999&Enc=b64', alice());
    assert.match(
      dlEntry(unknown.text, 'locResultLabel') ?? '',
      /^\t\tThe requested property value is empty\. 0x80094004 \(-2146877436 CERTSRV_E_PROPERTY_EMPTY\)$/,
    );
    const mine = await issue();
    const other = await lab.curl(`certnew.cer?ReqID=${mine}&Enc=b64`, lab.as('CORP\\dave'));
    assert.match(
      dlEntry(other.text, 'locResultLabel') ?? '',
      /Access is denied\. 0x80070005 \(WIN32: 5 ERROR_ACCESS_DENIED\)/,
    );
  });

  it('row 12: an unknown id shows "(never set)" for the disposition and "(none)" for its message', async () => {
    const r = await lab.curl('certnew.cer?ReqID=424242&Enc=bin', alice());
    assert.equal(dlEntry(r.text, 'locDispLabel'), '\t\t<LocID ID=locDispNeverSet>(never set)</LocID>');
    assert.equal(dlEntry(r.text, 'locDispMsgLabel'), '\t\t<LocID ID=locDispMsgNone>(none)</LocID>');
    assert.doesNotMatch(r.text, /0 <LocID ID=locDispSpacer>/);
  });

  it('row 13: certcarc lbCaInstance, the Requests cookie, certrqus.asp, Mode=inst types, CRL numbers', async () => {
    // certcarc.asp
    const carc = await lab.curl('certcarc.asp', alice());
    assert.match(carc.text, /<Select Size=4 Name=lbCaInstance ID=lbCaID>/);
    assert.doesNotMatch(carc.text, /lbCARenewal/);
    assert.equal(CLIENT.renewals.exec(carc.text)?.[1], '0');
    assert.match(carc.text, /<Option Value="0" Selected><LocID ID=locCurCertEntry>Current<\/LocID>/);
    assert.match(carc.text, /return nRenewals-document\.UIForm\.lbCaInstance\[/);

    // the pending request goes into the Requests cookie and certckpn.asp lists it from there
    lab.sim.setApprovalMode('all');
    let id: number;
    const jar = lab.file('cookies.txt', '');
    try {
      const r = await lab.curl('certfnsh.asp', alice(), {
        cookieJar: jar,
        form: {
          Mode: 'newreq',
          CertRequest: csr,
          CertAttrib: 'CertificateTemplate:SmartcardUser',
          FriendlyType: 'Saved-Request, Certificate]',
          TargetStoreFlags: '0',
          SaveCert: 'yes',
        },
      });
      id = reqIdOf(r.text);
      const setCookie = /^Set-Cookie: Requests=([^;\r\n]*); expires=[^;]+; path=\/certsrv\r?$/im.exec(
        r.headers,
      );
      assert.ok(setCookie, r.headers);
      assert.equal(
        decodeURIComponent((setCookie[1] ?? '').replace(/\+/g, ' ')),
        `[${id},0,yes,Saved-Request  Certificate ]`,
      );
      assert.doesNotMatch(r.headers, /CertsrvPendingRequests/);
    } finally {
      lab.sim.setApprovalMode('none');
    }
    const list = await lab.curl('certckpn.asp', alice(), { cookieJar: jar });
    assert.match(
      list.text,
      new RegExp(
        `<Input Type=Hidden Name=Mode Value="chkpnd">\\n\\t<Input Type=Hidden Name=ReqID Value="${id}">`,
      ),
    );
    const empty = await lab.curl('certckpn.asp', alice());
    assert.match(empty.text, /ID=locNoPend>/);
    // a corrupt cookie reads as no requests, as certsrck.inc's GetRequests does
    assert.match(
      (await lab.curl('certckpn.asp', alice(), { cookie: 'Requests=%5B1%2C2%5D' })).text,
      /ID=locNoPend>/,
    );

    // certrqus.asp exists and leads to the advanced request
    const rqus = await lab.curl('certrqus.asp', alice());
    assert.equal(rqus.status, 200);
    assert.equal(pageTitle(rqus.text), 'Request a Certificate');
    assert.match(rqus.text, /<A Href="certrqxt\.asp">/);
    assert.match((await lab.curl('', alice())).text, /Href="certrqus\.asp"/);

    // Mode=inst asks for the install content types
    const leaf = await issue();
    const types: Array<[string, string]> = [
      [`certnew.cer?ReqID=${leaf}&Enc=b64`, 'application/pkix-cert'],
      [`certnew.cer?ReqID=${leaf}&Mode=inst&Enc=b64`, 'application/x-x509-user-cert'],
      ['certnew.cer?ReqID=CACert&Renewal=0&Enc=b64', 'application/pkix-cert'],
      ['certnew.cer?ReqID=CACert&Renewal=0&Mode=inst&Enc=b64', 'application/x-x509-ca-cert'],
      [`certnew.p7b?ReqID=${leaf}&Enc=b64`, 'application/x-pkcs7-certificates'],
    ];
    for (const [path, type] of types) assert.equal((await lab.curl(path, alice())).contentType, type, path);

    // the CRL number moves only when a CRL is published (here: on revocation)
    const crlNumber = async () => {
      const r = await lab.curl('certcrl.crl?Type=base&Renewal=0&Enc=b64', alice());
      assert.equal(r.contentType, 'application/pkix-crl');
      writeFileSync(lab.file('n.crl'), r.text);
      return (await openssl(['crl', '-in', lab.file('n.crl'), '-noout', '-crlnumber'])).trim();
    };
    const first = await crlNumber();
    assert.equal(await crlNumber(), first);
    assert.equal(await crlNumber(), first);
    lab.sim.revoke(leaf, 1);
    const afterRevoke = await crlNumber();
    assert.notEqual(afterRevoke, first);
    assert.equal(await crlNumber(), afterRevoke);
    const n = (s: string) => parseInt(s.replace(/^crlNumber=(0x)?/, ''), 16);
    assert.equal(n(afterRevoke), n(first) + 1);
  });
});
