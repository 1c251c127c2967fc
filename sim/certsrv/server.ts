// The HTTPS front end: IIS-like authentication (Basic, TLS client certificates, NTLM with
// Extended Protection), the /certsrv pages and downloads. Outcomes are HTTP 200 HTML; only
// authentication failures are 401.
import { randomBytes, X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { DirectoryUser } from './directory.ts';
import { explicit, int, oid, seq, setOf, tlv, toPem } from './der.ts';
import { OID } from './oids.ts';
import { HR } from './hresult.ts';
import { HTML_LANG, LOCALES } from './locale.ts';
import type { Locale } from './locale.ts';
import {
  advancedBody,
  browserKind,
  caBody,
  deniedBody,
  errorBody,
  forbiddenBody,
  homeBody,
  issuedBody,
  layout,
  pendingBody,
  pendingListBody,
  unauthorizedBody,
} from './pages.ts';
import type { ErrorInfo } from './pages.ts';
import { outcomeOf } from './service.ts';
import type { CertsrvService, Outcome } from './service.ts';
import { mapClientCertificate } from './clientcert.ts';
import { NtlmAcceptor } from './ntlm.ts';
import type { ExtendedProtection } from './ntlm.ts';
import { TEMPLATES } from './templates.ts';

export interface FrontEndOptions {
  locale: Locale;
  /**
   * schemes offered in WWW-Authenticate, in order. Basic is always accepted; NTLM (also a raw
   * NTLMSSP token under Negotiate, as IIS takes it when Kerberos is impossible) only when 'NTLM' or
   * 'Negotiate' is offered.
   */
  challenges: string[];
  realm: string;
  /** IIS Extended Protection for Windows Authentication (NTLM channel binding) */
  extendedProtection: ExtendedProtection;
}

const PENDING_COOKIE = 'CertsrvPendingRequests';

function letters(n: number): string {
  const b = randomBytes(n);
  return Array.from(b, (x) => String.fromCharCode(65 + (x % 26))).join('');
}

function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

/** A "degenerate" SignedData carrying only certificates (RFC 5652 §5 with no signers). */
export function certsOnlyPkcs7(certs: Uint8Array[]): Buffer {
  return Buffer.from(
    seq(
      oid(OID.signedData),
      explicit(0, seq(int(1), setOf(), seq(oid(OID.data)), tlv(0xa0, ...certs), setOf())),
    ),
  );
}

// Node 22 hands out a socket's peer X509Certificate only once; later requests on the same kept-alive
// connection must still see the client certificate, so it is remembered per socket.
const peerCertificates = new WeakMap<TLSSocket, X509Certificate | null>();
function clientCertificateOf(sock: TLSSocket): X509Certificate | undefined {
  if (!peerCertificates.has(sock)) {
    const raw = sock.getPeerCertificate?.(false)?.raw;
    peerCertificates.set(sock, raw && raw.length > 0 ? new X509Certificate(raw) : null);
  }
  return peerCertificates.get(sock) ?? undefined;
}

export class FrontEnd {
  readonly service: CertsrvService;
  readonly opts: FrontEndOptions;
  readonly #sessionCookie = `ASPSESSIONID${letters(8)}`;
  readonly #ntlm: NtlmAcceptor;
  /** why the last NTLM attempt got 401 (IIS would log a substatus; tests read this) */
  lastAuthFailure: string | undefined;

  constructor(service: CertsrvService, opts: FrontEndOptions) {
    this.service = service;
    this.opts = opts;
    const d = service.directory.data;
    this.#ntlm = new NtlmAcceptor(
      service.directory,
      {
        netbiosDomain: d.netbiosDomain,
        dnsDomain: d.dnsDomain,
        netbiosComputer: 'CA01',
        dnsComputer: `ca01.${d.dnsDomain}`,
      },
      () => this.opts.extendedProtection,
    );
  }

  get #ntlmOffered(): boolean {
    return this.opts.challenges.some((c) => /^(NTLM|Negotiate)$/i.test(c));
  }

  get #s() {
    return LOCALES[this.opts.locale];
  }

  #page(res: ServerResponse, body: string, extraCookies: string[] = []): void {
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'private');
    if (extraCookies.length) res.appendHeader('Set-Cookie', extraCookies);
    res.end(layout(this.#s, HTML_LANG[this.opts.locale], this.service.ca.name, body));
  }

  #unauthorized(res: ServerResponse): void {
    res.statusCode = 401;
    res.statusMessage = 'Unauthorized';
    res.setHeader(
      'WWW-Authenticate',
      this.opts.challenges.map((c) => (c === 'Basic' ? `Basic realm="${this.opts.realm}"` : c)),
    );
    res.setHeader('Content-Type', 'text/html');
    res.end(unauthorizedBody());
  }

  async #authenticate(req: IncomingMessage, res: ServerResponse): Promise<DirectoryUser | undefined> {
    const sock = req.socket as TLSSocket;
    const peer = clientCertificateOf(sock);
    if (peer && sock.authorized) {
      const revoked = this.service.store
        .all()
        .some(
          (r) => r.status === 'revoked' && r.serialNumber?.toUpperCase() === peer.serialNumber.toUpperCase(),
        );
      const usable = (peer.keyUsage ?? []).includes(OID.clientAuth);
      const user = usable && !revoked ? mapClientCertificate(peer, this.service.directory) : undefined;
      if (user?.enabled) return user;
      // IIS 403.7/403.16-style refusal when the certificate cannot be mapped or is unusable
      res.statusCode = 403;
      res.setHeader('Content-Type', 'text/html');
      res.end(forbiddenBody('The client certificate could not be mapped to an enabled account.'));
      return undefined;
    }
    const auth = req.headers.authorization ?? '';
    if (this.#ntlmOffered) {
      const t = /^(NTLM|Negotiate)\s+([A-Za-z0-9+/=]+)\s*$/i.exec(auth);
      if (t?.[1] && t[2]) {
        const step = this.#ntlm.step(sock, Buffer.from(t[2], 'base64'));
        if (step.kind === 'authenticated') return step.user;
        if (step.kind === 'challenge') {
          // leg 2 of the handshake must come on this connection; IIS answers with only this header
          res.statusCode = 401;
          res.statusMessage = 'Unauthorized';
          res.setHeader('WWW-Authenticate', `${t[1]} ${step.token.toString('base64')}`);
          res.setHeader('Content-Type', 'text/html');
          res.end(unauthorizedBody());
          return undefined;
        }
        this.lastAuthFailure = `NTLM: ${step.reason}`;
        this.#unauthorized(res);
        return undefined;
      }
      // IIS keeps an NTLM-authenticated connection authenticated for later requests
      const connectionUser = auth === '' ? this.#ntlm.connectionUser(sock) : undefined;
      if (connectionUser?.enabled) return connectionUser;
    }
    const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(auth);
    if (m?.[1]) {
      const decoded = Buffer.from(m[1], 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) {
        const user = await this.service.directory.authenticate(
          decoded.slice(0, colon),
          decoded.slice(colon + 1),
        );
        if (user) return user;
      }
    }
    this.#unauthorized(res);
    return undefined;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('Server', 'Microsoft-IIS/10.0');
    res.setHeader('X-Powered-By', 'ASP.NET');
    const url = new URL(req.url ?? '/', 'https://localhost');
    const path = url.pathname.toLowerCase();

    if (path.startsWith('/certenroll/')) return this.#certEnroll(path, res);
    if (path === '/certsrv') {
      res.statusCode = 301;
      res.setHeader('Location', '/certsrv/');
      res.end();
      return;
    }
    if (!path.startsWith('/certsrv/')) {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html');
      res.end('<html><body><h2>404 - File or directory not found.</h2></body></html>\n');
      return;
    }

    const user = await this.#authenticate(req, res);
    if (!user) return;
    const jar = cookies(req);
    if (!jar[this.#sessionCookie]) {
      res.appendHeader('Set-Cookie', `${this.#sessionCookie}=${letters(24)}; secure; path=/`);
    }

    const page = path.slice('/certsrv/'.length);
    switch (page) {
      case '':
      case 'default.asp':
        return this.#page(res, homeBody(this.#s));
      case 'certrqxt.asp':
        return this.#page(res, advancedBody(this.#s, this.#enrollable(user)));
      case 'certfnsh.asp':
        return this.#certfnsh(req, res, user, jar);
      case 'certnew.cer':
      case 'certnew.p7b':
        return this.#download(page, url, res, user);
      case 'certcarc.asp':
        return this.#page(res, caBody(this.#s, this.service.ca.generations.length - 1));
      case 'certcrl.crl': {
        const k = Number(url.searchParams.get('Renewal') ?? this.service.ca.current.index);
        const crl = this.service.crl(Number.isInteger(k) ? k : this.service.ca.current.index);
        return this.#binary(
          res,
          'application/pkix-crl',
          'certcrl.crl',
          url.searchParams.get('Enc') === 'b64' ? toPem('X509 CRL', crl) : crl,
        );
      }
      case 'certckpn.asp':
        return this.#page(res, pendingListBody(this.#s, this.#pendingIds(jar)));
      case 'certrmpn.asp': {
        const form = await readForm(req);
        const drop = Number(form.get('ReqID'));
        const ids = this.#pendingIds(jar).filter((i) => i !== drop);
        return this.#page(res, pendingListBody(this.#s, ids), [this.#pendingCookie(ids)]);
      }
      default:
        res.statusCode = 404;
        res.setHeader('Content-Type', 'text/html');
        res.end('<html><body><h2>404 - File or directory not found.</h2></body></html>\n');
    }
  }

  #enrollable(user: DirectoryUser) {
    const groups = new Set(user.memberOf.map((g) => g.toLowerCase()));
    return TEMPLATES.filter((t) => {
      const p = this.service.policies[t.cn];
      return p?.published && p.enrollGroups.some((g) => groups.has(g.toLowerCase()));
    });
  }

  #pendingIds(jar: Record<string, string>): number[] {
    return (jar[PENDING_COOKIE] ?? '')
      .split(',')
      .map(Number)
      .filter((n) => Number.isSafeInteger(n) && n > 0);
  }

  #pendingCookie(ids: number[]): string {
    return `${PENDING_COOKIE}=${encodeURIComponent(ids.join(','))}; secure; path=/certsrv`;
  }

  async #certfnsh(
    req: IncomingMessage,
    res: ServerResponse,
    user: DirectoryUser,
    jar: Record<string, string>,
  ): Promise<void> {
    if (req.method !== 'POST') {
      return this.#error(res, {
        mode: 'newreq',
        disposition: 0,
        dispositionMessage: '',
        hresult: HR.INVALID_DATA,
      });
    }
    let form: URLSearchParams;
    try {
      form = await readForm(req);
    } catch {
      res.statusCode = 413;
      res.end();
      return;
    }
    const mode = (form.get('Mode') ?? '').trim();
    const browser = browserKind(req.headers['user-agent']);
    if (mode === 'newreq') {
      const outcome = this.service.submit(user, form.get('CertRequest') ?? '', form.get('CertAttrib') ?? '');
      const extra =
        outcome.page === 'pending' ? [this.#pendingCookie([...this.#pendingIds(jar), outcome.id])] : [];
      return this.#outcome(res, outcome, 'newreq', browser, extra);
    }
    if (mode === 'chkpnd') {
      const id = Number(form.get('ReqID'));
      const rec = this.service.lookup(id, user);
      if (typeof rec === 'number') {
        return this.#error(res, { mode: 'chkpnd', disposition: 0, dispositionMessage: '', hresult: rec });
      }
      return this.#outcome(res, outcomeOf(rec), 'chkpnd', browser, []);
    }
    return this.#error(res, {
      mode: 'newreq',
      disposition: 0,
      dispositionMessage: '',
      hresult: HR.INVALID_DATA,
    });
  }

  #outcome(
    res: ServerResponse,
    o: Outcome,
    mode: 'newreq' | 'chkpnd',
    browser: ReturnType<typeof browserKind>,
    cookiesOut: string[],
  ): void {
    switch (o.page) {
      case 'issued':
        return this.#page(res, issuedBody(this.#s, o.id, browser), cookiesOut);
      case 'pending':
        return this.#page(res, pendingBody(this.#s, o.id, mode === 'chkpnd'), cookiesOut);
      case 'denied':
        return this.#page(res, deniedBody(this.#s, o.id, o.message, o.revoked), cookiesOut);
      case 'error':
        return this.#error(res, {
          mode,
          disposition: o.disposition,
          dispositionMessage: o.message,
          hresult: o.hresult,
          requestId: o.id,
        });
    }
  }

  #error(res: ServerResponse, e: ErrorInfo): void {
    this.#page(res, errorBody(this.#s, e));
  }

  #binary(res: ServerResponse, type: string, name: string, body: Uint8Array | string): void {
    res.statusCode = 200;
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    res.end(body);
  }

  #download(page: 'certnew.cer' | 'certnew.p7b', url: URL, res: ServerResponse, user: DirectoryUser): void {
    const reqId = url.searchParams.get('ReqID') ?? '';
    const b64 = (url.searchParams.get('Enc') ?? 'bin').toLowerCase() === 'b64';
    const ca = this.service.ca;
    let leaf: Buffer | undefined;
    let chain: Buffer[];
    if (reqId.toLowerCase() === 'cacert') {
      const k = Number(url.searchParams.get('Renewal') ?? ca.current.index);
      const gen = Number.isInteger(k) ? ca.generations[k] : undefined;
      if (!gen) {
        return this.#error(res, {
          mode: 'fetch',
          disposition: 0,
          dispositionMessage: '',
          hresult: HR.PROPERTY_EMPTY,
        });
      }
      chain = [gen.certDer];
    } else {
      const rec = this.service.lookup(Number(reqId), user);
      if (typeof rec === 'number') {
        return this.#error(res, { mode: 'fetch', disposition: 0, dispositionMessage: '', hresult: rec });
      }
      if (rec.status !== 'issued' || !rec.certificate) {
        return this.#error(res, {
          mode: 'fetch',
          disposition: rec.disposition,
          dispositionMessage: rec.dispositionMessage,
          hresult: rec.status === 'pending' ? HR.PROPERTY_EMPTY : (rec.hresult ?? HR.PROPERTY_EMPTY),
          requestId: rec.id,
        });
      }
      leaf = Buffer.from(rec.certificate, 'base64');
      chain = [ca.generations[rec.caIndex ?? 0]?.certDer ?? ca.current.certDer];
    }
    if (page === 'certnew.cer') {
      const der = leaf ?? chain[0] ?? Buffer.alloc(0);
      return this.#binary(res, 'application/pkix-cert', 'certnew.cer', b64 ? toPem('CERTIFICATE', der) : der);
    }
    const p7 = certsOnlyPkcs7(leaf ? [leaf, ...chain] : chain);
    // Windows' CryptBinaryToString(CRYPT_STRING_BASE64HEADER) labels any blob CERTIFICATE
    this.#binary(res, 'application/x-pkcs7-certificates', 'certnew.p7b', b64 ? toPem('CERTIFICATE', p7) : p7);
  }

  #certEnroll(path: string, res: ServerResponse): void {
    const ca = this.service.ca;
    const name = decodeURIComponent(path.slice('/certenroll/'.length));
    for (const g of ca.generations) {
      const suffix = g.index > 0 ? `(${g.index})` : '';
      if (name === `${ca.name}${suffix}.crl`.toLowerCase()) {
        return this.#binary(
          res,
          'application/pkix-crl',
          `${ca.name}${suffix}.crl`,
          this.service.crl(g.index),
        );
      }
      if (name === `${ca.name}_${g.index}.crt`.toLowerCase()) {
        return this.#binary(res, 'application/pkix-cert', `${ca.name}.crt`, g.certDer);
      }
    }
    res.statusCode = 404;
    res.end();
  }
}

const MAX_BODY = 1024 * 1024;

export function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('latin1'))));
    req.on('error', reject);
  });
}
