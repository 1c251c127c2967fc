// The one seam through which every private-key operation passes. Keys live on cards (PIV, GIDS) or,
// in tests and for a software Enrollment Agent, in node:crypto; request builders never see a key.

export type KeyAlgorithm = 'RSA' | 'EC-P256' | 'EC-P384';
export type SignatureHash = 'SHA-256' | 'SHA-384';

export interface Signer {
  /** SubjectPublicKeyInfo, DER */
  readonly spki: Uint8Array;
  readonly keyAlgorithm: KeyAlgorithm;
  /**
   * Signs `data` (the whole message, not a digest): the implementation hashes it with `hash`.
   * RSA keys return a PKCS#1 v1.5 signature; EC keys return a DER ECDSA-Sig-Value.
   */
  sign(data: Uint8Array, hash: SignatureHash): Promise<Uint8Array>;
}

/** The hash a key should sign with when the caller has no preference: P-384 pairs with SHA-384. */
export function defaultHashFor(keyAlgorithm: KeyAlgorithm): SignatureHash {
  return keyAlgorithm === 'EC-P384' ? 'SHA-384' : 'SHA-256';
}
