// The certsrv web-enrollment client: credentials probe, submission with a write-ahead ledger,
// outcome recognition, certificate/chain/CA-certificate downloads and pending re-checks.
import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import { parseDer, toBase64, toPem, encode, fromPem } from '../pki/der.ts';
import { measureClockSkew, DEFAULT_CLOCK_SKEW_THRESHOLD_MS, type ClockSkewFinding } from './clock.ts';
import { CookieJar } from './cookies.ts';
import { CaError, PAGE_EXCERPT_CHARS } from './errors.ts';
import { describeHresult } from './hresult.ts';
import type { LedgerEntry, LedgerState, RequestLedger } from './ledger.ts';
import { MemoryRequestLedger } from './ledger.ts';
import { OUTCOME_UNKNOWN_RESOLUTION, type IssuedCertificate, type SubmitOutcome } from './outcome.ts';
import { Disposition, parseCertsrvPage, parseRenewalCount, type CertsrvPage } from './pages.ts';
import {
  headerValue,
  headerValues,
  TransportError,
  type HttpResponse,
  type HttpTransport,
} from './transport.ts';

export const BROWSER_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) EnrollmentStation/0.1';

export interface CertsrvClientOptions {
  /** https://host[:port]/certsrv/ */
  readonly baseUrl: string;
  readonly transport: HttpTransport;
  /** defaults to an in-memory ledger (only for tests and one-shot tools) */
  readonly ledger?: RequestLedger;
  /** per-request allowance for GETs; default 30 s */
  readonly requestTimeoutMs?: number;
  /** allowance for the submit POST (issuance can be slow); default 120 s */
  readonly submitTimeoutMs?: number;
  /** default 2 MiB */
  readonly maxResponseBytes?: number;
  readonly userAgent?: string;
  readonly clockSkewThresholdMs?: number;
  readonly onClockSkew?: (finding: ClockSkewFinding) => void;
  readonly now?: () => Date;
}

export interface SubmitRequest {
  /** idempotency key (e.g. the enrollment job id): one key, at most one certificate */
  readonly key: string;
  /** DER PKCS#10, or DER CMS/CMC for enroll-on-behalf */
  readonly request: Uint8Array;
  /** the template cn, e.g. SmartcardUser */
  readonly template: string;
  /** further CertAttrib Name:Value pairs */
  readonly attributes?: ReadonlyArray<readonly [string, string]>;
  /**
   * Set only after a person checked the CA and found that an earlier submission with this key did
   * not arrive: allows a new POST although the ledger says the outcome is unknown.
   */
  readonly confirmedNotReceived?: boolean;
}

export interface CredentialCheck {
  readonly ok: true;
  readonly clockSkew: ClockSkewFinding | undefined;
}

interface Exchange {
  readonly response: HttpResponse;
  readonly clockSkew: ClockSkewFinding | undefined;
}

const PKIX_CERT = 'application/pkix-cert';
const PKCS7_CERTS = /^application\/(x-pkcs7-certificates|pkcs7-mime|x-pkcs7-mime)\b/i;

export class CertsrvClient {
  readonly #base: URL;
  readonly #transport: HttpTransport;
  readonly #ledger: RequestLedger;
  readonly #cookies = new CookieJar();
  readonly #requestTimeoutMs: number;
  readonly #submitTimeoutMs: number;
  readonly #maxBytes: number;
  readonly #userAgent: string;
  readonly #skewThresholdMs: number;
  readonly #onClockSkew: ((f: ClockSkewFinding) => void) | undefined;
  readonly #now: () => Date;
  #lastClockSkew: ClockSkewFinding | undefined;

