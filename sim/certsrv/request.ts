// Decoding what a client puts in CertRequest: a PKCS#10, or a CMS SignedData wrapping one
// (enroll on behalf of, MS-WCCE 3.2.2.6.2.1.2.1.1). Signatures are checked with node:crypto.
import { createHash, createPublicKey, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './oids.ts';
import { HR } from './hresult.ts';

export class RequestError extends Error {
  readonly hresult: number;
  /** the disposition message prefix certsrv shows ("Error Parsing Request", …) */
  readonly disposition: string;
  /**
   * 'decode': ICertRequest::Submit could not even decode the base64 on the web server, so the
   * CA never saw the request (no request id; certrser.asp with "(never set)").
   * 'ca': the CA stored the request and denied it with this disposition message.
   */
  readonly stage: 'decode' | 'ca';
  constructor(hresult: number, disposition: string, detail: string, stage: 'decode' | 'ca' = 'ca') {
    super(detail);
    this.hresult = hresult;
    this.disposition = disposition;
    this.stage = stage;
  }
}

const PARSE = 'Error Parsing Request';
const VERIFY = 'Error Verifying Request Signature or Signing Certificate';

export interface Pkcs10Info {
  der: Buffer;
  spki: Buffer;
  key: KeyObject;
  keyBits: number;
}

export interface AgentSignature {
  /** requestername value, e.g. CORP\alice */
  requesterName: string;
  /** the agent certificate that signed, if the CMS carried it */
  signer?: X509Certificate;
  /** the CMS signature over the signed attributes and the digest of the PKCS#10 verified */
  signatureValid: boolean;
}

export interface ParsedRequest {
  kind: 'pkcs10' | 'cms';
  der: Buffer;
  pkcs10: Pkcs10Info;
  onBehalf?: AgentSignature;
}

/** certfnsh.asp accepts base64 with or without -----BEGIN …----- lines. */
export function decodeRequestText(text: string): Buffer {
  let body = text;
  if (text.includes('BEGIN')) {
    const m = /-----BEGIN [^-]+-----([\s\S]*?)-----END [^-]+-----/.exec(text);
    if (!m || m[1] === undefined)
      throw new RequestError(HR.INVALID_DATA, PARSE, 'unterminated PEM block', 'decode');
    body = m[1];
  }
  const compact = body.replace(/[\r\n\t ]+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact))
    throw new RequestError(HR.INVALID_DATA, PARSE, 'request is not base64', 'decode');
  return Buffer.from(compact, 'base64');
}

const HASH_BY_SIG: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

const HASH_BY_DIGEST: Record<string, string> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

function berOf(der: Buffer): asn1js.AsnType {
  const parsed = asn1js.fromBER(der);
  if (parsed.offset === -1 || parsed.offset !== der.length)
    throw new RequestError(HR.ASN1_BADTAG, PARSE, 'not DER');
  return parsed.result;
}

function keyBitsOf(key: KeyObject): number {
  const d = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa') return d?.modulusLength ?? 0;
  if (key.asymmetricKeyType === 'ec') {
    const curve = d?.namedCurve ?? '';
    return { prime256v1: 256, secp384r1: 384, secp521r1: 521 }[curve] ?? 0;
  }
  return 0;
}

export function parsePkcs10(der: Buffer): Pkcs10Info {
  let csr: pkijs.CertificationRequest;
  try {
    csr = new pkijs.CertificationRequest({ schema: berOf(der) });
  } catch (e) {
    if (e instanceof RequestError) throw e;
    throw new RequestError(HR.ASN1_BADTAG, PARSE, 'not a PKCS#10 request');
  }
  const spki = Buffer.from(csr.subjectPublicKeyInfo.toSchema().toBER());
  let key: KeyObject;
  try {
    key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  } catch {
    throw new RequestError(HR.ASN1_BADTAG, PARSE, 'unsupported public key');
  }
  const hash = HASH_BY_SIG[csr.signatureAlgorithm.algorithmId];
  if (!hash)
    throw new RequestError(
      HR.BAD_SIGNATURE,
      VERIFY,
      `unsupported signature algorithm ${csr.signatureAlgorithm.algorithmId}`,
    );
  const ok = cryptoVerify(
    hash,
    Buffer.from(csr.tbsView),
    key,
    Buffer.from(csr.signatureValue.valueBlock.valueHexView),
  );
  if (!ok) throw new RequestError(HR.BAD_SIGNATURE, VERIFY, 'PKCS#10 signature does not verify');
  return {
    der,
    spki: Buffer.from(key.export({ format: 'der', type: 'spki' })),
    key,
    keyBits: keyBitsOf(key),
  };
}

function octetStringBytes(os: asn1js.OctetString): Buffer {
  if (os.valueBlock.isConstructed) {
    return Buffer.concat(
      os.valueBlock.value.map((v) =>
        v instanceof asn1js.OctetString ? octetStringBytes(v) : Buffer.alloc(0),
      ),
    );
  }
  return Buffer.from(os.valueBlock.valueHexView);
}

