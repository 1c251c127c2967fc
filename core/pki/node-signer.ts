// A Signer over a node:crypto private key: for tests, and for a software-held Enrollment Agent key
// where policy allows one. Card-backed signers implement the same interface elsewhere.
import { createPublicKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import { nodeHashName } from './algorithms.ts';
import type { KeyAlgorithm, SignatureHash, Signer } from './signer.ts';

export function nodeKeySigner(privateKey: KeyObject): Signer {
  const publicKey = createPublicKey(privateKey);
  const spki = new Uint8Array(publicKey.export({ format: 'der', type: 'spki' }));
  const keyAlgorithm = keyAlgorithmOf(privateKey);
  return {
    spki,
    keyAlgorithm,
    async sign(data: Uint8Array, hash: SignatureHash): Promise<Uint8Array> {
      // node signs RSA keys with PKCS#1 v1.5 and EC keys as DER ECDSA-Sig-Value by default.
      return new Uint8Array(nodeSign(nodeHashName(hash), data, privateKey));
    },
  };
}

function keyAlgorithmOf(key: KeyObject): KeyAlgorithm {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa') return 'RSA';
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1') return 'EC-P256';
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'secp384r1') return 'EC-P384';
  throw new Error(
    `unsupported key type ${key.asymmetricKeyType ?? 'unknown'} ${details?.namedCurve ?? ''}`.trim(),
  );
}
