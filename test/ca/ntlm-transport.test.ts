// The NTLM handshake of NodeHttpsTransport at the connection level, against a small HTTPS server
// that uses sim/certsrv's NTLM acceptor (EPA required) and can misbehave: which request carried
// which NTLM message on which TLS connection, the body only on the authenticated leg, reuse of an
// authenticated connection, a re-handshake when the server forgets it or closes it, and hostile
// CHALLENGE answers that must end in a typed error.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { after, before, beforeEach, describe, it } from 'node:test';
import { CertsrvClient } from '../../core/ca/client.ts';
import { CaError } from '../../core/ca/errors.ts';
import { NodeHttpsTransport } from '../../core/ca/node-transport.ts';
import { TransportError } from '../../core/ca/transport.ts';
import { Directory, ntHashOf } from '../../sim/certsrv/index.ts';
import { NtlmAcceptor } from '../../sim/certsrv/ntlm.ts';
import { tempDir } from '../pki/openssl.ts';
import { issue, makeCa, type IssuedTestCert, type TestCa } from '../pki/test-ca.ts';

const PASSWORD = 'Corr3ct-Horse';

type Behaviour =
  | { kind: 'ntlm' }
  /** answer every NEGOTIATE with this WWW-Authenticate value */
  | { kind: 'challenge'; header: string }
  /** send a real CHALLENGE, then close the connection */
  | { kind: 'close-after-challenge' };

interface Seen {
  readonly connection: number;
  readonly method: string;
  /** 0 = no Authorization, else the NTLM message type */
  readonly ntlm: number;
  readonly contentLength: string | undefined;
  readonly body: string;
  readonly status: number;
}

const tmp = tempDir('ntlm-transport-');
let ca: TestCa;
let leaf: IssuedTestCert;
let directory: Directory;
let server: Server;
let origin: string;
let acceptor: NtlmAcceptor;
let behaviour: Behaviour = { kind: 'ntlm' };
const seen: Seen[] = [];
const connectionIds = new WeakMap<object, number>();
let connections = 0;

function newAcceptor(): NtlmAcceptor {
  return new NtlmAcceptor(
    directory,
    {
      netbiosDomain: 'CORP',
      dnsDomain: 'corp.example',
      netbiosComputer: 'CA01',
      dnsComputer: 'ca01.corp.example',
    },
    () => 'required',
  );
}

function handle(req: IncomingMessage, res: ServerResponse, body: string): number {
  const sock = req.socket as TLSSocket;
  const m = /^NTLM\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  const token = m?.[1] ? Buffer.from(m[1], 'base64') : undefined;
  const type = token && token.length >= 12 ? token.readUInt32LE(8) : 0;
  if (type === 1 && behaviour.kind === 'challenge') {
    res.writeHead(401, { 'WWW-Authenticate': behaviour.header }).end();
    return 401;
  }
  if (token) {
    const step = acceptor.step(sock, token);
    if (step.kind === 'challenge') {
      const headers: Record<string, string> = { 'WWW-Authenticate': `NTLM ${step.token.toString('base64')}` };
      if (behaviour.kind === 'close-after-challenge') headers['Connection'] = 'close';
      res.writeHead(401, headers).end();
      return 401;
    }
    if (step.kind === 'authenticated') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`hello ${step.user.sAMAccountName}: ${body}`);
      return 200;
    }
  } else if (acceptor.connectionUser(sock)) {
    res.writeHead(200, { 'Content-Type': 'text/plain' }).end(`again: ${body}`);
    return 200;
  }
  res.writeHead(401, { 'WWW-Authenticate': ['Negotiate', 'NTLM'] }).end();
  return 401;
}

