// The PIV card edge behind the workflow's EnrollableCard port: the cardholder's certificate goes to
// the PIV Authentication slot (9A), the one Windows smart-card logon uses. The session is already
// selected (PivSession.open), so identify sends no second SELECT; the CHUID is read only when the
// card has no serial, because only then is its GUID the card's identity. The certificate identify
// reads is kept for this session (an exclusive PC/SC connection: no one else writes the card
// meanwhile), so readCertificate after identify costs no second GET DATA (five APDUs for a
// 1.2 kB certificate in 256-byte GET RESPONSE rounds).
import { CardStatusError, NotFoundError } from '../status-words.ts';
import { cardIdFor, type CardCapabilities, type CardIdentity, type EnrollableCard } from '../edge.ts';
import type { KeyAlgorithm, Signer } from '../../pki/signer.ts';
import type { Secret } from '../../enrollment/secret.ts';
import {
  KeyAlgorithm as PivAlgorithm,
  ManagementKeyAlgorithm,
  managementKeyLength,
  Reference,
  Slot,
} from './constants.ts';
import { publicKeyFromSpki } from './public-key.ts';
import type { Metadata, PivSession } from './session.ts';
import { pivSigner } from './signer.ts';

const SLOT = Slot.AUTHENTICATION;
const tri = (v: boolean | undefined): 'yes' | 'no' | 'unknown' =>
  v === true ? 'yes' : v === false ? 'no' : 'unknown';
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const PIV_ALGORITHM: Record<KeyAlgorithm, PivAlgorithm> = {
  RSA: PivAlgorithm.RSA2048,
  'EC-P256': PivAlgorithm.ECCP256,
  'EC-P384': PivAlgorithm.ECCP384,
};

/** CHUID expiry written at issuance: the certificate's own validity governs use. */
const CHUID_VALIDITY_YEARS = 5;

/** SP 800-73-4 Part 2 §2.4.3: the PIV Card Application PIN is 6 to 8 bytes of digits. */
export const PIV_CAPABILITIES: CardCapabilities = {
  pin: { minLength: 6, maxLength: 8, digitsOnly: true },
  puk: true,
  personalise: true,
  metadata: false,
};

export class PivEnrollableCard implements EnrollableCard {
  readonly edge = 'piv' as const;
  readonly session: PivSession;
  #capabilities: CardCapabilities = PIV_CAPABILITIES;
  /** the 9A certificate as this session last read or wrote it; undefined = not read yet */
  #certificate: Uint8Array | null | undefined;

  constructor(session: PivSession) {
    this.session = session;
  }

  get capabilities(): CardCapabilities {
    return this.#capabilities;
  }

  async identify(): Promise<CardIdentity> {
    const s = this.session;
    const serial = await s.getSerial().then(String, () => null);
    const guid =
      serial !== null
        ? null
        : await s.readChuid().then(
            (c) => (c.guid && c.guid.some((b) => b !== 0) ? hex(c.guid) : null),
            () => null,
          );
    this.#certificate = undefined;
    const hasCertificate = (await this.readCertificate()) !== null;
    const pin = await metadata(s, Reference.PIV_PIN);
    const puk = pin === undefined ? undefined : await metadata(s, Reference.PUK);
    this.#capabilities = { ...PIV_CAPABILITIES, metadata: pin !== undefined };
    const atr = hex(s.transport.atr);
    return {
      readerName: s.transport.readerName,
      atr,
      edge: 'piv',
      cardId: cardIdFor('piv', atr, serial, guid),
      serial,
      guid,
      hasCertificate,
      factoryPin: tri(pin?.isDefault),
      factoryPuk: tri(puk?.isDefault),
      pinTriesLeft: pin?.retriesRemaining ?? null,
    };
  }

  /**
   * Is the card in the reader still `identity`? One GET SERIAL where the card has a serial (the
   * operator card is re-checked so before each enrollment); the CHUID GUID otherwise.
   */
  async isSameCard(identity: CardIdentity): Promise<boolean> {
    const s = this.session;
    if (identity.serial !== null) return String(await s.getSerial()) === identity.serial;
    if (identity.guid === null) return false;
    return hex((await s.readChuid()).guid) === identity.guid;
  }

