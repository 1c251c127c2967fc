// Drives the certsrv sim only through independent clients: curl for HTTP(S) and openssl for
// keys, CSRs and certificate inspection. Credentials reach curl on stdin (-K -), never argv.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCertsrv } from '../../sim/certsrv/index.ts';
import type { CertsrvHandle, CertsrvOptions } from '../../sim/certsrv/index.ts';

export interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

export function run(cmd: string, args: string[], input?: string, timeoutMs = 20_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`${cmd} timed out`));
    }, timeoutMs);
    p.stdout?.on('data', (c: Buffer) => out.push(c));
    p.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr: err });
    });
    if (p.stdin) {
      // a tool may exit without reading its input
      p.stdin.on('error', () => undefined);
      p.stdin.end(input);
    }
  });
}

export async function openssl(args: string[], input?: string): Promise<string> {
  const r = await run('openssl', args, input);
  if (r.code !== 0) throw new Error(`openssl ${args[0]} failed: ${r.stderr}`);
  return r.stdout.toString();
}

export interface HttpResult {
  status: number;
  headers: string;
  contentType: string;
  body: Buffer;
  text: string;
  curlExit: number | null;
}

export interface CurlAuth {
  user?: string;
  password?: string;
  cert?: string;
  key?: string;
}

function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** where Lab's curl goes: the in-process sim, or a `main.ts serve` started apart */
export interface Endpoint {
  url: string;
  caBundleFile: string;
  credentials?: Record<string, string>;
}

