// A PIV card application session: one method per SP 800-73-4 Part 2 command (and per YubiKey
// extension), in the spirit of yubikit's PivSession and piv-go's YubiKey type. The session owns
// no secrets: PINs and keys come in per call, are copied into padded buffers and wiped after.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Transport } from '../transport.ts';
import { command, exchange, NE_MAX, transmitOk, DEFAULT_TIMEOUT_MS } from '../apdu.ts';
import {
  CardProtocolError,
  CardStatusError,
  SecurityStatusNotSatisfiedError,
  SW,
  statusError,
  WrongSecretError,
} from '../status-words.ts';
import { concat, parseSingle, requireTag, tlv, tlvMap } from '../tlv.ts';
import {
  AuthTag,
  certificateObject,
  INS,
  isManagementKeyAlgorithm,
  KeyAlgorithm,
  keyAlgorithmInfo,
  ManagementKeyAlgorithm,
  ObjectId,
  PinPolicy,
  PIV_AID,
  Reference,
  type Slot,
  TouchPolicy,
} from './constants.ts';
import { blockSize, checkKeyLength, decryptBlock, encryptBlock } from './management-key.ts';
import {
  cccCardId,
  decodeCertificateContainer,
  decodeChuid,
  encodeCertificateContainer,
  encodeChuid,
  newCcc,
  newChuid,
  type CertificateContainer,
  type Chuid,
} from './objects.ts';
import { digest, ecdsaInput, type HashAlgorithm, pkcs1v15Encode, pssEncode } from './padding.ts';
import { parsePublicKeyTemplate, type PivPublicKey } from './public-key.ts';
import { padReference, type Secret, wipe } from './secrets.ts';

export interface ApplicationProperties {
  /** AID or PIX as the card reports it (tag 4F) */
  readonly aid: Uint8Array;
  readonly label?: string;
  readonly url?: string;
  /** algorithm identifiers from AC templates, when the card lists them */
  readonly algorithms: readonly number[];
}

export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

export interface PinStatus {
  /** the PIN is verified in this session (security status set) */
  readonly verified: boolean;
  /** retries left before blocking; undefined when verified (the card does not say) */
  readonly retriesLeft: number | undefined;
  readonly blocked: boolean;
}

/** YubiKey GET METADATA (F7) contents; absent fields were not in the card's answer. */
export interface Metadata {
  readonly algorithm?: number;
  readonly pinPolicy?: PinPolicy;
  readonly touchPolicy?: TouchPolicy;
  readonly origin?: 'generated' | 'imported';
  readonly publicKey?: PivPublicKey;
  /** for 80/81/9B: the value is still the factory default */
  readonly isDefault?: boolean;
  readonly retriesTotal?: number;
  readonly retriesRemaining?: number;
}

/** Which factory defaults are still set; undefined where the card offers no way to tell for free. */
export interface DefaultCredentials {
  readonly pin: boolean | undefined;
  readonly puk: boolean | undefined;
  readonly managementKey: boolean | undefined;
}

export interface GenerateOptions {
  readonly pinPolicy?: PinPolicy;
  readonly touchPolicy?: TouchPolicy;
}

export type SignaturePadding = 'pkcs1' | 'pss';

export interface SignOptions {
  readonly hash: HashAlgorithm;
  /** RSA only; default PKCS#1 v1.5 */
  readonly padding?: SignaturePadding;
  /**
   * Verified immediately before the signature. Slot 9C ("PIN always") needs this on every call;
   * other slots accept a PIN verified earlier in the session.
   */
  readonly pin?: Secret;
}

export interface SessionOptions {
  /** deadline per command; key generation gets four times as long */
  readonly timeoutMs?: number;
}

const SELECT_BY_NAME = 0x04;
const DATA_OBJECT_P1P2 = [0x3f, 0xff] as const;
const LOGOUT_P1 = 0xff;
const TAG_DATA = 0x53;
const TAG_TAG_LIST = 0x5c;
const TAG_PUBLIC_KEY = 0x7f49;
const TAG_CRT = 0xac;

