// Names from NIST SP 800-73-4 Parts 1-2 and SP 800-78, plus the YubiKey extensions
// (developers.yubico.com "PIV Introduction / Yubico extensions"). Values only, no behaviour.

/** Full PIV AID: NIST RID A0 00 00 03 08, PIX 00 00 10 00, version 01 00. */
export const PIV_AID = Uint8Array.from([0xa0, 0x00, 0x00, 0x03, 0x08, 0x00, 0x00, 0x10, 0x00, 0x01, 0x00]);

export const INS = {
  SELECT: 0xa4,
  GET_RESPONSE: 0xc0,
  VERIFY: 0x20,
  CHANGE_REFERENCE_DATA: 0x24,
  RESET_RETRY_COUNTER: 0x2c,
  GENERAL_AUTHENTICATE: 0x87,
  GENERATE_ASYMMETRIC_KEY_PAIR: 0x47,
  GET_DATA: 0xcb,
  PUT_DATA: 0xdb,
  // YubiKey extensions
  GET_METADATA: 0xf7,
  GET_SERIAL: 0xf8,
  ATTEST: 0xf9,
  SET_PIN_RETRIES: 0xfa,
  RESET: 0xfb,
  GET_VERSION: 0xfd,
  IMPORT_KEY: 0xfe,
  SET_MANAGEMENT_KEY: 0xff,
} as const;

/** Key references of the asymmetric keys a station uses (SP 800-73 Part 1 key reference table). */
export const Slot = {
  AUTHENTICATION: 0x9a,
  SIGNATURE: 0x9c,
  KEY_MANAGEMENT: 0x9d,
  CARD_AUTHENTICATION: 0x9e,
} as const;
export type Slot = (typeof Slot)[keyof typeof Slot];

export const SLOTS: readonly Slot[] = [
  Slot.AUTHENTICATION,
  Slot.SIGNATURE,
  Slot.KEY_MANAGEMENT,
  Slot.CARD_AUTHENTICATION,
];

export function isSlot(n: number): n is Slot {
  return (SLOTS as readonly number[]).includes(n);
}

/** Authentication data / key references that are not asymmetric slots. */
export const Reference = {
  PIV_PIN: 0x80,
  GLOBAL_PIN: 0x00,
  PUK: 0x81,
  MANAGEMENT_KEY: 0x9b,
  ATTESTATION: 0xf9,
} as const;

/** Asymmetric algorithm identifiers (SP 800-78 table "PIV card key algorithm identifiers"). */
export const KeyAlgorithm = {
  RSA1024: 0x06,
  RSA2048: 0x07,
  RSA3072: 0x05,
  RSA4096: 0x16,
  ECCP256: 0x11,
  ECCP384: 0x14,
} as const;
export type KeyAlgorithm = (typeof KeyAlgorithm)[keyof typeof KeyAlgorithm];

export interface KeyAlgorithmInfo {
  readonly name: keyof typeof KeyAlgorithm;
  readonly kind: 'rsa' | 'ec';
  /** RSA modulus bits or EC field bits */
  readonly bits: number;
  readonly curve?: 'P-256' | 'P-384';
}

const KEY_ALGORITHMS: ReadonlyMap<number, KeyAlgorithmInfo> = new Map<number, KeyAlgorithmInfo>([
  [KeyAlgorithm.RSA1024, { name: 'RSA1024', kind: 'rsa', bits: 1024 }],
  [KeyAlgorithm.RSA2048, { name: 'RSA2048', kind: 'rsa', bits: 2048 }],
  [KeyAlgorithm.RSA3072, { name: 'RSA3072', kind: 'rsa', bits: 3072 }],
  [KeyAlgorithm.RSA4096, { name: 'RSA4096', kind: 'rsa', bits: 4096 }],
  [KeyAlgorithm.ECCP256, { name: 'ECCP256', kind: 'ec', bits: 256, curve: 'P-256' }],
  [KeyAlgorithm.ECCP384, { name: 'ECCP384', kind: 'ec', bits: 384, curve: 'P-384' }],
]);

