// Enroll on behalf of (MS-WCCE 3.1.1.4.3.3.2, "format A"): a CMS SignedData whose id-data eContent
// is the holder's PKCS#10, signed by the Enrollment Agent key. The CA takes the target account from
// the requestername pair in the first SignerInfo's signed attributes.
import { createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { StationError } from '../errors/catalog.ts';
import { assertAllowedHash, digestAlgorithm, nodeHashName, signatureAlgorithm } from './algorithms.ts';
import { bytesEqual, encode, parseDer, sortDerSet, toArrayBuffer, toPem } from './der.ts';
import { OID } from './oids.ts';
import { defaultHashFor, type SignatureHash, type Signer } from './signer.ts';

export interface OnBehalfOptions {
  /** DER PKCS#10 signed by the holder's (card) key */
  readonly csr: Uint8Array;
  /** the agent's Certificate Request Agent certificate, DER */
  readonly agentCertificate: Uint8Array;
  /** further certificates to carry (agent chain), DER */
  readonly extraCertificates?: readonly Uint8Array[];
  readonly agentSigner: Signer;
  /** NETBIOSDOMAIN\sAMAccountName of the holder (the FQDN form is reported to be refused) */
  readonly requesterName: string;
  readonly hash?: SignatureHash;
  readonly signingTime?: Date;
}

export interface BuiltOnBehalfRequest {
  /** DER ContentInfo(SignedData) — submit as base64 without PEM headers */
  readonly der: Uint8Array;
  readonly pem: string;
}

/** The operator card's certificate cannot sign on behalf of others (not its key, not an agent). */
export class AgentCertificateError extends StationError {
  constructor(message: string) {
    super('AGENT_CERT_INVALID', { problem: message }, { diagnostic: message });
    this.name = 'AgentCertificateError';
  }
}

/** SEQUENCE { BMPString name, BMPString value }: UTF-16BE, no trailing NUL. */
export function enrollmentNameValuePair(name: string, value: string): asn1js.Sequence {
  return new asn1js.Sequence({
    value: [new asn1js.BmpString({ value: name }), new asn1js.BmpString({ value })],
  });
}

export async function wrapOnBehalf(options: OnBehalfOptions): Promise<BuiltOnBehalfRequest> {
  const signer = options.agentSigner;
  const hash = options.hash ?? defaultHashFor(signer.keyAlgorithm);
  assertAllowedHash(hash);
  if (!/^[^\\/]+\\[^\\/]+$/.test(options.requesterName))
    throw new StationError(
      'REQUESTER_NAME_INVALID',
      {},
      { diagnostic: 'requesterName must be DOMAIN\\user (NetBIOS domain, one backslash)' },
    );

  const agent = new pkijs.Certificate({ schema: parseDer(options.agentCertificate, 'agent certificate') });
  const agentSpki = encode(agent.subjectPublicKeyInfo.toSchema());
  if (!bytesEqual(agentSpki, signer.spki))
    throw new AgentCertificateError('the agent certificate does not belong to the agent signing key');
  parseDer(options.csr, 'PKCS#10 request');

  const messageDigest = new Uint8Array(createHash(nodeHashName(hash)).update(options.csr).digest());
  const attributes = sortDerSet([
    new pkijs.Attribute({
      type: OID.pkcs9ContentType,
      values: [new asn1js.ObjectIdentifier({ value: OID.idData })],
    }),
    new pkijs.Attribute({
      type: OID.pkcs9SigningTime,
      values: [new asn1js.UTCTime({ valueDate: options.signingTime ?? new Date() })],
    }),
    new pkijs.Attribute({
      type: OID.pkcs9MessageDigest,
      values: [new asn1js.OctetString({ valueHex: toArrayBuffer(messageDigest) })],
    }),
    new pkijs.Attribute({
      type: OID.enrollmentNameValuePair,
      values: [enrollmentNameValuePair('RequesterName', options.requesterName)],
    }),
  ]);
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes });

  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: agent.issuer, serialNumber: agent.serialNumber }),
    digestAlgorithm: digestAlgorithm(hash),
    signedAttrs,
    signatureAlgorithm: signatureAlgorithm(signer.keyAlgorithm, hash),
  });

  // The signature covers the signed attributes re-tagged as a universal SET (RFC 5652 5.4).
  const attrsDer = encode(signedAttrs.toSchema());
  attrsDer[0] = 0x31;
  signerInfo.signature = new asn1js.OctetString({
    valueHex: toArrayBuffer(await signer.sign(attrsDer, hash)),
  });

  const certificates = [agent];
  for (const extra of options.extraCertificates ?? [])
    certificates.push(new pkijs.Certificate({ schema: parseDer(extra, 'agent chain certificate') }));

  const encapContentInfo = new pkijs.EncapsulatedContentInfo({ eContentType: OID.idData });
  // Assigned after construction: the constructor would re-wrap it as a BER constructed OCTET STRING.
  encapContentInfo.eContent = new asn1js.OctetString({ valueHex: toArrayBuffer(options.csr) });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [digestAlgorithm(hash)],
    encapContentInfo,
    certificates,
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID.idSignedData,
    content: signedData.toSchema(true),
  });
  const der = encode(contentInfo.toSchema());
  return { der, pem: toPem(der, 'CMS') };
}
