// Library entry point: start an AD CS Web Enrollment-compatible CA over HTTPS for tests and the demo.
import { createServer } from 'node:https';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { CertificationAuthority, extension, KU } from './ca.ts';
import { namedBits, oid, seq, toPem } from './der.ts';
import { createDemoDirectory, Directory } from './directory.ts';
import type { DirectoryData } from './directory.ts';
import { OID } from './oids.ts';
import { dnsGeneralName, ipGeneralName, nameFromDn } from './names.ts';
import { FrontEnd } from './server.ts';
import { CertsrvService } from './service.ts';
import type { RequestRecord } from './store.ts';
import { RequestStore } from './store.ts';
import { defaultTemplatePolicies } from './templates.ts';
import type { TemplatePolicy } from './templates.ts';
import type { Locale } from './locale.ts';
import type { ExtendedProtection } from './ntlm.ts';
import { ntHashOf } from './directory.ts';

export { createDemoDirectory, Directory, hashPassword, ntHashOf } from './directory.ts';
export type { ExtendedProtection } from './ntlm.ts';
export type { DirectoryData, DirectoryUser } from './directory.ts';
export type { RequestRecord } from './store.ts';
export type { Locale } from './locale.ts';
export { TEMPLATES } from './templates.ts';
export type { TemplatePolicy } from './templates.ts';
export { HR } from './hresult.ts';

/** 'none' (default), 'all' (every request pends), or the template cns that need approval */
export type ApprovalMode = 'none' | 'all' | string[];

export interface CertsrvOptions {
  stateDir: string;
  /** main HTTPS port (0 = any free port) */
  port?: number;
  /** a second HTTPS listener that requires a client certificate (0 = any free port, false = none) */
  clientCertPort?: number | false;
  host?: string;
  /** directory file path or data; default <state>/directory.json, created as the demo directory if missing */
  directory?: string | DirectoryData;
  approvalMode?: ApprovalMode;
  /** per-template changes to the default publication / enroll groups / approval */
  templates?: Record<string, Partial<TemplatePolicy>>;
  caDn?: string;
  locale?: Locale;
  /**
   * WWW-Authenticate schemes to offer on 401 (default ['Basic']). Basic and client certificates
   * always authenticate; NTLM does when 'NTLM' or 'Negotiate' is offered.
   */
  challenges?: string[];
  /** IIS Extended Protection for NTLM: channel binding 'off' (default), 'when-supported', 'required' */
  extendedProtection?: ExtendedProtection;
  /** names in the web server's TLS certificate */
  hostnames?: string[];
  /**
   * seconds added to the Date header of every answer: a CA whose clock is off (the station's
   * clock-skew check reads that header); the CA's certificates keep the real time
   */
  clockOffsetSeconds?: number;
}

export interface CertsrvHandle {
  url: string;
  clientCertUrl?: string;
  stateDir: string;
  caCertPem: string;
  caCertDer: Buffer;
  /** every CA certificate generation, PEM, oldest first (the trust bundle for clients) */
  caBundlePem: string;
  caBundleFile: string;
  directory: Directory;
  /** demo passwords when the demo directory is in use (from <state>/demo-credentials.json) */
  credentials?: Record<string, string>;
  service: CertsrvService;
  stop(): Promise<void>;
  approve(id: number): RequestRecord;
  deny(id: number): RequestRecord;
  revoke(id: number, reason?: number): RequestRecord;
  get(id: number): RequestRecord | undefined;
  list(): RequestRecord[];
  renewCa(): void;
  setApprovalMode(mode: ApprovalMode): void;
  setTemplatePolicy(cn: string, patch: Partial<TemplatePolicy>): void;
  setLocale(locale: Locale): void;
  setExtendedProtection(mode: ExtendedProtection): void;
  /** the Date header's offset from the real clock, seconds (0: the real time) */
  setClockOffset(seconds: number): void;
  /** why the last NTLM authentication was refused (wrong password, channel binding, …) */
  readonly lastAuthFailure: string | undefined;
  /** a TLS client certificate (template SmartcardLogon: client auth + UPN) with a fresh key */
  issueClientCertificate(user: string): { certPem: string; keyPem: string; reqId: number };
  /** any template for a directory user, fresh RSA-2048 key, no permission checks */
  issueCertificate(user: string, template: string): { certPem: string; keyPem: string; reqId: number };
}

export const DEFAULT_CA_DN = 'CN=CORP-CA,DC=corp,DC=example';

