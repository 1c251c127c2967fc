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
    0x800706ba, 0x80070547,
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
