// Interoperability of the demo CA with independent clients from Debian, so that a regression in
// page form shows up here first:
// - curl driving the pages as a browser does: following the links from the home page, sending
//   the hidden fields of the forms it is given, the Requests cookie, and the URLs the pages'
//   scripts build (certrsis.asp's getEncoding(), certcarc.asp's getChosenRenewal());
// - Python requests + requests_ntlm (NTLM with channel binding) parsing the pages with the
//   regular expressions public certsrv clients use (certsrv_client.py).
// openssl judges every certificate that comes back.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { Lab, openssl, run } from '../certsrv-sim/helpers.ts';

const PYTHON = '/usr/bin/python3';
const PY_CLIENT = new URL('./certsrv_client.py', import.meta.url).pathname;

/** The fields a browser would submit for the form named `name` (hidden inputs with values). */
function formFields(html: string, name: string): { action: string; fields: Record<string, string> } {
  const form = new RegExp(`<Form Name=${name} Action="([^"]+)"[^>]*>([\\s\\S]*?)</Form>`, 'i').exec(html);
  assert.ok(form, `form ${name}`);
  const fields: Record<string, string> = {};
  for (const m of (form[2] ?? '').matchAll(/<Input Type=Hidden Name=(\w+) Value="([^"]*)">/gi))
    fields[m[1] ?? ''] = m[2] ?? '';
  return { action: form[1] ?? '', fields };
}

function link(html: string, pattern: RegExp): string {
  const m = pattern.exec(html);
  assert.ok(m?.[1], `link ${pattern}`);
  return m[1];
}

describe('interop: curl as a browser', () => {
  const lab = new Lab();
  let csr = '';
  const ua = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

  before(async () => {
    await lab.start({ approvalMode: ['SmartcardUser'] });
    csr = await lab.csr(await lab.key('browser'));
  });
  after(() => lab.cleanup());

  it('home → request → advanced form → issued page → the certificate its script links to', async () => {
    const jar = lab.file('jar.txt', '');
    const get = (path: string) => lab.curl(path, lab.as('CORP\\alice'), { cookieJar: jar, userAgent: ua });
    const home = await get('');
    assert.match(home.headers, /^Set-Cookie: ASPSESSIONID[A-Z]{8}=/im);
    const types = await get(link(home.text, /<A Href="([^"]+)" ID=locRequestCert>/));
    const advanced = await get(link(types.text, /<A Href="(certrqxt\.asp)">/));
    const { action, fields } = formFields(advanced.text, 'SubmittedData');
    const option = /<Option Value="([^"]*)">Smartcard Logon<\/Option>/.exec(advanced.text)?.[1] ?? '';
    const cn = option.split(';')[1];
    assert.equal(cn, 'SmartcardLogon');
    // the page's script puts the chosen template into CertAttrib before it submits
    const issued = await lab.curl(action, lab.as('CORP\\alice'), {
      cookieJar: jar,
      userAgent: ua,
      form: { ...fields, CertRequest: csr, CertAttrib: `CertificateTemplate:${cn}\r\n` },
    });
    assert.match(issued.text, /<P ID=locPageTitle> <B> Certificate Issued <\/B>/);
    // certrsis.asp's handleGetCert(): location="certnew.cer?ReqID=N&"+getEncoding(), DER checked
    const target = link(issued.text, /location="(certnew\.cer\?ReqID=\d+&)"\+getEncoding\(\);/);
    assert.match(issued.text, /ID=rbDerEnc Name=rbEncoding Checked/);
    const der = await get(`${target}Enc=bin`);
    assert.equal(der.contentType, 'application/pkix-cert');
    const pem = await openssl(['x509', '-inform', 'DER', '-in', lab.file('leaf.der', der.body)]);
    assert.match(await lab.verify(pem), /: OK/);
    assert.match(await lab.x509Text(pem), /Microsoft Smartcard Login/);
  });

  it('pending: the Requests cookie drives certckpn.asp, whose form re-checks until issued', async () => {
    const jar = lab.file('jar2.txt', '');
    const post = (form: Record<string, string>) =>
      lab.curl('certfnsh.asp', lab.as('CORP\\alice'), { cookieJar: jar, userAgent: ua, form });
    const pending = await post({
      Mode: 'newreq',
      CertRequest: csr,
      CertAttrib: 'CertificateTemplate:SmartcardUser',
      FriendlyType: 'Saved-Request Certificate',
      TargetStoreFlags: '0',
      SaveCert: 'yes',
    });
    assert.match(pending.text, /<P ID=locPageTitle> <B> Certificate Pending <\/B>/);
    const list = await lab.curl('certckpn.asp', lab.as('CORP\\alice'), { cookieJar: jar, userAgent: ua });
    const { fields } = formFields(list.text, 'SubmittedData');
    assert.equal(fields['Mode'], 'chkpnd');
    const id = Number(fields['ReqID']);
    assert.ok(id > 0);
    const still = await post(fields);
    assert.match(still.text, /ID=locInfoChkPnd>/);
    lab.sim.approve(id);
    const done = await post(fields);
    assert.match(done.text, /Certificate Issued/);
    const dl = await lab.curl(`certnew.cer?ReqID=${id}&Enc=b64`, lab.as('CORP\\alice'), {
      cookieJar: jar,
      userAgent: ua,
    });
    assert.match(await lab.verify(dl.text), /: OK/);
    // certnew.cer dropped the request from the browser's list
    assert.match(
      (await lab.curl('certckpn.asp', lab.as('CORP\\alice'), { cookieJar: jar })).text,
      /ID=locNoPend>/,
    );
  });

  it('certcarc.asp: the URL its getChosenRenewal() builds for each listed CA certificate', async () => {
    lab.sim.renewCa();
    const carc = await lab.curl('certcarc.asp', lab.as('CORP\\alice'), { userAgent: ua });
    const n = Number(/var nRenewals=(\d+);/.exec(carc.text)?.[1]);
    assert.equal(n, 1);
    const values = [...carc.text.matchAll(/<Option Value="(\d+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual(values, [0, 1]);
    const bundle = lab.sim.caBundlePem.replace(/\r/g, '');
    for (const v of values) {
      const r = await lab.curl(`certnew.cer?ReqID=CACert&Renewal=${n - v}&Enc=b64`, lab.as('CORP\\alice'));
      assert.equal(r.contentType, 'application/pkix-cert');
      assert.ok(bundle.includes(r.text.replace(/\r/g, '')), `renewal ${n - v}`);
    }
  });
});

