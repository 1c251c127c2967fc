// The PIV card application (SP 800-73-4 Part 2) plus the YubiKey extensions clients use to learn
// the firmware, serial and defaults. One method per instruction; the shared plumbing (command
// chaining, response chaining, security status) lives in process().
import { randomBytes } from 'node:crypto';
import { parseCommandApdu, type CommandApdu } from './command-apdu.ts';
import { findTag, parseSingle, parseTlvs, tlv, TlvError, type Tlv } from './ber-tlv.ts';
import { SW, retriesLeftSw } from './status-words.ts';
import { isDigitsPin, MGMT_KEY_LENGTH, type ResolvedConfig } from './card-config.ts';
import { factoryReset, PIV_AID, sameSecret, type CardState, type ReferenceData } from './card-state.ts';
import { blockSize, decryptBlock, encryptBlock } from './mgmt-cipher.ts';
import {
  ALG,
  CryptoInputError,
  generatePrivateKey,
  importPrivateKey,
  isSupportedAlgorithm,
  keyAgreement,
  KeyImportError,
  privateKeyOperation,
  publicKeyElements,
} from './piv-keys.ts';
import {
  defaultPinPolicy,
  isAsymmetricSlot,
  isSelfTagged,
  isValidObjectTag,
  PIN_POLICY,
  readNeedsPin,
  tagFromBytes,
  TOUCH_POLICY,
} from './piv-objects.ts';

const INS = {
  SELECT: 0xa4,
  VERIFY: 0x20,
  CHANGE_REFERENCE_DATA: 0x24,
  RESET_RETRY_COUNTER: 0x2c,
  GENERATE_ASYMMETRIC_KEY_PAIR: 0x47,
  GENERAL_AUTHENTICATE: 0x87,
  GET_DATA: 0xcb,
  PUT_DATA: 0xdb,
  GET_RESPONSE: 0xc0,
  // YubiKey extensions
  GET_METADATA: 0xf7,
  GET_SERIAL: 0xf8,
  SET_PIN_RETRIES: 0xfa,
  RESET: 0xfb,
  GET_VERSION: 0xfd,
  IMPORT_KEY: 0xfe,
  SET_MANAGEMENT_KEY: 0xff,
} as const;

const REF_PIN = 0x80;
const REF_PUK = 0x81;
const REF_MGMT = 0x9b;
const CLA_CHAIN = 0x10;
const CHAINABLE = new Set<number>([
  INS.VERIFY,
  INS.CHANGE_REFERENCE_DATA,
  INS.RESET_RETRY_COUNTER,
  INS.GENERATE_ASYMMETRIC_KEY_PAIR,
  INS.GENERAL_AUTHENTICATE,
  INS.PUT_DATA,
  INS.IMPORT_KEY,
]);
/** Commands that do not use up a "PIN always" verification (they touch no key). */
const KEEPS_PIN_ALWAYS = new Set<number>([
  INS.SELECT,
  INS.GET_DATA,
  INS.GET_VERSION,
  INS.GET_SERIAL,
  INS.GET_METADATA,
]);
const MAX_CHAIN_BYTES = 65536;

interface Reply {
  readonly sw: number;
  readonly data?: Buffer;
}
const status = (sw: number): Reply => ({ sw });
const ok = (data?: Buffer): Reply => (data === undefined ? { sw: SW.OK } : { sw: SW.OK, data });

/** Volatile security status: lost on every power off/on/reset. */
interface Session {
  pinVerified: boolean;
  /** a VERIFY happened and no key has been used since ("PIN always" slots need this) */
  pinJustVerified: boolean;
  adminAuthenticated: boolean;
  pendingAdminChallenge: { kind: 'witness' | 'challenge'; expected: Buffer } | undefined;
}

interface Chain {
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly parts: Buffer[];
  size: number;
}

export interface AppletEvents {
  /** called after persistent state changed (counters, keys, objects, secrets) */
  readonly onStateChange: () => void;
}

export class PivApplet {
  readonly state: CardState;
  private readonly config: ResolvedConfig;
  private readonly events: AppletEvents;
  private session: Session = PivApplet.freshSession();
  private chain: Chain | undefined;
  private pendingResponse: Buffer | undefined;

