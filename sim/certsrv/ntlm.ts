// The sim's NTLM acceptor, as IIS Windows Authentication does it (MS-NLMP, MS-NTHT): the handshake
// is bound to the TLS connection (NEGOTIATE → 401 CHALLENGE → AUTHENTICATE on the same socket), the
// connection stays authenticated afterwards, only NTLMv2 is accepted, a MIC is verified when the
// client announces one, and Extended Protection checks MsvAvChannelBindings against this server's
// own certificate (RFC 5929 tls-server-end-point).
//
// Written independently of core/ca/ntlm (sim/ shares no code with the station), so a mistake in the
// client's encoder is not mirrored here. KEY_EXCH is granted when asked for (Windows and Python
// clients ask), so the sim carries a few lines of RC4 to recover the session key for the MIC.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { Directory, DirectoryUser } from './directory.ts';

/** IIS `extendedProtection tokenChecking`: None / Allow / Require. */
export type ExtendedProtection = 'off' | 'when-supported' | 'required';

export interface NtlmNames {
  netbiosDomain: string;
  dnsDomain: string;
  netbiosComputer: string;
  dnsComputer: string;
}

export type NtlmStep =
  | { kind: 'challenge'; token: Buffer }
  | { kind: 'authenticated'; user: DirectoryUser }
  | { kind: 'rejected'; reason: string };

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');

const F = {
  UNICODE: 0x1,
  REQUEST_TARGET: 0x4,
  SIGN: 0x10,
  SEAL: 0x20,
  NTLM: 0x200,
  ALWAYS_SIGN: 0x8000,
  TARGET_TYPE_DOMAIN: 0x10000,
  EXTENDED_SESSIONSECURITY: 0x80000,
  TARGET_INFO: 0x800000,
  VERSION: 0x2000000,
  N128: 0x20000000,
  KEY_EXCH: 0x40000000,
  N56: 0x80000000,
};

const AV_EOL = 0;
const AV_FLAGS = 6;
const AV_TIMESTAMP = 7;
const AV_CHANNEL_BINDINGS = 10;

interface Pending {
  negotiate: Buffer;
  challenge: Buffer;
  serverChallenge: Buffer;
}

export class NtlmAcceptor {
  readonly #directory: Directory;
  readonly #names: NtlmNames;
  readonly #epa: () => ExtendedProtection;
  readonly #pending = new WeakMap<object, Pending>();
  readonly #authenticated = new WeakMap<object, DirectoryUser>();

  constructor(directory: Directory, names: NtlmNames, extendedProtection: () => ExtendedProtection) {
    this.#directory = directory;
    this.#names = names;
    this.#epa = extendedProtection;
  }

  /** The user an earlier handshake authenticated on this connection (IIS keeps NTLM per connection). */
  connectionUser(socket: TLSSocket): DirectoryUser | undefined {
    return this.#authenticated.get(socket);
  }

  step(socket: TLSSocket, token: Buffer): NtlmStep {
    if (token.length < 12 || !token.subarray(0, 8).equals(SIGNATURE))
      return { kind: 'rejected', reason: 'not an NTLMSSP token' };
    const type = token.readUInt32LE(8);
    if (type === 1) {
      // a new handshake replaces whatever this connection had
      this.#authenticated.delete(socket);
      if (token.length < 16) return { kind: 'rejected', reason: 'NEGOTIATE too short' };
      const challenge = this.#challenge(token.readUInt32LE(12));
      this.#pending.set(socket, { negotiate: Buffer.from(token), ...challenge });
      return { kind: 'challenge', token: challenge.challenge };
    }
    if (type === 3) {
      const pending = this.#pending.get(socket);
      this.#pending.delete(socket);
      if (!pending)
        return { kind: 'rejected', reason: 'AUTHENTICATE without a CHALLENGE on this connection' };
      const result = this.#verify(socket, pending, token);
      if (result.kind === 'authenticated') this.#authenticated.set(socket, result.user);
      return result;
    }
    return { kind: 'rejected', reason: `unexpected NTLM message type ${type}` };
  }