export class Lab {
  readonly dir: string;
  sim!: CertsrvHandle;
  /** set to drive a sim running in another process instead of this.sim */
  endpoint: Endpoint | undefined;
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'certsrv-sim-test-'));
  }

  get state(): string {
    return join(this.dir, 'state');
  }

  async start(opts: Partial<CertsrvOptions> = {}): Promise<CertsrvHandle> {
    this.sim = await startCertsrv({ stateDir: this.state, ...opts });
    return this.sim;
  }

  get #target(): Endpoint {
    return this.endpoint ?? this.sim;
  }

  password(user: string): string {
    const p = this.#target.credentials?.[user];
    if (!p) throw new Error(`no demo password for ${user}`);
    return p;
  }

  as(user: string): CurlAuth {
    return { user, password: this.password(user) };
  }

  file(name: string, content?: string | Buffer): string {
    const f = join(this.dir, name);
    if (content !== undefined) writeFileSync(f, content);
    return f;
  }

  async curl(
    path: string,
    auth: CurlAuth = {},
    opts: {
      form?: Record<string, string>;
      base?: string;
      userAgent?: string;
      cookieJar?: string;
      /** a literal Cookie header value */
      cookie?: string;
      /** POST this file as the raw body */
      dataFile?: string;
      headers?: string[];
    } = {},
  ): Promise<HttpResult> {
    const url = new URL(path, opts.base ?? this.#target.url).toString();
    const hdr = join(this.dir, `h-${Math.random().toString(36).slice(2)}`);
    const config: string[] = [];
    if (auth.user !== undefined) config.push(`user = ${quote(`${auth.user}:${auth.password ?? ''}`)}`);
    const args = ['-sS', '--max-time', '20', '--cacert', this.#target.caBundleFile, '-D', hdr, '-K', '-'];
    if (auth.cert) args.push('--cert', auth.cert, '--key', auth.key ?? '');
    args.push('-A', opts.userAgent ?? 'Mozilla/5.0 (X11; Linux x86_64) certsrv-sim-test');
    if (opts.cookieJar) args.push('-b', opts.cookieJar, '-c', opts.cookieJar);
    if (opts.cookie) args.push('-H', `Cookie: ${opts.cookie}`);
    if (opts.dataFile) args.push('--data-binary', `@${opts.dataFile}`);
    for (const h of opts.headers ?? []) args.push('-H', h);
    for (const [k, v] of Object.entries(opts.form ?? {})) args.push('--data-urlencode', `${k}=${v}`);
    args.push(url);
    const r = await run('curl', args, config.join('\n') + '\n');
    // curl writes no header file when the TLS handshake fails
    const headers = existsSync(hdr) ? readFileSync(hdr, 'utf8') : '';
    rmSync(hdr, { force: true });
    const statusLine =
      headers
        .split('\r\n')
        .filter((l) => l.startsWith('HTTP/'))
        .pop() ?? '';
    const ct = /^content-type:\s*(.*)$/im.exec(headers)?.[1]?.trim() ?? '';
    return {
      status: Number(statusLine.split(' ')[1] ?? 0),
      headers,
      contentType: ct,
      body: r.stdout,
      text: r.stdout.toString('utf8'),
      curlExit: r.code,
    };
  }

  /** POST certfnsh.asp Mode=newreq with the documented fields. */
  submit(
    auth: CurlAuth,
    request: string,
    attrib: string,
    extra: { base?: string } = {},
  ): Promise<HttpResult> {
    return this.curl('certfnsh.asp', auth, {
      base: extra.base,
      form: {
        Mode: 'newreq',
        CertRequest: request,
        CertAttrib: attrib,
        FriendlyType: 'Saved-Request Certificate',
        TargetStoreFlags: '0',
        SaveCert: 'yes',
        ThumbPrint: '',
      },
    });
  }

  async key(name: string, spec = 'rsa:2048'): Promise<string> {
    const f = join(this.dir, `${name}.key`);
    const [alg, size] = spec.split(':');
    const args =
      alg === 'ec'
        ? ['genpkey', '-algorithm', 'EC', '-pkeyopt', `ec_paramgen_curve:${size}`, '-out', f]
        : ['genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${size}`, '-out', f];
    await openssl(args);
    return f;
  }

  /** A PEM CSR (openssl req) whose subject the CA must ignore. */
  async csr(keyFile: string, subject = '/CN=Whatever the card says/O=Ignored'): Promise<string> {
    return openssl(['req', '-new', '-key', keyFile, '-subj', subject]);
  }

  async x509Text(pem: string): Promise<string> {
    return openssl(['x509', '-noout', '-text', '-nameopt', 'RFC2253'], pem);
  }

  async verify(pem: string, caFile = this.#target.caBundleFile): Promise<string> {
    const f = this.file(`v-${Math.random().toString(36).slice(2)}.pem`, pem);
    return openssl(['verify', '-CAfile', caFile, f]);
  }

  async cleanup(): Promise<void> {
    await this.sim?.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The numeric request id from an outcome page (locale-independent): the certnew.cer link of the
 * issued page, locInfoReqID of the pending page, locInfoReqIDandReason of the denied page.
 */
export function reqIdOf(html: string): number {
  const m =
    /certnew\.cer\?ReqID=(\d+)&/.exec(html) ?? /ID=locInfoReqID(?:andReason)?>[^0-9]*(\d+)/.exec(html);
  if (!m?.[1]) throw new Error('no request id on page');
  return Number(m[1]);
}

/** The 0x… HRESULT in a denial's disposition message or an error page's Result line. */
export function hresultOf(html: string): string | undefined {
  return /0x8[0-9a-f]{7}/i.exec(html.slice(html.indexOf('locPageTitle')))?.[0]?.toLowerCase();
}

export function pageTitle(html: string): string {
  return /ID=locPageTitle>\s*<B>\s*([^<]*?)\s*<\/B>/.exec(html)?.[1] ?? '';
}

/** Disposition number shown on the error page (locDispLabel … n <LocID ID=locDispSpacer>), hex as VBScript's Hex(). */
export function dispositionOf(html: string): number | undefined {
  const m = /ID=locDispLabel>[\s\S]*?\t\t([0-9A-F]+) <LocID ID=locDispSpacer>/.exec(html);
  return m?.[1] === undefined ? undefined : parseInt(m[1], 16);
}

/** The text of one <DT ID=locXxxLabel> entry of the error page's <DL>, as on the wire. */
export function dlEntry(html: string, id: string): string | undefined {
  const m = new RegExp(
    `<DT ID=${id}><Font Size=-1><B>[^<]*</B></Font></DT><DD>\\n([\\s\\S]*?)\\n\\t</DD>`,
  ).exec(html);
  return m?.[1];
}