before(async () => {
  ca = makeCa(tmp.path, 'NTLM Test CA');
  leaf = issue(ca, {
    id: 'server',
    subject: '/CN=localhost',
    extensions: ['subjectAltName = DNS:localhost', 'extendedKeyUsage = serverAuth'],
  });
  directory = new Directory({
    netbiosDomain: 'CORP',
    dnsDomain: 'corp.example',
    users: [
      {
        sAMAccountName: 'alice',
        distinguishedName: 'CN=Alice,DC=corp,DC=example',
        objectSid: 'S-1-5-21-1-2-3-1104',
        memberOf: [],
        enabled: true,
        ntHash: await ntHashOf(PASSWORD),
      },
    ],
  });
  acceptor = newAcceptor();
  server = createServer(
    { cert: leaf.certPem, key: readFileSync(leaf.keyPath, 'utf8'), keepAliveTimeout: 30_000 },
    (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const m = /^NTLM\s+(\S+)$/i.exec(req.headers.authorization ?? '');
        const token = m?.[1] ? Buffer.from(m[1], 'base64') : undefined;
        const status = handle(req, res, body);
        seen.push({
          connection: connectionIds.get(req.socket) ?? -1,
          method: req.method ?? '',
          ntlm: token && token.length >= 12 ? token.readUInt32LE(8) : 0,
          contentLength: req.headers['content-length'],
          body,
          status,
        });
      });
    },
  );
  server.on('secureConnection', (s: TLSSocket) => connectionIds.set(s, ++connections));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `https://localhost:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  tmp.remove();
});

beforeEach(() => {
  seen.length = 0;
  behaviour = { kind: 'ntlm' };
  acceptor = newAcceptor();
});

function transport(password = PASSWORD): NodeHttpsTransport {
  return new NodeHttpsTransport({
    origin,
    caCertificatesPem: [ca.certPem],
    auth: { kind: 'ntlm', domain: 'CORP', username: 'alice', password },
  });
}

const get = (t: NodeHttpsTransport, path = '/x') =>
  t.request({ method: 'GET', url: `${origin}${path}`, headers: {}, timeoutMs: 10_000, maxBytes: 65536 });
const post = (t: NodeHttpsTransport, body: string) =>
  t.request({
    method: 'POST',
    url: `${origin}/certsrv/certfnsh.asp`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new TextEncoder().encode(body),
    timeoutMs: 10_000,
    maxBytes: 65536,
  });
const text = (r: { body: Uint8Array }) => new TextDecoder().decode(r.body);

describe('NTLM over one kept-alive TLS connection', () => {
  it('POST: NEGOTIATE without body, AUTHENTICATE with the body, both on one connection', async () => {
    const t = transport();
    try {
      const r = await post(t, 'Mode=newreq&CertRequest=AAAA');
      assert.equal(r.status, 200);
      assert.equal(text(r), 'hello alice: Mode=newreq&CertRequest=AAAA');
      assert.deepEqual(
        seen.map((s) => [s.ntlm, s.contentLength, s.body.length > 0]),
        [
          [1, '0', false],
          [3, String('Mode=newreq&CertRequest=AAAA'.length), true],
        ],
      );
      assert.equal(new Set(seen.map((s) => s.connection)).size, 1, 'one TLS connection');
    } finally {
      t.close();
    }
  });

  it('later requests reuse the authenticated connection without a new handshake', async () => {
    const t = transport();
    try {
      await get(t);
      const again = await get(t);
      const posted = await post(t, 'a=1');
      assert.equal(text(again), 'again: ');
      assert.equal(text(posted), 'again: a=1');
      assert.deepEqual(
        seen.map((s) => s.ntlm),
        [1, 3, 0, 0],
      );
      assert.equal(new Set(seen.map((s) => s.connection)).size, 1);
    } finally {
      t.close();
    }
  });

  it('a 401 on the kept connection (the server forgot it) redoes the handshake and resends the body', async () => {
    const t = transport();
    try {
      await get(t);
      acceptor = newAcceptor(); // IIS recycled: the connection is no longer authenticated
      const r = await post(t, 'b=2');
      assert.equal(r.status, 200);
      assert.equal(text(r), 'hello alice: b=2');
      assert.deepEqual(
        seen.map((s) => [s.ntlm, s.status, s.body]),
        [
          [1, 401, ''],
          [3, 200, ''],
          [0, 401, 'b=2'],
          [1, 401, ''],
          [3, 200, 'b=2'],
        ],
      );
    } finally {
      t.close();
    }
  });

  it('a new connection (the old one closed) gets a full TLS handshake, so the binding can be computed', async () => {
    const t = transport();
    try {
      await get(t);
      server.closeIdleConnections();
      await new Promise((r) => setTimeout(r, 100));
      const r = await get(t);
      assert.equal(r.status, 200, 'EPA required still satisfied on the new connection');
      assert.equal(new Set(seen.map((s) => s.connection)).size, 2);
    } finally {
      t.close();
    }
  });

  it('concurrent requests are serialised so their handshakes never interleave', async () => {
    const t = transport();
    try {
      const rs = await Promise.all([get(t, '/1'), post(t, 'c=3'), get(t, '/2')]);
      assert.deepEqual(
        rs.map((r) => r.status),
        [200, 200, 200],
      );
    } finally {
      t.close();
    }
  });

  it('a wrong password ends in the 401 (no retry loop), with one handshake', async () => {
    const t = transport('wrong');
    try {
      const r = await get(t);
      assert.equal(r.status, 401);
      assert.deepEqual(
        seen.map((s) => s.ntlm),
        [1, 3],
      );
    } finally {
      t.close();
    }
  });
});

describe('hostile or broken servers', () => {
  const spec =
    '4e544c4d53535000020000000c000c003800000033828ae20123456789abcdef' +
    '00000000000000002400240044000000060070170000000f5300650072007600' +
    '6500720002000c0044006f006d00610069006e0001000c005300650072007600' +
    '6500720000000000';
  const b64 = (h: string) => Buffer.from(h, 'hex').toString('base64');
  const cases: Array<[string, string]> = [
    ['a truncated CHALLENGE', `NTLM ${b64(spec.slice(0, 60))}`],
    [
      'a CHALLENGE whose target info points past the end',
      `NTLM ${b64(spec.slice(0, 88) + 'ffff0000' + spec.slice(96))}`,
    ],
    ['a NEGOTIATE echoed back', `NTLM ${b64('4e544c4d535350000100000033828ae2')}`],
    ['not base64', 'NTLM TlRMTVNTUAAC***'],
    ['an absurdly long token', `NTLM ${'QUFB'.repeat(4000)}`],
  ];
  for (const [name, header] of cases) {
    it(`${name}: CA_AUTH_PROTOCOL, no AUTHENTICATE sent, the process carries on`, async () => {
      behaviour = { kind: 'challenge', header };
      const t = transport();
      const client = new CertsrvClient({ baseUrl: `${origin}/certsrv/`, transport: t });
      try {
        await assert.rejects(
          client.checkCredentials(),
          (e: unknown) =>
            e instanceof CaError && e.code === 'CA_AUTH_PROTOCOL' && e.cause instanceof TransportError,
        );
        assert.ok(seen.every((s) => s.ntlm !== 3));
      } finally {
        t.close();
      }
    });
  }

  it('a server that closes the connection after the CHALLENGE: typed error, AUTHENTICATE never sent elsewhere', async () => {
    behaviour = { kind: 'close-after-challenge' };
    const t = transport();
    try {
      await assert.rejects(
        get(t),
        (e: unknown) =>
          e instanceof TransportError && e.failure === 'auth-protocol' && !e.requestMayHaveBeenSent,
      );
      assert.deepEqual(
        seen.map((s) => s.ntlm),
        [1, 1],
        'two NEGOTIATE attempts, no AUTHENTICATE',
      );
    } finally {
      t.close();
    }
  });
});
