// The openssl test CA: certificates made by openssl (not by core/pki) for tests and benches. A CA,
// leaves with whatever extensions a case needs (signed with `openssl ca`, so validity dates can be
// set in the past), and OpensslCa, which certifies a key generated on a card (x509 -force_pubkey).
// In dev/ so the benches can use it too; test/support/test-ca.ts re-exports it.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromPem } from '../core/pki/der.ts';
import { mustRun, run, runBytes, tempDir, type TempDir } from './tools.ts';

/** openssl's standard output; throws with its standard error when it fails. */
export function openssl(args: readonly string[], input?: Uint8Array | string): string {
  return mustRun('openssl', args, input === undefined ? {} : { input });
}

/** exit status and both streams, for commands whose verdict is printed on stderr */
export function opensslStatus(
  args: readonly string[],
  input?: Uint8Array | string,
): { status: number; output: string } {
  const r = run('openssl', args, input === undefined ? {} : { input });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

export function opensslBytes(args: readonly string[], input?: Uint8Array | string): Uint8Array {
  const r = runBytes('openssl', args, input === undefined ? {} : { input });
  if (r.status !== 0)
    throw new Error(`openssl ${args[0] ?? ''} exited ${r.status}: ${r.stderr.slice(0, 800)}`);
  return new Uint8Array(r.stdout);
}

export interface TestCa {
  readonly name: string;
  readonly dir: string;
  readonly certPath: string;
  readonly keyPath: string;
  readonly certPem: string;
  readonly certDer: Uint8Array;
}

export interface IssuedTestCert {
  readonly certPath: string;
  readonly certPem: string;
  readonly certDer: Uint8Array;
  readonly keyPath: string;
  readonly key: KeyObject;
}

export function pemToDer(pem: string): Uint8Array {
  const [der] = fromPem(pem);
  if (!der) throw new Error('no PEM block');
  return der;
}

/** A PKCS#10 request for `keyPath` with `subject`, under the CA folder's openssl configuration. */
function request(caDir: string, keyPath: string, subject: string, out: string): string {
  openssl(['req', '-new', '-key', keyPath, '-subj', subject, '-config', join(caDir, 'ca.cnf'), '-out', out]);
  return out;
}

export function makeCa(baseDir: string, name: string): TestCa {
  const dir = join(baseDir, name);
  mkdirSync(join(dir, 'new'), { recursive: true });
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '1000\n');
  const keyPath = join(dir, 'ca.key');
  const certPath = join(dir, 'ca.pem');
  const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
  writeFileSync(keyPath, key.export({ format: 'pem', type: 'pkcs8' }));
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = testca',
      '[testca]',
      `dir = ${dir}`,
      'database = $dir/index.txt',
      'new_certs_dir = $dir/new',
      'serial = $dir/serial',
      'default_md = sha256',
      'default_days = 365',
      'policy = anypolicy',
      'unique_subject = no',
      'email_in_dn = no',
      '[anypolicy]',
      'commonName = supplied',
      '[req]',
      'distinguished_name = dn',
      '[dn]',
      '[v3_ca]',
      'basicConstraints = critical,CA:true',
      'keyUsage = critical,keyCertSign,cRLSign,digitalSignature',
      'subjectKeyIdentifier = hash',
      '',
    ].join('\n'),
  );
  // Self-signed through `openssl ca` so the CA's validity can start in the past (expired-leaf cases).
  const csrPath = request(dir, keyPath, `/CN=${name}`, join(dir, 'ca.csr'));
  openssl([
    'ca',
    '-batch',
    '-notext',
    '-selfsign',
    '-config',
    join(dir, 'ca.cnf'),
    '-keyfile',
    keyPath,
    '-in',
    csrPath,
    '-startdate',
    '20190101000000Z',
    '-enddate',
    '21001231000000Z',
    '-extensions',
    'v3_ca',
    '-out',
    certPath,
  ]);
  const certPem = readFileSync(certPath, 'utf8');
  return { name, dir, certPath, keyPath, certPem, certDer: pemToDer(certPem) };
}

