import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CertsrvClient } from '../../core/ca/client.ts';
import { CaError } from '../../core/ca/errors.ts';
import { describeHresult, knownHresults, hresultHex } from '../../core/ca/hresult.ts';
import { FileRequestLedger, MemoryRequestLedger } from '../../core/ca/ledger.ts';
import { NodeHttpsTransport, type NodeTransportAuth } from '../../core/ca/node-transport.ts';
import { TransportError } from '../../core/ca/transport.ts';
import { buildCsr } from '../../core/pki/csr.ts';
import { nodeKeySigner } from '../../core/pki/node-signer.ts';
import { openssl, tempDir } from '../pki/openssl.ts';
import { issue, makeCa, type IssuedTestCert, type TestCa } from '../pki/test-ca.ts';
import { certificate, html, startFakeCertsrv, type FakeCertsrv } from './fake-certsrv.ts';
import * as f from './fixtures.ts';

const tmp = tempDir('ca-client-');
let webCa: TestCa;
let strangerCa: TestCa;
let serverCert: IssuedTestCert;
let issuedCert: IssuedTestCert;
let server: FakeCertsrv;
let csrDer: Uint8Array;

function pemKey(c: IssuedTestCert): string {
  return readFileSync(c.keyPath, 'utf8');
}

before(async () => {
  webCa = makeCa(tmp.path, 'Web Server CA');
  strangerCa = makeCa(tmp.path, 'Stranger CA');
  serverCert = issue(webCa, {
    id: 'server',
    subject: '/CN=localhost',
    extensions: ['subjectAltName = DNS:localhost,IP:127.0.0.1', 'extendedKeyUsage = serverAuth'],
  });
  issuedCert = issue(webCa, {
    id: 'issued',
    subject: '/CN=Jane Holder',
    extensions: ['extendedKeyUsage = clientAuth'],
  });
  server = await startFakeCertsrv({ certPem: serverCert.certPem, keyPem: pemKey(serverCert) });
  csrDer = (await buildCsr(nodeKeySigner(generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey)))
    .der;
});
after(async () => {
  await server?.close();
  tmp.remove();
});
beforeEach(() => {
  server.requests.length = 0;
});

function client(
  o: {
    ledger?: MemoryRequestLedger | FileRequestLedger;
    auth?: NodeTransportAuth;
    target?: FakeCertsrv;
    requestTimeoutMs?: number;
    submitTimeoutMs?: number;
    maxResponseBytes?: number;
    clockSkewThresholdMs?: number;
    caPem?: string;
  } = {},
) {
  const target = o.target ?? server;
  const transport = new NodeHttpsTransport({
    origin: target.origin,
    caCertificatesPem: [o.caPem ?? webCa.certPem],
    auth: o.auth ?? { kind: 'basic', username: 'CORP\\operator', password: 'not-a-real-secret' },
    connectTimeoutMs: 2000,
  });
  const c = new CertsrvClient({
    baseUrl: target.baseUrl,
    transport,
    ledger: o.ledger ?? new MemoryRequestLedger(),
    requestTimeoutMs: o.requestTimeoutMs ?? 5000,
    submitTimeoutMs: o.submitTimeoutMs ?? 5000,
    ...(o.maxResponseBytes ? { maxResponseBytes: o.maxResponseBytes } : {}),
    ...(o.clockSkewThresholdMs ? { clockSkewThresholdMs: o.clockSkewThresholdMs } : {}),
  });
  return { c, transport };
}

