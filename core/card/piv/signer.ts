// Lets core/pki sign with a card key through its Signer seam (core/pki/signer.ts): the message is
// hashed here and only the digest's encoding goes to the card.
import type { KeyAlgorithm as PkiKeyAlgorithm, SignatureHash, Signer } from '../../pki/signer.ts';
import { type Slot } from './constants.ts';
import type { PivPublicKey } from './public-key.ts';
import type { Secret } from './secrets.ts';
import type { PivSession } from './session.ts';

export interface PivSigner extends Signer {
  readonly slot: Slot;
  readonly publicKey: PivPublicKey;
}

export interface PivSignerOptions {
  /**
   * Supplies the PIN right before each signature (slot 9C's "PIN always" needs it every time).
   * Returned bytes are wiped after use; strings cannot be.
   */
  readonly pin?: () => Secret | Promise<Secret>;
}

function pkiKeyAlgorithm(key: PivPublicKey): PkiKeyAlgorithm {
  if (key.kind === 'rsa') return 'RSA';
  return key.curve === 'P-256' ? 'EC-P256' : 'EC-P384';
}

/** A Signer over the key in `slot`; RSA signs PKCS#1 v1.5, EC returns DER ECDSA-Sig-Value. */
export function pivSigner(
  session: PivSession,
  slot: Slot,
  publicKey: PivPublicKey,
  options: PivSignerOptions = {},
): PivSigner {
  return {
    slot,
    publicKey,
    spki: publicKey.spki,
    keyAlgorithm: pkiKeyAlgorithm(publicKey),
    async sign(data: Uint8Array, hash: SignatureHash): Promise<Uint8Array> {
      const pin = options.pin ? await options.pin() : undefined;
      try {
        return await session.sign(slot, publicKey.algorithm, data, {
          hash,
          padding: 'pkcs1',
          ...(pin !== undefined ? { pin } : {}),
        });
      } finally {
        if (pin instanceof Uint8Array) pin.fill(0);
      }
    },
  };
}
