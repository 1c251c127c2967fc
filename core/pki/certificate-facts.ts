// What a certificate says, read without trusting it: names, EKUs, Microsoft extensions. Used by the
// checks and by the audit log; every field is optional because a hostile CA response may omit any.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { encode, hex, parseDer } from './der.ts';
import { OID } from './oids.ts';

export interface CertificateFacts {
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumberHex: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly spki: Uint8Array;
  readonly ekus: readonly string[];
  readonly upns: readonly string[];
  readonly emails: readonly string[];
  /** undefined = no SID extension; [] = extension present but no readable SID */
  readonly sids: readonly string[] | undefined;
  readonly templateName: string | undefined;
  readonly templateOid: string | undefined;
  readonly templateMajorVersion: number | undefined;
  readonly templateMinorVersion: number | undefined;
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return new pkijs.Certificate({ schema: parseDer(der, 'certificate') });
}

const NAME_LABELS: Record<string, string> = {
  [OID.commonName]: 'CN',
  [OID.countryName]: 'C',
  [OID.organizationName]: 'O',
  [OID.organizationalUnitName]: 'OU',
  [OID.domainComponent]: 'DC',
  [OID.pkcs9EmailAddress]: 'E',
};

export function nameToString(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => `${NAME_LABELS[tv.type] ?? tv.type}=${asString(tv.value) ?? '#' + hex(encode(tv.value))}`)
    .join(', ');
}

function asString(block: asn1js.AsnType): string | undefined {
  const vb = (block as { valueBlock?: { value?: unknown } }).valueBlock;
  return typeof vb?.value === 'string' ? vb.value : undefined;
}

function extensionValue(cert: pkijs.Certificate, oid: string): asn1js.AsnType | undefined {
  const ext = cert.extensions?.find((e) => e.extnID === oid);
  if (!ext) return undefined;
  try {
    return parseDer(new Uint8Array(ext.extnValue.valueBlock.valueHexView), oid);
  } catch {
    return undefined;
  }
}

function children(block: asn1js.AsnType | undefined): asn1js.AsnType[] {
  const value = (block as { valueBlock?: { value?: unknown } } | undefined)?.valueBlock?.value;
  return Array.isArray(value) ? (value as asn1js.AsnType[]) : [];
}

function isContext(block: asn1js.AsnType | undefined, tagNumber: number): boolean {
  return block?.idBlock.tagClass === 3 && block.idBlock.tagNumber === tagNumber;
}

function primitiveBytes(block: asn1js.AsnType): Uint8Array {
  const vb = (block as { valueBlock?: { valueHexView?: Uint8Array } }).valueBlock;
  return vb?.valueHexView ? new Uint8Array(vb.valueHexView) : new Uint8Array();
}

interface OtherNameValue {
  readonly typeId: string;
  readonly value: asn1js.AsnType;
}

/** OtherName ::= [0] IMPLICIT SEQUENCE { type-id OID, value [0] EXPLICIT ANY } */
function readOtherName(block: asn1js.AsnType): OtherNameValue | undefined {
  const [typeId, wrapped] = children(block);
  if (!(typeId instanceof asn1js.ObjectIdentifier) || !isContext(wrapped, 0)) return undefined;
  const [value] = children(wrapped);
  return value ? { typeId: typeId.valueBlock.toString(), value } : undefined;
}

export function certificateFacts(cert: pkijs.Certificate): CertificateFacts {
  const ekus = children(extensionValue(cert, OID.extKeyUsage))
    .filter((b): b is asn1js.ObjectIdentifier => b instanceof asn1js.ObjectIdentifier)
    .map((b) => b.valueBlock.toString());

  const upns: string[] = [];
  const emails: string[] = [];
  for (const gn of children(extensionValue(cert, OID.subjectAltName))) {
    if (isContext(gn, 0)) {
      const on = readOtherName(gn);
      const text = on && asString(on.value);
      if (on?.typeId === OID.ntPrincipalName && text !== undefined) upns.push(text);
    } else if (isContext(gn, 1)) {
      emails.push(Buffer.from(primitiveBytes(gn)).toString('latin1'));
    }
  }

  let sids: string[] | undefined;
  if (cert.extensions?.some((e) => e.extnID === OID.ntdsCaSecurityExt)) {
    sids = [];
    for (const gn of children(extensionValue(cert, OID.ntdsCaSecurityExt))) {
      const on = isContext(gn, 0) ? readOtherName(gn) : undefined;
      if (on?.typeId === OID.ntdsObjectSid && on.value instanceof asn1js.OctetString)
        sids.push(Buffer.from(primitiveBytes(on.value)).toString('latin1'));
    }
  }

  const v1 = extensionValue(cert, OID.enrollCertTypeExtension);
  const v2 = children(extensionValue(cert, OID.certificateTemplate));
  const [templateId, major, minor] = v2;

  return {
    subject: nameToString(cert.subject),
    issuer: nameToString(cert.issuer),
    serialNumberHex: hex(new Uint8Array(cert.serialNumber.valueBlock.valueHexView)),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    spki: encode(cert.subjectPublicKeyInfo.toSchema()),
    ekus,
    upns,
    emails,
    sids,
    templateName: v1 ? asString(v1) : undefined,
    templateOid: templateId instanceof asn1js.ObjectIdentifier ? templateId.valueBlock.toString() : undefined,
    templateMajorVersion: major instanceof asn1js.Integer ? major.valueBlock.valueDec : undefined,
    templateMinorVersion: minor instanceof asn1js.Integer ? minor.valueBlock.valueDec : undefined,
  };
}

export function spkiOf(der: Uint8Array): Uint8Array {
  return encode(parseCertificate(der).subjectPublicKeyInfo.toSchema());
}