  #challenge(clientFlags: number): { challenge: Buffer; serverChallenge: Buffer } {
    const granted = clientFlags & (F.N128 | F.N56 | F.KEY_EXCH | F.SIGN | F.SEAL | F.REQUEST_TARGET);
    const flags =
      (granted |
        F.UNICODE |
        F.NTLM |
        F.ALWAYS_SIGN |
        F.TARGET_TYPE_DOMAIN |
        F.EXTENDED_SESSIONSECURITY |
        F.TARGET_INFO |
        F.VERSION) >>>
      0;
    const serverChallenge = randomBytes(8);
    const n = this.#names;
    const targetName = Buffer.from(n.netbiosDomain, 'utf16le');
    const targetInfo = avPairs([
      [2, Buffer.from(n.netbiosDomain, 'utf16le')],
      [1, Buffer.from(n.netbiosComputer, 'utf16le')],
      [4, Buffer.from(n.dnsDomain, 'utf16le')],
      [3, Buffer.from(n.dnsComputer, 'utf16le')],
      [5, Buffer.from(n.dnsDomain, 'utf16le')],
      [AV_TIMESTAMP, filetime(new Date())],
    ]);
    const head = Buffer.alloc(56);
    SIGNATURE.copy(head, 0);
    head.writeUInt32LE(2, 8);
    head.writeUInt16LE(targetName.length, 12);
    head.writeUInt16LE(targetName.length, 14);
    head.writeUInt32LE(56, 16);
    head.writeUInt32LE(flags, 20);
    serverChallenge.copy(head, 24);
    head.writeUInt16LE(targetInfo.length, 40);
    head.writeUInt16LE(targetInfo.length, 42);
    head.writeUInt32LE(56 + targetName.length, 44);
    Buffer.from([10, 0, 0x7c, 0x4f, 0, 0, 0, 0x0f]).copy(head, 48); // Windows Server 2019, build 20348
    return { challenge: Buffer.concat([head, targetName, targetInfo]), serverChallenge };
  }

  #verify(socket: TLSSocket, pending: Pending, msg: Buffer): NtlmStep {
    if (msg.length < 64) return { kind: 'rejected', reason: 'AUTHENTICATE too short' };
    const lm = payload(msg, 12);
    const nt = payload(msg, 20);
    const domainBytes = payload(msg, 28);
    const userBytes = payload(msg, 36);
    const sessionKeyField = payload(msg, 52);
    if (!lm || !nt || !domainBytes || !userBytes || !sessionKeyField || !payload(msg, 44))
      return { kind: 'rejected', reason: 'AUTHENTICATE field out of bounds' };
    const flags = msg.readUInt32LE(60);
    if (!(flags & F.UNICODE)) return { kind: 'rejected', reason: 'OEM NTLM is not accepted' };
    // 24-byte responses are NTLMv1 (or LM): refused, like LmCompatibilityLevel 5
    if (nt.length <= 24) return { kind: 'rejected', reason: 'NTLMv1 is not accepted' };
    if (nt.length < 16 + 28 + 4) return { kind: 'rejected', reason: 'NTLMv2 response too short' };
    const ntProof = nt.subarray(0, 16);
    const temp = nt.subarray(16);
    if (temp[0] !== 1 || temp[1] !== 1) return { kind: 'rejected', reason: 'unknown NTLMv2 blob version' };
    const pairs = readAvPairs(temp.subarray(28));
    if (!pairs) return { kind: 'rejected', reason: 'malformed AV pairs in the NTLMv2 blob' };

    const domain = domainBytes.toString('utf16le');
    const userName = userBytes.toString('utf16le');
    const user = this.#directory.find(domain ? `${domain}\\${userName}` : userName);
    if (!user?.enabled || !user.ntHash) return { kind: 'rejected', reason: 'unknown or disabled account' };

    const key = hmacMd5(
      Buffer.from(user.ntHash, 'hex'),
      Buffer.from(userName.toUpperCase() + domain, 'utf16le'),
    );
    const expected = hmacMd5(key, pending.serverChallenge, temp);
    if (!timingSafeEqual(expected, ntProof)) return { kind: 'rejected', reason: 'wrong password' };

    const avFlags = pairs.get(AV_FLAGS);
    if (avFlags && avFlags.length === 4 && avFlags.readUInt32LE(0) & 0x2) {
      if (msg.length < 88) return { kind: 'rejected', reason: 'MIC announced but missing' };
      const sessionBaseKey = hmacMd5(key, ntProof);
      const exported =
        flags & F.KEY_EXCH && sessionKeyField.length === 16
          ? rc4(sessionBaseKey, sessionKeyField)
          : sessionBaseKey;
      const zeroed = Buffer.from(msg);
      zeroed.fill(0, 72, 88);
      const mic = hmacMd5(exported, pending.negotiate, pending.challenge, zeroed);
      if (!timingSafeEqual(mic, msg.subarray(72, 88)))
        return { kind: 'rejected', reason: 'MIC does not verify' };
    }

    const epa = this.#epa();
    if (epa !== 'off') {
      const sent = pairs.get(AV_CHANNEL_BINDINGS);
      const absent = !sent || sent.every((b) => b === 0);
      if (absent && epa === 'required')
        return { kind: 'rejected', reason: 'channel binding required but absent' };
      if (!absent) {
        const own = socket.getX509Certificate?.();
        const want = own ? channelBindings(Buffer.from(own.raw)) : undefined;
        if (!want || sent.length !== 16 || !timingSafeEqual(want, sent))
          return { kind: 'rejected', reason: 'channel binding does not match this server certificate' };
      }
    }
    return { kind: 'authenticated', user };
  }
}

