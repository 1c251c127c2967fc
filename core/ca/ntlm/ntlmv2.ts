// NTLMv2 arithmetic (MS-NLMP 3.3.2): NT hash, NTOWFv2, the client blob, NTProofStr, the LMv2
// response and the MIC. No LM or NTLMv1 code exists here, so nothing can downgrade to them.
//
// MD4 comes from hash-wasm: Node's OpenSSL 3 no longer ships it (createHash('md4') throws).
// HMAC-MD5 is still in OpenSSL's default provider.
import { createHmac } from 'node:crypto';
import { createMD4 } from 'hash-wasm';
import { NtlmError, utf16le } from './messages.ts';

/** NT hash = MD4(UTF-16LE(password)); the caller should wipe the result once it derived NTOWFv2. */
export async function ntHash(password: string): Promise<Uint8Array> {
  const md4 = await createMD4();
  md4.init();
  const bytes = utf16le(password);
  md4.update(bytes);
  bytes.fill(0);
  return md4.digest('binary');
}

/** NTOWFv2 = HMAC-MD5(NT hash, UTF-16LE(UPPER(user) + domain)); the domain keeps its case. */
export function ntowfv2(ntHashBytes: Uint8Array, user: string, domain: string): Uint8Array {
  return hmacMd5(ntHashBytes, utf16le(user.toUpperCase() + domain));
}

/** The response key (ResponseKeyNT = ResponseKeyLM for NTLMv2), straight from the password. */
export async function responseKey(password: string, user: string, domain: string): Promise<Uint8Array> {
  const nt = await ntHash(password);
  try {
    return ntowfv2(nt, user, domain);
  } finally {
    nt.fill(0);
  }
}

export function hmacMd5(key: Uint8Array, ...data: Uint8Array[]): Uint8Array {
  const h = createHmac('md5', key);
  for (const d of data) h.update(d);
  return new Uint8Array(h.digest());
}

/** Windows FILETIME (100 ns since 1601-01-01) as 8 little-endian bytes. */
export function fileTime(date: Date): Uint8Array {
  const ticks = (BigInt(date.getTime()) + 11_644_473_600_000n) * 10_000n;
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(ticks);
  return new Uint8Array(b);
}

/**
 * The NTLMv2 client blob ("temp", 3.3.2): Responserversion 1, HiResponserversion 1, Z(6),
 * Time, ClientChallenge, Z(4), the AV pairs (ending in MsvAvEOL), Z(4).
 */
export function clientBlob(
  timestamp: Uint8Array,
  clientChallenge: Uint8Array,
  avPairs: Uint8Array,
): Uint8Array {
  if (timestamp.byteLength !== 8) throw new NtlmError('timestamp must be 8 bytes');
  if (clientChallenge.byteLength !== 8) throw new NtlmError('client challenge must be 8 bytes');
  const head = Buffer.alloc(28);
  head[0] = 1;
  head[1] = 1;
  head.set(timestamp, 8);
  head.set(clientChallenge, 16);
  return new Uint8Array(Buffer.concat([head, avPairs, Buffer.alloc(4)]));
}

export interface Ntlmv2Response {
  readonly ntProofStr: Uint8Array;
  /** NTProofStr || temp */
  readonly ntChallengeResponse: Uint8Array;
  /** HMAC-MD5(ResponseKeyNT, NTProofStr); the MIC key when KEY_EXCH is not negotiated */
  readonly sessionBaseKey: Uint8Array;
}

export function ntlmv2Response(
  responseKeyNt: Uint8Array,
  serverChallenge: Uint8Array,
  temp: Uint8Array,
): Ntlmv2Response {
  if (serverChallenge.byteLength !== 8) throw new NtlmError('server challenge must be 8 bytes');
  const ntProofStr = hmacMd5(responseKeyNt, serverChallenge, temp);
  return {
    ntProofStr,
    ntChallengeResponse: new Uint8Array(Buffer.concat([ntProofStr, temp])),
    sessionBaseKey: hmacMd5(responseKeyNt, ntProofStr),
  };
}

/** LMv2 = HMAC-MD5(ResponseKeyLM, ServerChallenge || ClientChallenge) || ClientChallenge. */
export function lmv2Response(
  responseKeyLm: Uint8Array,
  serverChallenge: Uint8Array,
  clientChallenge: Uint8Array,
): Uint8Array {
  return new Uint8Array(
    Buffer.concat([hmacMd5(responseKeyLm, serverChallenge, clientChallenge), clientChallenge]),
  );
}

/** MIC = HMAC-MD5(ExportedSessionKey, NEGOTIATE || CHALLENGE || AUTHENTICATE with a zero MIC). */
export function mic(
  exportedSessionKey: Uint8Array,
  negotiate: Uint8Array,
  challenge: Uint8Array,
  authenticate: Uint8Array,
): Uint8Array {
  return hmacMd5(exportedSessionKey, negotiate, challenge, authenticate);
}
