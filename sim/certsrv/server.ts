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
  comError,
  deniedBody,
  errorBody,
  forbiddenBody,
  homeBody,
  issuedBody,
  layout,
  pendingBody,
  pendingListBody,
  requestTypesBody,
  unauthorizedBody,
} from './pages.ts';
import type { BrowserKind, ErrorInfo, PendingEntry } from './pages.ts';
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

/** certsrck.inc keeps the browser's pending requests in this cookie, for nPendingTimeoutDays. */
const PENDING_COOKIE = 'Requests';
const PENDING_TIMEOUT_DAYS = 10;

function letters(n: number): string {
  const b = randomBytes(n);
  return Array.from(b, (x) => String.fromCharCode(65 + (x % 26))).join('');
}

/** ASP's Request.Cookies: URL-decoded values; a cookie whose escapes do not decode is ignored. */
export function cookies(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    try {
      out[part.slice(0, i).trim()] = decodeURIComponent(
        part
          .slice(i + 1)
          .trim()
          .replace(/\+/g, ' '),
      );
    } catch {
      // a malformed cookie of some other application on this host: not ours, skip it
    }
  }
  return out;
}

/**
 * Request.QueryString(name) / Request.Form(name): names match case-insensitively, repeated
 * fields come joined with ", ", an absent field is "".
 */
export function aspField(params: URLSearchParams, name: string): string {
  const want = name.toLowerCase();
  const values: string[] = [];
  for (const [k, v] of params) if (k.toLowerCase() === want) values.push(v);
  return values.join(', ');
}

