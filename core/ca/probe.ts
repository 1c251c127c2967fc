// Network probes for `diagnose`: the causes of "cannot reach the CA" that the certsrv client's
// single TransportError cannot tell apart. Each probe looks once and reports facts; none sends
// credentials or a request to certsrv, so a probe cannot enroll, sign in or lock an account.
//
// - resolveHost: the CA host name through the system resolver (the one node:https uses).
// - inspectServerCertificate: one TLS handshake that does not stop at a failed verification, so
//   the certificate the server actually presents can be named (self-signed, issued for another
//   name, by an issuer outside the CA bundle, expired).
// - proxyFor / probeProxy: the HTTPS proxy the environment names for the CA host (curl's and
//   Chromium-on-Linux's HTTPS_PROXY / https_proxy / NO_PROXY rules), reached and asked for a
//   CONNECT tunnel to the CA, and whether what comes through the tunnel is the CA's own
//   certificate (a TLS-intercepting proxy presents its own, which breaks NTLM channel binding).
import { lookup } from 'node:dns/promises';
import { X509Certificate } from 'node:crypto';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';

export type ResolveResult =
  | { readonly ok: true; readonly addresses: readonly string[] }
  | { readonly ok: false; readonly code: string };

/** The host's addresses; an IP literal resolves to itself. */
export async function resolveHost(hostname: string): Promise<ResolveResult> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0) return { ok: true, addresses: [bare] };
  try {
    const found = await lookup(bare, { all: true });
    return { ok: true, addresses: found.map((a) => a.address) };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    return { ok: false, code: typeof code === 'string' ? code : 'ENOTFOUND' };
  }
}

export type ServerCertificateState =
  /** chains to the CA bundle and names the host */
  | 'trusted'
  | 'self-signed'
  | 'wrong-name'
  | 'expired'
  | 'not-yet-valid'
  /** signed by a CA that is not in the bundle (or the chain is incomplete) */
  | 'untrusted-issuer';

export interface ServerCertificateFacts {
  readonly state: ServerCertificateState;
  readonly subject: string;
  readonly issuer: string;
  /** DNS names and IP addresses in the certificate */
  readonly names: readonly string[];
  readonly notAfter: string;
  /** OpenSSL's verification error code, when verification failed */
  readonly verifyError?: string;
}

export type ProbeFailure = { readonly ok: false; readonly code: string };

const PROBE_TIMEOUT_MS = 5000;

function namesOf(cert: X509Certificate): string[] {
  return (cert.subjectAltName ?? '')
    .split(', ')
    .map((n) => n.replace(/^(DNS|IP Address):/, ''))
    .filter((n) => n !== '');
}

/** A distinguished name as a person reads it: its common name, else the whole name on one line. */
function displayName(dn: string): string {
  const parts = dn.split('\n').filter(Boolean);
  const cn = parts.find((p) => p.startsWith('CN='));
  return cn === undefined ? parts.join(', ') : cn.slice(3);
}

/** Classifies the certificate a server presented, from the handshake's own verification. */
export function classify(
  leaf: X509Certificate,
  hostname: string,
  authorized: boolean,
  verifyError: string | undefined,
  now = new Date(),
): ServerCertificateFacts {
  const bare = hostname.replace(/^\[|\]$/g, '');
  const named = isIP(bare) !== 0 ? leaf.checkIP(bare) !== undefined : leaf.checkHost(bare) !== undefined;
  const selfSigned = leaf.checkIssued(leaf) && leaf.verify(leaf.publicKey);
  // Node checks the name only after the chain verified, and reports a mismatch as this code
  const chainTrusted = authorized || verifyError === 'ERR_TLS_CERT_ALTNAME_INVALID';
  const state: ServerCertificateState =
    new Date(leaf.validTo) < now
      ? 'expired'
      : new Date(leaf.validFrom) > now
        ? 'not-yet-valid'
        : selfSigned && !chainTrusted
          ? 'self-signed'
          : !chainTrusted
            ? 'untrusted-issuer'
            : !named
              ? 'wrong-name'
              : 'trusted';
  return {
    state,
    subject: displayName(leaf.subject),
    issuer: displayName(leaf.issuer),
    names: namesOf(leaf),
    notAfter: new Date(leaf.validTo).toISOString(),
    ...(verifyError === undefined ? {} : { verifyError }),
  };
}

function handshake(options: {
  readonly socket?: Socket;
  readonly host: string;
  readonly port: number;
  readonly caPem: readonly string[];
}): Promise<{ readonly leaf: X509Certificate; readonly authorized: boolean; readonly error?: string }> {
  return new Promise((resolve, reject) => {
    const servername = isIP(options.host.replace(/^\[|\]$/g, '')) === 0 ? options.host : undefined;
    // verification is recorded, not enforced: this connection sends nothing but the handshake
    const socket: TLSSocket = tlsConnect({
      ...(options.socket === undefined
        ? { host: options.host, port: options.port }
        : { socket: options.socket }),
      ...(servername === undefined ? {} : { servername }),
      ca: [...options.caPem],
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(Object.assign(new Error('TLS handshake timed out'), { code: 'ETIMEDOUT' }));
    }, PROBE_TIMEOUT_MS);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const peer: PeerCertificate = socket.getPeerCertificate(false);
      const authorized = socket.authorized;
      const error = socket.authorizationError === null ? undefined : String(socket.authorizationError);
      socket.destroy();
      if (peer.raw === undefined) {
        // a socket-level fact like the errno codes beside it (not a station error code)
        reject(Object.assign(new Error('no server certificate'), { code: 'EPROTO' }));
        return;
      }
      resolve({ leaf: new X509Certificate(peer.raw), authorized, ...(error === undefined ? {} : { error }) });
    });
    socket.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    });
  });
}

