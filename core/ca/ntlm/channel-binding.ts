// TLS channel binding for NTLM (Extended Protection for Authentication): RFC 5929
// tls-server-end-point over the server's leaf certificate, wrapped in a gss_channel_bindings_struct
// (RFC 2744 3.11) whose MD5 goes into the MsvAvChannelBindings AV pair.
//
// The certificate must be the one the handshake's own TLS socket received: a TLS-terminating proxy
// presents another certificate, and IIS (rightly) refuses the binding then.
import { createHash } from 'node:crypto';
import * as pkijs from 'pkijs';
import { parseDer } from '../../pki/der.ts';
import { NtlmError } from './messages.ts';

const PREFIX = 'tls-server-end-point:';

/** Signature algorithm OID → the hash RFC 5929 §4.1 uses (MD5 and SHA-1 are replaced by SHA-256). */
const SIGNATURE_HASH: Readonly<Record<string, 'sha256' | 'sha384' | 'sha512' | 'sha224'>> = {
  '1.2.840.113549.1.1.4': 'sha256', // md5WithRSAEncryption
  '1.2.840.113549.1.1.5': 'sha256', // sha1WithRSAEncryption
  '1.3.14.3.2.29': 'sha256', // sha1WithRSA (OIW)
  '1.2.840.10045.4.1': 'sha256', // ecdsa-with-SHA1
  '1.2.840.10040.4.3': 'sha256', // dsa-with-sha1
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '2.16.840.1.101.3.4.3.1': 'sha224', // dsa-with-sha224
  '2.16.840.1.101.3.4.3.2': 'sha256', // dsa-with-sha256
};

const HASH_OIDS: Readonly<Record<string, 'sha256' | 'sha384' | 'sha512' | 'sha224'>> = {
  '1.3.14.3.2.26': 'sha256', // SHA-1 → SHA-256
  '1.2.840.113549.2.5': 'sha256', // MD5 → SHA-256
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const RSASSA_PSS = '1.2.840.113549.1.1.10';

/** The hash RFC 5929 prescribes for this certificate; throws for signatures without one (EdDSA). */
export function endPointHashAlgorithm(certificateDer: Uint8Array): 'sha224' | 'sha256' | 'sha384' | 'sha512' {
  let cert: pkijs.Certificate;
  try {
    cert = new pkijs.Certificate({ schema: parseDer(certificateDer, 'server certificate') });
  } catch (err) {
    throw new NtlmError(
      `the server certificate does not parse, no channel binding: ${(err as Error).message}`,
    );
  }
  const oid = cert.signatureAlgorithm.algorithmId;
  const direct = SIGNATURE_HASH[oid];
  if (direct) return direct;
  if (oid === RSASSA_PSS) {
    // RSASSA-PSS-params.hashAlgorithm, SHA-1 by default (RFC 4055) → SHA-256
    const params = cert.signatureAlgorithm.algorithmParams;
    const hashOid = params
      ? new pkijs.RSASSAPSSParams({ schema: params }).hashAlgorithm.algorithmId
      : '1.3.14.3.2.26';
    const h = HASH_OIDS[hashOid];
    if (h) return h;
  }
  // RFC 5929 §4.1: bindings are undefined for signatures with no (or several) hash functions.
  throw new NtlmError(`no tls-server-end-point channel binding is defined for signature algorithm ${oid}`);
}

/** "tls-server-end-point:" || H(certificate): the channel binding's application data. */
export function tlsServerEndPoint(certificateDer: Uint8Array): Uint8Array {
  const hash = createHash(endPointHashAlgorithm(certificateDer)).update(certificateDer).digest();
  return new Uint8Array(Buffer.concat([Buffer.from(PREFIX, 'ascii'), hash]));
}

/**
 * gss_channel_bindings_struct as SSPI hashes it: initiator and acceptor address types and
 * addresses empty (five zero uint32: type, length for each, then the application data length),
 * then the application data.
 */
export function gssChannelBindings(applicationData: Uint8Array): Uint8Array {
  const head = Buffer.alloc(20);
  head.writeUInt32LE(applicationData.byteLength, 16);
  return new Uint8Array(Buffer.concat([head, applicationData]));
}

/** MsvAvChannelBindings value: MD5(gss_channel_bindings_struct). */
export function channelBindingHash(certificateDer: Uint8Array): Uint8Array {
  return new Uint8Array(
    createHash('md5')
      .update(gssChannelBindings(tlsServerEndPoint(certificateDer)))
      .digest(),
  );
}
