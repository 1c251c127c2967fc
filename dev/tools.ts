// The independent judges for the PIV tests: openssl (test CA, signature checks), OpenSC
// (pkcs15-tool, pkcs11-tool) and yubico-piv-tool, each pointed at one reader by name.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PKCS11_MODULE = '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so';
const TOOL_TIMEOUT_MS = 90_000;

export interface RunResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Synchronous: only for tools that never touch the card (openssl). */
export function run(
  cmd: string,
  args: readonly string[],
  input?: string | Uint8Array,
  env?: NodeJS.ProcessEnv,
): RunResult {
  const r = spawnSync(cmd, args, {
    input,
    encoding: 'utf8',
    timeout: TOOL_TIMEOUT_MS,
    ...(env ? { env } : {}),
  });
  if (r.error) throw r.error;
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function mustRun(
  cmd: string,
  args: readonly string[],
  input?: string | Uint8Array,
  env?: NodeJS.ProcessEnv,
): string {
  return must(cmd, args, run(cmd, args, input, env));
}

function must(cmd: string, args: readonly string[], r: RunResult): string {
  if (r.status !== 0) {
    throw new Error(
      `${cmd} ${args[0] ?? ''}... exited ${r.status}: ${r.stderr.slice(0, 800)} ${r.stdout.slice(0, 400)}`,
    );
  }
  return r.stdout;
}

/**
 * Runs a card tool without blocking the event loop: the soft card answers from this same
 * process, so a synchronous spawn would deadlock the tool against its own card.
 */
export function runTool(cmd: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...(env ? { env } : {}) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), TOOL_TIMEOUT_MS);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ status: code ?? (signal ? -1 : 0), stdout, stderr });
    });
  });
}

export async function mustTool(
  cmd: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): Promise<string> {
  return must(cmd, args, await runTool(cmd, args, env));
}

/** OpenSC's --reader index: position of the reader in `pcsc_scan -r`. */
export function readerIndex(name: string): number {
  const out = execFileSync('pcsc_scan', ['-r'], { encoding: 'utf8', timeout: 10_000 });
  for (const line of out.split('\n')) {
    const m = /^(\d+): (.*)$/.exec(line.trim());
    if (m?.[2] === name) return Number(m[1]);
  }
  throw new Error(`reader "${name}" not listed by pcsc_scan -r`);
}

function listReaders(): string[] {
  const out = execFileSync('pcsc_scan', ['-r'], { encoding: 'utf8', timeout: 10_000 });
  return out
    .split('\n')
    .map((l) => /^\d+: (.*)$/.exec(l.trim())?.[1])
    .filter((n): n is string => n !== undefined);
}

/** STATION_PIV_OPENSC_LOG=<file> makes the PKCS#11 module write its debug log there. */
function debugLines(): string {
  const file = process.env.STATION_PIV_OPENSC_LOG;
  return file ? `  debug = 3;\n  debug_file = ${JSON.stringify(file)};\n` : '';
}

/**
 * Environment for OpenSC's PKCS#11 module that hides every reader but `name` (opensc.conf
 * ignored_readers), so pkcs11-tool's slot scan neither touches other work's cards nor depends
 * on slot numbering: the reader's first slot is then --slot-index 0.
 */
export function pkcs11OnlyReader(name: string, dir: TempDir): NodeJS.ProcessEnv {
  const others = listReaders().filter((r) => r !== name);
  if (others.some((o) => o.includes(name) || name.includes(o))) {
    throw new Error(`reader "${name}" cannot be isolated by partial-name matching`);
  }
  const list = others.map((o) => JSON.stringify(o)).join(', ');
  const conf = dir.file(
    'opensc.conf',
    `app default {\n  ${others.length ? `ignored_readers = ${list};` : ''}\n${debugLines()}  framework pkcs15 {\n  }\n}\n`,
  );
  return { ...process.env, OPENSC_CONF: conf };
}

export interface TempDir {
  readonly path: string;
  file(name: string, content?: string | Uint8Array): string;
  remove(): void;
}

export function tempDir(prefix = 'piv-test-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    file(name, content) {
      const p = join(path, name);
      if (content !== undefined) writeFileSync(p, content);
      return p;
    },
    remove() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}