  constructor(state: CardState, config: ResolvedConfig, events: AppletEvents) {
    this.state = state;
    this.config = config;
    this.events = events;
  }

  private static freshSession(): Session {
    return {
      pinVerified: false,
      pinJustVerified: false,
      adminAuthenticated: false,
      pendingAdminChallenge: undefined,
    };
  }

  /** Power off, power on and warm reset all drop security status, chains and pending responses. */
  powerReset(): void {
    this.session = PivApplet.freshSession();
    this.chain = undefined;
    this.pendingResponse = undefined;
  }

  get pinVerified(): boolean {
    return this.session.pinVerified;
  }
  get adminAuthenticated(): boolean {
    return this.session.adminAuthenticated;
  }

  /** One command APDU in, one response APDU (data ‖ SW1 SW2) out. */
  process(raw: Buffer): Buffer {
    const apdu = parseCommandApdu(raw);
    if (apdu === undefined) return encodeReply(status(SW.WRONG_LENGTH));
    if (apdu.ins === INS.GET_RESPONSE && (apdu.cla & ~CLA_CHAIN) === 0) return this.getResponse(apdu);
    this.pendingResponse = undefined;
    if ((apdu.cla & ~CLA_CHAIN) !== 0) {
      this.chain = undefined;
      return encodeReply(status(SW.CLA_NOT_SUPPORTED));
    }

    const assembled = this.assembleChain(apdu);
    if (assembled === 'intermediate') return encodeReply(ok());
    if (typeof assembled === 'number') return encodeReply(status(assembled));

    // a pending 9B challenge is only good for the command right after it
    const adminChallenge = this.session.pendingAdminChallenge;
    this.session.pendingAdminChallenge = undefined;
    const pinJustVerified = this.session.pinJustVerified;
    if (
      !KEEPS_PIN_ALWAYS.has(assembled.ins) &&
      !(assembled.ins === INS.VERIFY && assembled.data.length === 0)
    ) {
      this.session.pinJustVerified = false;
    }

    let reply: Reply;
    try {
      reply = this.dispatch(assembled, { adminChallenge, pinJustVerified });
    } catch (e) {
      if (e instanceof TlvError || e instanceof CryptoInputError || e instanceof KeyImportError) {
        reply = status(SW.INCORRECT_DATA);
      } else {
        throw e;
      }
    }
    return this.respond(reply, apdu);
  }

  private assembleChain(apdu: CommandApdu): CommandApdu | 'intermediate' | number {
    const chained = (apdu.cla & CLA_CHAIN) !== 0;
    const current = this.chain;
    if (current !== undefined) {
      const continues = current.ins === apdu.ins && current.p1 === apdu.p1 && current.p2 === apdu.p2;
      if (!continues) {
        // a different command interrupts the chain: drop what was gathered, run the newcomer
        this.chain = undefined;
      } else {
        current.parts.push(apdu.data);
        current.size += apdu.data.length;
        if (current.size > MAX_CHAIN_BYTES) {
          this.chain = undefined;
          return SW.WRONG_LENGTH;
        }
        if (chained) return 'intermediate';
        this.chain = undefined;
        return { ...apdu, cla: 0, data: Buffer.concat(current.parts) };
      }
    }
    if (!chained) return apdu;
    if (!CHAINABLE.has(apdu.ins)) return 0x6884; // command chaining not supported
    this.chain = { ins: apdu.ins, p1: apdu.p1, p2: apdu.p2, parts: [apdu.data], size: apdu.data.length };
    return 'intermediate';
  }

  private respond(reply: Reply, apdu: CommandApdu): Buffer {
    const data = reply.data;
    if (reply.sw !== SW.OK || data === undefined || data.length === 0) return encodeReply(reply);
    const limit = apdu.le ?? 256;
    if (data.length <= limit) return encodeReply(reply);
    this.pendingResponse = data.subarray(limit);
    return encodeChunk(data.subarray(0, limit), this.pendingResponse.length);
  }

