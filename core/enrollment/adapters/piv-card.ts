// Binds the PIV session to the workflow's EnrollableCard port: the cardholder's certificate goes
// to the PIV Authentication slot (9A), the one Windows smart-card logon uses.
import { NotFoundError } from '../../card/status-words.ts';
import {
  KeyAlgorithm as PivAlgorithm,
  ManagementKeyAlgorithm,
  managementKeyLength,
  PivSession,
  pivSigner,
  publicKeyFromSpki,
  Slot,
} from '../../card/piv/index.ts';
import type { KeyAlgorithm, Signer } from '../../pki/signer.ts';
import type { CardIdentity, EnrollableCard } from '../ports.ts';
import type { Secret } from '../secret.ts';

const SLOT = Slot.AUTHENTICATION;
const tri = (v: boolean | undefined): 'yes' | 'no' | 'unknown' =>
  v === true ? 'yes' : v === false ? 'no' : 'unknown';
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

const PIV_ALGORITHM: Record<KeyAlgorithm, PivAlgorithm> = {
  RSA: PivAlgorithm.RSA2048,
  'EC-P256': PivAlgorithm.ECCP256,
  'EC-P384': PivAlgorithm.ECCP384,
};

/** CHUID expiry written with a fresh GUID: the certificate's own validity governs use. */
const CHUID_VALIDITY_YEARS = 5;

export class PivEnrollableCard implements EnrollableCard {
  readonly session: PivSession;

  constructor(session: PivSession) {
    this.session = session;
  }

  async identify(): Promise<CardIdentity> {
    const s = this.session;
    await s.select();
    const serial = await s.getSerial().then(String, () => null);
    const guid = await s.readChuid().then(
      (c) => (c.guid && c.guid.some((b) => b !== 0) ? hex(c.guid) : null),
      () => null,
    );
    const hasCertificate = await s.readCertificate(SLOT).then(
      () => true,
      (e: unknown) => {
        if (e instanceof NotFoundError) return false;
        throw e;
      },
    );
    const defaults = await s.defaultCredentials().catch(() => undefined);
    return {
      readerName: s.transport.readerName,
      atr: hex(s.transport.atr),
      edge: 'piv',
      serial,
      guid,
      hasCertificate,
      defaultPin: tri(defaults?.pin),
      defaultPuk: tri(defaults?.puk),
    };
  }

  async authenticateAdmin(managementKey: Secret): Promise<void> {
    const alg = await this.session.managementKeyAlgorithm();
    await managementKey.lend((key) => this.session.authenticate(key, alg));
  }

  async generateKey(algorithm: KeyAlgorithm): Promise<Signer> {
    const publicKey = await this.session.generateKey(SLOT, PIV_ALGORITHM[algorithm]);
    return pivSigner(this.session, SLOT, publicKey);
  }

  async verifyPin(pin: Secret): Promise<void> {
    await pin.lend((bytes) => this.session.verifyPin(bytes));
  }

  signerFor(spki: Uint8Array): Signer {
    return pivSigner(this.session, SLOT, publicKeyFromSpki(spki));
  }

  async readCertificate(): Promise<Uint8Array | null> {
    try {
      return (await this.session.readCertificate(SLOT)).der;
    } catch (e) {
      if (e instanceof NotFoundError) return null;
      throw e;
    }
  }

  async writeCertificate(der: Uint8Array): Promise<void> {
    await this.session.writeCertificate(SLOT, der);
  }

  async deleteCertificate(): Promise<void> {
    await this.session.deleteCertificate(SLOT);
  }

  async writeIdentifiers(_guid: Uint8Array): Promise<void> {
    const expiry = new Date();
    expiry.setUTCFullYear(expiry.getUTCFullYear() + CHUID_VALIDITY_YEARS);
    await this.session.writeChuid(expiry);
    await this.session.writeCcc();
  }

  async setManagementKey(newKey: Secret): Promise<void> {
    // AES-192 where the card offers AES (firmware 5.4+, and the soft card); 3DES otherwise, with
    // the same 24-byte length so the key store need not know which.
    const current = await this.session.managementKeyAlgorithm();
    const alg =
      current === ManagementKeyAlgorithm.TDES ? ManagementKeyAlgorithm.TDES : ManagementKeyAlgorithm.AES192;
    if (newKey.length !== managementKeyLength(alg))
      throw new Error('management key length does not fit the algorithm');
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