  constructor(options: CertsrvClientOptions) {
    let base: URL;
    try {
      base = new URL(options.baseUrl);
    } catch {
      throw new CaError('CA_URL_REFUSED', `not a URL: ${options.baseUrl}`);
    }
    if (base.protocol !== 'https:')
      throw new CaError('CA_URL_REFUSED', `refusing ${base.protocol}// CA URL: https only`);
    if (base.username || base.password)
      throw new CaError('CA_URL_REFUSED', 'credentials do not belong in the CA URL');
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    base.search = '';
    base.hash = '';
    this.#base = base;
    this.#transport = options.transport;
    this.#ledger = options.ledger ?? new MemoryRequestLedger();
    this.#requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.#submitTimeoutMs = options.submitTimeoutMs ?? 120_000;
    this.#maxBytes = options.maxResponseBytes ?? 2 * 1024 * 1024;
    this.#userAgent = options.userAgent ?? BROWSER_USER_AGENT;
    this.#skewThresholdMs = options.clockSkewThresholdMs ?? DEFAULT_CLOCK_SKEW_THRESHOLD_MS;
    this.#onClockSkew = options.onClockSkew;
    this.#now = options.now ?? (() => new Date());
  }

  get baseUrl(): string {
    return this.#base.href;
  }

  /** the latest clock-skew finding above the threshold, if any */
  get clockSkew(): ClockSkewFinding | undefined {
    return this.#lastClockSkew;
  }

  /** GET /certsrv/: 200 = credentials accepted. Throws CaError (CA_AUTH_FAILED, CA_FORBIDDEN, …). */
  async checkCredentials(): Promise<CredentialCheck> {
    const { response, clockSkew } = await this.#get('');
    this.#expectOk(response);
    return { ok: true, clockSkew };
  }

  /**
   * The templates the advanced request page (certrqxt.asp) offers this account: the cn in field 2
   * of each `;`-separated option value of the lbCertTemplate list.
   */
  async offeredTemplates(): Promise<string[]> {
    const { response } = await this.#get('certrqxt.asp');
    this.#expectOk(response);
    return parseOfferedTemplates(decodeText(response));
  }

