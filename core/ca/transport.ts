// The HTTP edge of the certsrv client. core/ca decides what to send and how to read the answer;
// a transport only moves bytes over TLS. node-transport.ts implements it with node:https, and the
// Electron shell implements it over net.fetch (Windows integrated authentication), so the shape
// stays close to fetch: one request in, one fully-read response out, redirects never followed.
import { StationError } from '../errors/catalog.ts';
import type { CaErrorCode } from './errors.ts';

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  /** absolute https:// URL */
  readonly url: string;
  /** header names in any case; the transport adds authentication and connection headers itself */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
  /** whole exchange, connect to last body byte */
  readonly timeoutMs: number;
  /** responses larger than this fail with TransportError 'too-large' */
  readonly maxBytes: number;
}

/** What TLS channel binding (RFC 5929 tls-server-end-point) and diagnostics need about the server. */
export interface TlsPeerInfo {
  /** the server's leaf certificate, DER */
  readonly certificate: Uint8Array;
  readonly protocol?: string;
  readonly cipher?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly statusText: string;
  /** in arrival order, names lower-cased; repeated headers (set-cookie) appear repeatedly */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Uint8Array;
  /** the URL that produced this response (the request URL: transports do not follow redirects) */
  readonly url: string;
  readonly tls?: TlsPeerInfo;
}

export interface HttpTransport {
  request(request: HttpRequest): Promise<HttpResponse>;
  /** drops kept-alive connections (switches identity for connection-bound authentication) */
  close(): void;
}

export type TransportFailure =
  /** no TCP/TLS connection within the connect allowance */
  | 'connect-timeout'
  /** connected, but the whole exchange overran its allowance (a stalling server) */
  | 'timeout'
  /** the server's certificate did not verify against the configured CA bundle, or the name mismatched */
  | 'tls-untrusted'
  | 'too-large'
  /** refused, reset, DNS failure and the like */
  | 'network'
  /** the URL is not one this transport will talk to (http://, other origin) */
  | 'refused-url'
  /**
   * a connection-bound authentication handshake (NTLM) could not be completed: a malformed
   * challenge, or the server dropped the connection between the legs
   */
  | 'auth-protocol';

/** The catalog code each transport failure is shown with. */
const FAILURE_CODE: Readonly<Record<TransportFailure, CaErrorCode>> = {
  'connect-timeout': 'CA_CONNECT_TIMEOUT',
  timeout: 'CA_TIMEOUT',
  'tls-untrusted': 'CA_TLS_UNTRUSTED',
  'too-large': 'CA_RESPONSE_TOO_LARGE',
  network: 'CA_NETWORK',
  'refused-url': 'CA_URL_REFUSED',
  'auth-protocol': 'CA_AUTH_PROTOCOL',
};

export class TransportError extends StationError {
  declare readonly code: CaErrorCode;
  readonly failure: TransportFailure;
  /** true when the request may have reached the server (decides "outcome unknown" for a submit) */
  readonly requestMayHaveBeenSent: boolean;
  constructor(
    failure: TransportFailure,
    message: string,
    requestMayHaveBeenSent: boolean,
    options?: { cause?: unknown },
  ) {
    super(FAILURE_CODE[failure], { failure }, { diagnostic: message, ...options });
    this.name = 'TransportError';
    this.failure = failure;
    this.requestMayHaveBeenSent = requestMayHaveBeenSent;
  }
}

export function headerValue(response: Pick<HttpResponse, 'headers'>, name: string): string | undefined {
  const lower = name.toLowerCase();
  return response.headers.find(([n]) => n === lower)?.[1];
}

export function headerValues(response: Pick<HttpResponse, 'headers'>, name: string): string[] {
  const lower = name.toLowerCase();
  return response.headers.filter(([n]) => n === lower).map(([, v]) => v);
}