export function applyApprovalMode(service: CertsrvService, mode: ApprovalMode): void {
  service.approveAll = mode === 'all';
  for (const [cn, p] of Object.entries(service.policies)) {
    p.requireApproval = Array.isArray(mode) && mode.some((m) => m.toLowerCase() === cn.toLowerCase());
  }
}

export async function openService(opts: {
  stateDir: string;
  directory?: string | DirectoryData;
  approvalMode?: ApprovalMode;
  templates?: Record<string, Partial<TemplatePolicy>>;
  caDn?: string;
}): Promise<{ service: CertsrvService; credentials?: Record<string, string> }> {
  const stateDir = resolve(opts.stateDir);
  mkdirSync(stateDir, { recursive: true });
  const ca = new CertificationAuthority(stateDir, opts.caDn ?? DEFAULT_CA_DN);
  let directory: Directory;
  let credentials: Record<string, string> | undefined;
  const credFile = join(stateDir, 'demo-credentials.json');
  if (typeof opts.directory === 'object') directory = new Directory(opts.directory);
  else if (typeof opts.directory === 'string') directory = Directory.load(opts.directory);
  else {
    const file = join(stateDir, 'directory.json');
    if (existsSync(file)) directory = Directory.load(file);
    else ({ directory, credentials } = await createDemoDirectory(file, credFile));
  }
  if (!credentials && opts.directory === undefined && existsSync(credFile)) {
    credentials = JSON.parse(readFileSync(credFile, 'utf8')) as Record<string, string>;
  }
  // demo directories written before NTLM existed have no NT hashes: derive them from the demo
  // passwords, in memory only
  for (const [name, password] of Object.entries(credentials ?? {})) {
    const u = directory.find(name);
    if (u && !u.ntHash) u.ntHash = await ntHashOf(password);
  }
  const policies = defaultTemplatePolicies();
  for (const [cn, patch] of Object.entries(opts.templates ?? {})) {
    const p = policies[cn];
    if (p) Object.assign(p, patch);
  }
  const service = new CertsrvService({
    ca,
    store: new RequestStore(stateDir),
    directory,
    policies,
    approveAll: false,
  });
  if (opts.approvalMode) applyApprovalMode(service, opts.approvalMode);
  for (const [cn, patch] of Object.entries(opts.templates ?? {})) {
    const p = service.policies[cn];
    if (p && patch.requireApproval !== undefined) p.requireApproval = patch.requireApproval;
  }
  return { service, credentials };
}

function tlsCertificate(ca: CertificationAuthority, hostnames: string[]): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const san = hostnames.map((h) => {
    if (isIP(h) === 4) return ipGeneralName(Buffer.from(h.split('.').map(Number)));
    if (isIP(h) === 6) {
      const full = new URL(`http://[${h}]`).hostname.slice(1, -1);
      const groups = full.split(':');
      const gap = groups.indexOf('');
      const expanded =
        gap >= 0
          ? [
              ...groups.slice(0, gap),
              ...Array(8 - groups.filter((g) => g !== '').length).fill('0'),
              ...groups.slice(gap).filter((g) => g !== ''),
            ]
          : groups;
      return ipGeneralName(
        Buffer.from(expanded.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff])),
      );
    }
    return dnsGeneralName(h);
  });
  const issued = ca.issue({
    subject: nameFromDn(`CN=${hostnames[0] ?? 'localhost'}`),
    spki: publicKey.export({ format: 'der', type: 'spki' }),
    validityDays: 30,
    bare: true,
    extensions: [
      extension(OID.extKeyUsage, false, seq(oid(OID.serverAuth))),
      extension(OID.keyUsage, true, namedBits(KU.digitalSignature, 16)),
      extension(OID.subjectAltName, false, seq(...san)),
    ],
  });
  return {
    key: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    cert: toPem('CERTIFICATE', issued.der) + toPem('CERTIFICATE', ca.current.certDer),
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((res, rej) => {
    server.once('error', rej);
    server.listen(port, host, () => res((server.address() as AddressInfo).port));
  });
}

