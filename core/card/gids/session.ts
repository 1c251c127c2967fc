// A GIDS card application session (Windows TPM virtual smart cards, GIDS v2 cards): one method
// per command as the Windows inbox GIDS minidriver and OpenSC send them (docs/gids.md). The
// session owns no secrets: PINs and the admin key come in per call; the buffers made from them
// are wiped after use. Status words become the typed errors of core/card/status-words.ts.
import { createCipheriv, createDecipheriv, createPublicKey, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Transport } from '../transport.ts';
import { command, exchange, NE_MAX, transmitOk, DEFAULT_TIMEOUT_MS } from '../apdu.ts';
import { CardProtocolError, NotFoundError, statusError, SW } from '../status-words.ts';
import { concat, parseSingle, parseTlvs, requireTag, tlv, tlvMap } from '../tlv.ts';
import { digest, digestInfo, type HashAlgorithm } from '../piv/padding.ts';
import { secretBytes, SecretFormatError, type Secret, wipe } from '../piv/secrets.ts';
import { StationError } from '../../errors/catalog.ts';
import {
  ADMIN_KEY_REFERENCE,
  APPLET_EF,
  FIRST_KEY_REFERENCE,
  GIDS_AID,
  type GidsAlgorithm,
  INS,
  type KeySpec,
  MAX_CONTAINERS,
  Mechanism,
  PIN_STATUS_DO,
  Reference,
  type ReferenceName,
  RSA_BITS,
} from './constants.ts';

export interface GidsApplication {
  /** AID with version bytes as the FCI reports it (tag 4F), e.g. A0 00 00 03 97 42 54 46 59 02 01 */
  readonly aid: Uint8Array;
  /** GIDS specification revision from the AID (1 or 2), undefined when the card sent no FCI */
  readonly version: number | undefined;
}

export interface ReferenceStatus {
  readonly retriesLeft: number;
  readonly retryLimit: number;
  readonly blocked: boolean;
}

export interface GidsRsaPublicKey {
  readonly kind: 'rsa';
  readonly modulus: Uint8Array;
  readonly publicExponent: Uint8Array;
  readonly bits: number;
  /** DER SubjectPublicKeyInfo */
  readonly spki: Uint8Array;
}

export interface GidsSessionOptions {
  /** deadline per command; key generation gets four times as long */
  readonly timeoutMs?: number;
}

const ADMIN_KEY_LENGTH = 24;
const ADMIN_KEY_PROBLEM = 'a GIDS admin key is 24 bytes (48 hex digits)';
const PIN_MAX_LENGTH = 127;

function checkKeyReference(kid: number): void {
  if (!Number.isInteger(kid) || kid < FIRST_KEY_REFERENCE || kid >= FIRST_KEY_REFERENCE + MAX_CONTAINERS) {
    throw new RangeError(
      `GIDS key references run from 81 to ${(FIRST_KEY_REFERENCE + MAX_CONTAINERS - 1).toString(16)}`,
    );
  }
}

function checkAlgorithm(algorithm: number): asserts algorithm is GidsAlgorithm {
  if (RSA_BITS[algorithm as GidsAlgorithm] === undefined) {
    throw new RangeError(`unsupported GIDS algorithm 0x${algorithm.toString(16)}`);
  }
}

/** A PIN/PUK as the card compares it: the bytes as typed, no padding (unlike PIV). */
function pinBytes(secret: Secret, what: ReferenceName): Uint8Array {
  const raw = secretBytes(secret);
  if (raw.length === 0 || raw.length > PIN_MAX_LENGTH) {
    raw.fill(0);
    throw new StationError(
      'GIDS_PIN_FORMAT',
      { secret: what },
      { diagnostic: `1 to ${PIN_MAX_LENGTH} characters` },
    );
  }
  return raw;
}

function tripleDesCbc(key: Uint8Array, data: Uint8Array, encrypt: boolean): Uint8Array {
  const iv = new Uint8Array(8);
  const c = encrypt ? createCipheriv('des-ede3-cbc', key, iv) : createDecipheriv('des-ede3-cbc', key, iv);
  c.setAutoPadding(false);
  const a = c.update(data);
  const b = c.final();
  const out = concat(a, b);
  a.fill(0);
  return out;
}

