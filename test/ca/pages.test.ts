import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeHresult, knownHresults } from '../../core/ca/hresult.ts';
import { parseCertsrvPage, parseRenewalCount } from '../../core/ca/pages.ts';
import * as f from './fixtures.ts';

describe('certsrv pages, by locale-independent markers', () => {
  it('issued: anchors and script variants', () => {
    assert.deepEqual(parseCertsrvPage(f.issuedPageAnchors(41)), { kind: 'issued', reqId: 41 });
    assert.deepEqual(parseCertsrvPage(f.issuedPageScript(1234)), { kind: 'issued', reqId: 1234 });
  });

  it('pending in English, French and Japanese, and the chkpnd variant', () => {
    for (const page of [
      f.pendingPageEnglish(25),
      f.pendingPageFrench(25),
      f.pendingPageJapanese(25),
      f.chkpndStillPendingPage(25),
    ])
      assert.deepEqual(parseCertsrvPage(page), { kind: 'pending', reqId: 25 });
  });

  it('denied: HRESULT whatever the whitespace after "Module"; revoked', () => {
    for (const spaces of [' ', '  ', '\t ']) {
      const page = parseCertsrvPage(
        f.deniedPage(
          7,
          '0x80094800',
          'The request was for a certificate template that is not supported by the Active Directory Certificate Services policy: SmartcardUser',
          spaces,
        ),
      );
      assert.equal(page.kind, 'denied');
      if (page.kind !== 'denied') return;
      assert.equal(page.hresult, 0x80094800);
      assert.equal(page.revoked, false);
      assert.match(page.dispositionMessage ?? '', /^Denied by Policy Module\s+0x80094800, .*SmartcardUser$/);
    }
    const rev = parseCertsrvPage(f.revokedPage());
    assert.equal(rev.kind === 'denied' && rev.revoked, true);
  });

  it('error page: disposition number, message and HRESULT from the <DL>', () => {
    const page = parseCertsrvPage(f.parsingErrorPage());
    assert.equal(page.kind, 'error');
    if (page.kind !== 'error') return;
    assert.equal(page.disposition, 1);
    assert.equal(page.hresult, 0x8009310b);
    assert.match(page.dispositionMessage ?? '', /^Error Parsing Request/);
    const unknown = parseCertsrvPage(f.unknownReqIdPage());
    assert.equal(unknown.kind === 'error' && unknown.hresult, 0x80094004);
    const pend = parseCertsrvPage(f.takenUnderSubmissionPage());
    assert.equal(pend.kind === 'error' && pend.disposition, 5);
    assert.equal(pend.kind === 'error' && pend.hresult, undefined);
    const den = parseCertsrvPage(f.deniedViaCertnewPage('0x80094012'));
    assert.equal(den.kind === 'error' && den.disposition, 2);
    assert.equal(den.kind === 'error' && den.hresult, 0x80094012);
  });

  it('real denied form: locInfoReqIDandReason, plain quotes, in English and French', () => {
    const kb283218 =
      'Denied by Policy Module  0x80094800, The request was for a certificate template that is not supported by the Active Directory Certificate Services policy: SmartcardUser.';
    for (const page of [f.deniedPageReal(31, kb283218), f.deniedPageRealFrench(31, kb283218)]) {
      const p = parseCertsrvPage(page);
      assert.equal(p.kind, 'denied');
      if (p.kind !== 'denied') return;
      assert.equal(p.reqId, 31);
      assert.equal(p.hresult, 0x80094800);
      // kept for display, with runs of whitespace folded to one space
      assert.equal(p.dispositionMessage, kb283218.replace(/\s+/g, ' '));
      assert.equal(p.revoked, false);
    }
    // a message that quotes a name itself is kept whole; one without a code has no HRESULT
    const quoted = parseCertsrvPage(f.deniedPageReal(32, 'Denied by CORP\\Administrator "night shift"'));
    assert.equal(
      quoted.kind === 'denied' && quoted.dispositionMessage,
      'Denied by CORP\\Administrator "night shift"',
    );
    assert.equal(quoted.kind === 'denied' && quoted.hresult, undefined);
    const rev = parseCertsrvPage(f.deniedPageReal(33, 'Revoked by CORP\\Administrator', true));
    assert.equal(rev.kind === 'denied' && rev.revoked, true);
    assert.equal(rev.kind === 'denied' && rev.reqId, 33);
  });

  it('"Error Parsing Request" comes as a denial with an ASN.1 HRESULT', () => {
    const p = parseCertsrvPage(
      f.deniedPageReal(
        40,
        'Error Parsing Request  ASN1 bad tag value met. 0x8009310b (ASN: 267 CRYPT_E_ASN1_BADTAG)',
      ),
    );
    assert.equal(p.kind, 'denied');
    if (p.kind !== 'denied') return;
    assert.equal(p.reqId, 40);
    assert.equal(p.hresult, 0x8009310b);
    assert.match(p.dispositionMessage ?? '', /^Error Parsing Request ASN1 bad tag value met\./);
    assert.equal(describeHresult(0x8009310b).code, 'CA_REQUEST_MALFORMED');
  });

  it('real error form: "(never set)", "(none)", WIN32 and ASN codes, in English and French', () => {
    for (const page of [f.submitRaisedPage(), f.submitRaisedPageFrench()]) {
      const p = parseCertsrvPage(page);
      assert.equal(p.kind, 'error');
      if (p.kind !== 'error') return;
      assert.equal(p.disposition, undefined, '(never set) is no disposition');
      assert.equal(p.dispositionMessage, undefined, '(none) is no message');
      assert.equal(p.hresult, 0x8007000d);
      assert.match(p.result ?? '', /0x8007000d \(WIN32: 13 ERROR_INVALID_DATA\)$/);
    }
    const unknown = parseCertsrvPage(f.unknownReqIdPage());
    assert.equal(unknown.kind === 'error' && unknown.disposition, undefined);
    assert.equal(unknown.kind === 'error' && unknown.dispositionMessage, undefined);
    assert.equal(unknown.kind === 'error' && unknown.hresult, 0x80094004);
    // success "0x0 (WIN32: 0)" is no failure code; the officer's denial code is in LastStatus
    const pending = parseCertsrvPage(f.takenUnderSubmissionPage());
    assert.equal(pending.kind === 'error' && pending.hresult, undefined);
    assert.equal(pending.kind === 'error' && pending.dispositionMessage, 'Taken Under Submission');
    const officer = parseCertsrvPage(f.officerDeniedViaCertnewPage());
    assert.equal(officer.kind === 'error' && officer.disposition, 2);
    assert.equal(officer.kind === 'error' && officer.hresult, 0x80094014);
    assert.equal(officer.kind === 'error' && officer.dispositionMessage, 'Denied by CORP\\Administrator');
  });

  it('chkpnd pending page of the real form has no request id of its own', () => {
    assert.deepEqual(parseCertsrvPage(f.chkpndPendingPageReal(12)), { kind: 'pending', reqId: undefined });
  });

  it('garbage, truncated and foreign pages are unrecognised, never a crash', () => {
    for (const page of [
      '',
      '\u0000\u0001garbage',
      '<html><body>Welcome to nginx!</body></html>',
      f.issuedPageAnchors(5).slice(0, 120),
      f.iis401Page,
      '<P ID=locInfoReqID',
      '<'.repeat(100000),
    ])
      assert.equal(parseCertsrvPage(page).kind, page === '<P ID=locInfoReqID' ? 'pending' : 'unrecognised');
  });

  it('certcarc.asp nRenewals', () => {
    assert.equal(parseRenewalCount(f.certcarcPage(2)), 2);
    assert.equal(parseRenewalCount('<html></html>'), undefined);
  });
});