export async function startCertsrv(opts: CertsrvOptions): Promise<CertsrvHandle> {
  const stateDir = resolve(opts.stateDir);
  const { service, credentials } = await openService(opts);
  const ca = service.ca;
  const host = opts.host ?? '127.0.0.1';
  const hostnames = opts.hostnames ?? ['localhost', '127.0.0.1', '::1'];
  const front = new FrontEnd(service, {
    locale: opts.locale ?? 'en',
    challenges: opts.challenges ?? ['Basic'],
    realm: host,
    extendedProtection: opts.extendedProtection ?? 'off',
  });
  // One CA state: a renewal made by another process (main.ts renew-ca) is seen by the next request,
  // and the trust bundle and the client-certificate listener follow it.
  let knownGenerations = ca.generations.length;
  const followRenewals = () => {
    ca.refresh();
    if (ca.generations.length === knownGenerations) return;
    knownGenerations = ca.generations.length;
    writeBundle();
    mtls?.setSecureContext({ key: tls.key, cert: tls.cert, ca: ca.bundlePem() });
  };
  let clockOffsetMs = (opts.clockOffsetSeconds ?? 0) * 1000;
  const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    // Node adds the real Date only when none was set
    if (clockOffsetMs !== 0) res.setHeader('Date', new Date(Date.now() + clockOffsetMs).toUTCString());
    try {
      followRenewals();
    } catch (e) {
      process.stderr.write(`[certsrv-sim] ${e instanceof Error ? e.message : String(e)}\n`);
    }
    front.handle(req, res).catch((e: unknown) => {
      // an internal failure is the CA's bug; show it as a server error, never as an outcome
      process.stderr.write(`[certsrv-sim] ${e instanceof Error ? e.stack : String(e)}\n`);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  };
  const tls = tlsCertificate(ca, hostnames);
  const bundleFile = join(stateDir, 'ca-bundle.pem');
  const writeBundle = () => writeFileSync(bundleFile, ca.bundlePem());
  const main = createServer({ key: tls.key, cert: tls.cert, keepAliveTimeout: 5000 }, handler);
  const port = await listen(main, opts.port ?? 0, host);
  const urlHost = host.includes(':') ? `[${host}]` : host === '127.0.0.1' ? 'localhost' : host;
  const url = `https://${urlHost}:${port}/certsrv/`;
  ca.publicUrl = `https://${urlHost}:${port}`;

  let mtls: Server | undefined;
  let clientCertUrl: string | undefined;
  if (opts.clientCertPort !== false) {
    // client certificates are required and chain-verified by TLS itself on this listener
    mtls = createServer(
      { key: tls.key, cert: tls.cert, requestCert: true, rejectUnauthorized: true, ca: ca.bundlePem() },
      handler,
    );
    const p2 = await listen(mtls, opts.clientCertPort ?? 0, host);
    clientCertUrl = `https://${urlHost}:${p2}/certsrv/`;
  }

  writeBundle();

  const pem = (der: Buffer) => toPem('CERTIFICATE', der);
  const handle: CertsrvHandle = {
    url,
    clientCertUrl,
    stateDir,
    get caCertPem() {
      return pem(ca.current.certDer);
    },
    get caCertDer() {
      return ca.current.certDer;
    },
    get caBundlePem() {
      return ca.bundlePem();
    },
    caBundleFile: bundleFile,
    directory: service.directory,
    credentials,
    service,
    stop: async () => {
      const close = (s: Server) =>
        new Promise<void>((r) => {
          s.close(() => r());
          s.closeAllConnections();
        });
      await Promise.all([close(main), ...(mtls ? [close(mtls)] : [])]);
    },
    approve: (id) => service.approve(id),
    deny: (id) => service.deny(id),
    revoke: (id, reason) => service.revoke(id, reason),
    get: (id) => service.store.get(id),
    list: () => service.store.all(),
    renewCa: () => {
      ca.renew();
      followRenewals();
    },
    setApprovalMode: (mode) => applyApprovalMode(service, mode),
    setTemplatePolicy: (cn, patch) => {
      const p = service.policies[cn];
      if (!p) throw new Error(`unknown template ${cn}`);
      Object.assign(p, patch);
    },
    setLocale: (locale) => {
      front.opts.locale = locale;
    },
    setClockOffset: (seconds) => {
      clockOffsetMs = seconds * 1000;
    },
    setExtendedProtection: (mode) => {
      front.opts.extendedProtection = mode;
    },
    get lastAuthFailure() {
      return front.lastAuthFailure;
    },
    issueClientCertificate: (user) => handle.issueCertificate(user, 'SmartcardLogon'),
    issueCertificate: (user, template) => {
      const r = service.issueForUser(user, template);
      return {
        certPem: pem(r.certDer),
        keyPem: r.privateKey?.export({ format: 'pem', type: 'pkcs8' }).toString() ?? '',
        reqId: r.record.id,
      };
    },
  };
  return handle;
}
