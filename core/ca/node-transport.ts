// HttpTransport over node:https: one kept-alive connection (NTLM and client-certificate
// authentication are bound to it), server certificates checked against the configured CA bundle
// only, Basic credentials, TLS client certificates and NTLMv2 with channel binding (so IIS Extended
// Protection "Required" works). Redirects are returned, never followed.
//
// NTLM (MS-NTHT): the handshake runs on the request itself. Leg 1 sends the same method and URL
// with `Authorization: NTLM <NEGOTIATE>` and no body, so a POST cannot reach certfnsh.asp before
// it is authenticated; leg 2 sends the AUTHENTICATE message with the real body on the SAME TLS
// connection, its channel binding computed from that connection's peer certificate. IIS keeps the
// connection authenticated, so later requests go bare; a 401 on one (the connection was replaced)
// redoes the handshake once. A server that offers no NTLM gets its 401 back: never a silent Basic.
import { Agent, request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { channelBindingHash } from './ntlm/channel-binding.ts';
import { NtlmClientHandshake, NtlmCredentials } from './ntlm/client.ts';
import { authorizationHeader, challengeToken, offersNtlm } from './ntlm/http.ts';
import { NtlmError } from './ntlm/messages.ts';
import {
  headerValues,
  TransportError,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
  type TlsPeerInfo,
} from './transport.ts';

/**
 * What goes into MsvAvChannelBindings: the handshake socket's peer certificate (the default and
 * the only choice for real use); 'none' to probe whether a server enforces EPA (diagnose); a fixed
 * certificate only to test that a server refuses a binding to another certificate.
 */
export type NtlmChannelBinding = 'peer-certificate' | 'none' | { readonly certificate: Uint8Array };

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
    }
  | {
      readonly kind: 'ntlm';
      /** NetBIOS (CORP) or DNS domain; empty when `username` is a UPN */
      readonly domain: string;
      readonly username: string;
      /** turned into the NTLMv2 response key at construction, not kept */
      readonly password: string;
      readonly channelBinding?: NtlmChannelBinding;
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

interface NtlmState {
  readonly credentials: NtlmCredentials;
  readonly binding: NtlmChannelBinding;
}

interface ExchangeOptions {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | undefined;
  /** epoch ms by which the whole request (all legs) must be answered */
  readonly deadline: number;
  /** false for NTLM leg 1, which carries no body: failing there cannot have submitted anything */
  readonly carriesRequest: boolean;
  /** leg 2 must run on leg 1's connection; anything else is a lost handshake */
  readonly requireSocket?: TLSSocket;
}

interface Exchanged {
  readonly response: HttpResponse;
  readonly socket: TLSSocket | undefined;
}

/** The handshake connection closed between the legs (retried once). */
class HandshakeConnectionLost extends TransportError {
  constructor() {
    super(
      'auth-protocol',
      'the CA web server did not keep the connection open through the NTLM handshake',
      false,
    );
  }
}

const EMPTY = new Uint8Array(0);

export class NodeHttpsTransport implements HttpTransport {
  readonly #origin: URL;
  readonly #agent: Agent;
  readonly #authorization: string | undefined;
  readonly #connectTimeoutMs: number;
  readonly #ntlm: NtlmState | undefined;
  /** the connection the last NTLM handshake authenticated */
  #ntlmSocket: TLSSocket | undefined;
  /** NTLM handshakes must not interleave on the one connection: requests run one at a time */
  #queue: Promise<unknown> = Promise.resolve();

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
    this.#ntlm =
      auth.kind === 'ntlm'
        ? {
            credentials: new NtlmCredentials(auth.domain, auth.username, auth.password),
            binding: auth.channelBinding ?? 'peer-certificate',
          }
        : undefined;
    this.#agent = new Agent({
      keepAlive: true,
      maxSockets: 1,
      ca: [...options.caCertificatesPem],
      rejectUnauthorized: true,
      // A resumed TLS session exposes no peer certificate, so there would be nothing to compute
      // the channel binding from: NTLM connections always make a full handshake.
      ...(auth.kind === 'ntlm' ? { maxCachedSessions: 0 } : {}),
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
    this.#ntlmSocket = undefined;
    this.#agent.destroy();
  }

  request(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    if (url.protocol !== 'https:' || url.origin !== this.#origin.origin)
      return Promise.reject(new TransportError('refused-url', `refusing to contact ${url.origin}`, false));
    const deadline = Date.now() + req.timeoutMs;
    if (!this.#ntlm) {
      const headers: Record<string, string> = { ...req.headers };
      if (this.#authorization) headers['Authorization'] = this.#authorization;
      return this.#exchange(req, url, { headers, body: req.body, deadline, carriesRequest: true }).then(
        (x) => x.response,
      );
    }
    const ntlm = this.#ntlm;
    const run = this.#queue.then(() => this.#ntlmRequest(req, url, deadline, ntlm));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #ntlmRequest(req: HttpRequest, url: URL, deadline: number, ntlm: NtlmState): Promise<HttpResponse> {
    if (this.#ntlmSocket && !this.#ntlmSocket.destroyed) {
      const bare = await this.#exchange(req, url, {
        headers: req.headers,
        body: req.body,
        deadline,
        carriesRequest: true,
      });
      // IIS answers 401 before running the page, so a refused POST was not processed: redo.
      if (bare.response.status !== 401 || !offersNtlm(headerValues(bare.response, 'www-authenticate')))
        return bare.response;
    }
    this.#ntlmSocket = undefined;
    try {
      return await this.#handshake(req, url, deadline, ntlm);
    } catch (err) {
      if (!(err instanceof HandshakeConnectionLost)) throw err;
      return this.#handshake(req, url, deadline, ntlm);
    }
  }

  async #handshake(req: HttpRequest, url: URL, deadline: number, ntlm: NtlmState): Promise<HttpResponse> {
    const handshake = new NtlmClientHandshake(ntlm.credentials);
    const first = await this.#exchange(req, url, {
      headers: { ...req.headers, Authorization: authorizationHeader(handshake.negotiate) },
      body: req.method === 'POST' ? EMPTY : undefined,
      deadline,
      carriesRequest: false,
    });
    if (first.response.status !== 401) {
      // The server wants no authentication here. A GET's answer is the answer; the bodiless POST
      // was not the request, so send that now.
      if (req.method === 'GET') return first.response;
      const plain = await this.#exchange(req, url, {
        headers: req.headers,
        body: req.body,
        deadline,
        carriesRequest: true,
      });
      return plain.response;
    }
    let token: Uint8Array | undefined;
    try {
      token = challengeToken(headerValues(first.response, 'www-authenticate'));
    } catch (err) {
      throw protocolError(err);
    }
    // No NTLM challenge (Basic only, or NTLM disabled): that 401 is the answer, never a fallback.
    if (!token) return first.response;

    const socket = first.socket;
    if (!socket || socket.destroyed) throw new HandshakeConnectionLost();
    let authenticate: Uint8Array;
    try {
      authenticate = await handshake.authenticate(token, {
        ...this.#channelBinding(socket, ntlm.binding),
        targetName: `HTTP/${url.hostname}`,
      });
    } catch (err) {
      throw protocolError(err);
    }
    const second = await this.#exchange(req, url, {
      headers: { ...req.headers, Authorization: authorizationHeader(authenticate) },
      body: req.body,
      deadline,
      carriesRequest: true,
      requireSocket: socket,
    });
    if (second.response.status !== 401) this.#ntlmSocket = second.socket;
    return second.response;
  }

  #channelBinding(socket: TLSSocket, binding: NtlmChannelBinding): { channelBinding?: Uint8Array } {
    if (binding === 'none') return {};
    if (binding !== 'peer-certificate') return { channelBinding: channelBindingHash(binding.certificate) };
    // getPeerCertificate, not getPeerX509Certificate: on Node 22 the latter yields the certificate
    // once per socket and leaves both calls empty afterwards (found on 22.23), which would break
    // the handshake on a kept-alive connection.
    const raw = socket.getPeerCertificate(false)?.raw;
    if (!raw) throw new NtlmError('the TLS connection has no server certificate to bind to');
    return { channelBinding: channelBindingHash(new Uint8Array(raw)) };
  }

  #exchange(req: HttpRequest, url: URL, opts: ExchangeOptions): Promise<Exchanged> {
    return new Promise<Exchanged>((resolve, reject) => {
      let connected = false;
      let settled = false;
      let tls: TlsPeerInfo | undefined;
      let usedSocket: TLSSocket | undefined;
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.body) headers['Content-Length'] = String(opts.body.byteLength);
      const mayHaveBeenSent = (): boolean => opts.carriesRequest && connected;

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

      const remaining = Math.max(0, opts.deadline - Date.now());
      const total = setTimeout(
        () =>
          fail(
            new TransportError('timeout', `no complete answer within ${req.timeoutMs} ms`, mayHaveBeenSent()),
          ),
        remaining,
      );
      let connect: NodeJS.Timeout | undefined;

      clientRequest.on('socket', (socket) => {
        const tlsSocket = socket as TLSSocket;
        usedSocket = tlsSocket;
        if (opts.requireSocket) {
          // nothing is written before end(), so a wrong connection never sees the AUTHENTICATE
          if (tlsSocket !== opts.requireSocket) {
            fail(new HandshakeConnectionLost());
            return;
          }
          clientRequest.end(opts.body ? Buffer.from(opts.body) : undefined);
        }
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
            new TransportError('network', `network error ${code || err.message}`, mayHaveBeenSent(), {
              cause: err,
            }),
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
          fail(
            new TransportError('network', `response aborted: ${err.message}`, opts.carriesRequest, {
              cause: err,
            }),
          ),
        );
        res.on('aborted', () =>
          fail(new TransportError('network', 'response aborted by the server', opts.carriesRequest)),
        );
        res.on('end', () => {
          if (settled) return;
          if (!res.complete) {
            fail(
              new TransportError(
                'network',
                'connection closed before the response was complete',
                opts.carriesRequest,
              ),
            );
            return;
          }
          settled = true;
          clearTimeout(total);
          const pairs: Array<[string, string]> = [];
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
            pairs.push([(res.rawHeaders[i] ?? '').toLowerCase(), res.rawHeaders[i + 1] ?? '']);
          resolve({
            response: {
              status: res.statusCode ?? 0,
              statusText: res.statusMessage ?? '',
              headers: pairs,
              body: new Uint8Array(Buffer.concat(chunks)),
              url: req.url,
              ...(tls ? { tls } : {}),
            },
            socket: usedSocket,
          });
        });
      });

      if (!opts.requireSocket) clientRequest.end(opts.body ? Buffer.from(opts.body) : undefined);
    });
  }
}

function protocolError(err: unknown): TransportError {
  if (err instanceof TransportError) return err;
  const message = err instanceof NtlmError ? err.message : 'the NTLM handshake failed';
  return new TransportError('auth-protocol', `NTLM: ${message}`, false, { cause: err });
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