describe('HRESULT table', () => {
  const factSheet = [
    0x80094012, 0x80094011, 0x80094800, 0x80094801, 0x80094802, 0x80094806, 0x80094808, 0x80094809,
    0x8009480a, 0x8009480b, 0x8009480c, 0x8009480d, 0x80094812, 0x80094811, 0x80094803, 0x8009480e,
    0x8009480f, 0x80094004, 0x80094002, 0x80094003, 0x80094014, 0x80070005, 0x8007000d, 0x80093005,
    0x800706ba, 0x80070547, 0x8009310b, 0x80070057,
  ];
  it('maps every HRESULT in the fact sheet to a stable code with meaning and resolution', () => {
    for (const h of factSheet) {
      const info = describeHresult(h);
      assert.notEqual(info.code, 'CA_HRESULT_UNKNOWN', info.hex);
      assert.match(info.code, /^CA_[A-Z_]+$/);
      assert.ok(info.meaning.length > 10 && info.resolution.length > 10);
    }
    for (const h of factSheet) assert.ok(knownHresults().includes(h));
    assert.equal(describeHresult(0x80094012).code, 'CA_TEMPLATE_DENIED');
    assert.match(describeHresult(0x80094012).resolution, /Enroll/);
    assert.equal(describeHresult(-2146877422).hex, '0x80094012');
  });
  it('an unknown HRESULT still gets a typed answer', () => {
    const info = describeHresult(0x8009ffff);
    assert.equal(info.code, 'CA_HRESULT_UNKNOWN');
    assert.equal(info.hex, '0x8009ffff');
  });
});
