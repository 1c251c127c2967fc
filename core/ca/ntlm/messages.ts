// NTLM message codec (MS-NLMP 2.2): NEGOTIATE out, CHALLENGE in, AUTHENTICATE out, and AV pairs.
//
// Hand-written on purpose: no maintained npm NTLM library computes channel bindings (httpntlm, the
// common one, forwards the server's target info unchanged and so cannot pass IIS Extended
// Protection "Required"; see docs/certsrv-pages.md and the README's security choices). Only Unicode NTLMv2 is spoken.
//
// The CHALLENGE comes from the network: every length, offset and identifier is checked before it is
// used, and anything off is an NtlmError — never an exception from an out-of-range read.
import { StationError } from '../../errors/catalog.ts';

/** A broken NTLM exchange; shown as CA_AUTH_PROTOCOL (the sign-in with the CA web server broke off). */
export class NtlmError extends StationError {
  constructor(message: string) {
    super('CA_AUTH_PROTOCOL', {}, { diagnostic: message });
    this.name = 'NtlmError';
  }
}

export const SIGNATURE = new Uint8Array([0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00]); // "NTLMSSP\0"

/** NegotiateFlags (MS-NLMP 2.2.2.5), only those this client reads or sets. */
export const Flag = {
  UNICODE: 0x00000001,
  OEM: 0x00000002,
  REQUEST_TARGET: 0x00000004,
  SIGN: 0x00000010,
  SEAL: 0x00000020,
  NTLM: 0x00000200,
  ALWAYS_SIGN: 0x00008000,
  TARGET_TYPE_DOMAIN: 0x00010000,
  TARGET_TYPE_SERVER: 0x00020000,
  EXTENDED_SESSIONSECURITY: 0x00080000,
  TARGET_INFO: 0x00800000,
  VERSION: 0x02000000,
  N128: 0x20000000,
  KEY_EXCH: 0x40000000,
  N56: 0x80000000,
} as const;

/** AvId values (MS-NLMP 2.2.2.1). */
export const AvId = {
  EOL: 0x0000,
  NbComputerName: 0x0001,
  NbDomainName: 0x0002,
  DnsComputerName: 0x0003,
  DnsDomainName: 0x0004,
  DnsTreeName: 0x0005,
  Flags: 0x0006,
  Timestamp: 0x0007,
  SingleHost: 0x0008,
  TargetName: 0x0009,
  ChannelBindings: 0x000a,
} as const;

/** MsvAvFlags bit: the AUTHENTICATE message carries a MIC. */
export const AV_FLAG_MIC_PRESENT = 0x00000002;

export interface AvPair {
  readonly id: number;
  readonly value: Uint8Array;
}

export interface ChallengeMessage {
  readonly flags: number;
  readonly serverChallenge: Uint8Array;
  /** decoded only for diagnostics; not used in the response */
  readonly targetName: string;
  /** the pairs in order, without the terminating MsvAvEOL */
  readonly targetInfo: readonly AvPair[];
  /** the message exactly as received: the MIC covers these bytes */
  readonly raw: Uint8Array;
}

/** Sanity cap on a CHALLENGE; real ones are a few hundred bytes. */
export const MAX_CHALLENGE_BYTES = 8192;

const CHALLENGE_FIXED = 48;
/** AUTHENTICATE header with VERSION (8) and MIC (16) fields: payload starts here. */
export const AUTHENTICATE_HEADER = 88;
export const MIC_OFFSET = 72;

/** The client's flags: NTLMv2 with extended session security, Unicode, no KEY_EXCH/SIGN/SEAL. */
export const CLIENT_FLAGS =
  Flag.UNICODE |
  Flag.REQUEST_TARGET |
  Flag.NTLM |
  Flag.ALWAYS_SIGN |
  Flag.EXTENDED_SESSIONSECURITY |
  Flag.TARGET_INFO |
  Flag.VERSION |
  Flag.N128 |
  Flag.N56;

/** VERSION (2.2.2.10): informative only; Windows 10 / NTLMSSP_REVISION_W2K3. */
const VERSION = new Uint8Array([10, 0, 0, 0, 0, 0, 0, 0x0f]);

export function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf16le'));
}

/** NEGOTIATE_MESSAGE (2.2.1.1) without domain or workstation: the server needs neither. */
export function encodeNegotiate(flags: number = CLIENT_FLAGS): Uint8Array {
  const m = Buffer.alloc(40);
  m.set(SIGNATURE, 0);
  m.writeUInt32LE(1, 8);
  m.writeUInt32LE(flags >>> 0, 12);
  // DomainNameFields and WorkstationFields stay zero (length 0, offset 0 is allowed when empty)
  m.writeUInt32LE(40, 20);
  m.writeUInt32LE(40, 28);
  m.set(VERSION, 32);
  return new Uint8Array(m);
}