export function spkiPem(spki: Uint8Array): string {
  const b64 = Buffer.from(spki)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN PUBLIC KEY-----\n${b64.trim()}\n-----END PUBLIC KEY-----\n`;
}

export interface IssuedCert {
  readonly pem: string;
  readonly der: Uint8Array;
  readonly pemPath: string;
  /** e.g. "02 02 03E9", the form pkcs15-tool --list-certificates prints */
  readonly encodedSerial: string;
}

/** A throwaway openssl CA that certifies a card's public key with `x509 -req -force_pubkey`. */
export class OpensslCa {
  readonly dir: TempDir;
  readonly certPath: string;
  readonly keyPath: string;
  #serial = 1;

  constructor() {
    this.dir = tempDir('piv-ca-');
    this.keyPath = this.dir.file('ca.key');
    this.certPath = this.dir.file('ca.crt');
    mustRun('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', this.keyPath]);
    mustRun('openssl', [
      'req',
      '-new',
      '-x509',
      '-key',
      this.keyPath,
      '-subj',
      '/CN=PIV Test CA',
      '-days',
      '2',
      '-out',
      this.certPath,
    ]);
  }

  /** Issues a certificate (PEM and DER) for the card key `spki` with subject CN=`cn`. */
  issue(spki: Uint8Array, cn: string): IssuedCert {
    const n = this.#serial++;
    const pub = this.dir.file(`pub${n}.pem`, spkiPem(spki));
    // the CSR's own key is thrown away; -force_pubkey puts the card key in the certificate
    const throwaway = this.dir.file(`tmp${n}.key`);
    mustRun('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', throwaway]);
    const csr = this.dir.file(`req${n}.csr`);
    mustRun('openssl', ['req', '-new', '-key', throwaway, '-subj', `/CN=${cn}`, '-out', csr]);
    const pemPath = this.dir.file(`cert${n}.pem`);
    mustRun('openssl', [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      this.certPath,
      '-CAkey',
      this.keyPath,
      '-set_serial',
      String(1000 + n),
      '-days',
      '2',
      '-force_pubkey',
      pub,
      '-out',
      pemPath,
    ]);
    const derPath = this.dir.file(`cert${n}.der`);
    mustRun('openssl', ['x509', '-in', pemPath, '-outform', 'DER', '-out', derPath]);
    const serial = 1000 + n;
    const hex = serial.toString(16).toUpperCase();
    const body = hex.length % 2 ? `0${hex}` : hex;
    // the DER INTEGER as pkcs15-tool prints it: tag, length, value
    const encodedSerial = `02 ${(body.length / 2).toString(16).padStart(2, '0')} ${body}`;
    return {
      pem: readFileSync(pemPath, 'utf8'),
      der: new Uint8Array(readFileSync(derPath)),
      pemPath,
      encodedSerial,
    };
  }

  remove(): void {
    this.dir.remove();
  }
}

/** openssl dgst -verify: true when the signature over `data` checks against the certificate's key. */
export function opensslVerify(
  certPem: string,
  data: Uint8Array,
  signature: Uint8Array,
  options: { hash?: 'sha256' | 'sha384'; pss?: boolean } = {},
): boolean {
  const d = tempDir('piv-verify-');
  try {
    const cert = d.file('c.pem', certPem);
    const pub = d.file('p.pem', mustRun('openssl', ['x509', '-in', cert, '-pubkey', '-noout']));
    const msg = d.file('m.bin', data);
    const sig = d.file('s.bin', signature);
    const args = ['dgst', `-${options.hash ?? 'sha256'}`, '-verify', pub, '-signature', sig];
    if (options.pss) args.push('-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:-1');
    args.push(msg);
    const r = run('openssl', args);
    return r.status === 0 && r.stdout.includes('Verified OK');
  } finally {
    d.remove();
  }
}

/** openssl verify of a certificate against the test CA. */
export function opensslChains(ca: OpensslCa, certPem: string): boolean {
  const d = tempDir('piv-chain-');
  try {
    const r = run('openssl', ['verify', '-CAfile', ca.certPath, d.file('c.pem', certPem)]);
    return r.status === 0;
  } finally {
    d.remove();
  }
}

export function derToPem(der: Uint8Array): string {
  return mustRun('openssl', ['x509', '-inform', 'DER', '-outform', 'PEM'], der);
}
