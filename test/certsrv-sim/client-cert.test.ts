// TLS client-certificate authentication on the sim's certificate-required listener.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Lab, pageTitle, reqIdOf } from './helpers.ts';

describe('certsrv sim: client certificate authentication', () => {
  const lab = new Lab();
  before(() => lab.start());
  after(() => lab.cleanup());

  it('maps the certificate UPN to the directory user and enrolls as that user', async () => {
    const c = lab.sim.issueClientCertificate('CORP\\alice');
    const auth = { cert: lab.file('alice.crt', c.certPem), key: lab.file('alice.key', c.keyPem) };
    const base = lab.sim.clientCertUrl;
    assert.ok(base);
    const home = await lab.curl('', auth, { base });
    assert.equal(home.status, 200);
    const csr = await lab.csr(await lab.key('card'));
    const r = await lab.submit(auth, csr, 'CertificateTemplate:SmartcardUser', { base });
    assert.equal(pageTitle(r.text), 'Certificate Issued');
    assert.equal(lab.sim.get(reqIdOf(r.text))?.caller, 'CORP\\alice');
  });

  it('refuses connections without a certificate and revoked certificates', async () => {
    const base = lab.sim.clientCertUrl;
    const none = await lab.curl('', {}, { base });
    assert.notEqual(none.curlExit, 0);
    assert.equal(none.status, 0);
    const c = lab.sim.issueClientCertificate('CORP\\dave');
    lab.sim.revoke(c.reqId);
    const auth = { cert: lab.file('dave.crt', c.certPem), key: lab.file('dave.key', c.keyPem) };
    const r = await lab.curl('', auth, { base });
    assert.equal(r.status, 403);
    // the password listener does not ask for certificates: no credentials means 401
    assert.equal((await lab.curl('', auth)).status, 401);
  });
});