export interface LeafOptions {
  readonly id: string;
  readonly subject: string;
  /** lines of an openssl extension section */
  readonly extensions: readonly string[];
  /** extra sections the extension lines refer to (ASN1:SEQUENCE:…) */
  readonly sections?: Readonly<Record<string, readonly string[]>>;
  readonly key?: KeyObject;
  /** YYYYMMDDHHMMSSZ */
  readonly startDate?: string;
  readonly endDate?: string;
}

export function issue(ca: TestCa, options: LeafOptions): IssuedTestCert {
  const key = options.key ?? generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
  const keyPath = join(ca.dir, `${options.id}.key`);
  writeFileSync(keyPath, key.export({ format: 'pem', type: 'pkcs8' }));
  const csrPath = request(ca.dir, keyPath, options.subject, join(ca.dir, `${options.id}.csr`));
  const extPath = join(ca.dir, `${options.id}.ext`);
  const sections = Object.entries(options.sections ?? {}).flatMap(([name, lines]) => [`[${name}]`, ...lines]);
  writeFileSync(extPath, ['[leaf]', ...options.extensions, ...sections, ''].join('\n'));
  const certPath = join(ca.dir, `${options.id}.pem`);
  const dates = [
    ...(options.startDate ? ['-startdate', options.startDate] : []),
    ...(options.endDate ? ['-enddate', options.endDate] : []),
  ];
  openssl([
    'ca',
    '-batch',
    '-notext',
    '-config',
    join(ca.dir, 'ca.cnf'),
    '-cert',
    ca.certPath,
    '-keyfile',
    ca.keyPath,
    '-in',
    csrPath,
    '-out',
    certPath,
    '-extfile',
    extPath,
    '-extensions',
    'leaf',
    ...dates,
  ]);
  const certPem = readFileSync(certPath, 'utf8');
  return { certPath, certPem, certDer: pemToDer(certPem), keyPath, key };
}

/** openssl extension lines for a Smartcard User certificate as AD CS issues it (certsrv.md §7). */
export function smartcardUserExtensions(o: {
  upn: string;
  email?: string;
  sid?: string;
  ekus?: string;
  template?: string;
}): {
  extensions: string[];
  sections: Record<string, string[]>;
} {
  const san = [`otherName:1.3.6.1.4.1.311.20.2.3;UTF8:${o.upn}`, ...(o.email ? [`email:${o.email}`] : [])];
  const extensions = [
    'keyUsage = critical,digitalSignature,keyEncipherment',
    `extendedKeyUsage = ${o.ekus ?? 'emailProtection,clientAuth,1.3.6.1.4.1.311.20.2.2'}`,
    `subjectAltName = ${san.join(',')}`,
    `1.3.6.1.4.1.311.20.2 = ASN1:BMPSTRING:${o.template ?? 'SmartcardUser'}`,
    'authorityKeyIdentifier = keyid',
  ];
  const sections: Record<string, string[]> = {};
  if (o.sid) {
    extensions.push('1.3.6.1.4.1.311.25.2 = ASN1:SEQUENCE:sid_names');
    sections['sid_names'] = ['name = IMPLICIT:0,SEQUENCE:sid_othername'];
    sections['sid_othername'] = [
      'type = OID:1.3.6.1.4.1.311.25.2.1',
      `value = EXPLICIT:0,OCTETSTRING:${o.sid}`,
    ];
  }
  return { extensions, sections };
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

/**
 * The openssl test CA (dev/test-ca.ts) with one more way to issue: it certifies a card's public key
 * with `x509 -req -force_pubkey`, the key having been generated on the card.
 */
export class OpensslCa {
  readonly dir: TempDir;
  readonly ca: TestCa;
  readonly certPath: string;
  readonly keyPath: string;
  #serial = 1;

  constructor(name = 'piv-test-ca') {
    this.dir = tempDir('piv-ca-');
    this.ca = makeCa(this.dir.path, name);
    this.certPath = this.ca.certPath;
    this.keyPath = this.ca.keyPath;
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
  return mustRun('openssl', ['x509', '-inform', 'DER', '-outform', 'PEM'], { input: der });
}