/** The FCP of a key EF as the minidriver creates it (OpenSC gids_perform_create_keyfile). */
function keyFileFcp(kid: number, algorithm: GidsAlgorithm, spec: KeySpec): Uint8Array {
  const crt = (tag: number, mechanism: number): Uint8Array =>
    tlv(tag, concat(tlv(0x80, [mechanism]), tlv(0x83, [kid]), tlv(0x95, [0x40])));
  const templates =
    spec === 'exchange'
      ? [
          crt(0xb8, Mechanism.RAW | algorithm),
          crt(0xb8, Mechanism.DECRYPT_OAEP | algorithm),
          crt(0xb8, Mechanism.DECRYPT_PKCS1 | algorithm),
          crt(0xb6, Mechanism.SHA_OFF_CARD | algorithm),
          crt(0xb6, Mechanism.SIGN_PKCS1 | algorithm),
        ]
      : [crt(0xb6, Mechanism.SHA_OFF_CARD | algorithm), crt(0xb6, Mechanism.SIGN_PKCS1 | algorithm)];
  return tlv(
    0x62,
    concat(
      tlv(0x82, [0x18]), // key file
      tlv(0x83, [0xb0, kid]),
      tlv(0x8c, [0x8f, 0x10, 0x10, 0x10, 0x00]), // user PIN for use, admin never needed
      tlv(0xa5, concat(...templates)),
    ),
  );
}

export class GidsSession {
  readonly transport: Transport;
  readonly application: GidsApplication;
  private readonly timeoutMs: number;

  private constructor(transport: Transport, application: GidsApplication, timeoutMs: number) {
    this.transport = transport;
    this.application = application;
    this.timeoutMs = timeoutMs;
  }

  /** Selects the GIDS application; NotFoundError when the card has none (not a GIDS card). */
  static async open(transport: Transport, options: GidsSessionOptions = {}): Promise<GidsSession> {
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const application = await GidsSession.selectOn(transport, timeoutMs);
    return new GidsSession(transport, application, timeoutMs);
  }

  private static async selectOn(transport: Transport, timeoutMs: number): Promise<GidsApplication> {
    const data = await transmitOk(transport, command(INS.SELECT, 0x04, 0x00, GIDS_AID, NE_MAX), {
      operation: 'SELECT GIDS',
      timeoutMs,
    });
    if (data.length === 0) return { aid: GIDS_AID, version: undefined };
    const fci = tlvMap(parseSingle(data, 0x61));
    const aid = requireTag(fci, 0x4f, 'GIDS FCI');
    const version = aid.length > GIDS_AID.length ? aid[GIDS_AID.length] : undefined;
    return { aid: Uint8Array.from(aid), version };
  }

  /** SELECT again (after a reset, or to drop the current file and security environment). */
  async select(): Promise<GidsApplication> {
    return GidsSession.selectOn(this.transport, this.timeoutMs);
  }

  private ok(
    ins: number,
    p1: number,
    p2: number,
    data: Uint8Array | undefined,
    operation: string,
    extra: { ne?: number; secret?: 'PIN' | 'PUK' | 'management key'; slow?: boolean } = {},
  ): Promise<Uint8Array> {
    return transmitOk(this.transport, command(ins, p1, p2, data, extra.ne), {
      operation,
      timeoutMs: extra.slow ? this.timeoutMs * 4 : this.timeoutMs,
      ...(extra.secret ? { secret: extra.secret } : {}),
    });
  }

  // ---- PIN / PUK ---------------------------------------------------------------------------

  /**
   * Retry counter and limit of the PIN or PUK from their status DO (GET DATA 3FFF 7F71/7F73):
   * costs no try. NotFoundError for PUK on a card made without one.
   */
  async referenceStatus(which: ReferenceName = 'PIN'): Promise<ReferenceStatus> {
    const tag = PIN_STATUS_DO[which];
    const data = await this.ok(
      INS.GET_DATA,
      APPLET_EF >> 8,
      APPLET_EF & 0xff,
      tlv(0x5c, [tag >> 8, tag & 0xff]),
      `GET ${which} STATUS`,
      { ne: NE_MAX },
    );
    const items = tlvMap(parseSingle(data, tag));
    const left = items.get(0x97) ?? items.get(0x9f17);
    const limit = items.get(0x93);
    if (left?.length !== 1 || limit?.length !== 1)
      throw new CardProtocolError(`${which} status without counter`);
    const retriesLeft = left[0] as number;
    return { retriesLeft, retryLimit: limit[0] as number, blocked: retriesLeft === 0 };
  }

