// An HTTPS reverse proxy in front of the sim CA that lies in one chosen way. The real CA still
// receives and processes every request (so a certificate really is issued for the card's key);
// only the answer the station gets back is tampered with. The proxy's TLS certificate is issued
// by the sim's own CA, so the station verifies TLS against the sim's unchanged bundle: no TLS
// check is switched off, and no extra CA becomes a trust anchor for the certificate check.
import { createServer, request as httpsRequest, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { extension, KU } from '../../sim/certsrv/ca.ts';
import { namedBits, oid, seq, toPem } from '../../sim/certsrv/der.ts';
import type { CertsrvHandle } from '../../sim/certsrv/index.ts';
import { dnsGeneralName, ipGeneralName, nameFromDn } from '../../sim/certsrv/names.ts';
import { OID } from '../../sim/certsrv/oids.ts';

/** The pages the station's submit touches: the POST and the certificate download. */
export type Page = 'certfnsh.asp' | 'certnew.cer';

export type Hostility =
  | { readonly kind: 'honest' }
  /** certnew.cer answers with this certificate (DER) instead of the one the CA issued */
  | { readonly kind: 'swap-certificate'; readonly certificate: () => Uint8Array }
  /** random bytes under the page's own content type */
  | { readonly kind: 'garbage'; readonly page: Page }
  /** the first third of the real answer, served as if complete (a proxy or filter cut it) */
  | { readonly kind: 'truncated'; readonly page: Page }
  /** the real body under another content type */
  | { readonly kind: 'content-type'; readonly page: Page; readonly contentType: string }
  /** the real body followed by `bytes` of padding, streamed without a Content-Length */
  | { readonly kind: 'huge'; readonly page: Page; readonly bytes: number }
  /** the request is forwarded (the CA acts on it) but no answer ever comes back */
  | { readonly kind: 'stall'; readonly page: Page };

export interface HostileCa {
  /** https://localhost:<port>/certsrv/ */
  readonly url: string;
  /** what the next requests meet; 'honest' passes everything through */
  hostility: Hostility;
  /** requests seen, as "METHOD page", for asserting that the scenario was reached */
  readonly seen: string[];
  stop(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

export async function startHostileCa(upstream: CertsrvHandle): Promise<HostileCa> {
  const target = new URL(upstream.url);
  const tls = proxyTlsCertificate(upstream);
  const sockets = new Set<Socket>();

  /** Forwards one request unchanged and buffers the answer (certsrv answers are small). */
  const forward = (req: IncomingMessage, body: Buffer): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (v !== undefined && !HOP_BY_HOP.has(k)) headers[k] = v;
      headers['host'] = target.host;
      if (body.length > 0) headers['content-length'] = String(body.length);
      const up = httpsRequest(
        {
          method: req.method,
          hostname: target.hostname,
          port: target.port,
          path: req.url,
          headers,
          // the proxy verifies the CA it fronts, like any honest hop would
          ca: upstream.caBundlePem,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      up.on('error', reject);
      up.end(body);
    });

  const send = (res: ServerResponse, answer: Answer, body: Buffer, contentType?: string): void => {
    res.statusCode = answer.status;
    for (const [k, v] of Object.entries(answer.headers))
      if (v !== undefined && !HOP_BY_HOP.has(k)) res.setHeader(k, v);
    if (contentType !== undefined) res.setHeader('content-type', contentType);
    res.setHeader('content-length', body.length);
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> => {
    const page = new URL(req.url ?? '/', 'https://proxy').pathname.split('/').pop() ?? '';
    proxy.seen.push(`${req.method ?? '?'} ${page}`);
    const h = proxy.hostility;
    const targeted =
      h.kind === 'swap-certificate' ? page === 'certnew.cer' : h.kind !== 'honest' && page === h.page;
    const answer = await forward(req, body);
    if (!targeted || answer.status !== 200) return send(res, answer, answer.body);
    switch (h.kind) {
      case 'honest':
        return send(res, answer, answer.body);
      case 'swap-certificate':
        return send(res, answer, Buffer.from(h.certificate()));
      case 'garbage':
        return send(res, answer, randomBytes(Math.max(answer.body.length, 1024)));
      case 'truncated':
        return send(res, answer, answer.body.subarray(0, Math.floor(answer.body.length / 3)));
      case 'content-type':
        return send(res, answer, answer.body, h.contentType);
      case 'huge': {
        // chunked, so the client cannot refuse on a declared length and must count what arrives
        res.statusCode = 200;
        res.setHeader('content-type', String(answer.headers['content-type'] ?? 'text/html'));
        res.write(answer.body);
        const chunk = Buffer.alloc(64 * 1024, '<!-- padding -->');
        for (let sent = 0; sent < h.bytes && !res.destroyed; sent += chunk.length) {
          if (!res.write(chunk)) await drained(res);
        }
        res.end();
        return;
      }
      case 'stall':
        // the CA has acted on the request; the answer is held until the client gives up
        return;
    }
  };

  const server: Server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((e: unknown) => {
        // the proxy's own failure must not look like a CA answer the station could act on
        process.stderr.write(`[hostile-ca] ${e instanceof Error ? e.message : String(e)}\n`);
        res.destroy();
      });
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;

  const proxy: HostileCa = {
    url: `https://localhost:${port}${target.pathname}`,
    hostility: { kind: 'honest' },
    seen: [],
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // stalled answers keep their sockets open until here
        for (const s of sockets) s.destroy();
      }),
  };
  return proxy;
}

/** Until the client takes more, or goes away (it stops reading once over its limit). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** A localhost server certificate from the sim's CA, the way the sim makes its own. */
function proxyTlsCertificate(upstream: CertsrvHandle): { key: string; cert: string } {
  const ca = upstream.service.ca;
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const issued = ca.issue({
    subject: nameFromDn('CN=localhost'),
    spki: publicKey.export({ format: 'der', type: 'spki' }),
    validityDays: 1,
    bare: true,
    extensions: [
      extension(OID.extKeyUsage, false, seq(oid(OID.serverAuth))),
      extension(OID.keyUsage, true, namedBits(KU.digitalSignature, 16)),
      extension(
        OID.subjectAltName,
        false,
        seq(dnsGeneralName('localhost'), ipGeneralName(Buffer.from([127, 0, 0, 1]))),
      ),
    ],
  });
  return {
    key: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    cert: toPem('CERTIFICATE', issued.der) + toPem('CERTIFICATE', ca.current.certDer),
  };
}
