// The certsrv client's HttpTransport over a fetch function: in the kiosk Electron's net.fetch
// (Chromium's network stack: Windows integrated authentication, the system trust store and
// proxy), in the Node tests Node's own fetch. TLS is verified by whoever implements fetch; this
// file never offers a way to turn it off. Redirects are returned, never followed (redirect:
// 'manual'), one origin only, the body read up to maxBytes, the whole exchange under timeoutMs.
//
// What fetch does not expose: the peer certificate (so no TLS channel binding of our own —
// Chromium does Negotiate/NTLM with its own EPA handling) and response headers in arrival order
// with duplicates (Headers joins them; set-cookie is kept apart through getSetCookie()).
import {
  TransportError,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
} from '../core/ca/transport.ts';

export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

export interface FetchTransportOptions {
  /** https://host[:port] — the only origin this transport talks to */
  readonly origin: string;
  readonly fetch: FetchFunction;
}

/** Chromium's net error names (net.fetch) and Node/undici's OpenSSL codes for an untrusted peer. */
const UNTRUSTED =
  /ERR_CERT_|ERR_SSL_|CERT_|SELF_SIGNED|UNABLE_TO_GET_ISSUER|UNABLE_TO_VERIFY|ERR_TLS_CERT|HOSTNAME_MISMATCH|certificate/i;
const CONNECT =
  /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ERR_CONNECTION_REFUSED|ERR_NAME_NOT_RESOLVED|ERR_ADDRESS_UNREACHABLE|ECONNRESET|ERR_CONNECTION_RESET/;

function describeCause(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e instanceof Error && depth < 4; depth++) {
    parts.push(
      e.message,
      (e as { code?: unknown }).code === undefined ? '' : String((e as { code?: unknown }).code),
    );
    e = e.cause;
  }
  return parts.join(' ');
}

export class FetchTransport implements HttpTransport {
  readonly #origin: URL;
  readonly #fetch: FetchFunction;
  readonly #inFlight = new Set<AbortController>();

  constructor(options: FetchTransportOptions) {
    const origin = new URL(options.origin);
    if (origin.protocol !== 'https:')
      throw new TransportError('refused-url', 'the CA URL must use https://', false);
    this.#origin = origin;
    this.#fetch = options.fetch;
  }

  close(): void {
    for (const c of this.#inFlight) c.abort();
    this.#inFlight.clear();
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const url = new URL(req.url);
    if (url.protocol !== 'https:' || url.origin !== this.#origin.origin)
      throw new TransportError('refused-url', `refusing to contact ${url.origin}`, false);
    const controller = new AbortController();
    let timedOut = false;
    let responded = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, req.timeoutMs);
    this.#inFlight.add(controller);
    try {
      let response: Response;
      try {
        response = await this.#fetch(url.href, {
          method: req.method,
          headers: req.headers,
          ...(req.body === undefined ? {} : { body: Uint8Array.from(req.body) }),
          redirect: 'manual',
          signal: controller.signal,
          credentials: 'include',
          cache: 'no-store',
        });
      } catch (error) {
        // fetch does not tell a slow connect from a stalled server: the request may have gone out
        if (timedOut)
          throw new TransportError('timeout', `no answer within ${req.timeoutMs} ms`, true, { cause: error });
        const why = describeCause(error);
        if (UNTRUSTED.test(why))
          throw new TransportError('tls-untrusted', "the CA web server's certificate is not trusted", false, {
            cause: error,
          });
        throw new TransportError('network', 'network error', !CONNECT.test(why), { cause: error });
      }
      responded = true;
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (declared > req.maxBytes) {
        controller.abort();
        throw new TransportError('too-large', `response of ${declared} bytes exceeds ${req.maxBytes}`, true);
      }
      const body = await this.#readBody(response, req.maxBytes, controller);
      const headers: Array<readonly [string, string]> = [];
      response.headers.forEach((value, name) => {
        if (name !== 'set-cookie') headers.push([name, value]);
      });
      for (const cookie of response.headers.getSetCookie()) headers.push(['set-cookie', cookie]);
      return { status: response.status, statusText: response.statusText, headers, body, url: url.href };
    } catch (error) {
      if (error instanceof TransportError) throw error;
      if (timedOut)
        throw new TransportError('timeout', `the exchange overran ${req.timeoutMs} ms`, true, {
          cause: error,
        });
      throw new TransportError('network', 'response aborted', responded || req.method === 'POST', {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      this.#inFlight.delete(controller);
    }
  }

  async #readBody(response: Response, maxBytes: number, controller: AbortController): Promise<Uint8Array> {
    if (response.body === null) return new Uint8Array(0);
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        controller.abort();
        throw new TransportError('too-large', `response exceeds ${maxBytes} bytes`, true);
      }
      chunks.push(value);
    }
    const body = new Uint8Array(size);
    let at = 0;
    for (const c of chunks) {
      body.set(c, at);
      at += c.byteLength;
    }
    return body;
  }
}