  /** True when the card has a PUK (a TPM virtual smart card only if created with /PUK). */
  async hasPuk(): Promise<boolean> {
    try {
      await this.referenceStatus('PUK');
      return true;
    } catch (e) {
      if (e instanceof NotFoundError) return false;
      throw e;
    }
  }

  async verifyPin(pin: Secret): Promise<void> {
    const raw = pinBytes(pin, 'PIN');
    try {
      await this.ok(INS.VERIFY, 0x00, Reference.PIN, raw, 'VERIFY PIN', { secret: 'PIN' });
    } finally {
      raw.fill(0);
    }
  }

  /** Ends the PIN and admin security status (VERIFY P2=82). */
  async logout(): Promise<void> {
    await this.ok(INS.VERIFY, 0x00, 0x82, undefined, 'LOG OUT');
  }

  /** CHANGE REFERENCE DATA: old ‖ new without padding; the card splits at the old length. */
  async changeReference(which: ReferenceName, current: Secret, next: Secret): Promise<void> {
    const a = pinBytes(current, which);
    const b = pinBytes(next, which);
    const data = concat(a, b);
    try {
      await this.ok(INS.CHANGE_REFERENCE_DATA, 0x00, Reference[which], data, `CHANGE ${which}`, {
        secret: which,
      });
    } finally {
      wipe(a, b, data);
    }
  }

  changePin(current: Secret, next: Secret): Promise<void> {
    return this.changeReference('PIN', current, next);
  }

  /** RESET RETRY COUNTER P1=02: a new PIN and a full counter; needs admin authentication first. */
  async resetPin(next: Secret): Promise<void> {
    const raw = pinBytes(next, 'PIN');
    try {
      await this.ok(INS.RESET_RETRY_COUNTER, 0x02, Reference.PIN, raw, 'RESET PIN');
    } finally {
      raw.fill(0);
    }
  }

  /** RESET RETRY COUNTER P1=00 with PUK ‖ new PIN (cards made with a PUK). */
  async unblockPin(puk: Secret, next: Secret): Promise<void> {
    const a = pinBytes(puk, 'PUK');
    const b = pinBytes(next, 'PIN');
    const data = concat(a, b);
    try {
      await this.ok(INS.RESET_RETRY_COUNTER, 0x00, Reference.PIN, data, 'UNBLOCK PIN', { secret: 'PUK' });
    } finally {
      wipe(a, b, data);
    }
  }

  // ---- admin key -----------------------------------------------------------------------------

  /**
   * Mutual authentication with the 24-byte 3DES admin key (key 80): the card proves it holds
   * the key too, so a card that merely answers 9000 is caught (CardProtocolError).
   */
  async authenticateAdmin(adminKey: Uint8Array): Promise<void> {
    if (adminKey.length !== ADMIN_KEY_LENGTH)
      throw new SecretFormatError(ADMIN_KEY_PROBLEM, 'MANAGEMENT_KEY_FORMAT', { problem: ADMIN_KEY_PROBLEM });
    await this.ok(
      INS.MANAGE_SECURITY_ENVIRONMENT,
      0xc1,
      0xa4,
      tlv(0x83, [ADMIN_KEY_REFERENCE]),
      'MSE SET admin key',
    );
    const r1 = new Uint8Array(randomBytes(16));
    const first = await this.ok(
      INS.GENERAL_AUTHENTICATE,
      0x00,
      0x00,
      tlv(0x7c, tlv(0x81, r1)),
      'ADMIN CHALLENGE',
      { ne: NE_MAX },
    );
    const r2 = requireTag(tlvMap(parseSingle(first, 0x7c)), 0x81, 'admin challenge');
    if (r2.length !== 16) throw new CardProtocolError('the card challenge is not 16 bytes');
    const z1 = concat(randomBytes(7), Uint8Array.of(0x80));
    const plain = concat(r2, r1, z1);
    const cryptogram = tripleDesCbc(adminKey, plain, true);
    plain.fill(0);
    const r = await exchange(
      this.transport,
      command(INS.GENERAL_AUTHENTICATE, 0x00, 0x00, tlv(0x7c, tlv(0x82, cryptogram)), NE_MAX),
      { operation: 'ADMIN AUTHENTICATE', timeoutMs: this.timeoutMs },
    );
    const err = statusError('ADMIN AUTHENTICATE', r.sw, 'management key');
    if (err) throw err;
    const answer = requireTag(tlvMap(parseSingle(r.data, 0x7c)), 0x82, 'admin response');
    if (answer.length !== 40) throw new CardProtocolError('the card response is not 40 bytes');
    const back = tripleDesCbc(adminKey, answer, false);
    try {
      const good =
        timingSafeEqual(back.subarray(0, 16), r1) &&
        timingSafeEqual(back.subarray(16, 32), r2) &&
        back[39] === 0x80;
      if (!good) throw new CardProtocolError('the card failed to prove it holds the admin key');
    } finally {
      back.fill(0);
    }
  }