  async submit(req: SubmitRequest): Promise<SubmitOutcome> {
    validateAttribute('CertificateTemplate', req.template);
    for (const [n, v] of req.attributes ?? []) validateAttribute(n, v);
    const requestSha256 = createHash('sha256').update(req.request).digest('hex');

    const existing = await this.#ledger.get(req.key);
    if (existing) {
      if (existing.reqId !== undefined && existing.state !== 'denied' && existing.state !== 'failed')
        return this.recheck(existing.reqId, { key: req.key });
      if ((existing.state === 'intent' || existing.state === 'unknown') && !req.confirmedNotReceived)
        return unknownOutcome(existing, 'an earlier submission with this key has no known outcome');
    }

    const now = this.#now().toISOString();
    const intent: LedgerEntry = {
      key: req.key,
      caUrl: this.#base.href,
      template: req.template,
      requestSha256,
      state: 'intent',
      createdAt: now,
      updatedAt: now,
    };
    await this.#record(intent);

    const certAttrib = [
      `CertificateTemplate:${req.template}`,
      ...(req.attributes ?? []).map(([n, v]) => `${n}:${v}`),
    ].join('\r\n');
    const body = new URLSearchParams({
      Mode: 'newreq',
      CertRequest: toBase64(req.request),
      CertAttrib: certAttrib,
      FriendlyType: 'Saved-Request Certificate',
      TargetStoreFlags: '0',
      SaveCert: 'yes',
      ThumbPrint: '',
    }).toString();

    let page: CertsrvPage;
    try {
      const { response } = await this.#send(
        'POST',
        'certfnsh.asp',
        new TextEncoder().encode(body),
        this.#submitTimeoutMs,
      );
      this.#expectOk(response);
      page = this.#readPage(response);
    } catch (err) {
      const caErr = toCaError(err);
      if (!mayHaveReachedCa(err, caErr)) {
        await this.#update(intent, 'not-sent', undefined, caErr.code);
        throw caErr;
      }
      const entry = await this.#update(intent, 'unknown', undefined, caErr.code);
      return unknownOutcome(entry, caErr.message, caErr);
    }
    try {
      return await this.#settle(intent, page);
    } catch (err) {
      // The CA answered the POST, so it holds the request (an "issued" page means a certificate
      // exists for the card's key). A failure from here on — the certificate download, the ledger
      // — must not be thrown: callers take a throw from submit() as "not sent", roll back and
      // may submit again.
      const caErr = toCaError(err);
      const reqId = 'reqId' in page && page.reqId !== undefined ? ` request ${page.reqId}` : '';
      return unknownOutcome(
        intent,
        `the CA answered${reqId} (${page.kind}) but the answer could not be completed: ${caErr.code}: ${caErr.message}`,
        caErr,
      );
    }
  }

  /**
   * Asks the CA again about a request: `certnew.cer` by default (works without the ASP session),
   * or the form's `Mode=chkpnd`. Updates the ledger entry when a key is given.
   */
  async recheck(
    reqId: number,
    options: { key?: string; via?: 'certnew' | 'chkpnd' } = {},
  ): Promise<SubmitOutcome> {
    assertReqId(reqId);
    const entry = options.key ? await this.#ledger.get(options.key) : undefined;
    let page: CertsrvPage;
    if (options.via === 'chkpnd') {
      const body = new URLSearchParams({ Mode: 'chkpnd', ReqID: String(reqId) }).toString();
      const { response } = await this.#send(
        'POST',
        'certfnsh.asp',
        new TextEncoder().encode(body),
        this.#submitTimeoutMs,
      );
      this.#expectOk(response);
      page = this.#readPage(response);
    } else {
      const { response } = await this.#get(`certnew.cer?ReqID=${reqId}&Enc=bin`);
      this.#expectOk(response);
      if (contentType(response) === PKIX_CERT) {
        const certificate = readCertificate(response, reqId);
        if (entry) await this.#update(entry, 'issued', reqId);
        return { kind: 'issued', reqId, certificate };
      }
      page = this.#readPage(response);
      if (page.kind === 'error' && page.hresult === 0x80094004)
        throw new CaError('CA_REQUEST_UNKNOWN', `the CA has no request ${reqId}`, { url: response.url });
    }
    return this.#settle(entry, page, reqId);
  }

  /** What the ledger holds for an idempotency key (recovery reads it when a journal cannot say). */
  async ledgerEntry(key: string): Promise<LedgerEntry | undefined> {
    return this.#ledger.get(key);
  }

  /** Re-checks every ledger entry still pending; entries of unknown outcome are returned as such. */
  async resumePending(): Promise<Array<{ readonly key: string; readonly outcome: SubmitOutcome }>> {
    const results: Array<{ key: string; outcome: SubmitOutcome }> = [];
    for (const entry of await this.#ledger.list()) {
      if (entry.caUrl !== this.#base.href) continue;
      if (entry.state === 'pending' && entry.reqId !== undefined)
        results.push({ key: entry.key, outcome: await this.recheck(entry.reqId, { key: entry.key }) });
      else if (entry.state === 'intent' || entry.state === 'unknown')
        results.push({ key: entry.key, outcome: unknownOutcome(entry, 'submission outcome unknown') });
    }
    return results;
  }

  /** certnew.cer?ReqID=n: only an application/pkix-cert answer that parses counts. */
  async fetchCertificate(reqId: number, encoding: 'bin' | 'b64' = 'bin'): Promise<IssuedCertificate> {
    assertReqId(reqId);
    const { response } = await this.#get(`certnew.cer?ReqID=${reqId}&Enc=${encoding}`);
    this.#expectOk(response);
    return readCertificate(response, reqId);
  }

  /** certnew.p7b?ReqID=n: the issued certificate and its chain, DER each. */
  async fetchChain(reqId: number): Promise<Uint8Array[]> {
    assertReqId(reqId);
    return this.#fetchP7b(`certnew.p7b?ReqID=${reqId}&Enc=bin`);
  }

  /** certcarc.asp's nRenewals: the highest CA renewal index. */
  async caRenewalCount(): Promise<number> {
    const { response } = await this.#get('certcarc.asp');
    this.#expectOk(response);
    const html = decodeText(response);
    const n = parseRenewalCount(html);
    if (n === undefined)
      throw new CaError(
        'CA_UNRECOGNISED_PAGE',
        'certcarc.asp does not state nRenewals',
        excerpt(response, html),
      );
    return n;
  }

  /** The CA certificate for a renewal index (0 = the original key). */
  async caCertificate(renewal: number): Promise<Uint8Array> {
    if (!Number.isInteger(renewal) || renewal < 0 || renewal > 1000)
      throw new CaError('CA_INVALID_INPUT', `bad renewal index ${renewal}`);
    const { response } = await this.#get(`certnew.cer?ReqID=CACert&Renewal=${renewal}&Enc=bin`);
    this.#expectOk(response);
    return readCertificate(response, 0).der;
  }

  /** Every CA certificate, newest renewal first (pick the one that verifies the leaf). */
  async caCertificates(): Promise<Uint8Array[]> {
    const n = await this.caRenewalCount();
    const out: Uint8Array[] = [];
    for (let k = n; k >= 0; k--) out.push(await this.caCertificate(k));
    return out;
  }

  async caChain(renewal: number): Promise<Uint8Array[]> {
    return this.#fetchP7b(`certnew.p7b?ReqID=CACert&Renewal=${renewal}&Enc=bin`);
  }

  /** Forgets the ASP session and drops the connection (e.g. before switching identity). */
  reset(): void {
    this.#cookies.clear();
    this.#transport.close();
  }

  async #fetchP7b(path: string): Promise<Uint8Array[]> {
    const { response } = await this.#get(path);
    this.#expectOk(response);
    const type = contentType(response);
    if (!PKCS7_CERTS.test(type))
      throw new CaError(
        'CA_BAD_CONTENT_TYPE',
        `expected a PKCS#7 certificate bundle, got ${type || 'no type'}`,
        excerpt(response),
      );
    try {
      const info = new pkijs.ContentInfo({ schema: parseDer(derOrPem(response.body), 'PKCS#7') });
      const signed = new pkijs.SignedData({ schema: info.content });
      return (signed.certificates ?? [])
        .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
        .map((c) => encode(c.toSchema()));
    } catch (err) {
      throw new CaError('CA_BAD_CERTIFICATE', 'the PKCS#7 bundle does not parse', {
        ...excerpt(response),
        cause: err,
      });
    }
  }

  async #settle(
    entry: LedgerEntry | undefined,
    page: CertsrvPage,
    knownReqId?: number,
  ): Promise<SubmitOutcome> {
    switch (page.kind) {
      case 'issued': {
        if (entry) await this.#update(entry, 'issued', page.reqId);
        // certrsis.asp abandons the session; certnew.cer works by request id alone.
        const certificate = await this.fetchCertificate(page.reqId);
        return { kind: 'issued', reqId: page.reqId, certificate };
      }
      case 'pending': {
        const reqId = page.reqId ?? knownReqId;
        if (reqId === undefined) {
          if (entry) entry = await this.#update(entry, 'unknown', undefined, 'PENDING_WITHOUT_REQID');
          return entry
            ? unknownOutcome(entry, 'the CA holds the request as pending but its page shows no request id')
            : failedOutcome(undefined, undefined, undefined, undefined);
        }
        if (entry) await this.#update(entry, 'pending', reqId);
        return { kind: 'pending', reqId };
      }
      case 'denied':
        return this.#denied(entry, page.reqId ?? knownReqId, page, page.revoked);
      case 'error': {
        const reqId = page.reqId ?? knownReqId;
        const d = page.disposition;
        if (d === Disposition.underSubmission && reqId !== undefined) {
          if (entry) await this.#update(entry, 'pending', reqId);
          return { kind: 'pending', reqId };
        }
        if (d === Disposition.denied || d === Disposition.revoked)
          return this.#denied(entry, reqId, page, d === Disposition.revoked);
        if (entry)
          await this.#update(
            entry,
            'failed',
            reqId,
            page.hresult !== undefined ? hex(page.hresult) : `DISP_${d ?? '?'}`,
          );
        return failedOutcome(reqId, d, page.hresult, page.dispositionMessage);
      }
      case 'unrecognised':
        // unreachable: #readPage throws for unrecognised pages
        throw new CaError('CA_UNRECOGNISED_PAGE', 'unrecognised certsrv page');
    }
  }

  /** A denial (or revocation) read from a result page, recorded in the ledger with its HRESULT. */
  async #denied(
    entry: LedgerEntry | undefined,
    reqId: number | undefined,
    page: { readonly hresult: number | undefined; readonly dispositionMessage: string | undefined },
    revoked: boolean,
  ): Promise<SubmitOutcome> {
    if (entry)
      await this.#update(entry, 'denied', reqId, page.hresult !== undefined ? hex(page.hresult) : 'DENIED');
    return {
      kind: 'denied',
      reqId,
      revoked,
      hresult: page.hresult !== undefined ? describeHresult(page.hresult) : undefined,
      dispositionMessage: page.dispositionMessage,
    };
  }

  #readPage(response: HttpResponse): CertsrvPage {
    const type = contentType(response);
    const html = decodeText(response);
    if (type !== 'text/html')
      throw new CaError(
        'CA_BAD_CONTENT_TYPE',
        `expected a certsrv page, got ${type || 'no content type'}`,
        excerpt(response, html),
      );
    const page = parseCertsrvPage(html);
    if (page.kind === 'unrecognised')
      throw new CaError(
        'CA_UNRECOGNISED_PAGE',
        'the CA answered with a page that is not a certsrv result page',
        excerpt(response, html),
      );
    return page;
  }

  #expectOk(response: HttpResponse): void {
    const s = response.status;
    if (s === 200) return;
    const details = excerpt(response);
    if (s === 401) {
      const schemes = headerValues(response, 'www-authenticate')
        .map((v) => v.split(/\s/)[0])
        .join(', ');
      throw new CaError(
        'CA_AUTH_FAILED',
        `the CA web server refused the credentials (401; offers ${schemes || 'nothing'})`,
        details,
      );
    }
    if (s === 403) throw new CaError('CA_FORBIDDEN', 'the CA web server forbids access (403)', details);
    if (s === 404) throw new CaError('CA_NOT_FOUND', 'no web enrollment at this URL (404)', details);
    if (s >= 500) throw new CaError('CA_SERVER_ERROR', `the CA web server failed (${s})`, details);
    throw new CaError('CA_UNEXPECTED_STATUS', `unexpected HTTP ${s}`, details);
  }

  #get(path: string): Promise<Exchange> {
    return this.#send('GET', path, undefined, this.#requestTimeoutMs);
  }

  async #send(
    method: 'GET' | 'POST',
    path: string,
    body: Uint8Array | undefined,
    timeoutMs: number,
  ): Promise<Exchange> {
    let url = new URL(path, this.#base);
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = {
        'User-Agent': this.#userAgent,
        Accept: 'text/html,application/pkix-cert,application/x-pkcs7-certificates,*/*;q=0.8',
      };
      const cookie = this.#cookies.header();
      if (cookie) headers['Cookie'] = cookie;
      if (body) headers['Content-Type'] = 'application/x-www-form-urlencoded';
      const sentAt = this.#now();
      let response: HttpResponse;
      try {
        response = await this.#transport.request({
          method,
          url: url.href,
          headers,
          ...(body ? { body } : {}),
          timeoutMs,
          maxBytes: this.#maxBytes,
        });
      } catch (err) {
        throw toCaError(err);
      }
      const clockSkew = measureClockSkew(
        headerValue(response, 'date'),
        sentAt,
        this.#now(),
        this.#skewThresholdMs,
      );
      if (clockSkew) {
        this.#lastClockSkew = clockSkew;
        this.#onClockSkew?.(clockSkew);
      }
      this.#cookies.store(headerValues(response, 'set-cookie'), this.#now());
      if (response.status < 300 || response.status >= 400) return { response, clockSkew };

      const location = headerValue(response, 'location');
      const target = location ? safeUrl(location, url) : undefined;
      if (!target || target.protocol !== 'https:' || target.origin !== this.#base.origin)
        throw new CaError('CA_REDIRECT_REFUSED', `refusing redirect to ${location ?? '(none)'}`, {
          status: response.status,
          url: url.href,
        });
      // A redirected POST would change meaning (GET on 302/303) or repeat the submission (307/308).
      if (method === 'POST' || hop >= 3)
        throw new CaError(
          'CA_UNEXPECTED_STATUS',
          `unexpected redirect (${response.status}) to ${target.href}`,
          {
            status: response.status,
            url: url.href,
          },
        );
      url = target;
    }
  }

  async #record(entry: LedgerEntry): Promise<void> {
    try {
      await this.#ledger.put(entry);
    } catch (err) {
      throw new CaError('CA_LEDGER', 'the request ledger could not be written; nothing was submitted', {
        cause: err,
      });
    }
  }

  async #update(
    entry: LedgerEntry,
    state: LedgerState,
    reqId: number | undefined,
    note?: string,
  ): Promise<LedgerEntry> {
    const next: LedgerEntry = {
      ...entry,
      state,
      ...(reqId !== undefined ? { reqId } : {}),
      ...(note !== undefined ? { note } : {}),
      updatedAt: this.#now().toISOString(),
    };
    await this.#record(next);
    return next;
  }
}