export function keyAlgorithmInfo(alg: number): KeyAlgorithmInfo {
  const info = KEY_ALGORITHMS.get(alg);
  if (!info) throw new RangeError(`unknown PIV key algorithm 0x${alg.toString(16)}`);
  return info;
}

/** Management key (9B) algorithms; 0x00 is also read as 3-key TDEA by the spec. */
export const ManagementKeyAlgorithm = {
  TDES: 0x03,
  AES128: 0x08,
  AES192: 0x0a,
  AES256: 0x0c,
} as const;
export type ManagementKeyAlgorithm = (typeof ManagementKeyAlgorithm)[keyof typeof ManagementKeyAlgorithm];

export function managementKeyLength(alg: ManagementKeyAlgorithm): number {
  switch (alg) {
    case ManagementKeyAlgorithm.TDES:
      return 24;
    case ManagementKeyAlgorithm.AES128:
      return 16;
    case ManagementKeyAlgorithm.AES192:
      return 24;
    case ManagementKeyAlgorithm.AES256:
      return 32;
  }
}

export function isManagementKeyAlgorithm(n: number): n is ManagementKeyAlgorithm {
  return n === 0x03 || n === 0x08 || n === 0x0a || n === 0x0c;
}

/** YubiKey PIN policy (GENERATE tag AA, metadata tag 02 byte 1). */
export const PinPolicy = {
  DEFAULT: 0x00,
  NEVER: 0x01,
  ONCE: 0x02,
  ALWAYS: 0x03,
  MATCH_ONCE: 0x04,
  MATCH_ALWAYS: 0x05,
} as const;
export type PinPolicy = (typeof PinPolicy)[keyof typeof PinPolicy];

/** YubiKey touch policy (GENERATE tag AB, metadata tag 02 byte 2). */
export const TouchPolicy = {
  DEFAULT: 0x00,
  NEVER: 0x01,
  ALWAYS: 0x02,
  CACHED: 0x03,
} as const;
export type TouchPolicy = (typeof TouchPolicy)[keyof typeof TouchPolicy];

/** GET/PUT DATA object tags (SP 800-73 Part 1 container table). */
export const ObjectId = {
  CARD_CAPABILITY_CONTAINER: 0x5fc107,
  CHUID: 0x5fc102,
  CERT_AUTHENTICATION: 0x5fc105,
  CERT_SIGNATURE: 0x5fc10a,
  CERT_KEY_MANAGEMENT: 0x5fc10b,
  CERT_CARD_AUTHENTICATION: 0x5fc101,
  SECURITY_OBJECT: 0x5fc106,
  KEY_HISTORY: 0x5fc10c,
  PRINTED_INFORMATION: 0x5fc109,
  DISCOVERY: 0x7e,
  YUBIKEY_ADMIN_DATA: 0x5fff00,
  YUBIKEY_ATTESTATION: 0x5fff01,
} as const;

export function certificateObject(slot: Slot): number {
  switch (slot) {
    case Slot.AUTHENTICATION:
      return ObjectId.CERT_AUTHENTICATION;
    case Slot.SIGNATURE:
      return ObjectId.CERT_SIGNATURE;
    case Slot.KEY_MANAGEMENT:
      return ObjectId.CERT_KEY_MANAGEMENT;
    case Slot.CARD_AUTHENTICATION:
      return ObjectId.CERT_CARD_AUTHENTICATION;
  }
}

/** Factory defaults shared by YubiKeys and most compatible applets (yubico-piv-tool constants). */
export const DEFAULT_PIN = '123456';
export const DEFAULT_PUK = '12345678';
export const DEFAULT_MANAGEMENT_KEY_HEX = '010203040506070801020304050607080102030405060708';

/** Template tags inside GENERAL AUTHENTICATE's dynamic authentication template (7C). */
export const AuthTag = {
  TEMPLATE: 0x7c,
  WITNESS: 0x80,
  CHALLENGE: 0x81,
  RESPONSE: 0x82,
  EXPONENTIATION: 0x85,
} as const;
