// The certification authority: one RSA key and self-signed certificate per renewal index,
// kept in <state>/ca. It signs end-entity certificates, the web server's TLS certificate and CRLs.
import {
  createHash,
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  X509Certificate,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import {
  bits,
  bool,
  explicit,
  implicitPrim,
  int,
  namedBits,
  nul,
  octets,
  oid,
  seq,
  tlv,
  time,
  uint,
  toPem,
} from './der.ts';
import type { Der } from './der.ts';
import { OID } from './oids.ts';
import { nameFromDn, uriGeneralName } from './names.ts';
import { writeJsonAtomic } from './store.ts';

export const KU = {
  digitalSignature: 0x8000,
  nonRepudiation: 0x4000,
  keyEncipherment: 0x2000,
  dataEncipherment: 0x1000,
  keyAgreement: 0x0800,
  keyCertSign: 0x0400,
  cRLSign: 0x0200,
} as const;

export function extension(id: string, critical: boolean, value: Der): Der {
  return critical ? seq(oid(id), bool(true), octets(value)) : seq(oid(id), octets(value));
}

const sha256WithRsa = (): Der => seq(oid(OID.sha256WithRSA), nul());

/** SHA-1 of the subjectPublicKey BIT STRING contents (RFC 5280 §4.2.1.2 method 1). */
export function keyIdentifier(spkiDer: Uint8Array): Buffer {
  const parsed = asn1js.fromBER(Buffer.from(spkiDer));
  const bitString = parsed.result instanceof asn1js.Sequence ? parsed.result.valueBlock.value[1] : undefined;
  if (!(bitString instanceof asn1js.BitString)) throw new Error('not a SubjectPublicKeyInfo');
  return createHash('sha1').update(bitString.valueBlock.valueHexView).digest();
}

export interface CaGeneration {
  index: number;
  key: KeyObject;
  certDer: Buffer;
  cert: X509Certificate;
  keyId: Buffer;
}

export interface IssueInput {
  subject: Der;
  spki: Uint8Array;
  notBefore?: Date;
  validityDays: number;
  extensions: Der[];
  /** omit CDP/AIA (the web server's own certificate) */
  bare?: boolean;
}

export interface Issued {
  der: Buffer;
  serialHex: string;
  caIndex: number;
}

export class CertificationAuthority {
  readonly dir: string;
  readonly dn: string;
  readonly generations: CaGeneration[] = [];
  /** base URL used in CDP/AIA (set when the server knows its port) */
  publicUrl = '';

  constructor(stateDir: string, dn: string) {
    this.dir = join(stateDir, 'ca');
    this.dn = dn;
    mkdirSync(this.dir, { recursive: true });
    this.#load();
    if (this.generations.length === 0) this.renew();
  }

  #load(): void {
    const idx = readdirSync(this.dir)
      .map((f) => /^ca-(\d+)\.cer$/.exec(f)?.[1])
      .filter((x): x is string => x !== undefined)
      .map(Number)
      .filter((i) => i >= this.generations.length)
      .sort((a, b) => a - b);
    for (const i of idx) {
      // generations are contiguous: a gap means another process is still writing
      if (i !== this.generations.length) break;
      const certDer = readFileSync(join(this.dir, `ca-${i}.cer`));
      const key = createPrivateKey(readFileSync(join(this.dir, `ca-${i}.key.pem`)));
      const cert = new X509Certificate(certDer);
      this.generations.push({
        index: i,
        key,
        certDer,
        cert,
        keyId: keyIdentifier(cert.publicKey.export({ format: 'der', type: 'spki' })),
      });
    }
  }

  /**
   * Picks up generations another process (`main.ts renew-ca` beside a running `serve`) added
   * since this one loaded: one CA state on disk, whoever changes it. True when something new came.
   */
  refresh(): boolean {
    const before = this.generations.length;
    this.#load();
    return this.generations.length > before;
  }

  get current(): CaGeneration {
    const g = this.generations[this.generations.length - 1];
    if (!g) throw new Error('CA has no certificate');
    return g;
  }

  get name(): string {
    return /CN=([^,]+)/i.exec(this.dn)?.[1] ?? 'CA';
  }

  /** Creates a new key and self-signed certificate under the next renewal index. */
  renew(): CaGeneration {
    this.refresh();
    const index = this.generations.length;
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const spki = publicKey.export({ format: 'der', type: 'spki' });
    const keyId = keyIdentifier(spki);
    const now = new Date();
    const subject = nameFromDn(this.dn);
    const tbs = seq(
      explicit(0, int(2)),
      uint(randomSerial()),
      sha256WithRsa(),
      subject,
      seq(time(new Date(now.getTime() - 600_000)), time(new Date(now.getTime() + 5 * 365 * 86400_000))),
      subject,
      spki,
      explicit(
        3,
        seq(
          extension(OID.keyUsage, true, namedBits(KU.digitalSignature | KU.keyCertSign | KU.cRLSign, 16)),
          extension(OID.basicConstraints, true, seq(bool(true))),
          extension(OID.subjectKeyIdentifier, false, octets(keyId)),
          // CA Version: (key index << 16) | cert index, as certsrv writes it
          extension(OID.caVersion, false, int(index * 65536 + index)),
        ),
      ),
    );
    const certDer = Buffer.from(seq(tbs, sha256WithRsa(), bits(sign('sha256', tbs, privateKey))));
    const keyFile = join(this.dir, `ca-${index}.key.pem`);
    writeFileSync(`${keyFile}.tmp`, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    renameSync(`${keyFile}.tmp`, keyFile);
    writeFileSync(join(this.dir, `ca-${index}.cer.tmp`), certDer);
    renameSync(join(this.dir, `ca-${index}.cer.tmp`), join(this.dir, `ca-${index}.cer`));
    const gen = { index, key: privateKey, certDer, cert: new X509Certificate(certDer), keyId };
    this.generations.push(gen);
    return gen;
  }

  crlUrl(index: number): string {
    const suffix = index > 0 ? `(${index})` : '';
    return `${this.publicUrl}/CertEnroll/${encodeURIComponent(this.name + suffix)}.crl`;
  }

  issue(input: IssueInput): Issued {
    const ca = this.current;
    const serial = randomSerial();
    const notBefore = input.notBefore ?? new Date(Date.now() - 600_000);
    let notAfter = new Date(notBefore.getTime() + 600_000 + input.validityDays * 86400_000);
    const caEnd = new Date(ca.cert.validTo);
    if (notAfter > caEnd) notAfter = caEnd;
    const exts = [
      ...input.extensions,
      extension(OID.subjectKeyIdentifier, false, octets(keyIdentifier(input.spki))),
      extension(OID.authorityKeyIdentifier, false, seq(implicitPrim(0, ca.keyId))),
    ];
    if (!input.bare && this.publicUrl) {
      exts.push(
        extension(
          OID.crlDistributionPoints,
          false,
          seq(seq(explicit(0, explicit(0, uriGeneralName(this.crlUrl(ca.index)))))),
        ),
        extension(
          OID.authorityInfoAccess,
          false,
          seq(
            seq(
              oid(OID.caIssuers),
              uriGeneralName(`${this.publicUrl}/CertEnroll/${encodeURIComponent(this.name)}_${ca.index}.crt`),
            ),
          ),
        ),
      );
    }
    const tbs = seq(
      explicit(0, int(2)),
      uint(serial),
      sha256WithRsa(),
      nameFromDn(this.dn),
      seq(time(notBefore), time(notAfter)),
      input.subject,
      Buffer.from(input.spki),
      explicit(3, seq(...exts)),
    );
    const der = Buffer.from(seq(tbs, sha256WithRsa(), bits(sign('sha256', tbs, ca.key))));
    return { der, serialHex: Buffer.from(serial).toString('hex').toUpperCase(), caIndex: ca.index };
  }

  #crlFile(index: number): string {
    return join(this.dir, `crl-${index}.der`);
  }

  /** The CRL last published for a key generation (what every download hands out until the next). */
  publishedCrl(index: number): Buffer | undefined {
    const f = this.#crlFile(index);
    return existsSync(f) ? readFileSync(f) : undefined;
  }

  /**
   * Publishes a new v2 CRL for one key generation (entries are [serialHex, revokedAt, reason]):
   * the CRL number grows by one per publication and is kept with the CRL on disk, so downloads
   * in between return the same CRL, as AD CS serves the CRL it last published.
   */
  publishCrl(index: number, revoked: Array<[string, Date, number]>, validityDays: number): Buffer {
    const ca = this.generations[index];
    if (!ca) throw new Error(`no CA generation ${index}`);
    const numberFile = join(this.dir, 'crl-number.json');
    const last = existsSync(numberFile)
      ? (JSON.parse(readFileSync(numberFile, 'utf8')) as { n: number }).n
      : 0;
    const n = last + 1;
    writeJsonAtomic(numberFile, { n });
    const now = new Date();
    const entries = revoked.map(([serial, at, reason]) =>
      seq(
        uint(Buffer.from(serial, 'hex')),
        time(at),
        seq(extension(OID.crlReason, false, tlv(0x0a, Buffer.from([reason])))),
      ),
    );
    const tbs = seq(
      int(1),
      sha256WithRsa(),
      nameFromDn(this.dn),
      time(new Date(now.getTime() - 600_000)),
      time(new Date(now.getTime() + validityDays * 86400_000)),
      ...(entries.length ? [seq(...entries)] : []),
      explicit(
        0,
        seq(
          extension(OID.authorityKeyIdentifier, false, seq(implicitPrim(0, ca.keyId))),
          extension(OID.crlNumber, false, int(n)),
        ),
      ),
    );
    const crl = Buffer.from(seq(tbs, sha256WithRsa(), bits(sign('sha256', tbs, ca.key))));
    const f = this.#crlFile(index);
    writeFileSync(`${f}.tmp`, crl);
    renameSync(`${f}.tmp`, f);
    return crl;
  }

  bundlePem(): string {
    return this.generations.map((g) => toPem('CERTIFICATE', g.certDer)).join('');
  }
}

function randomSerial(): Buffer {
  const s = randomBytes(16);
  s[0] = ((s[0] ?? 0) & 0x7f) | 0x10;
  return s;
}
