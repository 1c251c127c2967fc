// X.509 extensions a request may ask for, and the Microsoft name forms. Built by hand with asn1js:
// pkijs' GeneralName wraps an otherName value in the wrong tagging for the UPN, so every
// otherName here is spelled out as RFC 5280 defines it:
//   OtherName ::= [0] IMPLICIT SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY }
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { contextConstructed, toArrayBuffer, encode } from './der.ts';
import { OID } from './oids.ts';

export type SubjectAltName =
  | { readonly type: 'upn'; readonly value: string }
  | { readonly type: 'email'; readonly value: string }
  | { readonly type: 'dns'; readonly value: string }
  | { readonly type: 'url'; readonly value: string };

export function otherName(typeId: string, value: asn1js.AsnType): asn1js.Constructed {
  return contextConstructed(0, [
    new asn1js.ObjectIdentifier({ value: typeId }),
    contextConstructed(0, [value]),
  ]);
}

function ia5Implicit(tagNumber: number, text: string): asn1js.Primitive {
  return new asn1js.Primitive({
    idBlock: { tagClass: 3, tagNumber },
    valueHex: toArrayBuffer(new Uint8Array(Buffer.from(text, 'ascii'))),
  });
}

export function generalName(name: SubjectAltName): asn1js.AsnType {
  switch (name.type) {
    case 'upn':
      return otherName(OID.ntPrincipalName, new asn1js.Utf8String({ value: name.value }));
    case 'email':
      return ia5Implicit(1, name.value);
    case 'dns':
      return ia5Implicit(2, name.value);
    case 'url':
      return ia5Implicit(6, name.value);
  }
}

export interface RequestedExtension {
  readonly oid: string;
  readonly critical: boolean;
  /** the DER inside extnValue's OCTET STRING */
  readonly value: Uint8Array;
}

export function subjectAltNameExtension(names: readonly SubjectAltName[]): RequestedExtension {
  return {
    oid: OID.subjectAltName,
    critical: false,
    value: encode(new asn1js.Sequence({ value: names.map(generalName) })),
  };
}

export function extendedKeyUsageExtension(oids: readonly string[]): RequestedExtension {
  return {
    oid: OID.extKeyUsage,
    critical: false,
    value: encode(new asn1js.Sequence({ value: oids.map((o) => new asn1js.ObjectIdentifier({ value: o })) })),
  };
}

export type KeyUsageBit =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign';

const KEY_USAGE_BITS: readonly KeyUsageBit[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
];

export function keyUsageExtension(bits: readonly KeyUsageBit[]): RequestedExtension {
  let byte = 0;
  let highest = -1;
  for (const bit of bits) {
    const i = KEY_USAGE_BITS.indexOf(bit);
    byte |= 0x80 >> i;
    highest = Math.max(highest, i);
  }
  // DER BIT STRING: trailing zero bits are dropped and counted in the unused-bits octet.
  const unused = highest < 0 ? 0 : 7 - highest;
  return {
    oid: OID.keyUsage,
    critical: true,
    value: encode(
      new asn1js.BitString({ valueHex: toArrayBuffer(new Uint8Array([byte])), unusedBits: unused }),
    ),
  };
}

/** v1 template name extension: the template cn as a BMPString (what Windows emits). */
export function templateNameExtension(templateCn: string): RequestedExtension {
  return {
    oid: OID.enrollCertTypeExtension,
    critical: false,
    value: encode(new asn1js.BmpString({ value: templateCn })),
  };
}

/** v2+ template extension: SEQUENCE { templateID OID, majorVersion INTEGER OPTIONAL, minorVersion INTEGER OPTIONAL }. */
export function templateInfoExtension(
  templateOid: string,
  major?: number,
  minor?: number,
): RequestedExtension {
  const value: asn1js.AsnType[] = [new asn1js.ObjectIdentifier({ value: templateOid })];
  if (major !== undefined) value.push(new asn1js.Integer({ value: major }));
  if (major !== undefined && minor !== undefined) value.push(new asn1js.Integer({ value: minor }));
  return { oid: OID.certificateTemplate, critical: false, value: encode(new asn1js.Sequence({ value })) };
}

/** KB5014754 security extension: GeneralNames with one otherName(objectSid, OCTET STRING "S-1-5-…"). */
export function sidExtension(sid: string): RequestedExtension {
  const octets = new asn1js.OctetString({
    valueHex: toArrayBuffer(new Uint8Array(Buffer.from(sid, 'ascii'))),
  });
  return {
    oid: OID.ntdsCaSecurityExt,
    critical: false,
    value: encode(new asn1js.Sequence({ value: [otherName(OID.ntdsObjectSid, octets)] })),
  };
}

export function toPkijsExtension(ext: RequestedExtension): pkijs.Extension {
  return new pkijs.Extension({
    extnID: ext.oid,
    critical: ext.critical,
    extnValue: toArrayBuffer(ext.value),
  });
}