/** CHALLENGE_MESSAGE (2.2.1.2), checked field by field. */
export function decodeChallenge(raw: Uint8Array): ChallengeMessage {
  if (raw.byteLength < CHALLENGE_FIXED)
    throw new NtlmError(`CHALLENGE message too short (${raw.byteLength} bytes)`);
  if (raw.byteLength > MAX_CHALLENGE_BYTES)
    throw new NtlmError(`CHALLENGE message too long (${raw.byteLength} bytes)`);
  const m = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  if (!m.subarray(0, 8).equals(SIGNATURE)) throw new NtlmError('not an NTLMSSP message (bad signature)');
  const type = m.readUInt32LE(8);
  if (type !== 2) throw new NtlmError(`expected a CHALLENGE message (type 2), got type ${type}`);
  const flags = m.readUInt32LE(20);
  if ((flags & Flag.UNICODE) === 0)
    throw new NtlmError('the server does not offer Unicode NTLM (OEM only); refusing');
  const targetNameBytes = field(m, 12, 'TargetName', CHALLENGE_FIXED);
  if (targetNameBytes.byteLength % 2 !== 0) throw new NtlmError('TargetName is not UTF-16');
  const targetInfoBytes = field(m, 40, 'TargetInfo', CHALLENGE_FIXED);
  const targetInfo = targetInfoBytes.byteLength > 0 ? decodeAvPairs(targetInfoBytes) : [];
  return {
    flags,
    serverChallenge: new Uint8Array(m.subarray(24, 32)),
    targetName: Buffer.from(targetNameBytes).toString('utf16le'),
    targetInfo,
    raw: new Uint8Array(raw),
  };
}

/** A (Len, MaxLen, Offset) field: bounds-checked, and never pointing into the fixed header. */
function field(m: Buffer, at: number, name: string, headerEnd: number): Uint8Array {
  const length = m.readUInt16LE(at);
  const offset = m.readUInt32LE(at + 4);
  if (length === 0) return new Uint8Array(0);
  if (offset < headerEnd || offset + length > m.byteLength)
    throw new NtlmError(`${name} field out of bounds (offset ${offset}, length ${length})`);
  return new Uint8Array(m.subarray(offset, offset + length));
}

/** AV_PAIR list (2.2.2.1): must end with MsvAvEOL; fixed-size pairs checked; no duplicates. */
export function decodeAvPairs(bytes: Uint8Array): AvPair[] {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pairs: AvPair[] = [];
  const seen = new Set<number>();
  let at = 0;
  for (;;) {
    if (at + 4 > b.byteLength) throw new NtlmError('TargetInfo ends without MsvAvEOL');
    const id = b.readUInt16LE(at);
    const len = b.readUInt16LE(at + 2);
    at += 4;
    if (id === AvId.EOL) {
      if (len !== 0) throw new NtlmError('MsvAvEOL with a value');
      return pairs;
    }
    if (at + len > b.byteLength) throw new NtlmError(`AV pair ${id} runs past TargetInfo`);
    if (seen.has(id)) throw new NtlmError(`AV pair ${id} appears twice`);
    seen.add(id);
    const want = id === AvId.Timestamp ? 8 : id === AvId.Flags ? 4 : id === AvId.ChannelBindings ? 16 : -1;
    if (want >= 0 && len !== want) throw new NtlmError(`AV pair ${id} has length ${len}, expected ${want}`);
    pairs.push({ id, value: new Uint8Array(b.subarray(at, at + len)) });
    at += len;
  }
}

export function encodeAvPairs(pairs: readonly AvPair[]): Uint8Array {
  const parts: Buffer[] = [];
  for (const p of pairs) {
    if (p.value.byteLength > 0xffff) throw new NtlmError(`AV pair ${p.id} too long`);
    const h = Buffer.alloc(4);
    h.writeUInt16LE(p.id, 0);
    h.writeUInt16LE(p.value.byteLength, 2);
    parts.push(h, Buffer.from(p.value));
  }
  parts.push(Buffer.alloc(4)); // MsvAvEOL
  return new Uint8Array(Buffer.concat(parts));
}

export interface AuthenticateFields {
  readonly flags: number;
  readonly lmChallengeResponse: Uint8Array;
  readonly ntChallengeResponse: Uint8Array;
  readonly domain: string;
  readonly user: string;
  readonly workstation: string;
}

/**
 * AUTHENTICATE_MESSAGE (2.2.1.3) with VERSION and a zeroed MIC field at offset 72; the caller
 * computes the MIC over the finished message and writes it in with `setMic`.
 */
export function encodeAuthenticate(f: AuthenticateFields): Uint8Array {
  const payload: Array<[number, Uint8Array]> = [
    [28, utf16le(f.domain)],
    [36, utf16le(f.user)],
    [44, utf16le(f.workstation)],
    [12, f.lmChallengeResponse],
    [20, f.ntChallengeResponse],
    [52, new Uint8Array(0)], // EncryptedRandomSessionKey: none without KEY_EXCH
  ];
  const size = AUTHENTICATE_HEADER + payload.reduce((n, [, v]) => n + v.byteLength, 0);
  const m = Buffer.alloc(size);
  m.set(SIGNATURE, 0);
  m.writeUInt32LE(3, 8);
  let offset = AUTHENTICATE_HEADER;
  for (const [at, value] of payload) {
    if (value.byteLength > 0xffff) throw new NtlmError('AUTHENTICATE field too long');
    m.writeUInt16LE(value.byteLength, at);
    m.writeUInt16LE(value.byteLength, at + 2);
    m.writeUInt32LE(offset, at + 4);
    m.set(value, offset);
    offset += value.byteLength;
  }
  m.writeUInt32LE(f.flags >>> 0, 60);
  m.set(VERSION, 64);
  return new Uint8Array(m);
}

export function setMic(authenticate: Uint8Array, mic: Uint8Array): void {
  if (mic.byteLength !== 16) throw new NtlmError('MIC must be 16 bytes');
  authenticate.set(mic, MIC_OFFSET);
}
