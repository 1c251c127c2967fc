// HttpTransport over node:https: one kept-alive connection (NTLM and client-certificate
// authentication are bound to it), server certificates checked against the configured CA bundle
// only, Basic credentials and TLS client certificates. Redirects are returned, never followed.
import { Agent, request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import {
  TransportError,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
  type TlsPeerInfo,
} from './transport.ts';

export type NodeTransportAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  | {
      readonly kind: 'client-certificate';
      /** PEM certificate (and chain) */
      readonly certificatePem: string;
      /** PEM private key; kept in the agent only */
      readonly privateKeyPem: string;
      readonly passphrase?: string;
    };

export interface NodeTransportOptions {
  /** https://host[:port] — the only origin this transport talks to */
  readonly origin: string;
  /** PEM CA certificates that may sign the server's certificate (replaces the system store) */
  readonly caCertificatesPem: readonly string[];
  readonly auth?: NodeTransportAuth;
  /** TCP connect + TLS handshake allowance; default 10 s */
  readonly connectTimeoutMs?: number;
}

const TLS_TRUST_CODES =
  /CERT|SELF_SIGNED|ALTNAME|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY|HOSTNAME|ERR_TLS_CERT|UNKNOWN_CA|ERR_SSL_TLSV1_ALERT/;

export class NodeHttpsTransport implements HttpTransport {
  readonly #origin: URL;
  readonly #agent: Agent;
  readonly #authorization: string | undefined;
  readonly #connectTimeoutMs: number;

  constructor(options: NodeTransportOptions) {
    const origin = new URL(options.origin);
    if (origin.protocol !== 'https:')
      throw new TransportError('refused-url', 'the CA URL must use https://', false);
    if (options.caCertificatesPem.length === 0)
      throw new TransportError('refused-url', 'no CA bundle configured for the CA web server', false);
    this.#origin = origin;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    const auth = options.auth ?? { kind: 'none' };
    this.#authorization =
      auth.kind === 'basic'
        ? `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`
        : undefined;
    this.#agent = new Agent({
      keepAlive: true,
      maxSockets: 1,
      ca: [...options.caCertificatesPem],
      rejectUnauthorized: true,
      ...(auth.kind === 'client-certificate'
        ? {
            cert: auth.certificatePem,
            key: auth.privateKeyPem,
            ...(auth.passphrase !== undefined ? { passphrase: auth.passphrase } : {}),
          }
        : {}),
    });
  }

  close(): void {
    this.#agent.destroy();
  }

  request(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    if (url.protocol !== 'https:' || url.origin !== this.#origin.origin)
      return Promise.reject(new TransportError('refused-url', `refusing to contact ${url.origin}`, false));

    return new Promise<HttpResponse>((resolve, reject) => {
      let connected = false;
      let settled = false;
      let tls: TlsPeerInfo | undefined;
      const headers: Record<string, string> = { ...req.headers };
      if (this.#authorization) headers['Authorization'] = this.#authorization;
      if (req.body) headers['Content-Length'] = String(req.body.byteLength);

      const fail = (err: TransportError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        clearTimeout(connect);
        clientRequest.destroy();
        reject(err);
      };

      const clientRequest = httpsRequest({
        agent: this.#agent,
        method: req.method,
        protocol: 'https:',
        hostname: url.hostname,
        port: url.port || 443,
        path: `${url.pathname}${url.search}`,
        headers,
      });

      const total = setTimeout(
        () => fail(new TransportError('timeout', `no complete answer within ${req.timeoutMs} ms`, connected)),
        req.timeoutMs,
      );
      let connect: NodeJS.Timeout | undefined;

      clientRequest.on('socket', (socket) => {
        const tlsSocket = socket as TLSSocket;
        const onSecure = (): void => {
          connected = true;
          clearTimeout(connect);
          tls = peerInfo(tlsSocket);
        };
        if (!tlsSocket.authorized) {
          connect = setTimeout(
            () =>
              fail(
                new TransportError(
                  'connect-timeout',
                  `no TLS connection within ${this.#connectTimeoutMs} ms`,
                  false,
                ),
              ),
            this.#connectTimeoutMs,
          );
          tlsSocket.once('secureConnect', onSecure);
        } else {
          // A kept-alive socket: its handshake (and verification) happened on an earlier request.
          onSecure();
        }
      });

      clientRequest.on('error', (err: NodeJS.ErrnoException) => {
        const code = err.code ?? '';
        if (TLS_TRUST_CODES.test(code) || /certificate/i.test(err.message))
          fail(
            new TransportError(
              'tls-untrusted',
              `the CA web server's certificate is not trusted (${code})`,
              false,
              { cause: err },
            ),
          );
        else
          fail(
            new TransportError('network', `network error ${code || err.message}`, connected, { cause: err }),
          );
      });

      clientRequest.on('response', (res: IncomingMessage) => {
        const declared = Number(res.headers['content-length'] ?? '0');
        if (declared > req.maxBytes) {
          fail(
            new TransportError('too-large', `response of ${declared} bytes exceeds ${req.maxBytes}`, true),
          );
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > req.maxBytes) {
            fail(new TransportError('too-large', `response exceeds ${req.maxBytes} bytes`, true));
            return;
          }
          chunks.push(chunk);
        });
        res.on('error', (err) =>
          fail(new TransportError('network', `response aborted: ${err.message}`, true, { cause: err })),
        );
        res.on('aborted', () => fail(new TransportError('network', 'response aborted by the server', true)));
        res.on('end', () => {
          if (settled) return;
          if (!res.complete) {
            fail(new TransportError('network', 'connection closed before the response was complete', true));
            return;
          }
          settled = true;
          clearTimeout(total);
          const pairs: Array<[string, string]> = [];
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
            pairs.push([(res.rawHeaders[i] ?? '').toLowerCase(), res.rawHeaders[i + 1] ?? '']);
          resolve({
            status: res.statusCode ?? 0,
            statusText: res.statusMessage ?? '',
            headers: pairs,
            body: new Uint8Array(Buffer.concat(chunks)),
            url: req.url,
            ...(tls ? { tls } : {}),
          });
        });
      });

      clientRequest.end(req.body ? Buffer.from(req.body) : undefined);
    });
  }
}

function peerInfo(socket: TLSSocket): TlsPeerInfo | undefined {
  const cert = socket.getPeerCertificate?.(false);
  if (!cert?.raw) return undefined;
  const protocol = socket.getProtocol?.() ?? undefined;
  const cipher = socket.getCipher?.()?.name;
  return {
    certificate: new Uint8Array(cert.raw),
    ...(protocol ? { protocol } : {}),
    ...(cipher ? { cipher } : {}),
  };
}
