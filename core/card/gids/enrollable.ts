// The GIDS card edge behind the workflow's EnrollableCard port (Windows TPM virtual smart cards,
// GIDS cards). The station enrolls the minidriver's default container — the one Windows smart-card
// logon picks — creating it on first issue and regenerating it in place on re-issue. What GIDS
// lacks the capabilities say: no CHUID/CCC to personalise, a PUK only when the card was made with
// one, no metadata, so "still on the default PIN" comes from the station's own records.
import { StationError } from '../../errors/catalog.ts';
import type { KeyAlgorithm, SignatureHash, Signer } from '../../pki/signer.ts';
import type { Secret } from '../../enrollment/secret.ts';
import { cardIdFor, type CardCapabilities, type CardIdentity, type EnrollableCard } from '../edge.ts';
import type { Transport } from '../transport.ts';
import { GidsAlgorithm } from './constants.ts';
import {
  createContainer,
  defaultContainer,
  deleteCertificate,
  deleteContainer,
  readFileSystem,
  storeCertificate,
} from './minidriver.ts';
import { GidsSession } from './session.ts';

/** tpmvscmgr's default PIN rule (at least 8, at most 127 printable characters). */
export const GIDS_CAPABILITIES: CardCapabilities = {
  pin: { minLength: 8, maxLength: 127, digitsOnly: false },
  puk: false,
  personalise: false,
  metadata: false,
};

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** The station's RSA-2048 key in the default container, used through the GIDS session. */
export function gidsSigner(session: GidsSession, keyReference: number, spki: Uint8Array): Signer {
  return {
    spki,
    keyAlgorithm: 'RSA',
    sign: (data: Uint8Array, hash: SignatureHash) =>
      session.sign(keyReference, GidsAlgorithm.RSA2048, data, hash),
  };
}

export class GidsEnrollableCard implements EnrollableCard {
  readonly edge = 'gids' as const;
  readonly session: GidsSession;
  #capabilities: CardCapabilities = GIDS_CAPABILITIES;

  constructor(session: GidsSession) {
    this.session = session;
  }

  get capabilities(): CardCapabilities {
    return this.#capabilities;
  }

  async identify(): Promise<CardIdentity> {
    const s = this.session;
    const fs = await readFileSystem(s);
    const serial = fs.cardId !== undefined && fs.cardId.length > 0 ? hex(fs.cardId) : null;
    const puk = await s.hasPuk();
    this.#capabilities = { ...GIDS_CAPABILITIES, puk };
    const pin = await s.referenceStatus('PIN');
    const atr = hex(s.transport.atr);
    return {
      readerName: s.transport.readerName,
      atr,
      edge: 'gids',
      cardId: cardIdFor('gids', atr, serial, null),
      serial,
      guid: null,
      hasCertificate: defaultContainer(fs)?.certificate !== undefined,
      // a GIDS card does not say whether its PIN is the factory one: the station's records do
      factoryPin: 'unknown',
      factoryPuk: puk ? 'unknown' : 'no',
      pinTriesLeft: pin.retriesLeft,
    };
  }

  async pinTriesLeft(): Promise<number | null> {
    return (await this.session.referenceStatus('PIN')).retriesLeft;
  }

  async authenticateAdmin(adminKey: Secret): Promise<void> {
    await adminKey.lend((key) => this.session.authenticateAdmin(key));
  }

  async generateKey(algorithm: KeyAlgorithm): Promise<Signer> {
    if (algorithm !== 'RSA') {
      throw new StationError('UNSUPPORTED_CARD', { reason: 'GIDS cards hold RSA keys only', algorithm });
    }
    const current = defaultContainer(await readFileSystem(this.session));
    const created = await createContainer(this.session, {
      keyBits: 2048,
      ...(current !== undefined ? { index: current.index } : {}),
    });
    return gidsSigner(this.session, created.keyReference, created.publicKey.spki);
  }

  async destroyKey(): Promise<void> {
    const current = defaultContainer(await readFileSystem(this.session));
    if (current !== undefined) await deleteContainer(this.session, current.index);
  }

  async verifyPin(pin: Secret): Promise<void> {
    await pin.lend((bytes) => this.session.verifyPin(bytes));
  }

  signerFor(spki: Uint8Array): Signer {
    // the key is found when first used: the default container whose public key is `spki`
    let keyReference: Promise<number> | undefined;
    const locate = async (): Promise<number> => {
      const current = defaultContainer(await readFileSystem(this.session));
      if (current === undefined) throw new StationError('INTERNAL', { reason: 'no default container' });
      const onCard = await this.session.readPublicKey(current.keyReference);
      if (!Buffer.from(onCard.spki).equals(Buffer.from(spki))) {
        throw new StationError('INTERNAL', { reason: 'the default container holds another key' });
      }
      return current.keyReference;
    };
    return {
      spki,
      keyAlgorithm: 'RSA',
      sign: async (data: Uint8Array, hash: SignatureHash) => {
        keyReference ??= locate();
        return this.session.sign(await keyReference, GidsAlgorithm.RSA2048, data, hash);
      },
    };
  }

  async readCertificate(): Promise<Uint8Array | null> {
    return defaultContainer(await readFileSystem(this.session))?.certificate ?? null;
  }

  async writeCertificate(der: Uint8Array): Promise<void> {
    const current = await this.#requireDefault();
    await storeCertificate(this.session, current, der);
  }

  async deleteCertificate(): Promise<void> {
    const current = defaultContainer(await readFileSystem(this.session));
    if (current !== undefined) await deleteCertificate(this.session, current.index);
  }

  personalise(): Promise<string> {
    // the step table leaves this out (capabilities.personalise is false): GIDS has no CHUID
    return Promise.reject(new StationError('INTERNAL', { reason: 'GIDS cards have no CHUID/CCC' }));
  }

  async setAdminKey(newKey: Secret): Promise<void> {
    if (newKey.length !== 24) throw new RangeError('a GIDS admin key is 24 bytes');
    await newKey.lend((key) => this.session.changeAdminKey(key));
  }

  async changePin(current: Secret, next: Secret): Promise<void> {
    await current.lend((a) => next.lend((b) => this.session.changePin(a, b)));
  }

  async changePuk(current: Secret, next: Secret): Promise<void> {
    await current.lend((a) => next.lend((b) => this.session.changeReference('PUK', a, b)));
  }

  async unblockPin(puk: Secret, newPin: Secret): Promise<void> {
    await puk.lend((a) => newPin.lend((b) => this.session.unblockPin(a, b)));
  }

  async #requireDefault(): Promise<number> {
    const current = defaultContainer(await readFileSystem(this.session));
    if (current === undefined)
      throw new StationError('INTERNAL', { reason: 'no default container to hold the certificate' });
    return current.index;
  }
}

/** The registry entry for GIDS (core/card/registry.ts registerEdge): SELECT GIDS or step aside. */
export const GIDS_EDGE = {
  edge: 'gids' as const,
  async open(transport: Transport): Promise<EnrollableCard> {
    return new GidsEnrollableCard(await GidsSession.open(transport));
  },
};
