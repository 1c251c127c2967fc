// One NTLMv2 client handshake: NEGOTIATE → (CHALLENGE) → AUTHENTICATE with MsvAvFlags (MIC),
// MsvAvChannelBindings and MsvAvTargetName added to the server's target info, and the MIC.
//
// The password is turned into the response key (NTOWFv2) once by NtlmCredentials and not kept;
// the key is password-equivalent for NTLM and lives only inside that object.
import { randomBytes } from 'node:crypto';
import {
  AV_FLAG_MIC_PRESENT,
  AvId,
  CLIENT_FLAGS,
  decodeChallenge,
  encodeAuthenticate,
  encodeAvPairs,
  encodeNegotiate,
  Flag,
  NtlmError,
  setMic,
  utf16le,
  type AvPair,
} from './messages.ts';
import { clientBlob, fileTime, lmv2Response, mic, ntlmv2Response, responseKey } from './ntlmv2.ts';

export class NtlmCredentials {
  readonly domain: string;
  readonly user: string;
  readonly #key: Promise<Uint8Array>;

  constructor(domain: string, user: string, password: string) {
    if (user.length === 0) throw new NtlmError('NTLM needs a user name');
    this.domain = domain;
    this.user = user;
    this.#key = responseKey(password, user, domain);
    // a failure surfaces on first use; do not let it become an unhandled rejection meanwhile
    this.#key.catch(() => undefined);
  }

  /** NTOWFv2; a copy the caller may wipe */
  async key(): Promise<Uint8Array> {
    return new Uint8Array(await this.#key);
  }

  toString(): string {
    return `NtlmCredentials(${this.domain}\\${this.user})`;
  }

  toJSON(): string {
    return this.toString();
  }
}

export interface AuthenticateOptions {
  /** MD5 of the gss_channel_bindings_struct (channel-binding.ts); absent = no MsvAvChannelBindings */
  readonly channelBinding?: Uint8Array;
  /** e.g. HTTP/ca.corp.example; absent = no MsvAvTargetName */
  readonly targetName?: string;
  readonly workstation?: string;
  /** tests only: fixed client challenge and clock */
  readonly clientChallenge?: Uint8Array;
  readonly now?: () => Date;
}

export class NtlmClientHandshake {
  readonly #credentials: NtlmCredentials;
  readonly negotiate: Uint8Array;

  constructor(credentials: NtlmCredentials) {
    this.#credentials = credentials;
    this.negotiate = encodeNegotiate(CLIENT_FLAGS);
  }

  /** Builds the AUTHENTICATE message for the CHALLENGE bytes; throws NtlmError on bad input. */
  async authenticate(challengeBytes: Uint8Array, options: AuthenticateOptions = {}): Promise<Uint8Array> {
    const challenge = decodeChallenge(challengeBytes);
    const serverTimestamp = challenge.targetInfo.find((p) => p.id === AvId.Timestamp)?.value;
    const clientChallenge = options.clientChallenge ?? new Uint8Array(randomBytes(8));
    const timestamp = serverTimestamp ?? fileTime((options.now ?? (() => new Date()))());

    const pairs: AvPair[] = challenge.targetInfo.filter(
      (p) => p.id !== AvId.Flags && p.id !== AvId.ChannelBindings && p.id !== AvId.TargetName,
    );
    const serverFlags = challenge.targetInfo.find((p) => p.id === AvId.Flags)?.value;
    const avFlags = Buffer.alloc(4);
    avFlags.writeUInt32LE(
      ((serverFlags ? Buffer.from(serverFlags).readUInt32LE(0) : 0) | AV_FLAG_MIC_PRESENT) >>> 0,
    );
    pairs.push({ id: AvId.Flags, value: new Uint8Array(avFlags) });
    if (options.channelBinding) {
      if (options.channelBinding.byteLength !== 16)
        throw new NtlmError('channel binding hash must be 16 bytes');
      pairs.push({ id: AvId.ChannelBindings, value: options.channelBinding });
    }
    if (options.targetName) pairs.push({ id: AvId.TargetName, value: utf16le(options.targetName) });

    const key = await this.#credentials.key();
    try {
      const temp = clientBlob(timestamp, clientChallenge, encodeAvPairs(pairs));
      const nt = ntlmv2Response(key, challenge.serverChallenge, temp);
      // MS-NLMP 3.1.5.1.2: with MsvAvTimestamp in the CHALLENGE the LM response is Z(24)
      const lm = serverTimestamp
        ? new Uint8Array(24)
        : lmv2Response(key, challenge.serverChallenge, clientChallenge);
      // The flags we agree to: what we asked for and the server granted, never KEY_EXCH/SIGN/SEAL.
      const flags = (challenge.flags & CLIENT_FLAGS) | Flag.UNICODE;
      const message = encodeAuthenticate({
        flags,
        lmChallengeResponse: lm,
        ntChallengeResponse: nt.ntChallengeResponse,
        domain: this.#credentials.domain,
        user: this.#credentials.user,
        workstation: options.workstation ?? '',
      });
      // Without KEY_EXCH, ExportedSessionKey = KeyExchangeKey = SessionBaseKey (NTLMv2).
      setMic(message, mic(nt.sessionBaseKey, this.negotiate, challenge.raw, message));
      nt.sessionBaseKey.fill(0);
      return message;
    } finally {
      key.fill(0);
    }
  }
}