function unknownOutcome(entry: LedgerEntry, reason: string, error?: CaError): SubmitOutcome {
  return {
    kind: 'outcome-unknown',
    key: entry.key,
    since: entry.updatedAt,
    requestSha256: entry.requestSha256,
    reason,
    resolution: OUTCOME_UNKNOWN_RESOLUTION,
    error,
  };
}

function failedOutcome(
  reqId: number | undefined,
  disposition: number | undefined,
  hresult: number | undefined,
  dispositionMessage: string | undefined,
): SubmitOutcome {
  return {
    kind: 'failed',
    reqId,
    disposition,
    hresult: hresult !== undefined ? describeHresult(hresult) : undefined,
    dispositionMessage,
  };
}

/** True unless the failure proves the CA never processed the request. */
function mayHaveReachedCa(err: unknown, caErr: CaError): boolean {
  if (err instanceof TransportError) return err.requestMayHaveBeenSent;
  if (caErr.cause instanceof TransportError) return caErr.cause.requestMayHaveBeenSent;
  // IIS answers 401/403/404 before certfnsh.asp runs.
  return ![
    'CA_AUTH_FAILED',
    'CA_AUTH_PROTOCOL',
    'CA_FORBIDDEN',
    'CA_NOT_FOUND',
    'CA_URL_REFUSED',
    'CA_LEDGER',
    'CA_TLS_UNTRUSTED',
    'CA_CONNECT_TIMEOUT',
  ].includes(caErr.code);
}