/** A VBScript Long from a query value: digits only (a leading minus allowed), else undefined. */
function aspLong(v: string): number | undefined {
  return /^\s*-?\d{1,10}\s*$/.test(v) ? Number(v) : undefined;
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
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'https://localhost');
    } catch {
      return this.#badRequest(res);
    }
    const path = url.pathname.toLowerCase();

    if (path.startsWith('/certenroll/')) return this.#certEnroll(path, res);
    if (path === '/certsrv') {
      res.statusCode = 301;
      res.setHeader('Location', '/certsrv/');
      res.end();
      return;
    }
    if (!path.startsWith('/certsrv/')) return this.#notFound(res);

    const user = await this.#authenticate(req, res);
    if (!user) return;
    const jar = cookies(req);
    if (!jar[this.#sessionCookie]) {
      res.appendHeader('Set-Cookie', `${this.#sessionCookie}=${letters(24)}; secure; path=/`);
    }
    const browser = browserKind(req.headers['user-agent']);

    const page = path.slice('/certsrv/'.length);
    switch (page) {
      case '':
      case 'default.asp':
        return this.#page(res, homeBody(this.#s));
      case 'certrqus.asp':
        return this.#page(res, requestTypesBody(this.#s));
      case 'certrqxt.asp':
        return this.#page(res, advancedBody(this.#s, this.#enrollable(user)));
      case 'certfnsh.asp':
        return this.#certfnsh(req, res, user, jar, browser);
      case 'certnew.cer':
      case 'certnew.p7b':
        return this.#download(page, url, res, user, jar, browser);
      case 'certcarc.asp':
        return this.#page(
          res,
          caBody(this.#s, this.service.ca.name, this.service.ca.generations.length - 1, browser),
        );
      case 'certcrl.crl':
        return this.#crl(url, res, browser);
      case 'certckpn.asp':
        return this.#page(res, pendingListBody(this.#s, this.#pending(jar)));
      case 'certrmpn.asp': {
        const form = await this.#form(req, res);
        if (!form) return;
        const remaining = this.#pending(jar).filter((e) => e.id !== aspField(form, 'ReqID'));
        return this.#page(res, pendingListBody(this.#s, remaining), [this.#pendingCookie(remaining)]);
      }
      default:
        return this.#notFound(res);
    }
  }

  #notFound(res: ServerResponse): void {
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/html');
    res.end('<html><body><h2>404 - File or directory not found.</h2></body></html>\n');
  }

  /** HTTP.sys/IIS answer a URL it cannot decode with a bare 400 before any application runs. */
  #badRequest(res: ServerResponse): void {
    res.statusCode = 400;
    res.statusMessage = 'Bad Request';
    res.setHeader('Content-Type', 'text/html');
    res.end(
      '<html><body><h2>Bad Request - Invalid URL</h2><p>HTTP Error 400. The request URL is invalid.</p></body></html>\n',
    );
  }

  #enrollable(user: DirectoryUser) {
    const groups = new Set(user.memberOf.map((g) => g.toLowerCase()));
    return TEMPLATES.filter((t) => {
      const p = this.service.policies[t.cn];
      return p?.published && p.enrollGroups.some((g) => groups.has(g.toLowerCase()));
    });
  }

  /** certsrck.inc GetRequests: "[id,flags,savecert,friendly]" entries; a corrupt cookie reads as empty. */
  #pending(jar: Record<string, string>): PendingEntry[] {
    const out: PendingEntry[] = [];
    for (const m of (jar[PENDING_COOKIE] ?? '').matchAll(/\[([^\]]*)\]/g)) {
      const f = (m[1] ?? '').split(',');
      if (f.length !== 4) return [];
      out.push({
        id: f[0] ?? '',
        targetStoreFlags: f[1] ?? '',
        saveCert: f[2] ?? '',
        friendlyType: f[3] ?? '',
      });
    }
    return out;
  }

  /** certsrck.inc PutRequests: "-" stands for an empty list (Lynx will not keep an empty cookie). */
  #pendingCookie(entries: PendingEntry[]): string {
    const value = entries.length
      ? entries.map((e) => `[${e.id},${e.targetStoreFlags},${e.saveCert},${e.friendlyType}]`).join('')
      : '-';
    const expires = new Date(Date.now() + PENDING_TIMEOUT_DAYS * 86400_000).toUTCString();
    return `${PENDING_COOKIE}=${encodeURIComponent(value).replace(/%20/g, '+')}; expires=${expires}; path=/certsrv`;
  }

  async #form(req: IncomingMessage, res: ServerResponse): Promise<URLSearchParams | undefined> {
    const r = await readForm(req);
    if (r.ok) return r.form;
    res.statusCode = 413;
    res.statusMessage = 'Request Entity Too Large';
    res.setHeader('Content-Type', 'text/html');
    res.setHeader('Connection', 'close');
    res.end('<html><body><h2>413 - Request Entity Too Large</h2></body></html>\n');
    return undefined;
  }

  async #certfnsh(
    req: IncomingMessage,
    res: ServerResponse,
    user: DirectoryUser,
    jar: Record<string, string>,
    browser: BrowserKind,
  ): Promise<void> {
    const form = req.method === 'POST' ? await this.#form(req, res) : new URLSearchParams();
    if (!form) return;
    // certfnsh.asp compares Request.Form("Mode") with exact strings
    const mode = aspField(form, 'Mode');
    const noData = form.size === 0 && new URL(req.url ?? '/', 'https://localhost').search === '';
    if (mode === 'newreq') {
      const outcome = this.service.submit(user, aspField(form, 'CertRequest'), aspField(form, 'CertAttrib'));
      const cookiesOut =
        outcome.page === 'pending'
          ? [
              this.#pendingCookie([
                ...this.#pending(jar),
                {
                  id: String(outcome.id),
                  targetStoreFlags: aspField(form, 'TargetStoreFlags'),
                  saveCert: aspField(form, 'SaveCert'),
                  // certsrck.inc turns the list separators into spaces
                  friendlyType: aspField(form, 'FriendlyType').replace(/[,\]]/g, ' '),
                },
              ]),
            ]
          : [];
      return this.#outcome(res, outcome, mode, browser, cookiesOut, '');
    }
    if (mode === 'chkpnd') {
      const reqId = aspField(form, 'ReqID');
      const n = aspLong(reqId);
      const rec = n === undefined ? HR.TYPE_MISMATCH : this.service.lookup(n, user);
      if (typeof rec === 'number') {
        return this.#error(
          res,
          {
            source: 'form',
            mode,
            disposition: undefined,
            dispositionMessage: '',
            result: rec,
            comError: comError('RetrievePending', rec),
            lastStatus: rec,
            reqId,
          },
          browser,
        );
      }
      const outcome = outcomeOf(rec);
      // certrsdn.asp drops a denied request from the browser's list
      const cookiesOut =
        outcome.page === 'denied'
          ? [this.#pendingCookie(this.#pending(jar).filter((e) => e.id !== reqId))]
          : [];
      return this.#outcome(res, outcome, mode, browser, cookiesOut, reqId);
    }
    // "newreq NN" (Netscape KEYGEN) and anything else: nothing was submitted
    return this.#error(
      res,
      {
        source: 'form',
        mode,
        noData,
        disposition: undefined,
        dispositionMessage: '',
        result: HR.SUCCESS,
        comError: '',
        lastStatus: undefined,
      },
      browser,
    );
  }

  #outcome(
    res: ServerResponse,
    o: Outcome,
    mode: string,
    browser: BrowserKind,
    cookiesOut: string[],
    reqId: string,
  ): void {
    switch (o.page) {
      case 'issued':
        return this.#page(res, issuedBody(this.#s, o.id, browser), cookiesOut);
      case 'pending':
        return this.#page(
          res,
          pendingBody(this.#s, o.id, mode === 'chkpnd', PENDING_TIMEOUT_DAYS),
          cookiesOut,
        );
      case 'denied':
        return this.#page(res, deniedBody(this.#s, o.id, o.message, o.revoked), cookiesOut);
      case 'error':
        return this.#error(
          res,
          {
            source: 'form',
            mode,
            disposition: o.disposition,
            dispositionMessage: o.message,
            result: o.hresult,
            comError: o.comError,
            lastStatus: o.lastStatus,
            reqId,
          },
          browser,
          cookiesOut,
        );
    }
  }

  #error(res: ServerResponse, e: ErrorInfo, browser: BrowserKind, cookiesOut: string[] = []): void {
    this.#page(res, errorBody(this.#s, e, browser), cookiesOut);
  }

  /** certrser.asp after a download whose GetCAProperty call raised (its session holds no disposition). */
  #fetchError(res: ServerResponse, url: URL, hr: number, browser: BrowserKind): void {
    this.#error(
      res,
      {
        source: 'fetch',
        mode: '',
        noData: url.search === '',
        // Session("nDisposition") is Empty, which certrser.asp prints as "0 - Incomplete"
        disposition: 0,
        dispositionMessage: '',
        result: hr,
        comError: comError('GetCAProperty', hr),
        lastStatus: hr,
      },
      browser,
    );
  }

  #binary(
    res: ServerResponse,
    type: string,
    name: string,
    body: Uint8Array | string,
    extra: string[] = [],
  ): void {
    res.statusCode = 200;
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    if (extra.length) res.appendHeader('Set-Cookie', extra);
    res.end(body);
  }

  /** A renewal index as GetCAProperty takes it: not a number → type mismatch, out of range → invalid arg. */
  #generation(raw: string): { index: number } | { hr: number } {
    const k = aspLong(raw);
    if (k === undefined) return { hr: HR.TYPE_MISMATCH };
    if (k < 0 || k >= this.service.ca.generations.length) return { hr: HR.INVALID_PARAMETER };
    return { index: k };
  }

  /**
   * certnew.cer / certnew.p7b. Base64 with header unless Enc is exactly "bin"; ReqID=CACert
   * exactly (ASP compares values case-sensitively, names not). Content types as in
   * docs/certsrv-pages.md: Mode=inst asks for the install types x-x509-user-cert / x-x509-ca-cert.
   */
  #download(
    page: 'certnew.cer' | 'certnew.p7b',
    url: URL,
    res: ServerResponse,
    user: DirectoryUser,
    jar: Record<string, string>,
    browser: BrowserKind,
  ): void {
    const q = url.searchParams;
    const reqId = aspField(q, 'ReqID');
    const bin = aspField(q, 'Enc') === 'bin';
    const install = aspField(q, 'Mode') === 'inst';
    const ca = this.service.ca;
    ca.refresh();
    let leaf: Buffer | undefined;
    let chain: Buffer[];
    const cookiesOut: string[] = [];
    if (reqId === 'CACert') {
      const g = this.#generation(aspField(q, 'Renewal'));
      if ('hr' in g) return this.#fetchError(res, url, g.hr, browser);
      chain = [ca.generations[g.index]?.certDer ?? ca.current.certDer];
    } else {
      const n = aspLong(reqId);
      const rec = n === undefined ? HR.TYPE_MISMATCH : this.service.lookup(n, user);
      if (typeof rec === 'number') {
        return this.#error(
          res,
          {
            source: 'fetch',
            mode: '',
            noData: url.search === '',
            disposition: undefined,
            dispositionMessage: '',
            result: rec,
            comError: comError('RetrievePending', rec),
            lastStatus: rec,
          },
          browser,
        );
      }
      if (rec.status !== 'issued' || !rec.certificate) {
        // RetrievePending succeeded; certnew.cer hands anything but "issued" to certrser.asp
        return this.#error(
          res,
          {
            source: 'fetch',
            mode: '',
            disposition: rec.disposition,
            dispositionMessage: rec.dispositionMessage,
            result: HR.SUCCESS,
            comError: '',
            lastStatus:
              rec.status === 'denied' || rec.status === 'failed' ? (rec.hresult ?? HR.SUCCESS) : HR.SUCCESS,
          },
          browser,
        );
      }
      leaf = Buffer.from(rec.certificate, 'base64');
      chain = [ca.generations[rec.caIndex ?? 0]?.certDer ?? ca.current.certDer];
      // certnew.cer forgets an issued request from the browser's pending list
      const pending = this.#pending(jar);
      if (pending.some((e) => e.id === reqId))
        cookiesOut.push(this.#pendingCookie(pending.filter((e) => e.id !== reqId)));
    }
    if (page === 'certnew.cer') {
      const der = leaf ?? chain[0] ?? Buffer.alloc(0);
      const type = install
        ? leaf
          ? 'application/x-x509-user-cert'
          : 'application/x-x509-ca-cert'
        : 'application/pkix-cert';
      return this.#binary(res, type, 'certnew.cer', bin ? der : toPem('CERTIFICATE', der), cookiesOut);
    }
    const p7 = certsOnlyPkcs7(leaf ? [leaf, ...chain] : chain);
    // Windows' CryptBinaryToString(CRYPT_STRING_BASE64HEADER) labels any blob CERTIFICATE
    this.#binary(
      res,
      'application/x-pkcs7-certificates',
      'certnew.p7b',
      bin ? p7 : toPem('CERTIFICATE', p7),
      cookiesOut,
    );
  }

  /** certcrl.crl: Type=base (delta CRLs are not published), Renewal must name a key generation. */
  #crl(url: URL, res: ServerResponse, browser: BrowserKind): void {
    const q = url.searchParams;
    if (aspField(q, 'Type') === 'delta') return this.#fetchError(res, url, HR.FILE_NOT_FOUND, browser);
    const g = this.#generation(aspField(q, 'Renewal'));
    if ('hr' in g) return this.#fetchError(res, url, g.hr, browser);
    const crl = this.service.crl(g.index);
    this.#binary(
      res,
      'application/pkix-crl',
      'certcrl.crl',
      aspField(q, 'Enc') === 'bin' ? crl : toPem('X509 CRL', crl),
    );
  }

  #certEnroll(path: string, res: ServerResponse): void {
    const ca = this.service.ca;
    ca.refresh();
    let name: string;
    try {
      name = decodeURIComponent(path.slice('/certenroll/'.length));
    } catch {
      return this.#badRequest(res);
    }
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
/** past this the sim stops draining an oversized body and drops the connection */
const MAX_DRAIN = 16 * MAX_BODY;

/**
 * Reads an urlencoded form (UTF-8, as the CODEPAGE=65001 pages decode it). A body over 1 MiB is
 * refused: at once when Content-Length says so, otherwise after draining it, so the client can
 * read the 413 instead of a reset connection.
 */
export function readForm(req: IncomingMessage): Promise<{ ok: true; form: URLSearchParams } | { ok: false }> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY) {
      req.resume();
      resolve({ ok: false });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_DRAIN) {
        req.destroy();
        return;
      }
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () =>
      resolve(
        size > MAX_BODY
          ? { ok: false }
          : { ok: true, form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')) },
      ),
    );
    req.on('error', reject);
  });
}
