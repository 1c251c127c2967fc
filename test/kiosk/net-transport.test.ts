// FetchTransport (electron/net-transport.ts) — the certsrv client's transport over Electron's
// net.fetch — driven here by Node's own fetch against a local HTTPS server whose certificate
// openssl issued from a throwaway CA. TLS verification stays on: the trusted case trusts that CA
// through an undici dispatcher; every other case uses fetch's default trust and must fail.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Agent } from 'undici';
import { TransportError, type HttpRequest } from '../../core/ca/transport.ts';
import { FetchTransport, type FetchFunction } from '../../electron/net-transport.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-net-'));
const file = (name: string) => path.join(dir, name);
function openssl(...args: string[]): void {
  execFileSync('openssl', args, { stdio: 'ignore' });
}
function issue(name: string, san: string): void {
  openssl(
    'req',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    file(`${name}.key`),
    '-out',
    file(`${name}.csr`),
    '-subj',
    `/CN=${name}`,
  );
  writeFileSync(file(`${name}.ext`), `subjectAltName=${san}\n`);
  openssl(
    'x509',
    '-req',
    '-in',
    file(`${name}.csr`),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-out',
    file(`${name}.pem`),
    '-days',
    '2',
    '-extfile',
    file(`${name}.ext`),
  );
}

let server: Server;
let wrongName: Server;
let origin: string;
let wrongOrigin: string;
let agent: Agent;
let trusted: FetchFunction;
const posted: string[] = [];

function listen(s: Server): Promise<number> {
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)));
}

before(async () => {
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Kiosk Test CA',
  );
  issue('localhost', 'DNS:localhost');
  issue('elsewhere', 'DNS:elsewhere.example');
  server = createServer(
    { key: readFileSync(file('localhost.key')), cert: readFileSync(file('localhost.pem')) },
    (req, res) => {
      if (req.url === '/certsrv/certfnsh.asp') {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          posted.push(Buffer.concat(chunks).toString());
          res.setHeader('set-cookie', ['ASPSESSIONIDA=one; secure', 'Other=two']);
          res.setHeader('content-type', 'text/html');
          res.end('Certificate Pending');
        });
      } else if (req.url === '/certsrv/redirect') {
        res.writeHead(302, { location: 'https://elsewhere.example/' }).end();
      } else if (req.url === '/certsrv/huge') {
        res.setHeader('content-type', 'application/octet-stream');
        res.write(Buffer.alloc(40_000));
        res.end(Buffer.alloc(40_000));
      } else if (req.url === '/certsrv/stall') {
        res.write('partial');
      } else res.end('ok');
    },
  );
  wrongName = createServer(
    { key: readFileSync(file('elsewhere.key')), cert: readFileSync(file('elsewhere.pem')) },
    (_q, r) => r.end('x'),
  );
  origin = `https://localhost:${await listen(server)}`;
  wrongOrigin = `https://localhost:${await listen(wrongName)}`;
  agent = new Agent({ connect: { ca: readFileSync(file('ca.pem')) } });
  trusted = (input, init) => fetch(input, { ...init, dispatcher: agent } as RequestInit);
});
after(async () => {
  server.closeAllConnections();
  server.close();
  wrongName.close();
  await agent.close();
  rmSync(dir, { recursive: true, force: true });
});

const get = (url: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
  method: 'GET',
  url,
  headers: {},
  timeoutMs: 5000,
  maxBytes: 1 << 20,
  ...extra,
});

async function failure(p: Promise<unknown>): Promise<TransportError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof TransportError, String(e));
    return e;
  }
  assert.fail('expected a TransportError');
}

describe('FetchTransport over Node fetch, TLS verified', () => {
  it('POSTs the body and returns status, headers and each set-cookie', async () => {
    const t = new FetchTransport({ origin, fetch: trusted });
    const r = await t.request({
      ...get(`${origin}/certsrv/certfnsh.asp`),
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new TextEncoder().encode('Mode=newreq&CertRequest=abc'),
    });
    assert.equal(r.status, 200);
    assert.equal(new TextDecoder().decode(r.body), 'Certificate Pending');
    assert.deepEqual(
      r.headers.filter(([n]) => n === 'set-cookie').map(([, v]) => v),
      ['ASPSESSIONIDA=one; secure', 'Other=two'],
    );
    assert.ok(r.headers.some(([n, v]) => n === 'content-type' && v === 'text/html'));
    assert.deepEqual(posted, ['Mode=newreq&CertRequest=abc']);
  });

  it('returns a redirect instead of following it', async () => {
    const r = await new FetchTransport({ origin, fetch: trusted }).request(get(`${origin}/certsrv/redirect`));
    assert.equal(r.status, 302);
    assert.ok(r.headers.some(([n, v]) => n === 'location' && v === 'https://elsewhere.example/'));
  });

  it('an untrusted CA or a certificate for another name is tls-untrusted, not sent', async () => {
    const e = await failure(new FetchTransport({ origin, fetch }).request(get(`${origin}/`)));
    assert.equal(e.failure, 'tls-untrusted');
    assert.equal(e.requestMayHaveBeenSent, false);
    const n = await failure(
      new FetchTransport({ origin: wrongOrigin, fetch: trusted }).request(get(`${wrongOrigin}/`)),
    );
    assert.equal(n.failure, 'tls-untrusted');
  });

  it('refuses http://, another origin and an http origin outright', async () => {
    const t = new FetchTransport({ origin, fetch: trusted });
    assert.equal((await failure(t.request(get(origin.replace('https', 'http'))))).failure, 'refused-url');
    assert.equal((await failure(t.request(get('https://evil.example/certsrv/')))).failure, 'refused-url');
    assert.throws(
      () => new FetchTransport({ origin: 'http://ca.corp.example', fetch: trusted }),
      TransportError,
    );
  });

  it('stops reading past maxBytes and fails a stalled exchange at timeoutMs', async () => {
    const t = new FetchTransport({ origin, fetch: trusted });
    assert.equal(
      (await failure(t.request(get(`${origin}/certsrv/huge`, { maxBytes: 50_000 })))).failure,
      'too-large',
    );
    const started = Date.now();
    const e = await failure(t.request(get(`${origin}/certsrv/stall`, { timeoutMs: 300 })));
    assert.equal(e.failure, 'timeout');
    assert.equal(e.requestMayHaveBeenSent, true);
    assert.ok(Date.now() - started < 3000);
  });

  it('a closed port is a network failure that was not sent', async () => {
    const closed = createServer();
    const port = await listen(closed);
    closed.close();
    const o = `https://localhost:${port}`;
    const e = await failure(new FetchTransport({ origin: o, fetch: trusted }).request(get(`${o}/`)));
    assert.equal(e.failure, 'network');
    assert.equal(e.requestMayHaveBeenSent, false);
  });
});