  private getResponse(apdu: CommandApdu): Buffer {
    const pending = this.pendingResponse;
    if (pending === undefined) return encodeReply(status(SW.CONDITIONS_NOT_SATISFIED));
    const limit = apdu.le ?? 256;
    const chunk = pending.subarray(0, limit);
    const rest = pending.subarray(chunk.length);
    this.pendingResponse = rest.length > 0 ? rest : undefined;
    return rest.length > 0 ? encodeChunk(chunk, rest.length) : encodeReply(ok(chunk));
  }

  private dispatch(
    apdu: CommandApdu,
    ctx: { adminChallenge: Session['pendingAdminChallenge']; pinJustVerified: boolean },
  ): Reply {
    switch (apdu.ins) {
      case INS.SELECT:
        return this.select(apdu);
      case INS.VERIFY:
        return this.verify(apdu);
      case INS.CHANGE_REFERENCE_DATA:
        return this.changeReferenceData(apdu);
      case INS.RESET_RETRY_COUNTER:
        return this.resetRetryCounter(apdu);
      case INS.GENERATE_ASYMMETRIC_KEY_PAIR:
        return this.generateKeyPair(apdu);
      case INS.GENERAL_AUTHENTICATE:
        return apdu.p2 === REF_MGMT
          ? this.authenticateAdmin(apdu, ctx.adminChallenge)
          : this.usePrivateKey(apdu, ctx.pinJustVerified);
      case INS.GET_DATA:
        return this.getData(apdu);
      case INS.PUT_DATA:
        return this.putData(apdu);
      case INS.GET_VERSION:
        return ok(Buffer.from(this.state.version));
      case INS.GET_SERIAL: {
        const b = Buffer.alloc(4);
        b.writeUInt32BE(this.state.serial);
        return ok(b);
      }
      case INS.GET_METADATA:
        return this.getMetadata(apdu);
      case INS.SET_MANAGEMENT_KEY:
        return this.setManagementKey(apdu);
      case INS.SET_PIN_RETRIES:
        return this.setPinRetries(apdu);
      case INS.RESET:
        return this.reset();
      case INS.IMPORT_KEY:
        return this.importKey(apdu);
      default:
        return status(SW.INS_NOT_SUPPORTED);
    }
  }

  // ---- SELECT ------------------------------------------------------------------------------

  private select(apdu: CommandApdu): Reply {
    // PIV is the only application; it stays selected, so an unknown AID changes nothing.
    const aid = apdu.data;
    const matches =
      apdu.p1 === 0x04 &&
      aid.length >= 5 &&
      aid.length <= PIV_AID.length &&
      PIV_AID.subarray(0, aid.length).equals(aid);
    if (!matches) return status(SW.FILE_NOT_FOUND);
    if (apdu.p2 === 0x0c) return ok();
    return ok(applicationPropertyTemplate());
  }

  // ---- PIN / PUK ---------------------------------------------------------------------------

  private wellFormedPin(padded: Buffer): boolean {
    if (this.config.strictPinFormat) return isDigitsPin(padded);
    let n = 0;
    while (n < padded.length && padded[n] !== 0xff) n++;
    return padded.length === 8 && n >= 6 && padded.subarray(n).every((b) => b === 0xff);
  }

  private reference(p2: number): ReferenceData | undefined {
    if (p2 === REF_PIN) return this.state.pin;
    if (p2 === REF_PUK) return this.state.puk;
    return undefined;
  }

  /** Compares and counts; persists the counter before anyone hears the answer. */
  private checkReference(ref: ReferenceData, candidate: Buffer): Reply | undefined {
    if (sameSecret(ref.value, candidate)) {
      if (ref.retriesLeft !== ref.retryLimit) {
        ref.retriesLeft = ref.retryLimit;
        this.events.onStateChange();
      }
      return undefined;
    }
    ref.retriesLeft = Math.max(0, ref.retriesLeft - 1);
    this.events.onStateChange();
    return status(retriesLeftSw(ref.retriesLeft));
  }