async function caError(p: Promise<unknown>, code: string): Promise<CaError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof CaError, `expected CaError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    return err;
  }
  assert.fail(`expected ${code}`);
}

const posts = (): number => server.requests.filter((r) => r.method === 'POST').length;

function routeIssued(reqId: number): void {
  server.route('POST', '/certsrv/certfnsh.asp', (_req, res) => html(res, f.issuedPageAnchors(reqId)));
  server.route('GET', '/certsrv/certnew.cer', (req, res) =>
    req.query.get('ReqID') === String(reqId)
      ? certificate(res, issuedCert.certDer)
      : html(res, f.unknownReqIdPage()),
  );
}

describe('certsrv client against a local HTTPS certsrv', () => {
  it('checks credentials: 200, Basic sent only over TLS, browser-like UA, ASP session cookie kept', async () => {
    server.route('GET', '/certsrv/', (_req, res) =>
      html(res, '<html>home</html>', {
        'Set-Cookie': 'ASPSESSIONIDQATRDCBS=KJHGFDSA; secure; path=/',
        Date: new Date().toUTCString(),
      }),
    );
    routeIssued(77);
    const { c, transport } = client();
    const check = await c.checkCredentials();
    assert.equal(check.ok, true);
    assert.equal(check.clockSkew, undefined);
    const home = server.requests[0];
    assert.equal(
      home?.headers.authorization,
      `Basic ${Buffer.from('CORP\\operator:not-a-real-secret').toString('base64')}`,
    );
    assert.match(home?.headers['user-agent'] ?? '', /^Mozilla\/5\.0 /);
    const outcome = await c.submit({ key: 'job-1', request: csrDer, template: 'SmartcardUser' });
    assert.equal(outcome.kind, 'issued');
    const post = server.requests.find((r) => r.method === 'POST');
    assert.equal(post?.headers.cookie, 'ASPSESSIONIDQATRDCBS=KJHGFDSA');
    // one kept-alive connection for the whole conversation (connection-bound auth)
    assert.deepEqual(new Set(server.requests.map((r) => r.connectionId)).size, 1);
    transport.close();
  });

  it('submits the documented form and returns the issued certificate (DER and PEM)', async () => {
    routeIssued(41);
    const ledger = new MemoryRequestLedger();
    const { c, transport } = client({ ledger });
    const outcome = await c.submit({
      key: 'job-2',
      request: csrDer,
      template: 'SmartcardUser',
      attributes: [['SAN', 'upn=jholder@corp.example']],
    });
    assert.equal(outcome.kind, 'issued');
    if (outcome.kind !== 'issued') return;
    assert.equal(outcome.reqId, 41);
    assert.deepEqual(outcome.certificate.der, issuedCert.certDer);
    assert.equal(outcome.certificate.pem.replace(/\s/g, ''), issuedCert.certPem.replace(/\s/g, ''));
    const form = server.requests.find((r) => r.method === 'POST')?.form;
    assert.equal(form?.get('Mode'), 'newreq');
    assert.deepEqual(new Uint8Array(Buffer.from(form?.get('CertRequest') ?? '', 'base64')), csrDer);
    assert.doesNotMatch(form?.get('CertRequest') ?? '', /BEGIN|\n/);
    assert.equal(
      form?.get('CertAttrib'),
      'CertificateTemplate:SmartcardUser\r\nSAN:upn=jholder@corp.example',
    );
    assert.equal(form?.get('TargetStoreFlags'), '0');
    assert.equal(form?.get('SaveCert'), 'yes');
    assert.equal(form?.get('ThumbPrint'), '');
    const fetch = server.requests.find((r) => r.path === '/certsrv/certnew.cer');
    assert.equal(fetch?.query.get('Enc'), 'bin');
    assert.equal((await ledger.get('job-2'))?.state, 'issued');
    assert.equal((await ledger.get('job-2'))?.reqId, 41);
    // the same job again re-checks by ReqID instead of posting a second request
    const again = await c.submit({ key: 'job-2', request: csrDer, template: 'SmartcardUser' });
    assert.equal(again.kind, 'issued');
    assert.equal(posts(), 1);
    // PEM download too
    const b64 = await c.fetchCertificate(41, 'b64');
    assert.deepEqual(b64.der, issuedCert.certDer);
    transport.close();
  });

  it('pending: ReqID recorded, resumed later until issued (certnew.cer and chkpnd)', async () => {
    server.route('POST', '/certsrv/certfnsh.asp', (req, res) =>
      req.form.get('Mode') === 'chkpnd'
        ? html(res, f.chkpndStillPendingPage(Number(req.form.get('ReqID'))))
        : html(res, f.pendingPageFrench(25)),
    );
    server.route('GET', '/certsrv/certnew.cer', (_req, res) => html(res, f.takenUnderSubmissionPage()));
    const ledger = new FileRequestLedger(join(tmp.path, 'ledger', 'requests.json'));
    const { c, transport } = client({ ledger });
    const outcome = await c.submit({ key: 'job-3', request: csrDer, template: 'SmartcardUser' });
    assert.deepEqual(outcome, { kind: 'pending', reqId: 25 });
    assert.equal(
      (await new FileRequestLedger(join(tmp.path, 'ledger', 'requests.json')).get('job-3'))?.reqId,
      25,
    );
    assert.deepEqual(await c.recheck(25, { key: 'job-3', via: 'chkpnd' }), { kind: 'pending', reqId: 25 });
    assert.deepEqual(
      (await c.resumePending()).map((r) => [r.key, r.outcome.kind]),
      [['job-3', 'pending']],
    );
    // the administrator approves
    server.route('GET', '/certsrv/certnew.cer', (_req, res) => certificate(res, issuedCert.certDer));
    const resumed = await c.resumePending();
    assert.equal(resumed[0]?.outcome.kind, 'issued');
    assert.equal((await ledger.get('job-3'))?.state, 'issued');
    assert.equal(posts(), 2, 'one newreq and one chkpnd, never a second newreq');
    transport.close();
  });

  it('denied: every documented HRESULT becomes its stable code', async () => {
    const { c, transport } = client();
    for (const h of knownHresults()) {
      server.route('POST', '/certsrv/certfnsh.asp', (_req, res) =>
        html(res, f.deniedPage(90, hresultHex(h), 'policy says no')),
      );
      const outcome = await c.submit({ key: `deny-${h}`, request: csrDer, template: 'SmartcardUser' });
      assert.equal(outcome.kind, 'denied');
      if (outcome.kind !== 'denied') return;
      assert.equal(outcome.hresult?.code, describeHresult(h).code);
      assert.equal(outcome.hresult?.hresult, h);
    }
    server.route('POST', '/certsrv/certfnsh.asp', (_req, res) => html(res, f.parsingErrorPage()));
    const failed = await c.submit({ key: 'parse-error', request: csrDer, template: 'SmartcardUser' });
    assert.equal(failed.kind, 'failed');
    assert.equal(failed.kind === 'failed' && failed.disposition, 1);
    assert.equal(failed.kind === 'failed' && failed.hresult?.hex, '0x8009310b');
    transport.close();
  });

  it('unrecognised page: outcome unknown with the page kept; no blind resubmission', async () => {
    server.route('POST', '/certsrv/certfnsh.asp', (_req, res) =>
      html(res, '<html><body>Proxy says hello</body></html>'),
    );
    const ledger = new MemoryRequestLedger();
    const { c, transport } = client({ ledger });
    const first = await c.submit({ key: 'job-4', request: csrDer, template: 'SmartcardUser' });
    assert.equal(first.kind, 'outcome-unknown');
    if (first.kind !== 'outcome-unknown') return;
    assert.equal(first.error?.code, 'CA_UNRECOGNISED_PAGE');
    assert.match(first.error?.pageExcerpt ?? '', /Proxy says hello/);
    assert.equal((await ledger.get('job-4'))?.state, 'unknown');
    const retry = await c.submit({ key: 'job-4', request: csrDer, template: 'SmartcardUser' });
    assert.equal(retry.kind, 'outcome-unknown');
    assert.equal(posts(), 1, 'the retry did not POST');
    routeIssued(55);
    const confirmed = await c.submit({
      key: 'job-4',
      request: csrDer,
      template: 'SmartcardUser',
      confirmedNotReceived: true,
    });
    assert.equal(confirmed.kind, 'issued');
    assert.equal(posts(), 2);
    transport.close();
  });

  it('truncated and wrong-type answers', async () => {
    server.route('POST', '/certsrv/certfnsh.asp', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': '5000' });
      res.write(f.issuedPageAnchors(9).slice(0, 60));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const { c, transport } = client();
    const cut = await c.submit({ key: 'job-5', request: csrDer, template: 'SmartcardUser' });
    assert.equal(cut.kind, 'outcome-unknown');
    assert.equal(cut.kind === 'outcome-unknown' && cut.error?.code, 'CA_NETWORK');

    server.route('POST', '/certsrv/certfnsh.asp', (_req, res) =>
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"issued":true}'),
    );
    const json = await c.submit({ key: 'job-6', request: csrDer, template: 'SmartcardUser' });
    assert.equal(json.kind === 'outcome-unknown' && json.error?.code, 'CA_BAD_CONTENT_TYPE');

    // issued page, but certnew.cer answers with HTML / with a non-certificate: the CA holds the
    // request, so submit() must not throw (a throw means "not sent" to its callers)
    server.route('POST', '/certsrv/certfnsh.asp', (_req, res) => html(res, f.issuedPageScript(12)));
    server.route('GET', '/certsrv/certnew.cer', (_req, res) => html(res, f.unknownReqIdPage()));
    const lost = await c.submit({ key: 'job-7', request: csrDer, template: 'SmartcardUser' });
    assert.equal(lost.kind, 'outcome-unknown');
    assert.equal(lost.kind === 'outcome-unknown' && lost.error?.code, 'CA_BAD_CONTENT_TYPE');
    assert.match(lost.kind === 'outcome-unknown' ? lost.reason : '', /request 12 \(issued\)/);
    server.route('GET', '/certsrv/certnew.cer', (_req, res) =>
      res
        .writeHead(200, { 'Content-Type': 'application/pkix-cert' })
        .end(Buffer.from([0x30, 0x03, 0x01, 0x01])),
    );
    await caError(c.fetchCertificate(12), 'CA_BAD_CERTIFICATE');
    server.route('GET', '/certsrv/certnew.cer', (_req, res) => html(res, f.unknownReqIdPage()));
    await caError(c.recheck(999), 'CA_REQUEST_UNKNOWN');
    transport.close();
  });

  it('huge responses are cut off', async () => {
    server.route('GET', '/certsrv/', (_req, res) => html(res, 'x'.repeat(3 * 1024 * 1024)));
    const { c, transport } = client({ maxResponseBytes: 1024 * 1024 });
    await caError(c.checkCredentials(), 'CA_RESPONSE_TOO_LARGE');
    server.route('GET', '/certsrv/', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' }); // chunked, no length announced
      const chunk = 'y'.repeat(64 * 1024);
      let sent = 0;
      const pump = (): void => {
        while (sent < 40 && res.write(chunk)) sent++;
        if (sent < 40) res.once('drain', pump);
        else res.end();
      };
      pump();
    });
    await caError(c.checkCredentials(), 'CA_RESPONSE_TOO_LARGE');
    transport.close();
  });

  it('a stalling server times out; a stalled submit is "outcome unknown"', async () => {
    server.route('GET', '/certsrv/', () => undefined);
    server.route('POST', '/certsrv/certfnsh.asp', () => undefined);
    const { c, transport } = client({ requestTimeoutMs: 300, submitTimeoutMs: 500 });
    const t0 = Date.now();
    await caError(c.checkCredentials(), 'CA_TIMEOUT');
    assert.ok(Date.now() - t0 < 2000);
    transport.close();
    const second = client({ requestTimeoutMs: 300, submitTimeoutMs: 500 });
    const outcome = await second.c.submit({ key: 'job-8', request: csrDer, template: 'SmartcardUser' });
    assert.equal(outcome.kind, 'outcome-unknown');
    assert.equal(outcome.kind === 'outcome-unknown' && outcome.error?.code, 'CA_TIMEOUT');
    assert.match(outcome.kind === 'outcome-unknown' ? outcome.resolution : '', /CA console/);
    second.transport.close();
  });

  it('refuses http:// and redirects off the https origin', async () => {
    assert.throws(
      () =>
        new CertsrvClient({
          baseUrl: server.baseUrl.replace('https:', 'http:'),
          transport: client().transport,
        }),
      (e: unknown) => e instanceof CaError && e.code === 'CA_URL_REFUSED',
    );
    assert.throws(
      () =>
        new NodeHttpsTransport({
          origin: server.origin.replace('https:', 'http:'),
          caCertificatesPem: [webCa.certPem],
        }),
      TransportError,
    );
    const { c, transport } = client();
    for (const location of [
      server.origin.replace('https:', 'http:') + '/certsrv/',
      'https://evil.example/certsrv/',
    ]) {
      server.route('GET', '/certsrv/', (_req, res) => res.writeHead(302, { Location: location }).end());
      await caError(c.checkCredentials(), 'CA_REDIRECT_REFUSED');
    }
    server.route('GET', '/certsrv/', (_req, res) =>
      res.writeHead(302, { Location: '/certsrv/default.asp' }).end(),
    );
    server.route('GET', '/certsrv/default.asp', (_req, res) => html(res, '<html>home</html>'));
    assert.equal((await c.checkCredentials()).ok, true);
    // the transport itself refuses another origin even if asked directly
    await assert.rejects(
      transport.request({
        method: 'GET',
        url: 'https://example.com/',
        headers: {},
        timeoutMs: 1000,
        maxBytes: 10,
      }),
      (e: unknown) => e instanceof TransportError && e.failure === 'refused-url',
    );
    transport.close();
  });

  it('401 and 403 are typed auth/config errors; a 401 on submit is "not sent"', async () => {
    server.route('GET', '/certsrv/', (_req, res) => {
      res.setHeader('WWW-Authenticate', ['Negotiate', 'NTLM']);
      res.writeHead(401, { 'Content-Type': 'text/html' }).end(f.iis401Page);
    });
    const ledger = new MemoryRequestLedger();
    const { c, transport } = client({ ledger });
    const e = await caError(c.checkCredentials(), 'CA_AUTH_FAILED');
    assert.match(e.message, /Negotiate, NTLM/);
    assert.equal(e.status, 401);
    server.route('POST', '/certsrv/certfnsh.asp', (_req, res) => res.writeHead(401).end());
    await caError(c.submit({ key: 'job-9', request: csrDer, template: 'SmartcardUser' }), 'CA_AUTH_FAILED');
    assert.equal((await ledger.get('job-9'))?.state, 'not-sent');
    server.route('GET', '/certsrv/', (_req, res) =>
      res.writeHead(403, { 'Content-Type': 'text/html' }).end('403.7'),
    );
    await caError(c.checkCredentials(), 'CA_FORBIDDEN');
    transport.close();
  });

  it('reports clock skew from the Date header above the threshold', async () => {
    const seen: number[] = [];
    server.route('GET', '/certsrv/', (_req, res) =>
      html(res, '<html>home</html>', { Date: new Date(Date.now() + 10 * 60_000).toUTCString() }),
    );
    const transport = new NodeHttpsTransport({ origin: server.origin, caCertificatesPem: [webCa.certPem] });
    const c = new CertsrvClient({
      baseUrl: server.baseUrl,
      transport,
      onClockSkew: (f) => seen.push(f.skewMs),
    });
    const check = await c.checkCredentials();
    assert.equal(check.clockSkew?.code, 'CLOCK_SKEW');
    assert.ok(Math.abs((check.clockSkew?.skewMs ?? 0) - 600_000) < 3000);
    assert.equal(seen.length, 1);
    const lenient = client({ clockSkewThresholdMs: 15 * 60_000 });
    assert.equal((await lenient.c.checkCredentials()).clockSkew, undefined);
    transport.close();
    lenient.transport.close();
  });

  it('CA certificates by renewal index and the issued chain (PKCS#7)', async () => {
    const renewed = makeCa(tmp.path, 'Web Server CA renewed');
    const p7b = openssl([
      'crl2pkcs7',
      '-nocrl',
      '-certfile',
      issuedCert.certPath,
      '-certfile',
      webCa.certPath,
      '-outform',
      'PEM',
    ]);
    const p7bDer = Buffer.from(p7b.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    server.route('GET', '/certsrv/certcarc.asp', (_req, res) => html(res, f.certcarcPage(1)));
    server.route('GET', '/certsrv/certnew.cer', (req, res) =>
      certificate(res, req.query.get('Renewal') === '1' ? renewed.certDer : webCa.certDer),
    );
    server.route('GET', '/certsrv/certnew.p7b', (_req, res) =>
      res.writeHead(200, { 'Content-Type': 'application/x-pkcs7-certificates' }).end(p7bDer),
    );
    const { c, transport } = client();
    assert.equal(await c.caRenewalCount(), 1);
    assert.deepEqual(await c.caCertificates(), [renewed.certDer, webCa.certDer]);
    const chain = await c.fetchChain(41);
    assert.equal(chain.length, 2);
    assert.ok(chain.some((d) => Buffer.from(d).equals(Buffer.from(issuedCert.certDer))));
    transport.close();
  });
});

describe('TLS', () => {
  it('a server certificate from another CA is refused, and a submit then counts as not sent', async () => {
    const rogueCert = issue(strangerCa, {
      id: 'rogue',
      subject: '/CN=localhost',
      extensions: ['subjectAltName = DNS:localhost,IP:127.0.0.1', 'extendedKeyUsage = serverAuth'],
    });
    const rogue = await startFakeCertsrv({ certPem: rogueCert.certPem, keyPem: pemKey(rogueCert) });
    try {
      rogue.route('GET', '/certsrv/', (_req, res) => html(res, 'home'));
      const ledger = new MemoryRequestLedger();
      const { c, transport } = client({ target: rogue, ledger });
      await caError(c.checkCredentials(), 'CA_TLS_UNTRUSTED');
      await caError(
        c.submit({ key: 'job-10', request: csrDer, template: 'SmartcardUser' }),
        'CA_TLS_UNTRUSTED',
      );
      assert.equal((await ledger.get('job-10'))?.state, 'not-sent');
      assert.equal(rogue.requests.length, 0, 'no request (no credentials) reached the rogue server');
      transport.close();
    } finally {
      await rogue.close();
    }
  });

  it('a certificate for another host name is refused', async () => {
    const wrongName = issue(webCa, {
      id: 'wrongname',
      subject: '/CN=ca.corp.example',
      extensions: ['subjectAltName = DNS:ca.corp.example', 'extendedKeyUsage = serverAuth'],
    });
    const s = await startFakeCertsrv({ certPem: wrongName.certPem, keyPem: pemKey(wrongName) });
    try {
      const { c, transport } = client({ target: s });
      await caError(c.checkCredentials(), 'CA_TLS_UNTRUSTED');
      transport.close();
    } finally {
      await s.close();
    }
  });

  it('TLS client-certificate authentication', async () => {
    const clientCa = makeCa(tmp.path, 'Client Auth CA');
    const operator = issue(clientCa, {
      id: 'operator',
      subject: '/CN=operator-cert',
      extensions: ['extendedKeyUsage = clientAuth'],
    });
    const s = await startFakeCertsrv({
      certPem: serverCert.certPem,
      keyPem: pemKey(serverCert),
      clientCaPem: clientCa.certPem,
    });
    try {
      s.route('GET', '/certsrv/', (req, res) =>
        req.peerCertificateSubject
          ? html(res, 'home')
          : res.writeHead(403, { 'Content-Type': 'text/html' }).end('403.7'),
      );
      const withCert = client({
        target: s,
        auth: {
          kind: 'client-certificate',
          certificatePem: operator.certPem,
          privateKeyPem: pemKey(operator),
        },
      });
      assert.equal((await withCert.c.checkCredentials()).ok, true);
      assert.equal(s.requests[0]?.peerCertificateSubject, 'operator-cert');
      assert.equal(s.requests[0]?.headers.authorization, undefined);
      withCert.transport.close();
      const without = client({ target: s, auth: { kind: 'none' } });
      await caError(without.c.checkCredentials(), 'CA_FORBIDDEN');
      without.transport.close();
    } finally {
      await s.close();
    }
  });
});

describe('file ledger', () => {
  it('survives a new instance, is private to the user, and serialises writers', async () => {
    const path = join(tmp.path, 'ledger2', 'requests.json');
    const a = new FileRequestLedger(path);
    const base = {
      caUrl: 'https://ca/certsrv/',
      template: 'SmartcardUser',
      requestSha256: 'ab',
      createdAt: 'x',
      updatedAt: 'x',
    };
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => a.put({ ...base, key: `k${i}`, state: 'intent' })),
    );
    await a.put({ ...base, key: 'k3', state: 'pending', reqId: 3 });
    const b = new FileRequestLedger(path);
    assert.equal((await b.list()).length, 20);
    assert.deepEqual(await b.get('k3'), { ...base, key: 'k3', state: 'pending', reqId: 3 });
    assert.equal(statSync(path).mode & 0o777, 0o600);
  });
});
