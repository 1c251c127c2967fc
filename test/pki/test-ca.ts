// Certificates made by openssl (not by core/pki) for tests: a CA, and leaves with whatever
// extensions a case needs, signed with `openssl ca` so validity dates can be set in the past.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromPem } from '../../core/pki/der.ts';
import { openssl } from './openssl.ts';

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
  const csrPath = join(dir, 'ca.csr');
  openssl([
    'req',
    '-new',
    '-key',
    keyPath,
    '-subj',
    `/CN=${name}`,
    '-config',
    join(dir, 'ca.cnf'),
    '-out',
    csrPath,
  ]);
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
  const csrPath = join(ca.dir, `${options.id}.csr`);
  openssl([
    'req',
    '-new',
    '-key',
    keyPath,
    '-subj',
    options.subject,
    '-config',
    join(ca.dir, 'ca.cnf'),
    '-out',
    csrPath,
  ]);
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