  /** Replaces the admin key (PUT DATA 3FFF 70 for key 80); needs admin authentication first. */
  async changeAdminKey(newKey: Uint8Array): Promise<void> {
    if (newKey.length !== ADMIN_KEY_LENGTH)
      throw new SecretFormatError(ADMIN_KEY_PROBLEM, 'MANAGEMENT_KEY_FORMAT', { problem: ADMIN_KEY_PROBLEM });
    const body = tlv(
      0x70,
      concat(
        tlv(0x84, [ADMIN_KEY_REFERENCE]),
        tlv(0xa5, concat(tlv(0x87, newKey), tlv(0x88, [0xb0, 0x73, 0xdc]))),
      ),
    );
    try {
      await this.ok(INS.PUT_DATA, APPLET_EF >> 8, APPLET_EF & 0xff, body, 'SET ADMIN KEY', {
        secret: 'management key',
      });
    } finally {
      body.fill(0);
    }
  }

  // ---- key files -----------------------------------------------------------------------------

  /** CREATE FILE for key EF B0<kid> with the CRTs the minidriver uses; the file is then current. */
  async createKeyFile(kid: number, algorithm: GidsAlgorithm, spec: KeySpec = 'exchange'): Promise<void> {
    checkKeyReference(kid);
    checkAlgorithm(algorithm);
    await this.ok(INS.CREATE_FILE, 0x00, 0x00, keyFileFcp(kid, algorithm, spec), 'CREATE KEY FILE');
  }

  /** ACTIVATE FILE on the current file (the one just created or selected). */
  async activateFile(): Promise<void> {
    await this.ok(INS.ACTIVATE_FILE, 0x00, 0x00, undefined, 'ACTIVATE FILE');
  }

  /** Deletes key EF B0<kid> (SELECT it, DELETE FILE). */
  async deleteKeyFile(kid: number): Promise<void> {
    checkKeyReference(kid);
    await this.ok(INS.SELECT, 0x00, 0x0c, Uint8Array.of(0xb0, kid), 'SELECT KEY FILE');
    await this.ok(INS.DELETE_FILE, 0x00, 0x00, undefined, 'DELETE KEY FILE');
  }

  /** GENERATE ASYMMETRIC KEY PAIR into key file B0<kid>; read the public key afterwards. */
  async generateKeyPair(kid: number, algorithm: GidsAlgorithm): Promise<void> {
    checkKeyReference(kid);
    checkAlgorithm(algorithm);
    const crt = tlv(0xac, concat(tlv(0x80, [algorithm]), tlv(0x83, [kid])));
    await this.ok(INS.GENERATE_ASYMMETRIC_KEY_PAIR, 0x00, 0x00, crt, 'GENERATE', { slow: true });
  }

  /** The public key of key file B0<kid>: GET DATA 3FFF with a key template asking for 7F49. */
  async readPublicKey(kid: number): Promise<GidsRsaPublicKey> {
    checkKeyReference(kid);
    const query = tlv(0x70, concat(tlv(0x84, [kid]), tlv(0xa5, [0x7f, 0x49, 0x80])));
    const data = await this.ok(INS.GET_DATA, APPLET_EF >> 8, APPLET_EF & 0xff, query, 'READ PUBLIC KEY', {
      ne: NE_MAX,
    });
    const template = parseTlvs(data).find((t) => t.tag === 0x7f49);
    if (template === undefined) throw new CardProtocolError('READ PUBLIC KEY: no 7F49 template');
    const parts = tlvMap(template.value);
    return rsaKey(requireTag(parts, 0x81, 'public key'), requireTag(parts, 0x82, 'public key'));
  }