/** Reads requestername out of EnrollmentNameValuePair values (BMPString pairs, NUL terminators tolerated). */
function requesterNameFrom(attrs: pkijs.Attribute[] | undefined): string | undefined {
  for (const a of attrs ?? []) {
    if (a.type !== OID.enrollmentNameValuePair) continue;
    for (const v of a.values) {
      if (!(v instanceof asn1js.Sequence)) continue;
      const [n, val] = v.valueBlock.value;
      if (!(n instanceof asn1js.BmpString) || !(val instanceof asn1js.BmpString)) continue;
      const name = n.valueBlock.value.replace(/\0+$/, '');
      if (name.toLowerCase() === 'requestername') return val.valueBlock.value.replace(/\0+$/, '');
    }
  }
  return undefined;
}

function findSignerCert(sd: pkijs.SignedData, si: pkijs.SignerInfo): X509Certificate | undefined {
  const certs = (sd.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  for (const c of certs) {
    const x = new X509Certificate(Buffer.from(c.toSchema().toBER()));
    if (si.sid instanceof pkijs.IssuerAndSerialNumber) {
      const serial = Buffer.from(si.sid.serialNumber.valueBlock.valueHexView)
        .toString('hex')
        .replace(/^(00)+/, '');
      const issuer = Buffer.from(si.sid.issuer.toSchema().toBER());
      if (
        serial.toUpperCase() === x.serialNumber.replace(/^(00)+/, '').toUpperCase() &&
        issuer.equals(Buffer.from(c.issuer.toSchema().toBER()))
      )
        return x;
    } else {
      // [0] IMPLICIT SubjectKeyIdentifier: the bytes after a short tag/length header
      const raw = Buffer.from((si.sid as asn1js.BaseBlock).valueBeforeDecodeView);
      const ski = raw.subarray(2);
      const ext = c.extensions?.find((e) => e.extnID === OID.subjectKeyIdentifier);
      if (ext && Buffer.from(ext.extnValue.valueBlock.valueHexView).subarray(2).equals(ski)) return x;
    }
  }
  return undefined;
}

export function parseRequest(der: Buffer): ParsedRequest {
  const top = berOf(der);
  // a PKCS#10 starts SEQUENCE { SEQUENCE { INTEGER version, …; a ContentInfo with an OID
  const first = top instanceof asn1js.Sequence ? top.valueBlock.value[0] : undefined;
  if (!(first instanceof asn1js.ObjectIdentifier)) return { kind: 'pkcs10', der, pkcs10: parsePkcs10(der) };

  let sd: pkijs.SignedData;
  try {
    const ci = new pkijs.ContentInfo({ schema: top });
    if (ci.contentType !== OID.signedData) throw new Error('not signedData');
    sd = new pkijs.SignedData({ schema: ci.content });
  } catch {
    throw new RequestError(HR.ASN1_BADTAG, PARSE, 'not a CMS SignedData');
  }
  if (sd.encapContentInfo.eContentType === OID.cmcPkiData) {
    throw new RequestError(HR.INVALID_DATA, PARSE, 'CMC (PKIData) requests are not supported by this CA');
  }
  const eContent = sd.encapContentInfo.eContent;
  if (sd.encapContentInfo.eContentType !== OID.data || !eContent) {
    throw new RequestError(HR.ASN1_BADTAG, PARSE, 'CMS does not carry a PKCS#10');
  }
  const innerDer = octetStringBytes(eContent);
  const pkcs10 = parsePkcs10(innerDer);
  const si = sd.signerInfos[0];
  const requesterName = requesterNameFrom(si?.signedAttrs?.attributes);
  if (!si || requesterName === undefined) return { kind: 'cms', der, pkcs10 };

  const signer = findSignerCert(sd, si);
  let signatureValid = false;
  if (signer && si.signedAttrs) {
    const hash = HASH_BY_DIGEST[si.digestAlgorithm.algorithmId];
    const digestAttr = si.signedAttrs.attributes.find((a) => a.type === OID.messageDigest)?.values[0];
    if (hash && digestAttr instanceof asn1js.OctetString) {
      const digestOk = createHash(hash)
        .update(innerDer)
        .digest()
        .equals(Buffer.from(digestAttr.valueBlock.valueHexView));
      try {
        signatureValid =
          digestOk &&
          cryptoVerify(
            hash,
            Buffer.from(si.signedAttrs.encodedValue),
            signer.publicKey,
            Buffer.from(si.signature.valueBlock.valueHexView),
          );
      } catch {
        signatureValid = false;
      }
    }
  }
  return { kind: 'cms', der, pkcs10, onBehalf: { requesterName, signer, signatureValid } };
}