/** An AUTHENTICATE (Len, MaxLen, Offset) field; undefined when out of bounds. */
function payload(msg: Buffer, at: number): Buffer | undefined {
  const len = msg.readUInt16LE(at);
  const off = msg.readUInt32LE(at + 4);
  if (len === 0) return Buffer.alloc(0);
  if (off < 64 || off + len > msg.length) return undefined;
  return msg.subarray(off, off + len);
}

function readAvPairs(b: Buffer): Map<number, Buffer> | undefined {
  const out = new Map<number, Buffer>();
  let at = 0;
  while (at + 4 <= b.length) {
    const id = b.readUInt16LE(at);
    const len = b.readUInt16LE(at + 2);
    at += 4;
    if (id === AV_EOL) return out;
    if (at + len > b.length || out.has(id)) return undefined;
    out.set(id, b.subarray(at, at + len));
    at += len;
  }
  return undefined;
}

function avPairs(pairs: Array<[number, Buffer]>): Buffer {
  const parts: Buffer[] = [];
  for (const [id, value] of pairs) {
    const h = Buffer.alloc(4);
    h.writeUInt16LE(id, 0);
    h.writeUInt16LE(value.length, 2);
    parts.push(h, value);
  }
  parts.push(Buffer.alloc(4));
  return Buffer.concat(parts);
}

function filetime(d: Date): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE((BigInt(d.getTime()) + 11644473600000n) * 10000n);
  return b;
}

function hmacMd5(key: Buffer, ...parts: Buffer[]): Buffer {
  const h = createHmac('md5', key);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** RC4 (OpenSSL 3 dropped it from the default provider); only to unwrap a 16-byte session key. */
function rc4(key: Buffer, data: Buffer): Buffer {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (s[i] ?? 0) + (key[i % key.length] ?? 0)) & 0xff;
    [s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0];
  }
  const out = Buffer.alloc(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + (s[i] ?? 0)) & 0xff;
    [s[i], s[j]] = [s[j] ?? 0, s[i] ?? 0];
    out[k] = (data[k] ?? 0) ^ (s[((s[i] ?? 0) + (s[j] ?? 0)) & 0xff] ?? 0);
  }
  return out;
}

/**
 * The hash RFC 5929 §4.1 names for a certificate: its signature's hash, with MD5 and SHA-1 moved up
 * to SHA-256. Read straight from Certificate.signatureAlgorithm (the second element).
 */
const SIG_HASH: Record<string, string> = {
  '2a864886f70d010104': 'sha256', // md5WithRSAEncryption
  '2a864886f70d010105': 'sha256', // sha1WithRSAEncryption
  '2a864886f70d01010b': 'sha256',
  '2a864886f70d01010c': 'sha384',
  '2a864886f70d01010d': 'sha512',
  '2a8648ce3d0401': 'sha256', // ecdsa-with-SHA1
  '2a8648ce3d040302': 'sha256',
  '2a8648ce3d040303': 'sha384',
  '2a8648ce3d040304': 'sha512',
};

function tlv(b: Buffer, at: number): { tag: number; start: number; end: number } {
  const tag = b[at] ?? -1;
  let len = b[at + 1] ?? 0;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[start + i] ?? 0);
    start += n;
  }
  return { tag, start, end: start + len };
}

function signatureHash(cert: Buffer): string | undefined {
  const outer = tlv(cert, 0);
  const tbs = tlv(cert, outer.start);
  const alg = tlv(cert, tbs.end);
  const oid = tlv(cert, alg.start);
  if (outer.tag !== 0x30 || alg.tag !== 0x30 || oid.tag !== 0x06) return undefined;
  return SIG_HASH[cert.subarray(oid.start, oid.end).toString('hex')];
}

/** MD5 of the gss_channel_bindings_struct carrying tls-server-end-point for `cert`. */
export function channelBindings(cert: Buffer): Buffer | undefined {
  const hash = signatureHash(cert);
  if (!hash) return undefined;
  const appData = Buffer.concat([
    Buffer.from('tls-server-end-point:', 'latin1'),
    createHash(hash).update(cert).digest(),
  ]);
  const head = Buffer.alloc(20);
  head.writeUInt32LE(appData.length, 16);
  return createHash('md5').update(head).update(appData).digest();
}