describe("interop: Python requests + requests_ntlm with the public clients' regular expressions", () => {
  const lab = new Lab();

  before(async () => {
    await lab.start({
      approvalMode: ['SmartcardUser'],
      challenges: ['Negotiate', 'NTLM'],
      extendedProtection: 'required',
    });
  });
  after(() => lab.cleanup());

  it('issues, denies, pends and serves the CA like AD CS to certsrv_client.py', async (t) => {
    const ready = await run(PYTHON, ['-c', 'import requests, requests_ntlm, cryptography']);
    if (ready.code !== 0) {
      t.skip('python3-requests-ntlm is not installed');
      return;
    }
    const csr = await lab.csr(await lab.key('py'));
    const input = JSON.stringify({
      url: lab.sim.url,
      ca_bundle: lab.sim.caBundleFile,
      user: 'CORP\\alice',
      password: lab.password('CORP\\alice'),
      csr,
      template: 'SmartcardLogon',
      approval_template: 'SmartcardUser',
      denied_template: 'WebServer',
    });
    const out = await new Promise<string>((resolve, reject) => {
      const p = execFile(PYTHON, [PY_CLIENT], { timeout: 120_000 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      );
      p.stdin?.end(input);
    });
    const r = JSON.parse(out) as Record<string, unknown>;
    assert.equal(r['home_status'], 200);
    assert.equal(r['bad_password_status'], 401);
    assert.equal(r['bad_password_reason'], 'Unauthorized');
    assert.ok(typeof r['issued_id'] === 'number');
    assert.equal(r['pem_content_type'], 'application/pkix-cert');
    assert.match(await lab.verify(String(r['pem'])), /: OK/);
    assert.equal(r['der_first_byte'], 0x30);
    assert.equal(r['upper_enc_is_pem'], true);
    assert.match(
      String(r['denied_message']),
      /^Denied by Policy Module {2}0x80094800, The request was for a certificate template that is not supported by the Active Directory Certificate Services policy: WebServer\.$/,
    );
    assert.match(String(r['parse_error_message']), /^Error Parsing Request/);
    assert.ok(typeof r['pending_id'] === 'number');
    assert.equal(r['pending_title'], true);
    assert.match(String(r['pending_content_type']), /^text\/html/);
    assert.equal(r['pending_disposition_message'], 'Taken Under Submission');
    assert.equal(r['pending_last_status'], 'The operation completed successfully. 0x0 (WIN32: 0)');
    assert.equal(r['pending_is_taken_under_submission'], true);
    assert.match(String(r['missing_content_type']), /^text\/html/);
    assert.match(String(r['missing_last_status']), /0x80094004 \(-2146877436 CERTSRV_E_PROPERTY_EMPTY\)/);
    assert.equal(r['renewals'], 0);
    assert.equal(r['ca_content_type'], 'application/pkix-cert');
    assert.equal(String(r['ca_pem']).replace(/\r/g, ''), lab.sim.caCertPem.replace(/\r/g, ''));
    assert.equal(r['chain_content_type'], 'application/x-pkcs7-certificates');
    assert.equal(r['chain_is_pem'], true);
    // the NTLM logon carried a channel binding that matched (Extended Protection "required")
    assert.equal(lab.sim.lastAuthFailure, 'NTLM: wrong password', lab.sim.lastAuthFailure);
  });
});
