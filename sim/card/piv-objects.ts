// PIV data-object identifiers and who may read them (SP 800-73 Part 1 container table).

export const OBJECT = {
  CARD_CAPABILITY_CONTAINER: 0x5fc107,
  CHUID: 0x5fc102,
  CERT_9A: 0x5fc105,
  CERT_9C: 0x5fc10a,
  CERT_9D: 0x5fc10b,
  CERT_9E: 0x5fc101,
  SECURITY_OBJECT: 0x5fc106,
  FINGERPRINTS: 0x5fc103,
  FACIAL_IMAGE: 0x5fc108,
  PRINTED_INFORMATION: 0x5fc109,
  KEY_HISTORY: 0x5fc10c,
  IRIS: 0x5fc121,
  DISCOVERY: 0x7e,
  BIOMETRIC_GROUP_TEMPLATE: 0x7f61,
  YUBICO_ADMIN_DATA: 0x5fff00,
} as const;

/** Objects whose read access rule is "PIN" rather than "always". */
const PIN_PROTECTED = new Set<number>([
  OBJECT.FINGERPRINTS,
  OBJECT.FACIAL_IMAGE,
  OBJECT.PRINTED_INFORMATION,
  OBJECT.IRIS,
]);

export function readNeedsPin(tag: number): boolean {
  return PIN_PROTECTED.has(tag);
}

/** Tags a GET/PUT DATA may name: 5FC101–5FC123, the vendor range 5FFFxx, Discovery and BIT group. */
export function isValidObjectTag(tag: number): boolean {
  if (tag === OBJECT.DISCOVERY || tag === OBJECT.BIOMETRIC_GROUP_TEMPLATE) return true;
  if (tag >= 0x5fc101 && tag <= 0x5fc123) return true;
  return tag >= 0x5fff00 && tag <= 0x5fffff;
}

/** Objects returned as their own TLV instead of wrapped in tag 53. */
export function isSelfTagged(tag: number): boolean {
  return tag === OBJECT.DISCOVERY || tag === OBJECT.BIOMETRIC_GROUP_TEMPLATE;
}

export function tagFromBytes(b: Buffer): number | undefined {
  if (b.length < 1 || b.length > 3) return undefined;
  return b.reduce((acc, x) => acc * 256 + x, 0);
}

/** PIV key references that hold asymmetric keys: 9A, 9C, 9D, 9E and the retired 82–95. */
export function isAsymmetricSlot(ref: number): boolean {
  return ref === 0x9a || ref === 0x9c || ref === 0x9d || ref === 0x9e || (ref >= 0x82 && ref <= 0x95);
}

export const PIN_POLICY = {
  DEFAULT: 0,
  NEVER: 1,
  ONCE: 2,
  ALWAYS: 3,
  MATCH_ONCE: 4,
  MATCH_ALWAYS: 5,
} as const;
export const TOUCH_POLICY = { DEFAULT: 0, NEVER: 1, ALWAYS: 2, CACHED: 3 } as const;

/** SP 800-73 access rules: 9C needs the PIN before every use, 9E needs none, the rest once. */
export function defaultPinPolicy(slot: number): number {
  if (slot === 0x9c) return PIN_POLICY.ALWAYS;
  if (slot === 0x9e) return PIN_POLICY.NEVER;
  return PIN_POLICY.ONCE;
}
