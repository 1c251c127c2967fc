// Contents of the PIV data objects the station writes (SP 800-73 Part 1, "Data Model"): the
// X.509 certificate containers, the CHUID and the CCC. Each is the value inside tag 53.
import { gunzipSync, gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { CardProtocolError } from '../status-words.ts';
import { concat, parseTlvs, requireTag, tlv, tlvMap } from '../tlv.ts';

const CertTag = { CERTIFICATE: 0x70, CERT_INFO: 0x71, MSCUID: 0x72, ERROR_DETECTION: 0xfe } as const;
/** CertInfo bit 0: the certificate is gzip-compressed */
const CERT_INFO_COMPRESSED = 0x01;

export interface CertificateContainer {
  /** the DER certificate (decompressed) */
  readonly der: Uint8Array;
  /** whether the card stored it gzip-compressed */
  readonly compressed: boolean;
}

export function encodeCertificateContainer(der: Uint8Array, compress = false): Uint8Array {
  const body = compress ? new Uint8Array(gzipSync(der, { level: 9 })) : der;
  return concat(
    tlv(CertTag.CERTIFICATE, body),
    tlv(CertTag.CERT_INFO, [compress ? CERT_INFO_COMPRESSED : 0x00]),
    tlv(CertTag.ERROR_DETECTION),
  );
}

export function decodeCertificateContainer(value: Uint8Array): CertificateContainer {
  const m = tlvMap(value);
  const body = requireTag(m, CertTag.CERTIFICATE, 'certificate container');
  const info = m.get(CertTag.CERT_INFO)?.[0] ?? 0;
  const compressed = (info & CERT_INFO_COMPRESSED) !== 0;
  if (!compressed) return { der: Uint8Array.from(body), compressed };
  try {
    return { der: new Uint8Array(gunzipSync(body)), compressed };
  } catch {
    throw new CardProtocolError('the certificate on the card is marked compressed but is not valid gzip');
  }
}

const ChuidTag = {
  BUFFER_LENGTH: 0xee,
  FASC_N: 0x30,
  ORGANIZATIONAL_ID: 0x32,
  DUNS: 0x33,
  GUID: 0x34,
  EXPIRATION_DATE: 0x35,
  CARDHOLDER_UUID: 0x36,
  ISSUER_SIGNATURE: 0x3e,
  ERROR_DETECTION: 0xfe,
} as const;

/**
 * FASC-N for cards outside the federal numbering: agency code 9999, system 9999, credential
 * 999999 (the value non-government issuers, YubiKey tooling included, put there), BCD-encoded.
 */
const NON_FEDERAL_FASC_N = Uint8Array.from(
  Buffer.from('d4e739da739ced39ce739d836858210842108421c84210c3eb', 'hex'),
);

export interface Chuid {
  readonly fascN: Uint8Array;
  /** 16-byte card GUID */
  readonly guid: Uint8Array;
  /** YYYYMMDD */
  readonly expiry: string;
  readonly cardholderUuid?: Uint8Array;
}

function yyyymmdd(d: Date): string {
  const p = (n: number, w: number): string => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1, 2)}${p(d.getUTCDate(), 2)}`;
}

/** A CHUID with a fresh random GUID (RFC 4122 v4 layout) expiring at `expiry`. */
/** A CHUID with `guid`, or with a fresh random (version 4) GUID when none is given. */
export function newChuid(expiry: Date, guid?: Uint8Array): Chuid {
  if (guid !== undefined)
    return { fascN: NON_FEDERAL_FASC_N, guid: Uint8Array.from(guid), expiry: yyyymmdd(expiry) };
  const fresh = new Uint8Array(randomBytes(16));
  fresh[6] = ((fresh[6] ?? 0) & 0x0f) | 0x40;
  fresh[8] = ((fresh[8] ?? 0) & 0x3f) | 0x80;
  return { fascN: NON_FEDERAL_FASC_N, guid: fresh, expiry: yyyymmdd(expiry) };
}

export function encodeChuid(c: Chuid): Uint8Array {
  if (c.guid.length !== 16) throw new RangeError('a CHUID GUID is 16 bytes');
  if (!/^\d{8}$/.test(c.expiry)) throw new RangeError('a CHUID expiry is YYYYMMDD');
  return concat(
    tlv(ChuidTag.FASC_N, c.fascN),
    tlv(ChuidTag.GUID, c.guid),
    tlv(ChuidTag.EXPIRATION_DATE, Buffer.from(c.expiry, 'ascii')),
    ...(c.cardholderUuid ? [tlv(ChuidTag.CARDHOLDER_UUID, c.cardholderUuid)] : []),
    // unsigned CHUID: empty issuer asymmetric signature, as personalisation tools write it
    tlv(ChuidTag.ISSUER_SIGNATURE),
    tlv(ChuidTag.ERROR_DETECTION),
  );
}

export function decodeChuid(value: Uint8Array): Chuid {
  const m = tlvMap(value);
  const uuid = m.get(ChuidTag.CARDHOLDER_UUID);
  return {
    fascN: Uint8Array.from(m.get(ChuidTag.FASC_N) ?? []),
    guid: Uint8Array.from(requireTag(m, ChuidTag.GUID, 'CHUID')),
    expiry: Buffer.from(m.get(ChuidTag.EXPIRATION_DATE) ?? []).toString('ascii'),
    ...(uuid ? { cardholderUuid: Uint8Array.from(uuid) } : {}),
  };
}

/** GUID as the usual 8-4-4-4-12 hex string. */
export function formatGuid(guid: Uint8Array): string {
  const h = Buffer.from(guid).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Card Capability Container (SP 800-73 Part 1 table "Card Capability Container"). F0 = card
 * identifier: GSC-RID A0 00 00 01 16, manufacturer FF, card type 02 (Java Card), 14 random bytes.
 * The remaining elements carry the values PIV cards publish for "PIV data model, no extended
 * applications".
 */
export function newCcc(): Uint8Array {
  const cardId = concat(
    Uint8Array.from([0xa0, 0x00, 0x00, 0x01, 0x16, 0xff, 0x02]),
    new Uint8Array(randomBytes(14)),
  );
  return concat(
    tlv(0xf0, cardId),
    tlv(0xf1, [0x21]), // capability container version
    tlv(0xf2, [0x21]), // grammar version
    tlv(0xf3), // applications CardURL
    tlv(0xf4, [0x00]), // PKCS#15: not supported
    tlv(0xf5, [0x10]), // registered data model number: PIV
    tlv(0xf6), // access control rule table
    tlv(0xf7), // card APDUs
    tlv(0xfa), // redirection tag
    tlv(0xfb), // capability tuples
    tlv(0xfc), // status tuples
    tlv(0xfd), // next CCC
    tlv(0xfe), // error detection code
  );
}

/** The 21-byte card identifier (F0) of a CCC. */
export function cccCardId(value: Uint8Array): Uint8Array {
  const f0 = parseTlvs(value).find((t) => t.tag === 0xf0);
  if (!f0) throw new CardProtocolError('CCC without card identifier');
  return Uint8Array.from(f0.value);
}