function objectTagBytes(id: number): number[] {
  if (id > 0xffff) return [id >> 16, (id >> 8) & 0xff, id & 0xff];
  if (id > 0xff) return [id >> 8, id & 0xff];
  return [id];
}

function hex(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

export class PivSession {
  readonly transport: Transport;
  readonly #timeoutMs: number;
  #managementKeyAlgorithm: ManagementKeyAlgorithm | undefined;
  #version: Version | null | undefined;

  constructor(transport: Transport, options: SessionOptions = {}) {
    this.transport = transport;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Selects the PIV application and returns the session. */
  static async open(transport: Transport, options?: SessionOptions): Promise<PivSession> {
    const s = new PivSession(transport, options);
    await s.select();
    return s;
  }

  async #ok(
    ins: number,
    p1: number,
    p2: number,
    operation: string,
    data?: Uint8Array,
    ne?: number,
    extra: { secret?: 'PIN' | 'PUK' | 'management key'; slow?: boolean } = {},
  ): Promise<Uint8Array> {
    return transmitOk(this.transport, command(ins, p1, p2, data, ne), {
      operation,
      ...(extra.secret ? { secret: extra.secret } : {}),
      timeoutMs: extra.slow ? this.#timeoutMs * 4 : this.#timeoutMs,
    });
  }

  // --- SELECT -------------------------------------------------------------------------------

  /** SELECT the PIV AID; parses the Application Property Template (61) when present. */
  async select(): Promise<ApplicationProperties> {
    const r = await this.#ok(INS.SELECT, SELECT_BY_NAME, 0x00, 'SELECT PIV', PIV_AID, NE_MAX);
    if (r.length === 0) return { aid: PIV_AID, algorithms: [] };
    const apt = tlvMap(parseSingle(r, 0x61));
    const algorithms: number[] = [];
    const ac = apt.get(TAG_CRT);
    if (ac) {
      const alg = tlvMap(ac).get(0x80)?.[0];
      if (alg !== undefined) algorithms.push(alg);
    }
    const label = apt.get(0x50);
    const url = apt.get(0x5f50);
    return {
      aid: Uint8Array.from(apt.get(0x4f) ?? PIV_AID),
      algorithms,
      ...(label ? { label: Buffer.from(label).toString('utf8') } : {}),
      ...(url ? { url: Buffer.from(url).toString('utf8') } : {}),
    };
  }

  // --- PIN / PUK ----------------------------------------------------------------------------

  /** VERIFY the PIV PIN (reference 80). Throws WrongSecretError (retriesLeft) or SecretBlockedError. */
  async verifyPin(pin: Secret): Promise<void> {
    const data = padReference(pin, 'PIN');
    try {
      await this.#ok(INS.VERIFY, 0x00, Reference.PIV_PIN, 'VERIFY PIN', data, undefined, { secret: 'PIN' });
    } finally {
      wipe(data);
    }
  }

  /** VERIFY without data: asks for the PIN's state without spending a retry. */
  async pinStatus(): Promise<PinStatus> {
    const r = await exchange(this.transport, command(INS.VERIFY, 0x00, Reference.PIV_PIN), {
      operation: 'VERIFY (status)',
      timeoutMs: this.#timeoutMs,
    });
    if (r.sw === SW.SUCCESS) return { verified: true, retriesLeft: undefined, blocked: false };
    if ((r.sw & 0xfff0) === SW.VERIFY_FAILED_RETRIES) {
      const left = r.sw & 0x0f;
      return { verified: false, retriesLeft: left, blocked: left === 0 };
    }
    if (r.sw === SW.AUTHENTICATION_METHOD_BLOCKED) return { verified: false, retriesLeft: 0, blocked: true };
    throw statusError('VERIFY (status)', r.sw, 'PIN') ?? new CardProtocolError('unexpected VERIFY status');
  }

  /** VERIFY with P1=FF: resets the PIN security status; the counter is untouched. */
  async logout(): Promise<void> {
    await this.#ok(INS.VERIFY, LOGOUT_P1, Reference.PIV_PIN, 'VERIFY (log out)');
  }

  async #changeReference(ref: number, what: 'PIN' | 'PUK', current: Secret, next: Secret): Promise<void> {
    const a = padReference(current, what);
    const b = padReference(next, what);
    const data = concat(a, b);
    try {
      await this.#ok(
        INS.CHANGE_REFERENCE_DATA,
        0x00,
        ref,
        `CHANGE REFERENCE DATA (${what})`,
        data,
        undefined,
        {
          secret: what,
        },
      );
    } finally {
      wipe(a, b, data);
    }
  }

  /** CHANGE REFERENCE DATA for the PIN (80); no prior VERIFY needed. */
  async changePin(currentPin: Secret, newPin: Secret): Promise<void> {
    await this.#changeReference(Reference.PIV_PIN, 'PIN', currentPin, newPin);
  }

  /** CHANGE REFERENCE DATA for the PUK (81). */
  async changePuk(currentPuk: Secret, newPuk: Secret): Promise<void> {
    await this.#changeReference(Reference.PUK, 'PUK', currentPuk, newPuk);
  }

  /** RESET RETRY COUNTER: sets a new PIN with the PUK (the PIN is not verified afterwards). */
  async unblockPin(puk: Secret, newPin: Secret): Promise<void> {
    const a = padReference(puk, 'PUK');
    const b = padReference(newPin, 'PIN');
    const data = concat(a, b);
    try {
      await this.#ok(
        INS.RESET_RETRY_COUNTER,
        0x00,
        Reference.PIV_PIN,
        'RESET RETRY COUNTER',
        data,
        undefined,
        {
          secret: 'PUK',
        },
      );
    } finally {
      wipe(a, b, data);
    }
  }

  // --- management key (9B) -------------------------------------------------------------------

  /**
   * The 9B algorithm: YubiKey GET METADATA where the card offers it, otherwise 3-key TDEA (the
   * PIV default and what every card without F7 uses).
   */
  async managementKeyAlgorithm(): Promise<ManagementKeyAlgorithm> {
    if (this.#managementKeyAlgorithm !== undefined) return this.#managementKeyAlgorithm;
    let alg: ManagementKeyAlgorithm = ManagementKeyAlgorithm.TDES;
    try {
      const m = await this.getMetadata(Reference.MANAGEMENT_KEY);
      if (m.algorithm !== undefined && isManagementKeyAlgorithm(m.algorithm)) alg = m.algorithm;
    } catch (e) {
      if (!(e instanceof CardStatusError)) throw e;
    }
    this.#managementKeyAlgorithm = alg;
    return alg;
  }

  /**
   * GENERAL AUTHENTICATE with 9B, mutual: the card proves it holds the key too, so a station
   * never personalises a card that merely pretends to accept its key.
   */
  async authenticate(managementKey: Uint8Array, algorithm?: ManagementKeyAlgorithm): Promise<void> {
    const alg = algorithm ?? (await this.managementKeyAlgorithm());
    checkKeyLength(alg, managementKey);
    const op = 'GENERAL AUTHENTICATE (management key)';
    const size = blockSize(alg);
    const step1 = await this.#ok(
      INS.GENERAL_AUTHENTICATE,
      alg,
      Reference.MANAGEMENT_KEY,
      op,
      tlv(AuthTag.TEMPLATE, tlv(AuthTag.WITNESS)),
      NE_MAX,
    );
    const witness = requireTag(tlvMap(parseSingle(step1, AuthTag.TEMPLATE)), AuthTag.WITNESS, op);
    if (witness.length !== size) throw new CardProtocolError(`${op}: witness of ${witness.length} bytes`);
    const decrypted = decryptBlock(alg, managementKey, witness);
    const challenge = new Uint8Array(randomBytes(size));
    const body = concat(tlv(AuthTag.WITNESS, decrypted), tlv(AuthTag.CHALLENGE, challenge));
    let step2: Uint8Array;
    try {
      step2 = await this.#ok(
        INS.GENERAL_AUTHENTICATE,
        alg,
        Reference.MANAGEMENT_KEY,
        op,
        tlv(AuthTag.TEMPLATE, body),
        NE_MAX,
        { secret: 'management key' },
      );
    } catch (e) {
      // cards answer 6982 when the decrypted witness is wrong, i.e. the key is wrong
      if (e instanceof SecurityStatusNotSatisfiedError)
        throw new WrongSecretError(op, e.sw, 'management key', undefined);
      throw e;
    } finally {
      wipe(decrypted, body);
    }
    const answer = requireTag(tlvMap(parseSingle(step2, AuthTag.TEMPLATE)), AuthTag.RESPONSE, op);
    const expected = encryptBlock(alg, managementKey, challenge);
    const same = answer.length === expected.length && timingSafeEqual(answer, expected);
    wipe(expected);
    if (!same) throw new CardProtocolError(`${op}: the card could not prove it holds the management key`);
  }

  /** YubiKey SET MANAGEMENT KEY (INS FF); needs 9B authentication first. */
  async setManagementKey(
    newKey: Uint8Array,
    algorithm: ManagementKeyAlgorithm,
    requireTouch = false,
  ): Promise<void> {
    checkKeyLength(algorithm, newKey);
    const data = concat(Uint8Array.from([algorithm, Reference.MANAGEMENT_KEY, newKey.length]), newKey);
    try {
      await this.#ok(INS.SET_MANAGEMENT_KEY, 0xff, requireTouch ? 0xfe : 0xff, 'SET MANAGEMENT KEY', data);
      this.#managementKeyAlgorithm = algorithm;
    } finally {
      wipe(data);
    }
  }

  /**
   * Sets a fresh random management key and hands it to the caller only (to escrow or wipe).
   * Default algorithm: the card's current one, which the card is known to support.
   */
  async setRandomManagementKey(algorithm?: ManagementKeyAlgorithm): Promise<Uint8Array> {
    const alg = algorithm ?? (await this.managementKeyAlgorithm());
    const key = new Uint8Array(
      randomBytes(
        alg === ManagementKeyAlgorithm.AES128 ? 16 : alg === ManagementKeyAlgorithm.AES256 ? 32 : 24,
      ),
    );
    try {
      await this.setManagementKey(key, alg);
    } catch (e) {
      wipe(key);
      throw e;
    }
    return key;
  }

  // --- keys ---------------------------------------------------------------------------------

  /** GENERATE ASYMMETRIC KEY PAIR; needs 9B authentication. */
  async generateKey(
    slot: Slot,
    algorithm: KeyAlgorithm,
    options: GenerateOptions = {},
  ): Promise<PivPublicKey> {
    keyAlgorithmInfo(algorithm); // rejects unknown identifiers before anything is sent
    const crt = [tlv(0x80, [algorithm])];
    if (options.pinPolicy !== undefined && options.pinPolicy !== PinPolicy.DEFAULT) {
      crt.push(tlv(0xaa, [options.pinPolicy]));
    }
    if (options.touchPolicy !== undefined && options.touchPolicy !== TouchPolicy.DEFAULT) {
      crt.push(tlv(0xab, [options.touchPolicy]));
    }
    const r = await this.#ok(
      INS.GENERATE_ASYMMETRIC_KEY_PAIR,
      0x00,
      slot,
      `GENERATE ASYMMETRIC KEY PAIR (${hex(slot)})`,
      tlv(TAG_CRT, concat(...crt)),
      NE_MAX,
      { slow: true },
    );
    return parsePublicKeyTemplate(algorithm, parseSingle(r, TAG_PUBLIC_KEY));
  }

  /**
   * GENERAL AUTHENTICATE "response to a challenge" (7C { 82 00, 81 data }): the private-key
   * operation itself. `input` is already padded (RSA) or the truncated digest (EC).
   */
  async authenticateWithKey(slot: Slot, algorithm: KeyAlgorithm, input: Uint8Array): Promise<Uint8Array> {
    const op = `GENERAL AUTHENTICATE (${hex(slot)})`;
    const template = tlv(AuthTag.TEMPLATE, concat(tlv(AuthTag.RESPONSE), tlv(AuthTag.CHALLENGE, input)));
    const r = await this.#ok(INS.GENERAL_AUTHENTICATE, algorithm, slot, op, template, NE_MAX, { slow: true });
    return Uint8Array.from(requireTag(tlvMap(parseSingle(r, AuthTag.TEMPLATE)), AuthTag.RESPONSE, op));
  }

  /** Signs a digest computed off-card. RSA: PKCS#1 v1.5 or PSS encoded here; EC: DER ECDSA-Sig-Value. */
  async signDigest(
    slot: Slot,
    algorithm: KeyAlgorithm,
    hashValue: Uint8Array,
    options: SignOptions,
  ): Promise<Uint8Array> {
    const info = keyAlgorithmInfo(algorithm);
    const input =
      info.kind === 'rsa'
        ? options.padding === 'pss'
          ? pssEncode(options.hash, hashValue, info.bits)
          : pkcs1v15Encode(options.hash, hashValue, info.bits / 8)
        : ecdsaInput(hashValue, info.bits / 8);
    if (options.pin !== undefined) await this.verifyPin(options.pin);
    const sig = await this.authenticateWithKey(slot, algorithm, input);
    if (info.kind === 'ec' && sig[0] !== 0x30)
      throw new CardProtocolError('the card returned a non-DER ECDSA signature');
    if (info.kind === 'rsa' && sig.length !== info.bits / 8) {
      throw new CardProtocolError(`the card returned a ${sig.length}-byte RSA signature`);
    }
    return sig;
  }

  /** Hashes `data` off-card, then signs the digest on the card. */
  async sign(
    slot: Slot,
    algorithm: KeyAlgorithm,
    data: Uint8Array,
    options: SignOptions,
  ): Promise<Uint8Array> {
    return this.signDigest(slot, algorithm, digest(options.hash, data), options);
  }

  /** YubiKey ATTEST (F9): a certificate, signed by the F9 key, for a key generated on the card. */
  async attest(slot: Slot): Promise<Uint8Array> {
    return this.#ok(INS.ATTEST, slot, 0x00, `ATTEST (${hex(slot)})`, undefined, NE_MAX, { slow: true });
  }

  // --- data objects -------------------------------------------------------------------------

  /** GET DATA: the object's value (inside tag 53); Discovery (7E) is returned whole. */
  async getObject(objectId: number): Promise<Uint8Array> {
    const tags = Uint8Array.from(objectTagBytes(objectId));
    const r = await this.#ok(
      INS.GET_DATA,
      DATA_OBJECT_P1P2[0],
      DATA_OBJECT_P1P2[1],
      `GET DATA (${objectId.toString(16).toUpperCase()})`,
      tlv(TAG_TAG_LIST, tags),
      NE_MAX,
    );
    if (objectId === ObjectId.DISCOVERY) return r;
    return Uint8Array.from(parseSingle(r, TAG_DATA));
  }

  /** PUT DATA; needs 9B authentication. */
  async putObject(objectId: number, value: Uint8Array): Promise<void> {
    const tags = Uint8Array.from(objectTagBytes(objectId));
    await this.#ok(
      INS.PUT_DATA,
      DATA_OBJECT_P1P2[0],
      DATA_OBJECT_P1P2[1],
      `PUT DATA (${objectId.toString(16).toUpperCase()})`,
      concat(tlv(TAG_TAG_LIST, tags), tlv(TAG_DATA, value)),
    );
  }

  async readCertificate(slot: Slot): Promise<CertificateContainer> {
    return decodeCertificateContainer(await this.getObject(certificateObject(slot)));
  }

  /** Writes the X.509 certificate container for `slot` (gzip form on request, CertInfo 01). */
  async writeCertificate(slot: Slot, der: Uint8Array, options: { compress?: boolean } = {}): Promise<void> {
    await this.putObject(certificateObject(slot), encodeCertificateContainer(der, options.compress ?? false));
  }

  /** Empties the certificate object (as yubico-piv-tool's delete-certificate does). */
  async deleteCertificate(slot: Slot): Promise<void> {
    await this.putObject(certificateObject(slot), new Uint8Array(0));
  }

  async readChuid(): Promise<Chuid> {
    return decodeChuid(await this.getObject(ObjectId.CHUID));
  }

  /** Writes a CHUID with `guid` (or a fresh random GUID); returns what was written. */
  async writeChuid(expiry: Date, guid?: Uint8Array): Promise<Chuid> {
    const chuid = newChuid(expiry, guid);
    await this.putObject(ObjectId.CHUID, encodeChuid(chuid));
    return chuid;
  }

  /** The 21-byte card identifier of the CCC. */
  async readCcc(): Promise<Uint8Array> {
    return cccCardId(await this.getObject(ObjectId.CARD_CAPABILITY_CONTAINER));
  }

  /** Writes a CCC with a fresh random card identifier; returns that identifier. */
  async writeCcc(): Promise<Uint8Array> {
    const value = newCcc();
    await this.putObject(ObjectId.CARD_CAPABILITY_CONTAINER, value);
    return cccCardId(value);
  }

  // --- YubiKey extensions -------------------------------------------------------------------

  /** GET VERSION (FD); undefined on cards without the extension. */
  async getVersion(): Promise<Version | undefined> {
    if (this.#version !== undefined) return this.#version ?? undefined;
    const r = await exchange(this.transport, command(INS.GET_VERSION, 0x00, 0x00, undefined, NE_MAX), {
      operation: 'GET VERSION',
      timeoutMs: this.#timeoutMs,
    });
    const [major, minor, patch] = r.data;
    this.#version =
      r.sw === SW.SUCCESS && major !== undefined && minor !== undefined && patch !== undefined
        ? { major, minor, patch }
        : null;
    return this.#version ?? undefined;
  }

  /** GET SERIAL (F8): the 32-bit serial number. */
  async getSerial(): Promise<number> {
    const r = await this.#ok(INS.GET_SERIAL, 0x00, 0x00, 'GET SERIAL', undefined, NE_MAX);
    if (r.length !== 4) throw new CardProtocolError(`GET SERIAL: ${r.length} bytes`);
    return new DataView(r.buffer, r.byteOffset, 4).getUint32(0);
  }

  /** GET METADATA (F7) for a slot or for 80 / 81 / 9B. */
  async getMetadata(reference: number): Promise<Metadata> {
    const r = await this.#ok(
      INS.GET_METADATA,
      0x00,
      reference,
      `GET METADATA (${hex(reference)})`,
      undefined,
      NE_MAX,
    );
    const m = tlvMap(r);
    const alg = m.get(0x01)?.[0];
    const policy = m.get(0x02);
    const origin = m.get(0x03)?.[0];
    const pub = m.get(0x04);
    const isDefault = m.get(0x05)?.[0];
    const retries = m.get(0x06);
    let publicKey: PivPublicKey | undefined;
    if (pub && alg !== undefined && !isManagementKeyAlgorithm(alg) && alg !== 0xff) {
      publicKey = parsePublicKeyTemplate(alg as KeyAlgorithm, pub);
    }
    return {
      ...(alg !== undefined ? { algorithm: alg } : {}),
      ...(policy?.[0] !== undefined ? { pinPolicy: policy[0] as PinPolicy } : {}),
      ...(policy?.[1] !== undefined ? { touchPolicy: policy[1] as TouchPolicy } : {}),
      ...(origin === 1
        ? { origin: 'generated' as const }
        : origin === 2
          ? { origin: 'imported' as const }
          : {}),
      ...(publicKey ? { publicKey } : {}),
      ...(isDefault !== undefined ? { isDefault: isDefault === 1 } : {}),
      ...(retries?.[0] !== undefined ? { retriesTotal: retries[0] } : {}),
      ...(retries?.[1] !== undefined ? { retriesRemaining: retries[1] } : {}),
    };
  }

  /**
   * Whether PIN, PUK and management key are still the factory defaults, from metadata only:
   * never a VERIFY, so no retry is spent. undefined where the card has no F7.
   */
  async defaultCredentials(): Promise<DefaultCredentials> {
    const ask = async (ref: number): Promise<boolean | undefined> => {
      try {
        return (await this.getMetadata(ref)).isDefault;
      } catch (e) {
        if (e instanceof CardStatusError) return undefined;
        throw e;
      }
    };
    return {
      pin: await ask(Reference.PIV_PIN),
      puk: await ask(Reference.PUK),
      managementKey: await ask(Reference.MANAGEMENT_KEY),
    };
  }
}
