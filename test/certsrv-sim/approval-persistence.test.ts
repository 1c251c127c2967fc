// CA manager approval through the CLI, and a restart that keeps pending and issued requests.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Lab, dispositionOf, hresultOf, pageTitle, reqIdOf, run } from './helpers.ts';

const CLI = new URL('../../sim/certsrv/main.ts', import.meta.url).pathname;

async function cli(...args: string[]): Promise<string> {
  const r = await run(process.execPath, ['--disable-warning=ExperimentalWarning', CLI, ...args]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout.toString();
}

describe('certsrv sim: approval and persistence', () => {
  const lab = new Lab();
  let csr = '';

  before(async () => {
    await lab.start({ approvalMode: ['SmartcardUser'] });
    csr = await lab.csr(await lab.key('card'));
  });
  after(() => lab.cleanup());

  it('pends, then issues after approve and answers 0x80094014 after deny', async () => {
    const alice = lab.as('CORP\\alice');
    const jar = lab.file('cookies.txt', '');
    const first = await lab.submit(alice, csr, 'CertificateTemplate:SmartcardUser');
    assert.equal(pageTitle(first.text), 'Certificate Pending');
    assert.match(first.text, /ID=locInfoNewReq>/);
    const a = reqIdOf(first.text);
    // other templates are not held
    const logon = await lab.submit(alice, csr, 'CertificateTemplate:SmartcardLogon');
    assert.equal(pageTitle(logon.text), 'Certificate Issued');

    const pendingDl = await lab.curl(`certnew.cer?ReqID=${a}&Enc=b64`, alice);
    assert.match(pendingDl.contentType, /^text\/html/);
    assert.equal(dispositionOf(pendingDl.text), 5);
    assert.match(pendingDl.text, /Taken Under Submission/);
    const chk = await lab.curl('certfnsh.asp', alice, {
      form: { Mode: 'chkpnd', ReqID: String(a) },
      cookieJar: jar,
    });
    assert.match(chk.text, /ID=locInfoChkPnd>/);

    assert.match(await cli('list', '--state', lab.state), new RegExp(`^${a}\\tpending\\tCORP\\\\alice`, 'm'));
    assert.match(await cli('approve', '--state', lab.state, String(a)), /issued/);
    const issued = await lab.curl('certfnsh.asp', alice, { form: { Mode: 'chkpnd', ReqID: String(a) } });
    assert.equal(pageTitle(issued.text), 'Certificate Issued');
    const pem = await lab.curl(`certnew.cer?ReqID=${a}&Enc=b64`, alice);
    assert.equal(pem.contentType, 'application/pkix-cert');
    assert.match(await lab.verify(pem.text), /: OK/);

    const second = await lab.submit(alice, csr, 'CertificateTemplate:SmartcardUser');
    const b = reqIdOf(second.text);
    await cli('deny', '--state', lab.state, String(b));
    const denied = await lab.curl('certfnsh.asp', alice, { form: { Mode: 'chkpnd', ReqID: String(b) } });
    assert.match(denied.text, /ID=locDenied>/);
    assert.match(denied.text, /Denied by CORP\\Administrator/);
    const dl = await lab.curl(`certnew.cer?ReqID=${b}&Enc=b64`, alice);
    assert.equal(dispositionOf(dl.text), 2);
    assert.equal(hresultOf(dl.text), '0x80094014');

    // certckpn.asp lists the pending requests kept in the browser cookie
    const third = await lab.curl('certfnsh.asp', alice, {
      cookieJar: jar,
      form: { Mode: 'newreq', CertRequest: csr, CertAttrib: 'CertificateTemplate:SmartcardUser' },
    });
    const c = reqIdOf(third.text);
    const list = await lab.curl('certckpn.asp', alice, { cookieJar: jar });
    assert.match(list.text, new RegExp(`Name=ReqID Value="${c}"`));
  });

  it('keeps pending requests, issued certificates and the CA across a restart', async () => {
    const alice = lab.as('CORP\\alice');
    const pending = reqIdOf((await lab.submit(alice, csr, 'CertificateTemplate:SmartcardUser')).text);
    const issuedId = reqIdOf((await lab.submit(alice, csr, 'CertificateTemplate:SmartcardLogon')).text);
    const before = (await lab.curl(`certnew.cer?ReqID=${issuedId}&Enc=b64`, alice)).text;
    const caBefore = lab.sim.caCertPem;
    const oldUrl = lab.sim.url;
    await lab.sim.stop();
    await lab.start({ approvalMode: ['SmartcardUser'] });
    assert.notEqual(lab.sim.url, oldUrl);
    assert.equal(lab.sim.caCertPem, caBefore);
    assert.equal((await lab.curl(`certnew.cer?ReqID=${issuedId}&Enc=b64`, alice)).text, before);
    const chk = await lab.curl('certfnsh.asp', alice, { form: { Mode: 'chkpnd', ReqID: String(pending) } });
    assert.equal(pageTitle(chk.text), 'Certificate Pending');
    lab.sim.approve(pending);
    const pem = await lab.curl(`certnew.cer?ReqID=${pending}&Enc=b64`, alice);
    assert.equal(pem.contentType, 'application/pkix-cert');
    // new ids continue after the persisted ones
    const next = reqIdOf((await lab.submit(alice, csr, 'CertificateTemplate:SmartcardLogon')).text);
    assert.ok(next > pending);
  });
});