  private verify(apdu: CommandApdu): Reply {
    if (apdu.p1 !== 0x00 && apdu.p1 !== 0xff) return status(SW.INCORRECT_P1_P2);
    if (apdu.p2 !== REF_PIN) return status(SW.REFERENCE_NOT_FOUND);
    const pin = this.state.pin;
    if (apdu.p1 === 0xff) {
      if (apdu.data.length !== 0) return status(SW.INCORRECT_P1_P2);
      this.session.pinVerified = false;
      this.session.pinJustVerified = false;
      return ok();
    }
    if (apdu.data.length === 0) {
      if (this.session.pinVerified) return ok();
      return status(pin.retriesLeft === 0 ? SW.AUTH_METHOD_BLOCKED : retriesLeftSw(pin.retriesLeft));
    }
    if (pin.retriesLeft === 0) return status(SW.AUTH_METHOD_BLOCKED);
    if (!this.wellFormedPin(apdu.data)) return status(SW.INCORRECT_DATA);
    const failed = this.checkReference(pin, apdu.data);
    this.session.pinVerified = failed === undefined;
    this.session.pinJustVerified = failed === undefined;
    return failed ?? ok();
  }

  private changeReferenceData(apdu: CommandApdu): Reply {
    if (apdu.p1 !== 0x00) return status(SW.INCORRECT_P1_P2);
    const ref = this.reference(apdu.p2);
    if (ref === undefined) return status(SW.REFERENCE_NOT_FOUND);
    if (ref.retriesLeft === 0) return status(SW.AUTH_METHOD_BLOCKED);
    if (apdu.data.length !== 16) return status(SW.INCORRECT_DATA);
    const current = apdu.data.subarray(0, 8);
    const next = Buffer.from(apdu.data.subarray(8, 16));
    const failed = this.checkReference(ref, current);
    if (failed !== undefined) {
      if (ref === this.state.pin) this.session.pinVerified = false;
      return failed;
    }
    if (ref === this.state.pin ? !this.wellFormedPin(next) : !this.wellFormedPuk(next)) {
      return status(SW.INCORRECT_DATA);
    }
    ref.value = next;
    this.events.onStateChange();
    if (ref === this.state.pin) this.session.pinVerified = true;
    return ok();
  }

  private wellFormedPuk(padded: Buffer): boolean {
    let n = 0;
    while (n < padded.length && padded[n] !== 0xff) n++;
    return padded.length === 8 && n >= 6 && padded.subarray(n).every((b) => b === 0xff);
  }

  private resetRetryCounter(apdu: CommandApdu): Reply {
    if (apdu.p1 !== 0x00) return status(SW.INCORRECT_P1_P2);
    if (apdu.p2 !== REF_PIN) return status(SW.REFERENCE_NOT_FOUND);
    const puk = this.state.puk;
    if (puk.retriesLeft === 0) return status(SW.AUTH_METHOD_BLOCKED);
    if (apdu.data.length !== 16) return status(SW.INCORRECT_DATA);
    const failed = this.checkReference(puk, apdu.data.subarray(0, 8));
    if (failed !== undefined) return failed;
    const next = Buffer.from(apdu.data.subarray(8, 16));
    if (!this.wellFormedPin(next)) return status(SW.INCORRECT_DATA);
    const pin = this.state.pin;
    pin.value = next;
    pin.retriesLeft = pin.retryLimit;
    this.session.pinVerified = false;
    this.events.onStateChange();
    return ok();
  }

  // ---- 9B card administration key ----------------------------------------------------------