const errorCode = (e: unknown): string => {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'ECONNRESET';
};

function target(url: URL): { host: string; port: number } {
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 443) };
}

/** The certificate the CA web server presents, verified against the bundle but not refused. */
export async function inspectServerCertificate(
  url: URL,
  caPem: readonly string[],
): Promise<({ readonly ok: true } & ServerCertificateFacts) | ProbeFailure> {
  const { host, port } = target(url);
  try {
    const h = await handshake({ host, port, caPem });
    return { ok: true, ...classify(h.leaf, host, h.authorized, h.error) };
  } catch (e) {
    return { ok: false, code: errorCode(e) };
  }
}

/** The proxy the environment names for `url`, or undefined (none, or NO_PROXY covers the host). */
export function proxyFor(env: Readonly<Record<string, string | undefined>>, url: URL): URL | undefined {
  const raw = env['https_proxy'] || env['HTTPS_PROXY'];
  if (raw === undefined || raw === '') return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || '443';
  const noProxy = (env['no_proxy'] || env['NO_PROXY'] || '')
    .split(/[,\s]+/)
    .map((x) => x.trim().toLowerCase())
    .filter((x) => x !== '');
  for (const entry of noProxy) {
    if (entry === '*') return undefined;
    // an IPv6 literal: bracketed (with an optional port), or bare with several colons (no port)
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    const [name = '', entryPort] = bracketed
      ? [bracketed[1], bracketed[2]]
      : entry.split(':').length > 2
        ? [entry]
        : entry.split(':');
    const bare = name.replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
    if (entryPort !== undefined && entryPort !== port) continue;
    if (host === bare || host.endsWith(`.${bare}`)) return undefined;
  }
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    return new URL('http://invalid.invalid');
  }
}

export type ProxyProbe =
  | { readonly state: 'unreachable'; readonly code: string }
  /** the proxy answered the CONNECT with something other than 2xx */
  | { readonly state: 'refused'; readonly status: string }
  /** the tunnel carries the CA's own, trusted certificate */
  | { readonly state: 'passes-through' }
  /** something else answered through the tunnel: TLS interception */
  | { readonly state: 'intercepting'; readonly seen: ServerCertificateFacts }
  | { readonly state: 'tunnel-failed'; readonly code: string };

function connectTcp(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = netConnect({ host, port });
    const timer = setTimeout(() => {
      s.destroy();
      reject(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' }));
    }, PROBE_TIMEOUT_MS);
    s.once('connect', () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('error', (e) => {
      clearTimeout(timer);
      s.destroy();
      reject(e);
    });
  });
}

/** Reads the proxy's answer to CONNECT up to the blank line; returns its status line. */
function connectAnswer(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let head = '';
    const timer = setTimeout(() => finish(new Error('no answer to CONNECT')), PROBE_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      if (head.length > 16_384) finish(new Error('answer to CONNECT too long'));
      const end = head.indexOf('\r\n\r\n');
      if (end >= 0) finish(undefined, head.slice(0, head.indexOf('\r\n')));
    };
    const onClose = (): void => finish(Object.assign(new Error('closed'), { code: 'ECONNRESET' }));
    function finish(error: Error | undefined, status?: string): void {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      socket.off('error', finish);
      if (error === undefined) resolve(status ?? '');
      else reject(error);
    }
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', finish);
  });
}

/**
 * Asks the proxy for a tunnel to the CA (HTTP CONNECT, as curl and Chromium do for https://) and
 * shakes hands with whatever answers through it. No proxy credentials are sent.
 */
export async function probeProxy(proxy: URL, url: URL, caPem: readonly string[]): Promise<ProxyProbe> {
  const { host, port } = target(url);
  let socket: Socket;
  try {
    socket = await connectTcp(proxy.hostname.replace(/^\[|\]$/g, ''), Number(proxy.port || 80));
  } catch (e) {
    return { state: 'unreachable', code: errorCode(e) };
  }
  try {
    const authority = isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
    const status = await connectAnswer(socket);
    if (!/^HTTP\/1\.[01] 2\d\d\b/.test(status)) return { state: 'refused', status: status.slice(0, 80) };
    const h = await handshake({ socket, host, port, caPem });
    const facts = classify(h.leaf, host, h.authorized, h.error);
    return facts.state === 'trusted' ? { state: 'passes-through' } : { state: 'intercepting', seen: facts };
  } catch (e) {
    return { state: 'tunnel-failed', code: errorCode(e) };
  } finally {
    socket.destroy();
  }
}
