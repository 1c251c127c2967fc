// Identifiers of the GIDS card edge as the Windows inbox GIDS minidriver and OpenSC use them
// (docs/gids.md: MS "GIDS smart card discovery", "Windows inbox smart card minidriver";
// OpenSC card-gids.c / card-gids.h).

/** RID A0 00 00 03 97 (Microsoft) + PIX "BTFY"; SELECT by these 9 bytes, the FCI adds the version. */
export const GIDS_AID = Uint8Array.from([0xa0, 0x00, 0x00, 0x03, 0x97, 0x42, 0x54, 0x46, 0x59]);

export const INS = {
  SELECT: 0xa4,
  VERIFY: 0x20,
  CHANGE_REFERENCE_DATA: 0x24,
  RESET_RETRY_COUNTER: 0x2c,
  MANAGE_SECURITY_ENVIRONMENT: 0x22,
  PERFORM_SECURITY_OPERATION: 0x2a,
  ACTIVATE_FILE: 0x44,
  GENERATE_ASYMMETRIC_KEY_PAIR: 0x47,
  GENERAL_AUTHENTICATE: 0x87,
  GET_DATA: 0xcb,
  PUT_DATA: 0xdb,
  CREATE_FILE: 0xe0,
  DELETE_FILE: 0xe4,
} as const;

/** Reference data: user PIN 80, PUK 81 (present only when the card was made with one). */
export const Reference = { PIN: 0x80, PUK: 0x81 } as const;
export type ReferenceName = 'PIN' | 'PUK';

/** EF 3FFF = the application itself; GET DATA on it reads PIN status DOs and public keys. */
export const APPLET_EF = 0x3fff;
export const PIN_STATUS_DO = { PIN: 0x7f71, PUK: 0x7f73 } as const;

/** Key references: the admin key is 80 (EF B080); container i uses key 81 + i (EF B081 + i). */
export const ADMIN_KEY_REFERENCE = 0x80;
export const FIRST_KEY_REFERENCE = 0x81;
/** OpenSC and the minidriver stop at 126 containers; a TPM virtual smart card at 30. */
export const MAX_CONTAINERS = 126;

/** DO EFs and the data objects of the minidriver file system. */
export const EF = {
  /** user create/delete: masterfile, keymap */
  USER_DIR: 0xa000,
  /** everyone read, user write: cardapps, cardcf, cmapfile, certificates */
  PUBLIC: 0xa010,
  /** everyone read, admin write: cardid */
  ADMIN_PUBLIC: 0xa012,
} as const;

export const DO = {
  MASTERFILE: 0xdf1f,
  KEYMAP: 0xdf20,
  CARDID: 0xdf20,
  CARDAPPS: 0xdf21,
  CARDCF: 0xdf22,
  CMAPFILE: 0xdf23,
  /** first DO handed out for new files (certificates) in EF A010 */
  FIRST_FREE: 0xdf24,
  LAST: 0xdfff,
} as const;

/** 6A89: CREATE FILE for a file that exists (ISO 7816-4); core/card/status-words.ts has no name for it. */
export const SW_FILE_EXISTS = 0x6a89;

/** GIDS algorithm identifiers (mechanism variants add the high nibble). */
export const GidsAlgorithm = { RSA1024: 0x06, RSA2048: 0x07, RSA3072: 0x08, RSA4096: 0x09 } as const;
export type GidsAlgorithm = (typeof GidsAlgorithm)[keyof typeof GidsAlgorithm];

export const RSA_BITS: Readonly<Record<GidsAlgorithm, number>> = {
  [GidsAlgorithm.RSA1024]: 1024,
  [GidsAlgorithm.RSA2048]: 2048,
  [GidsAlgorithm.RSA3072]: 3072,
  [GidsAlgorithm.RSA4096]: 4096,
};

export function algorithmForBits(bits: number): GidsAlgorithm | undefined {
  for (const [alg, b] of Object.entries(RSA_BITS)) if (b === bits) return Number(alg) as GidsAlgorithm;
  return undefined;
}

/** High nibble of a mechanism id: what the card does around the raw RSA operation. */
export const Mechanism = {
  /** raw RSA */
  RAW: 0x00,
  /** signature over a hash computed off-card */
  SHA_OFF_CARD: 0x10,
  /** RSAES-PKCS1-v1_5 decryption */
  DECRYPT_PKCS1: 0x40,
  /** RSASSA-PKCS1-v1_5: the card pads the DigestInfo it is sent */
  SIGN_PKCS1: 0x50,
  /** RSAES-OAEP decryption */
  DECRYPT_OAEP: 0x80,
} as const;

/** Minidriver key specs: AT_KEYEXCHANGE (sign + decrypt, certificate kxcNN) or AT_SIGNATURE (kscNN). */
export type KeySpec = 'exchange' | 'signature';
export const KEYMAP_KEY_TYPE: Readonly<Record<KeySpec, number>> = { exchange: 0x9a, signature: 0x9c };