  private authenticateAdmin(apdu: CommandApdu, pending: Session['pendingAdminChallenge']): Reply {
    const alg = this.state.managementKeyAlgorithm;
    if (apdu.p1 !== alg && !(apdu.p1 === 0x00 && alg === 0x03)) return status(SW.INCORRECT_P1_P2);
    const items = parseTlvs(parseSingle(apdu.data, 0x7c));
    const witness = findTag(items, 0x80);
    const challenge = findTag(items, 0x81);
    const response = findTag(items, 0x82);
    const block = blockSize(alg);
    const key = this.state.managementKey;
    this.session.adminAuthenticated = false;

    // mutual, step 1: card sends an encrypted witness
    if (witness !== undefined && witness.length === 0 && challenge === undefined) {
      const plain = randomBytes(block);
      this.session.pendingAdminChallenge = { kind: 'witness', expected: plain };
      return ok(tlv(0x7c, tlv(0x80, encryptBlock(alg, key, plain))));
    }
    // mutual, step 2: host returns the decrypted witness and its own challenge
    if (
      witness !== undefined &&
      witness.length > 0 &&
      challenge !== undefined &&
      challenge.length === block
    ) {
      if (pending?.kind !== 'witness' || !sameSecret(pending.expected, witness)) {
        return status(SW.SECURITY_STATUS_NOT_SATISFIED);
      }
      this.session.adminAuthenticated = true;
      return ok(tlv(0x7c, tlv(0x82, encryptBlock(alg, key, challenge))));
    }
    // single (external), step 1: card sends a plain challenge
    if (challenge !== undefined && challenge.length === 0 && witness === undefined) {
      const plain = randomBytes(block);
      this.session.pendingAdminChallenge = { kind: 'challenge', expected: encryptBlock(alg, key, plain) };
      return ok(tlv(0x7c, tlv(0x81, plain)));
    }
    // single, step 2: host returns the encrypted challenge
    if (
      response !== undefined &&
      response.length === block &&
      witness === undefined &&
      challenge === undefined
    ) {
      if (pending?.kind !== 'challenge' || !sameSecret(pending.expected, response)) {
        return status(SW.SECURITY_STATUS_NOT_SATISFIED);
      }
      this.session.adminAuthenticated = true;
      return ok();
    }
    return status(SW.INCORRECT_DATA);
  }

  private setManagementKey(apdu: CommandApdu): Reply {
    if (apdu.p1 !== 0xff || (apdu.p2 !== 0xff && apdu.p2 !== 0xfe)) return status(SW.INCORRECT_P1_P2);
    if (!this.session.adminAuthenticated) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (apdu.data.length < 3) return status(SW.INCORRECT_DATA);
    const alg = apdu.data[0] as number;
    const items = parseTlvs(apdu.data.subarray(1));
    const key = findTag(items, REF_MGMT);
    if (items.length !== 1 || key === undefined || MGMT_KEY_LENGTH[alg] !== key.length) {
      return status(SW.INCORRECT_DATA);
    }
    // sanity check that the cipher accepts the key before committing it
    decryptBlock(alg, key, Buffer.alloc(blockSize(alg)));
    this.state.managementKey = Buffer.from(key);
    this.state.managementKeyAlgorithm = alg;
    this.state.managementTouch = apdu.p2 === 0xfe ? TOUCH_POLICY.ALWAYS : TOUCH_POLICY.NEVER;
    this.events.onStateChange();
    return ok();
  }

  // ---- asymmetric keys ---------------------------------------------------------------------

  private generateKeyPair(apdu: CommandApdu): Reply {
    if (apdu.p1 !== 0x00 || !isAsymmetricSlot(apdu.p2)) return status(SW.INCORRECT_P1_P2);
    if (!this.session.adminAuthenticated) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    const items = parseTlvs(parseSingle(apdu.data, 0xac));
    const alg = findTag(items, 0x80);
    if (alg?.length !== 1 || !isSupportedAlgorithm(alg[0] as number)) return status(SW.INCORRECT_DATA);
    const policies = this.readPolicies(items, apdu.p2);
    if (policies === undefined) return status(SW.INCORRECT_DATA);
    const algorithm = alg[0] as number;
    const key = generatePrivateKey(algorithm);
    this.state.keys.set(apdu.p2, { algorithm, key, ...policies, origin: 1 });
    this.events.onStateChange();
    return ok(tlv(0x7f49, publicKeyElements(key, algorithm)));
  }

  private readPolicies(
    items: readonly Tlv[],
    slot: number,
  ): { pinPolicy: number; touchPolicy: number } | undefined {
    const pin = findTag(items, 0xaa);
    const touch = findTag(items, 0xab);
    if ((pin !== undefined && pin.length !== 1) || (touch !== undefined && touch.length !== 1))
      return undefined;
    let pinPolicy = pin?.[0] ?? PIN_POLICY.DEFAULT;
    let touchPolicy = touch?.[0] ?? TOUCH_POLICY.DEFAULT;
    if (pinPolicy > PIN_POLICY.MATCH_ALWAYS || touchPolicy > TOUCH_POLICY.CACHED) return undefined;
    if (pinPolicy === PIN_POLICY.DEFAULT) pinPolicy = defaultPinPolicy(slot);
    if (touchPolicy === TOUCH_POLICY.DEFAULT) touchPolicy = TOUCH_POLICY.NEVER;
    return { pinPolicy, touchPolicy };
  }