function toCaError(err: unknown): CaError {
  if (err instanceof CaError) return err;
  if (err instanceof TransportError) {
    const code =
      err.failure === 'timeout'
        ? 'CA_TIMEOUT'
        : err.failure === 'connect-timeout'
          ? 'CA_CONNECT_TIMEOUT'
          : err.failure === 'tls-untrusted'
            ? 'CA_TLS_UNTRUSTED'
            : err.failure === 'too-large'
              ? 'CA_RESPONSE_TOO_LARGE'
              : err.failure === 'refused-url'
                ? 'CA_URL_REFUSED'
                : err.failure === 'auth-protocol'
                  ? 'CA_AUTH_PROTOCOL'
                  : 'CA_NETWORK';
    return new CaError(code, err.message, { cause: err });
  }
  return new CaError('CA_NETWORK', err instanceof Error ? err.message : String(err), { cause: err });
}

function readCertificate(response: HttpResponse, reqId: number): IssuedCertificate {
  const type = contentType(response);
  if (type !== PKIX_CERT) {
    throw new CaError(
      'CA_BAD_CONTENT_TYPE',
      `expected ${PKIX_CERT}, got ${type || 'no content type'}`,
      excerpt(response),
    );
  }
  try {
    const der = derOrPem(response.body);
    const cert = new pkijs.Certificate({ schema: parseDer(der, 'certificate') });
    const canonical = encode(cert.toSchema());
    return { reqId, der: canonical, pem: toPem(canonical, 'CERTIFICATE') };
  } catch (err) {
    throw new CaError('CA_BAD_CERTIFICATE', 'the certificate from the CA does not parse', {
      ...excerpt(response),
      cause: err,
    });
  }
}

