// The card as the enrollment workflow sees it, whatever its card edge (PIV today, GIDS next). The
// workflow speaks of capabilities — authenticate as the card's administrator, generate a key, write
// a certificate, set or change the PIN, unblock with a credential, personalise — and each edge says
// in `capabilities` which of them it has, so the step table can leave out what an edge lacks
// (a GIDS virtual card made without /PUK has no PUK to replace; only PIV has a CHUID/CCC).
import type { KeyAlgorithm, Signer } from '../pki/signer.ts';
import type { Secret } from '../enrollment/secret.ts';

export type CardEdge = 'piv' | 'gids';

export interface PinLimits {
  readonly minLength: number;
  readonly maxLength: number;
  readonly digitsOnly: boolean;
}

export interface CardCapabilities {
  /** the PIN's length range the edge can store (PIV: 6–8, SP 800-73-4 Part 2 §2.4.3) */
  readonly pin: PinLimits;
  /** a PUK the station can replace with a random one and later use to reset the PIN */
  readonly puk: boolean;
  /** identifiers written at issuance (PIV: CHUID and CCC) */
  readonly personalise: boolean;
  /** the card tells whether PIN/PUK are still the vendor's factory values without spending a try */
  readonly metadata: boolean;
}

export interface CardIdentity {
  readonly readerName: string;
  /** hex */
  readonly atr: string;
  readonly edge: CardEdge;
  /**
   * The card's identity for the station's records (key store, journal, log): unchanged by anything
   * the station writes, and distinct across vendors — see `cardIdFor`.
   */
  readonly cardId: string;
  /** the vendor serial (YubiKey GET SERIAL) or null */
  readonly serial: string | null;
  /** the card's GUID (PIV CHUID) as it is now, or null */
  readonly guid: string | null;
  /** a certificate is already in the slot the station enrolls */
  readonly hasCertificate: boolean;
  /** whether the PIN is still the vendor's factory value, learned without spending a try */
  readonly factoryPin: 'yes' | 'no' | 'unknown';
  /** the same for the PUK */
  readonly factoryPuk: 'yes' | 'no' | 'unknown';
  /** PIN tries left when identify learned it for free (PIV metadata), else null */
  readonly pinTriesLeft: number | null;
}

/** The card being enrolled. */
export interface EnrollableCard {
  readonly edge: CardEdge;
  readonly capabilities: CardCapabilities;
  identify(): Promise<CardIdentity>;
  /**
   * Whether the card is still the one `identify` returned, asked as cheaply as the edge can (PIV:
   * one GET SERIAL). Optional: where an edge lacks it, callers compare a fresh identify.
   */
  isSameCard?(identity: CardIdentity): Promise<boolean>;
  /** tries left on the PIN, asked without spending one; null when the card does not say */
  pinTriesLeft(): Promise<number | null>;
  /** authenticates as the card's administrator (PIV management key, GIDS admin key) */
  authenticateAdmin(adminKey: Secret): Promise<void>;
  generateKey(algorithm: KeyAlgorithm): Promise<Signer>;
  /**
   * Makes the slot's key unusable (PIV: a throwaway key generated over it; GIDS: the key file
   * deleted). Compensation when the CA issued a certificate the station will not finish.
   */
  destroyKey(): Promise<void>;
  verifyPin(pin: Secret): Promise<void>;
  /** signer for the key already in the slot */
  signerFor(spki: Uint8Array): Signer;
  readCertificate(): Promise<Uint8Array | null>;
  writeCertificate(der: Uint8Array): Promise<void>;
  deleteCertificate(): Promise<void>;
  /**
   * Writes the edge's identifiers (PIV: a CHUID and a CCC). `guid` keeps the card's GUID where the
   * GUID is the card's identity; null lets the edge draw a fresh one. Returns the GUID written (hex).
   */
  personalise(guid: string | null): Promise<string>;
  setAdminKey(newKey: Secret): Promise<void>;
  changePin(current: Secret, next: Secret): Promise<void>;
  changePuk(current: Secret, next: Secret): Promise<void>;
  /** a new PIN set with the PUK */
  unblockPin(puk: Secret, newPin: Secret): Promise<void>;
}

/**
 * The station's name for a card. A vendor serial alone is not unique across vendors, so the edge
 * and a fingerprint of the ATR (which names the card type) go with it. A card without a serial is
 * named by its GUID — the station never changes a GUID it did not assign (see the personalise
 * step), so the name survives the station's own writes.
 */
export function cardIdFor(
  edge: CardEdge,
  atrHex: string,
  serial: string | null,
  guid: string | null,
): string {
  const type = fingerprint(atrHex);
  if (serial !== null) return `${edge}:${type}:serial:${serial}`;
  if (guid !== null) return `${edge}:guid:${guid}`;
  return `${edge}:${type}:no-id`;
}

/** 32-bit FNV-1a of the ATR bytes: short, stable, and only an identifier (not a secret). */
function fingerprint(atrHex: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i + 1 < atrHex.length; i += 2) {
    h ^= parseInt(atrHex.slice(i, i + 2), 16);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** True when the identity cannot be used to file keys: the card has no serial and no GUID yet. */
export const needsAssignedGuid = (id: Pick<CardIdentity, 'serial' | 'guid'>): boolean =>
  id.serial === null && id.guid === null;