  private importKey(apdu: CommandApdu): Reply {
    if (!isAsymmetricSlot(apdu.p2) || !isSupportedAlgorithm(apdu.p1)) return status(SW.INCORRECT_P1_P2);
    if (!this.session.adminAuthenticated) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    const items = parseTlvs(apdu.data);
    const policies = this.readPolicies(items, apdu.p2);
    if (policies === undefined) return status(SW.INCORRECT_DATA);
    const parts = new Map(items.map((t) => [t.tag, t.value]));
    const key = importPrivateKey(apdu.p1, parts);
    this.state.keys.set(apdu.p2, { algorithm: apdu.p1, key, ...policies, origin: 2 });
    this.events.onStateChange();
    return ok();
  }

  private pinSatisfied(pinPolicy: number, pinJustVerified: boolean): boolean {
    if (pinPolicy === PIN_POLICY.NEVER) return true;
    if (pinPolicy === PIN_POLICY.ALWAYS || pinPolicy === PIN_POLICY.MATCH_ALWAYS) {
      return this.session.pinVerified && pinJustVerified;
    }
    return this.session.pinVerified;
  }

  private usePrivateKey(apdu: CommandApdu, pinJustVerified: boolean): Reply {
    if (!isAsymmetricSlot(apdu.p2)) return status(SW.INCORRECT_P1_P2);
    const slot = this.state.keys.get(apdu.p2);
    if (slot === undefined) return status(SW.REFERENCE_NOT_FOUND);
    if (slot.algorithm !== apdu.p1) return status(SW.INCORRECT_P1_P2);
    const items = parseTlvs(parseSingle(apdu.data, 0x7c));
    const response = findTag(items, 0x82);
    const challenge = findTag(items, 0x81);
    const exponentiation = findTag(items, 0x85);
    if (response === undefined || response.length !== 0) return status(SW.INCORRECT_DATA);
    if ((challenge === undefined) === (exponentiation === undefined)) return status(SW.INCORRECT_DATA);
    if (!this.pinSatisfied(slot.pinPolicy, pinJustVerified)) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    const result =
      challenge !== undefined
        ? privateKeyOperation(slot.key, slot.algorithm, challenge)
        : keyAgreement(slot.key, slot.algorithm, exponentiation as Buffer);
    return ok(tlv(0x7c, tlv(0x82, result)));
  }

  // ---- data objects ------------------------------------------------------------------------

  private getData(apdu: CommandApdu): Reply {
    if (apdu.p1 !== 0x3f || apdu.p2 !== 0xff) return status(SW.INCORRECT_P1_P2);
    const tag = tagFromBytes(parseSingle(apdu.data, 0x5c));
    if (tag === undefined || !isValidObjectTag(tag)) return status(SW.FILE_NOT_FOUND);
    const value = this.state.objects.get(tag);
    if (value === undefined) return status(SW.FILE_NOT_FOUND);
    if (readNeedsPin(tag) && !this.session.pinVerified) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    return ok(tlv(isSelfTagged(tag) ? tag : 0x53, value));
  }

  private putData(apdu: CommandApdu): Reply {
    if (apdu.p1 !== 0x3f || apdu.p2 !== 0xff) return status(SW.INCORRECT_P1_P2);
    if (!this.session.adminAuthenticated) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    const items = parseTlvs(apdu.data);
    let tag: number | undefined;
    let value: Buffer | undefined;
    const [first, second] = items;
    if (items.length === 1 && first !== undefined && isSelfTagged(first.tag)) {
      tag = first.tag;
      value = first.value;
    } else if (items.length === 2 && first?.tag === 0x5c && second?.tag === 0x53) {
      tag = tagFromBytes(first.value);
      value = second.value;
    }
    if (tag === undefined || value === undefined || !isValidObjectTag(tag)) return status(SW.INCORRECT_DATA);
    if (value.length > this.config.maxObjectSize) return status(SW.NOT_ENOUGH_MEMORY);
    if (value.length === 0) this.state.objects.delete(tag);
    else this.state.objects.set(tag, Buffer.from(value));
    this.events.onStateChange();
    return ok();
  }