  async pinTriesLeft(): Promise<number | null> {
    const status = await this.session.pinStatus();
    return status.retriesLeft ?? null;
  }

  async authenticateAdmin(managementKey: Secret): Promise<void> {
    const alg = await this.session.managementKeyAlgorithm();
    await managementKey.lend((key) => this.session.authenticate(key, alg));
  }

  async generateKey(algorithm: KeyAlgorithm): Promise<Signer> {
    const publicKey = await this.session.generateKey(SLOT, PIV_ALGORITHM[algorithm]);
    return pivSigner(this.session, SLOT, publicKey);
  }

  async destroyKey(): Promise<void> {
    // generating over the slot replaces the key the CA certified; the new key is never used
    await this.session.generateKey(SLOT, PivAlgorithm.ECCP256);
  }

  /** The key in slot 9A as GET METADATA reports it (YubiKey 5.3+); null where the card cannot say. */
  async slotPublicKey(): Promise<Uint8Array | null> {
    return (await metadata(this.session, SLOT))?.publicKey?.spki ?? null;
  }

  async verifyPin(pin: Secret): Promise<void> {
    await pin.lend((bytes) => this.session.verifyPin(bytes));
  }

  signerFor(spki: Uint8Array): Signer {
    return pivSigner(this.session, SLOT, publicKeyFromSpki(spki));
  }

  async readCertificate(): Promise<Uint8Array | null> {
    if (this.#certificate !== undefined) return this.#certificate;
    try {
      this.#certificate = (await this.session.readCertificate(SLOT)).der;
    } catch (e) {
      if (!(e instanceof NotFoundError)) throw e;
      this.#certificate = null;
    }
    return this.#certificate;
  }

  async writeCertificate(der: Uint8Array): Promise<void> {
    this.#certificate = undefined; // a write that fails half-way leaves the object unknown
    await this.session.writeCertificate(SLOT, der);
    this.#certificate = Uint8Array.from(der);
  }

  async deleteCertificate(): Promise<void> {
    this.#certificate = undefined;
    await this.session.deleteCertificate(SLOT);
    this.#certificate = null;
  }

  async personalise(guid: string | null): Promise<string> {
    const expiry = new Date();
    expiry.setUTCFullYear(expiry.getUTCFullYear() + CHUID_VALIDITY_YEARS);
    const chuid = await this.session.writeChuid(
      expiry,
      guid === null ? undefined : new Uint8Array(Buffer.from(guid, 'hex')),
    );
    await this.session.writeCcc();
    return hex(chuid.guid);
  }

  async setAdminKey(newKey: Secret): Promise<void> {
    // AES-192 where the card offers AES (firmware 5.4+, and the soft card); 3DES otherwise, with
    // the same 24-byte length so the key store need not know which.
    const current = await this.session.managementKeyAlgorithm();
    const alg =
      current === ManagementKeyAlgorithm.TDES ? ManagementKeyAlgorithm.TDES : ManagementKeyAlgorithm.AES192;
    if (newKey.length !== managementKeyLength(alg))
      throw new RangeError('management key length does not fit the algorithm');
    await newKey.lend((key) => this.session.setManagementKey(key, alg));
  }

  async changePin(current: Secret, next: Secret): Promise<void> {
    await current.lend((a) => next.lend((b) => this.session.changePin(a, b)));
  }

  async changePuk(current: Secret, next: Secret): Promise<void> {
    await current.lend((a) => next.lend((b) => this.session.changePuk(a, b)));
  }

  async unblockPin(puk: Secret, newPin: Secret): Promise<void> {
    await puk.lend((a) => newPin.lend((b) => this.session.unblockPin(a, b)));
  }
}

/** YubiKey GET METADATA; undefined on cards without the extension (most non-YubiKey PIV cards). */
async function metadata(s: PivSession, ref: number): Promise<Metadata | undefined> {
  try {
    return await s.getMetadata(ref);
  } catch (e) {
    if (e instanceof CardStatusError) return undefined;
    throw e;
  }
}