/** Enc=b64 answers are PEM (or bare base64); Enc=bin answers are DER. */
function derOrPem(body: Uint8Array): Uint8Array {
  if (body[0] === 0x30) return body;
  const text = new TextDecoder('latin1').decode(body);
  const [pem] = fromPem(text);
  if (pem) return pem;
  const bare = text.replace(/\s+/g, '');
  if (/^[A-Za-z0-9+/]+=*$/.test(bare)) return new Uint8Array(Buffer.from(bare, 'base64'));
  return body;
}

function contentType(response: HttpResponse): string {
  return (headerValue(response, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function decodeText(response: HttpResponse): string {
  const m = /charset\s*=\s*"?([\w-]+)/i.exec(headerValue(response, 'content-type') ?? '');
  try {
    return new TextDecoder(m?.[1] ?? 'utf-8').decode(response.body);
  } catch {
    return new TextDecoder('latin1').decode(response.body);
  }
}

function excerpt(
  response: HttpResponse,
  text?: string,
): { status: number; pageExcerpt: string; contentType: string; url: string } {
  const body = text ?? new TextDecoder('latin1').decode(response.body.subarray(0, PAGE_EXCERPT_CHARS));
  return {
    status: response.status,
    pageExcerpt: body.slice(0, PAGE_EXCERPT_CHARS),
    contentType: headerValue(response, 'content-type') ?? '',
    url: response.url,
  };
}

function safeUrl(location: string, base: URL): URL | undefined {
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

function assertReqId(reqId: number): void {
  if (!Number.isSafeInteger(reqId) || reqId <= 0)
    throw new CaError('CA_INVALID_INPUT', `bad request id ${reqId}`);
}

function validateAttribute(name: string, value: string): void {
  if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name))
    throw new CaError('CA_INVALID_INPUT', `bad CertAttrib name ${name}`);
  if (/[\r\n]/.test(value) || value.length === 0 || value.length > 1024)
    throw new CaError('CA_INVALID_INPUT', `bad CertAttrib value for ${name}`);
}

function hex(hresult: number): string {
  return `0x${(hresult >>> 0).toString(16).padStart(8, '0')}`;
}

/** Reads the template cns out of certrqxt.asp's `<select id="lbCertTemplateID">`. */
export function parseOfferedTemplates(html: string): string[] {
  const select = /<select[^>]*id="?lbCertTemplateID"?[^>]*>([\s\S]*?)<\/select>/i.exec(html);
  if (!select) return [];
  const names: string[] = [];
  for (const m of (select[1] ?? '').matchAll(/<option[^>]*value="([^"]*)"/gi)) {
    const cn = (m[1] ?? '').split(';')[1]?.trim();
    if (cn && /^[A-Za-z0-9_ -]{1,64}$/.test(cn) && !names.includes(cn)) names.push(cn);
  }
  return names;
}
