// PKCS#10 for a key that never leaves its card: the public key comes from the signer's SPKI and the
// signature over CertificationRequestInfo is produced by the signer (RFC 2986).
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { StationError } from '../errors/catalog.ts';
import { assertAllowedHash, keyAlgorithmOfSpki, signatureAlgorithm } from './algorithms.ts';
import { contextConstructed, encode, parseDer, toArrayBuffer, toPem } from './der.ts';
import { toPkijsExtension, type RequestedExtension } from './extensions.ts';
import { OID } from './oids.ts';
import { defaultHashFor, type SignatureHash, type Signer } from './signer.ts';

export interface NameAttribute {
  readonly oid: string;
  readonly value: string;
}

export interface CsrOptions {
  /** subject RDNs in order, most significant first; AD CS builds the subject from AD for the smart-card templates */
  readonly subject?: readonly NameAttribute[];
  /** asked for in a PKCS#9 extensionRequest attribute */
  readonly extensions?: readonly RequestedExtension[];
  readonly hash?: SignatureHash;
}

export interface BuiltCsr {
  readonly der: Uint8Array;
  readonly pem: string;
}

/** The key that signed is not the key the request names (the card signed with another key). */
export class SignerKeyMismatchError extends StationError {
  constructor(message: string) {
    super('SIGNER_KEY_MISMATCH', {}, { diagnostic: message });
    this.name = 'SignerKeyMismatchError';
  }
}

function nameValue(attr: NameAttribute): asn1js.AsnType {
  // X.520 keeps countryName PrintableString and DC IA5String; everything else as UTF8String.
  if (attr.oid === OID.countryName) return new asn1js.PrintableString({ value: attr.value });
  if (attr.oid === OID.domainComponent || attr.oid === OID.pkcs9EmailAddress)
    return new asn1js.IA5String({ value: attr.value });
  return new asn1js.Utf8String({ value: attr.value });
}

export function buildName(attributes: readonly NameAttribute[]): pkijs.RelativeDistinguishedNames {
  const name = new pkijs.RelativeDistinguishedNames();
  // One attribute per RDN, as Windows and OpenSSL write them.
  const schema = new asn1js.Sequence({
    value: attributes.map(
      (a) =>
        new asn1js.Set({
          value: [
            new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: a.oid }), nameValue(a)] }),
          ],
        }),
    ),
  });
  name.fromSchema(parseDer(encode(schema), 'subject name'));
  return name;
}

export function parseSpki(spki: Uint8Array): pkijs.PublicKeyInfo {
  return new pkijs.PublicKeyInfo({ schema: parseDer(spki, 'SubjectPublicKeyInfo') });
}

export async function buildCsr(signer: Signer, options: CsrOptions = {}): Promise<BuiltCsr> {
  const hash = options.hash ?? defaultHashFor(signer.keyAlgorithm);
  assertAllowedHash(hash);
  const spki = parseSpki(signer.spki);
  const actual = keyAlgorithmOfSpki(spki);
  if (actual !== signer.keyAlgorithm)
    throw new SignerKeyMismatchError(
      `signer says ${signer.keyAlgorithm} but its public key is ${actual ?? 'unsupported'}`,
    );

  const csr = new pkijs.CertificationRequest({
    version: 0,
    subject: buildName(options.subject ?? []),
    subjectPublicKeyInfo: spki,
    attributes: [],
  });
  if (options.extensions && options.extensions.length > 0) {
    const extensions = new pkijs.Extensions({ extensions: options.extensions.map(toPkijsExtension) });
    csr.attributes = [
      new pkijs.Attribute({ type: OID.pkcs9ExtensionRequest, values: [extensions.toSchema()] }),
    ];
  }
  csr.signatureAlgorithm = signatureAlgorithm(signer.keyAlgorithm, hash);
  // CertificationRequestInfo, encoded here because pkijs keeps its encoder protected.
  const tbs = encode(
    new asn1js.Sequence({
      value: [
        new asn1js.Integer({ value: 0 }),
        csr.subject.toSchema(),
        csr.subjectPublicKeyInfo.toSchema(),
        contextConstructed(
          0,
          (csr.attributes ?? []).map((a) => a.toSchema()),
        ),
      ],
    }),
  );
  csr.tbsView = tbs;
  const signature = await signer.sign(tbs, hash);
  csr.signatureValue = new asn1js.BitString({ valueHex: toArrayBuffer(signature) });
  const der = encode(csr.toSchema());
  return { der, pem: toPem(der, 'CERTIFICATE REQUEST') };
}

export function parseCsr(der: Uint8Array): pkijs.CertificationRequest {
  return new pkijs.CertificationRequest({ schema: parseDer(der, 'PKCS#10 request') });
}