  // ---- YubiKey extensions ------------------------------------------------------------------

  private getMetadata(apdu: CommandApdu): Reply {
    if (apdu.p1 !== 0x00) return status(SW.INCORRECT_P1_P2);
    const ref = apdu.p2;
    const refData = this.reference(ref);
    if (refData !== undefined) {
      return ok(
        Buffer.concat([
          tlv(0x01, Buffer.from([0xff])),
          tlv(0x05, Buffer.from([sameSecret(refData.value, refData.factory) ? 1 : 0])),
          tlv(0x06, Buffer.from([refData.retryLimit, refData.retriesLeft])),
        ]),
      );
    }
    if (ref === REF_MGMT) {
      const isDefault = sameSecret(this.state.managementKey, this.state.factoryManagementKey);
      return ok(
        Buffer.concat([
          tlv(0x01, Buffer.from([this.state.managementKeyAlgorithm])),
          tlv(0x02, Buffer.from([0x00, this.state.managementTouch])),
          tlv(0x05, Buffer.from([isDefault ? 1 : 0])),
        ]),
      );
    }
    const slot = isAsymmetricSlot(ref) ? this.state.keys.get(ref) : undefined;
    if (slot === undefined) return status(SW.REFERENCE_NOT_FOUND);
    return ok(
      Buffer.concat([
        tlv(0x01, Buffer.from([slot.algorithm])),
        tlv(0x02, Buffer.from([slot.pinPolicy, slot.touchPolicy])),
        tlv(0x03, Buffer.from([slot.origin])),
        tlv(0x04, publicKeyElements(slot.key, slot.algorithm)),
      ]),
    );
  }

  private setPinRetries(apdu: CommandApdu): Reply {
    if (!this.session.adminAuthenticated || !this.session.pinVerified) {
      return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    }
    if (apdu.p1 < 1 || apdu.p1 > 15 || apdu.p2 < 1 || apdu.p2 > 15) return status(SW.INCORRECT_P1_P2);
    const { pin, puk } = this.state;
    pin.retryLimit = pin.retriesLeft = apdu.p1;
    puk.retryLimit = puk.retriesLeft = apdu.p2;
    pin.value = pin.factory;
    puk.value = puk.factory;
    this.events.onStateChange();
    return ok();
  }

  private reset(): Reply {
    if (this.state.pin.retriesLeft !== 0 || this.state.puk.retriesLeft !== 0) {
      return status(SW.CONDITIONS_NOT_SATISFIED);
    }
    factoryReset(this.state, this.config);
    this.session = PivApplet.freshSession();
    this.events.onStateChange();
    return ok();
  }
}

/** SP 800-73 Part 2 Table 3 Application Property Template, 4F carrying the PIX as YubiKeys do. */
function applicationPropertyTemplate(): Buffer {
  const algorithms = [ALG.RSA2048, ALG.ECCP256, ALG.ECCP384, 0x03, 0x08, 0x0a, 0x0c].map((a) =>
    tlv(0x80, Buffer.from([a])),
  );
  return tlv(
    0x61,
    tlv(0x4f, PIV_AID.subarray(5)),
    tlv(0x79, tlv(0x4f, PIV_AID.subarray(0, 5))),
    tlv(0xac, ...algorithms, tlv(0x06)),
  );
}

function encodeReply(reply: Reply): Buffer {
  const sw = Buffer.from([reply.sw >> 8, reply.sw & 0xff]);
  return reply.data === undefined ? sw : Buffer.concat([reply.data, sw]);
}

function encodeChunk(chunk: Buffer, remaining: number): Buffer {
  return Buffer.concat([chunk, Buffer.from([0x61, remaining >= 256 ? 0x00 : remaining])]);
}
