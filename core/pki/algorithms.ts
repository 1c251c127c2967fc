// Signature and digest algorithm identifiers. pkijs defaults to SHA-1 when it picks for itself, so
// the builders never let it pick: every identifier is chosen here from the signer's key type.
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { OID } from './oids.ts';
import type { KeyAlgorithm, SignatureHash } from './signer.ts';

export function signatureAlgorithm(
  keyAlgorithm: KeyAlgorithm,
  hash: SignatureHash,
): pkijs.AlgorithmIdentifier {
  if (keyAlgorithm === 'RSA') {
    // RFC 4055: the parameters of the PKCS#1 v1.5 signature OIDs are an explicit NULL.
    return new pkijs.AlgorithmIdentifier({
      algorithmId: hash === 'SHA-256' ? OID.sha256WithRSAEncryption : OID.sha384WithRSAEncryption,
      algorithmParams: new asn1js.Null(),
    });
  }
  // RFC 5758: ECDSA signature identifiers carry no parameters at all.
  return new pkijs.AlgorithmIdentifier({
    algorithmId: hash === 'SHA-256' ? OID.ecdsaWithSHA256 : OID.ecdsaWithSHA384,
  });
}

export function digestAlgorithm(hash: SignatureHash): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({
    algorithmId: hash === 'SHA-256' ? OID.sha256 : OID.sha384,
    algorithmParams: new asn1js.Null(),
  });
}

export function nodeHashName(hash: SignatureHash): 'sha256' | 'sha384' {
  return hash === 'SHA-256' ? 'sha256' : 'sha384';
}

/** Rejects hashes a caller might smuggle in through an untyped path (config, IPC). */
export function assertAllowedHash(hash: string): asserts hash is SignatureHash {
  if (hash !== 'SHA-256' && hash !== 'SHA-384') throw new Error(`signature hash ${hash} is not allowed`);
}

/** The key type of a SubjectPublicKeyInfo, so a signer's declared type can be cross-checked. */
export function keyAlgorithmOfSpki(spki: pkijs.PublicKeyInfo): KeyAlgorithm | undefined {
  const alg = spki.algorithm.algorithmId;
  if (alg === OID.rsaEncryption) return 'RSA';
  if (alg !== OID.ecPublicKey) return undefined;
  const params = spki.algorithm.algorithmParams;
  const curve = params instanceof asn1js.ObjectIdentifier ? params.valueBlock.toString() : '';
  if (curve === OID.secp256r1) return 'EC-P256';
  if (curve === OID.secp384r1) return 'EC-P384';
  return undefined;
}