  // ---- signing -------------------------------------------------------------------------------

  /** MSE SET for a signature (B6) or a decipherment (B8) with key <kid> and mechanism id. */
  async setSecurityEnvironment(
    operation: 'sign' | 'decipher',
    kid: number,
    mechanism: number,
  ): Promise<void> {
    checkKeyReference(kid);
    const data = concat(tlv(0x80, [mechanism]), tlv(0x84, [kid]));
    await this.ok(INS.MANAGE_SECURITY_ENVIRONMENT, 0x41, operation === 'sign' ? 0xb6 : 0xb8, data, 'MSE SET');
  }

  /** PSO COMPUTE DIGITAL SIGNATURE over a DigestInfo; the card adds the PKCS#1 v1.5 padding. */
  async signDigestInfo(kid: number, algorithm: GidsAlgorithm, info: Uint8Array): Promise<Uint8Array> {
    checkAlgorithm(algorithm);
    await this.setSecurityEnvironment('sign', kid, Mechanism.SIGN_PKCS1 | algorithm);
    const signature = await this.ok(INS.PERFORM_SECURITY_OPERATION, 0x9e, 0x9a, info, 'SIGN', {
      ne: NE_MAX,
      slow: true,
    });
    if (signature.length !== RSA_BITS[algorithm] / 8)
      throw new CardProtocolError('SIGN: signature of the wrong length');
    return signature;
  }

  /** RSASSA-PKCS1-v1_5 over `data` hashed here; the PIN must have been verified. */
  async sign(
    kid: number,
    algorithm: GidsAlgorithm,
    data: Uint8Array,
    hash: HashAlgorithm = 'SHA-256',
  ): Promise<Uint8Array> {
    return this.signDigestInfo(kid, algorithm, digestInfo(hash, digest(hash, data)));
  }

  // ---- data objects --------------------------------------------------------------------------

  /** GET DATA of DO <tag> in DO EF <ef>; undefined when the card does not have it. */
  async getDataObject(ef: number, tag: number): Promise<Uint8Array | undefined> {
    const r = await exchange(
      this.transport,
      command(INS.GET_DATA, ef >> 8, ef & 0xff, tlv(0x5c, [tag >> 8, tag & 0xff]), NE_MAX),
      { operation: 'GET DATA', timeoutMs: this.timeoutMs },
    );
    if (r.sw === SW.REFERENCED_DATA_NOT_FOUND || r.sw === SW.FILE_NOT_FOUND) return undefined;
    const err = statusError('GET DATA', r.sw);
    if (err) throw err;
    return Uint8Array.from(parseSingle(r.data, tag));
  }

  /** PUT DATA of DO <tag> in DO EF <ef> (the transport chains data over 255 bytes). */
  async putDataObject(ef: number, tag: number, value: Uint8Array): Promise<void> {
    await this.ok(INS.PUT_DATA, ef >> 8, ef & 0xff, tlv(tag, value), 'PUT DATA');
  }
}

function rsaKey(modulus: Uint8Array, exponent: Uint8Array): GidsRsaPublicKey {
  let i = 0;
  while (i < modulus.length - 1 && modulus[i] === 0) i++;
  const n = Uint8Array.from(modulus.subarray(i));
  const e = Uint8Array.from(exponent);
  const first = n[0] ?? 0;
  const bits = (n.length - 1) * 8 + (32 - Math.clz32(first));
  if (!Object.values(RSA_BITS).includes(bits))
    throw new CardProtocolError(`the card returned a ${bits}-bit modulus`);
  const b64u = (b: Uint8Array): string => Buffer.from(b).toString('base64url');
  const spki = createPublicKey({ key: { kty: 'RSA', n: b64u(n), e: b64u(e) }, format: 'jwk' }).export({
    type: 'spki',
    format: 'der',
  });
  return { kind: 'rsa', modulus: n, publicExponent: e, bits, spki: new Uint8Array(spki) };
}
