// The GIDS v2 card application as a Windows TPM virtual smart card presents it (docs/gids.md):
// SELECT with FCI, PIN 80 / optional PUK 81 with status DOs, admin-key (B080) 3DES mutual
// authentication, DO EFs read and written with GET/PUT DATA, key files made with CREATE FILE +
// ACTIVATE, on-card RSA key generation, MSE SET + PSO sign/decipher. One method per instruction;
// chaining, response chaining and security status live in process().
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  generateKeyPairSync,
  privateDecrypt,
  privateEncrypt,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { parseCommandApdu, type CommandApdu } from './command-apdu.ts';
import { findTag, parseTlvs, tlv, TlvError } from './ber-tlv.ts';
import { SW, retriesLeftSw } from './status-words.ts';
import type { ResolvedGidsConfig } from './gids-config.ts';
import {
  SC,
  sameSecret,
  type DoEf,
  type GidsCardState,
  type GidsReference,
  type KeyFile,
} from './gids-state.ts';

const INS = {
  SELECT: 0xa4,
  VERIFY: 0x20,
  CHANGE_REFERENCE_DATA: 0x24,
  RESET_RETRY_COUNTER: 0x2c,
  MSE: 0x22,
  PSO: 0x2a,
  ACTIVATE_FILE: 0x44,
  GENERATE_ASYMMETRIC_KEY_PAIR: 0x47,
  GENERAL_AUTHENTICATE: 0x87,
  GET_RESPONSE: 0xc0,
  GET_DATA: 0xcb,
  PUT_DATA: 0xdb,
  CREATE_FILE: 0xe0,
  DELETE_FILE: 0xe4,
} as const;

/** RID + PIX "BTFY" (MS discovery-process.md); a SELECT may carry the version bytes after it. */
export const GIDS_AID = Buffer.from('A000000397425446590201', 'hex');
const GIDS_AID_PREFIX = GIDS_AID.subarray(0, 9);
const APPLET_FID = 0x3fff;
const REF_PIN = 0x80;
const REF_PUK = 0x81;
const ADMIN_KID = 0x80;
const FIRST_KID = 0x81;
const CLA_CHAIN = 0x10;
const MAX_CHAIN_BYTES = 65536;
const SW_FILE_EXISTS = 0x6a89;
const SW_CHAINING_NOT_SUPPORTED = 0x6884;

/** GIDS algorithm ids (OpenSC card-gids.c) this card generates: RSA-1024 and RSA-2048. */
const RSA_BITS: Readonly<Record<number, number>> = { 0x06: 1024, 0x07: 2048 };
const MECH_SIGN_PKCS1 = 0x50;
const MECH_DECRYPT_PKCS1 = 0x40;
const MECH_DECRYPT_OAEP = 0x80;

interface Reply {
  readonly sw: number;
  readonly data?: Buffer;
}
const status = (sw: number): Reply => ({ sw });
const ok = (data?: Buffer): Reply => (data === undefined ? { sw: SW.OK } : { sw: SW.OK, data });

type Current = { kind: 'applet' } | { kind: 'ef'; id: number } | { kind: 'key'; kid: number } | undefined;

/** Volatile: lost on every power off/on/reset. */
interface Session {
  selected: boolean;
  pinVerified: boolean;
  adminAuthenticated: boolean;
  current: Current;
  /** MSE SET for signing / deciphering: mechanism id and key reference */
  se: { readonly op: 'sign' | 'decipher'; readonly mechanism: number; readonly kid: number } | undefined;
  /** MSE SET C1 A4 chose the admin key for GENERAL AUTHENTICATE */
  adminKeyChosen: boolean;
  /** host challenge R1 and card challenge R2 of a mutual authentication under way */
  pendingMutual: { readonly r1: Buffer; readonly r2: Buffer } | undefined;
}

interface Chain {
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly parts: Buffer[];
  size: number;
}

export interface GidsAppletEvents {
  readonly onStateChange: () => void;
}

export class GidsApplet {
  readonly state: GidsCardState;
  private readonly config: ResolvedGidsConfig;
  private readonly events: GidsAppletEvents;
  private session: Session = GidsApplet.freshSession();
  private chain: Chain | undefined;
  private pendingResponse: Buffer | undefined;

  constructor(state: GidsCardState, config: ResolvedGidsConfig, events: GidsAppletEvents) {
    this.state = state;
    this.config = config;
    this.events = events;
  }

  private static freshSession(): Session {
    return {
      selected: false,
      pinVerified: false,
      adminAuthenticated: false,
      current: undefined,
      se: undefined,
      adminKeyChosen: false,
      pendingMutual: undefined,
    };
  }

  powerReset(): void {
    this.session = GidsApplet.freshSession();
    this.chain = undefined;
    this.pendingResponse = undefined;
  }

  get pinVerified(): boolean {
    return this.session.pinVerified;
  }
  get adminAuthenticated(): boolean {
    return this.session.adminAuthenticated;
  }

  process(raw: Buffer): Buffer {
    const apdu = parseCommandApdu(raw);
    if (apdu === undefined) return encodeReply(status(SW.WRONG_LENGTH));
    // MS VSC quirk: no extended-length APDUs; long data goes in short chained commands
    if (apdu.extended) return encodeReply(status(SW.WRONG_LENGTH));
    if (apdu.ins === INS.GET_RESPONSE && apdu.cla === 0) return this.getResponse(apdu);
    this.pendingResponse = undefined;
    if ((apdu.cla & ~CLA_CHAIN) !== 0) {
      this.chain = undefined;
      return encodeReply(status(SW.CLA_NOT_SUPPORTED));
    }
    const assembled = this.assembleChain(apdu);
    if (assembled === 'intermediate') return encodeReply(ok());
    if (typeof assembled === 'number') return encodeReply(status(assembled));
    // a mutual authentication is only good for the GENERAL AUTHENTICATE right after its first step
    const pendingMutual = this.session.pendingMutual;
    this.session.pendingMutual = undefined;
    let reply: Reply;
    try {
      reply = this.dispatch(assembled, pendingMutual);
    } catch (e) {
      if (e instanceof TlvError) reply = status(SW.INCORRECT_DATA);
      else throw e;
    }
    return this.respond(reply, apdu);
  }

  private assembleChain(apdu: CommandApdu): CommandApdu | 'intermediate' | number {
    const chained = (apdu.cla & CLA_CHAIN) !== 0;
    const current = this.chain;
    if (current !== undefined) {
      if (current.ins === apdu.ins && current.p1 === apdu.p1 && current.p2 === apdu.p2) {
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
      // another command interrupts the chain: what was gathered is dropped
      this.chain = undefined;
    }
    if (!chained) return apdu;
    if (apdu.ins === INS.SELECT) return SW_CHAINING_NOT_SUPPORTED;
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
    const chunk = pending.subarray(0, apdu.le ?? 256);
    const rest = pending.subarray(chunk.length);
    this.pendingResponse = rest.length > 0 ? rest : undefined;
    return rest.length > 0 ? encodeChunk(chunk, rest.length) : encodeReply(ok(chunk));
  }

  private dispatch(apdu: CommandApdu, pendingMutual: Session['pendingMutual']): Reply {
    if (apdu.ins === INS.SELECT) return this.select(apdu);
    if (!this.session.selected) return status(SW.INS_NOT_SUPPORTED);
    switch (apdu.ins) {
      case INS.VERIFY:
        return this.verify(apdu);
      case INS.CHANGE_REFERENCE_DATA:
        return this.changeReferenceData(apdu);
      case INS.RESET_RETRY_COUNTER:
        return this.resetRetryCounter(apdu);
      case INS.MSE:
        return this.manageSecurityEnvironment(apdu);
      case INS.PSO:
        return this.performSecurityOperation(apdu);
      case INS.GENERAL_AUTHENTICATE:
        return this.generalAuthenticate(apdu, pendingMutual);
      case INS.GET_DATA:
        return this.getData(apdu);
      case INS.PUT_DATA:
        return this.putData(apdu);
      case INS.CREATE_FILE:
        return this.createFile(apdu);
      case INS.ACTIVATE_FILE:
        return this.activateFile(apdu);
      case INS.DELETE_FILE:
        return this.deleteFile(apdu);
      case INS.GENERATE_ASYMMETRIC_KEY_PAIR:
        return this.generateKeyPair(apdu);
      default:
        return status(SW.INS_NOT_SUPPORTED);
    }
  }

  private changed(): void {
    this.events.onStateChange();
  }

  /** Creation life cycle: a blank applet being personalised, no access rule enforced yet. */
  private get personalising(): boolean {
    return this.state.lifecycle === 'creation';
  }

  private satisfied(sc: number): boolean {
    if (this.personalising) return true;
    if (sc === SC.ALWAYS) return true;
    if (sc === SC.USER) return this.session.pinVerified;
    if (sc === SC.ADMIN) return this.session.adminAuthenticated;
    return false;
  }

  // ---- SELECT ------------------------------------------------------------------------------

  private select(apdu: CommandApdu): Reply {
    if (apdu.p1 === 0x04) {
      const aid = apdu.data;
      const matches =
        aid.length >= GIDS_AID_PREFIX.length &&
        aid.length <= GIDS_AID.length &&
        GIDS_AID.subarray(0, aid.length).equals(aid);
      // an unknown AID leaves GIDS as it was (other drivers probe for their applets)
      if (!matches) return status(SW.FILE_NOT_FOUND);
      this.session.selected = true;
      this.session.current = { kind: 'applet' };
      return apdu.p2 === 0x0c ? ok() : ok(fci());
    }
    if (apdu.p1 === 0x00 && this.session.selected && apdu.data.length === 2) {
      const fid = apdu.data.readUInt16BE(0);
      if (fid === APPLET_FID) this.session.current = { kind: 'applet' };
      else if (this.state.keys.has(fid & 0xff) && fid >> 8 === 0xb0)
        this.session.current = { kind: 'key', kid: fid & 0xff };
      else if (this.state.efs.has(fid)) this.session.current = { kind: 'ef', id: fid };
      else return status(SW.FILE_NOT_FOUND);
      return ok();
    }
    return status(SW.FILE_NOT_FOUND);
  }

  // ---- PIN / PUK ---------------------------------------------------------------------------

  private reference(p2: number): GidsReference | undefined {
    if (p2 === REF_PIN) return this.state.pin;
    if (p2 === REF_PUK) return this.state.puk;
    return undefined;
  }

  /** Compares and counts; the counter is persisted before the answer leaves the card. */
  private check(ref: GidsReference, candidate: Buffer): Reply | undefined {
    if (ref.retriesLeft === 0) return status(SW.AUTH_METHOD_BLOCKED);
    if (sameSecret(ref.value, candidate)) {
      if (ref.retriesLeft !== ref.retryLimit) {
        ref.retriesLeft = ref.retryLimit;
        this.changed();
      }
      return undefined;
    }
    ref.retriesLeft = Math.max(0, ref.retriesLeft - 1);
    this.changed();
    return status(ref.retriesLeft === 0 ? SW.AUTH_METHOD_BLOCKED : retriesLeftSw(ref.retriesLeft));
  }

  private acceptableNewPin(pin: Buffer): boolean {
    return (
      pin.length >= this.config.pinMinLength &&
      pin.length <= this.config.pinMaxLength &&
      pin.every((b) => b >= 0x20 && b <= 0x7e)
    );
  }

  private verify(apdu: CommandApdu): Reply {
    if (apdu.p1 !== 0x00) return status(SW.INCORRECT_P1_P2);
    if (apdu.p2 === 0x82) {
      // P2 82: log out of everything (OpenSC gids_logout)
      this.session.pinVerified = false;
      this.session.adminAuthenticated = false;
      return ok();
    }
    const ref = this.reference(apdu.p2);
    if (ref === undefined) return status(SW.REFERENCE_NOT_FOUND);
    if (apdu.data.length === 0) {
      if (apdu.p2 === REF_PIN && this.session.pinVerified) return ok();
      return status(ref.retriesLeft === 0 ? SW.AUTH_METHOD_BLOCKED : retriesLeftSw(ref.retriesLeft));
    }
    const failed = this.check(ref, apdu.data);
    if (apdu.p2 === REF_PIN) this.session.pinVerified = failed === undefined;
    return failed ?? ok();
  }

  private changeReferenceData(apdu: CommandApdu): Reply {
    const ref = this.reference(apdu.p2);
    if (ref === undefined) return status(SW.REFERENCE_NOT_FOUND);
    if (apdu.p1 === 0x01) {
      // set new reference data without the old: personalisation, or the admin resetting it
      if (!this.personalising && !this.session.adminAuthenticated) {
        return status(SW.SECURITY_STATUS_NOT_SATISFIED);
      }
      if (!this.acceptableNewPin(apdu.data)) return status(SW.INCORRECT_DATA);
      ref.value = Buffer.from(apdu.data);
      ref.retriesLeft = ref.retryLimit;
      this.changed();
      return ok();
    }
    if (apdu.p1 !== 0x00) return status(SW.INCORRECT_P1_P2);
    // old ‖ new without padding: the card splits at the length of the value it holds
    const oldLength = ref.value.length;
    if (apdu.data.length <= oldLength) {
      return this.check(ref, apdu.data) ?? status(SW.INCORRECT_DATA);
    }
    const next = apdu.data.subarray(oldLength);
    const failed = this.check(ref, apdu.data.subarray(0, oldLength));
    if (failed !== undefined) {
      if (apdu.p2 === REF_PIN) this.session.pinVerified = false;
      return failed;
    }
    if (!this.acceptableNewPin(next)) return status(SW.INCORRECT_DATA);
    ref.value = Buffer.from(next);
    this.changed();
    if (apdu.p2 === REF_PIN) this.session.pinVerified = true;
    return ok();
  }

  private resetRetryCounter(apdu: CommandApdu): Reply {
    if (apdu.p2 !== REF_PIN) return status(SW.REFERENCE_NOT_FOUND);
    const pin = this.state.pin;
    let next: Buffer;
    if (apdu.p1 === 0x02) {
      // new PIN only, after admin authentication (gids-tool --unblock, the minidriver's unblock)
      if (!this.session.adminAuthenticated) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
      next = apdu.data;
    } else if (apdu.p1 === 0x00) {
      const puk = this.state.puk;
      if (puk === undefined) return status(SW.REFERENCE_NOT_FOUND);
      if (apdu.data.length <= puk.value.length)
        return this.check(puk, apdu.data) ?? status(SW.INCORRECT_DATA);
      const failed = this.check(puk, apdu.data.subarray(0, puk.value.length));
      if (failed !== undefined) return failed;
      next = apdu.data.subarray(puk.value.length);
    } else {
      return status(SW.INCORRECT_P1_P2);
    }
    if (!this.acceptableNewPin(next)) return status(SW.INCORRECT_DATA);
    pin.value = Buffer.from(next);
    pin.retriesLeft = pin.retryLimit;
    // the admin's right ends with the reset it was asked for
    this.session.adminAuthenticated = false;
    this.session.pinVerified = false;
    this.changed();
    return ok();
  }

  // ---- MSE / PSO ---------------------------------------------------------------------------

  private manageSecurityEnvironment(apdu: CommandApdu): Reply {
    const items = parseTlvs(apdu.data);
    if (apdu.p1 === 0xc1 && apdu.p2 === 0xa4) {
      // choose the admin key (symmetric key reference 83) for mutual authentication
      const ref = findTag(items, 0x83);
      if (ref === undefined || ref.length !== 1 || ref[0] !== ADMIN_KID) return status(SW.INCORRECT_DATA);
      if (!this.state.adminKeyFile) return status(SW.REFERENCE_NOT_FOUND);
      this.session.adminKeyChosen = true;
      return ok();
    }
    if (apdu.p1 === 0x41 && (apdu.p2 === 0xb6 || apdu.p2 === 0xb8)) {
      const mech = findTag(items, 0x80);
      const kidBytes = findTag(items, 0x84);
      if (mech?.length !== 1 || kidBytes?.length !== 1) return status(SW.INCORRECT_DATA);
      const mechanism = mech[0] as number;
      const kid = kidBytes[0] as number;
      const file = this.state.keys.get(kid);
      if (file === undefined) return status(SW.REFERENCE_NOT_FOUND);
      if (!file.mechanisms.includes(mechanism)) return status(SW.INCORRECT_DATA);
      this.session.se = { op: apdu.p2 === 0xb6 ? 'sign' : 'decipher', mechanism, kid };
      return ok();
    }
    return status(SW.INCORRECT_P1_P2);
  }

  private performSecurityOperation(apdu: CommandApdu): Reply {
    const sign = apdu.p1 === 0x9e && apdu.p2 === 0x9a;
    const decipher = apdu.p1 === 0x80 && apdu.p2 === 0x86;
    if (!sign && !decipher) return status(SW.INCORRECT_P1_P2);
    const se = this.session.se;
    if (se === undefined || se.op !== (sign ? 'sign' : 'decipher')) {
      return status(SW.CONDITIONS_NOT_SATISFIED);
    }
    if (!this.session.pinVerified) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    const file = this.state.keys.get(se.kid);
    const key = file?.key;
    const bits = file?.algorithm === undefined ? undefined : RSA_BITS[file.algorithm];
    if (key === undefined || bits === undefined) return status(SW.REFERENCE_NOT_FOUND);
    const k = bits / 8;
    const variant = se.mechanism & 0xf0;
    if (sign) {
      // 5x: the card adds the PKCS#1 v1.5 type 1 padding around the DigestInfo it is sent
      if (variant !== MECH_SIGN_PKCS1 || apdu.data.length === 0 || apdu.data.length > k - 11) {
        return status(SW.INCORRECT_DATA);
      }
      return ok(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, apdu.data));
    }
    // MS VSC quirk: the cryptogram comes without the ISO padding-indicator byte
    if (apdu.data.length !== k) return status(SW.INCORRECT_DATA);
    try {
      if (variant === MECH_DECRYPT_OAEP) {
        return ok(privateDecrypt({ key, padding: constants.RSA_PKCS1_OAEP_PADDING }, apdu.data));
      }
      const block = privateDecrypt({ key, padding: constants.RSA_NO_PADDING }, apdu.data);
      if (variant === 0x00) return ok(block);
      if (variant === MECH_DECRYPT_PKCS1) {
        const plain = stripType2(block);
        return plain === undefined ? status(SW.INCORRECT_DATA) : ok(plain);
      }
    } catch {
      return status(SW.INCORRECT_DATA);
    }
    return status(SW.INCORRECT_DATA);
  }

  // ---- admin key mutual authentication -----------------------------------------------------

  private generalAuthenticate(apdu: CommandApdu, pending: Session['pendingMutual']): Reply {
    if (apdu.p1 !== 0x00 || apdu.p2 !== 0x00) return status(SW.INCORRECT_P1_P2);
    if (!this.session.adminKeyChosen) return status(SW.CONDITIONS_NOT_SATISFIED);
    const template = parseTlvs(apdu.data);
    const dyn = template.length === 1 && template[0]?.tag === 0x7c ? template[0].value : undefined;
    if (dyn === undefined) return status(SW.INCORRECT_DATA);
    const inner = parseTlvs(dyn);
    const hostChallenge = findTag(inner, 0x81);
    const hostResponse = findTag(inner, 0x82);
    if (hostChallenge !== undefined) {
      if (hostChallenge.length !== 16) return status(SW.INCORRECT_DATA);
      this.session.adminAuthenticated = false;
      const r2 = randomBytes(16);
      this.session.pendingMutual = { r1: Buffer.from(hostChallenge), r2 };
      return ok(tlv(0x7c, tlv(0x81, r2)));
    }
    if (hostResponse !== undefined) {
      if (pending === undefined) return status(SW.CONDITIONS_NOT_SATISFIED);
      if (hostResponse.length !== 40) return status(SW.INCORRECT_DATA);
      // 3-key 3DES, CBC with a zero IV (not ECB, whatever the minidriver spec says)
      const plain = tripleDes(this.state.adminKey, hostResponse, false);
      const good =
        plain.subarray(0, 16).equals(pending.r2) &&
        plain.subarray(16, 32).equals(pending.r1) &&
        plain[39] === 0x80;
      if (!good) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
      this.session.adminAuthenticated = true;
      const z2 = Buffer.concat([randomBytes(7), Buffer.from([0x80])]);
      const answer = tripleDes(this.state.adminKey, Buffer.concat([pending.r1, pending.r2, z2]), true);
      return ok(tlv(0x7c, tlv(0x82, answer)));
    }
    return status(SW.INCORRECT_DATA);
  }

  // ---- GET / PUT DATA ----------------------------------------------------------------------

  private getData(apdu: CommandApdu): Reply {
    const fid = (apdu.p1 << 8) | apdu.p2;
    const items = parseTlvs(apdu.data);
    const first = items[0];
    if (items.length !== 1 || first === undefined) return status(SW.INCORRECT_DATA);
    if (fid === APPLET_FID) {
      if (first.tag === 0x5c) {
        const tag = first.value.length === 2 ? first.value.readUInt16BE(0) : -1;
        if (tag === 0x7f71) return ok(referenceStatus(0x7f71, this.state.pin));
        if (tag === 0x7f73 && this.state.puk !== undefined)
          return ok(referenceStatus(0x7f73, this.state.puk));
        return status(SW.REFERENCE_NOT_FOUND);
      }
      if (first.tag === 0x70) return this.readPublicKey(first.value);
      return status(SW.INCORRECT_DATA);
    }
    const ef = this.state.efs.get(fid);
    if (ef === undefined) return status(SW.FILE_NOT_FOUND);
    if (!this.satisfied(ef.readSc)) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (first.tag !== 0x5c || first.value.length !== 2) return status(SW.INCORRECT_DATA);
    const tag = first.value.readUInt16BE(0);
    const value = ef.objects.get(tag);
    if (value === undefined) return status(SW.REFERENCE_NOT_FOUND);
    return ok(tlv(tag, value));
  }

  private readPublicKey(template: Buffer): Reply {
    const kid = findTag(parseTlvs(template), 0x84);
    if (kid?.length !== 1) return status(SW.INCORRECT_DATA);
    const file = this.state.keys.get(kid[0] as number);
    if (file?.key === undefined) return status(SW.REFERENCE_NOT_FOUND);
    const jwk = file.key.export({ format: 'jwk' });
    const n = Buffer.from(jwk.n ?? '', 'base64url');
    const e = Buffer.from(jwk.e ?? '', 'base64url');
    return ok(tlv(0x7f49, tlv(0x81, n), tlv(0x82, e)));
  }

  private putData(apdu: CommandApdu): Reply {
    const fid = (apdu.p1 << 8) | apdu.p2;
    const items = parseTlvs(apdu.data);
    const first = items[0];
    if (items.length !== 1 || first === undefined) return status(SW.INCORRECT_DATA);
    if (fid === APPLET_FID) {
      if (first.tag !== 0x70) return status(SW.INCORRECT_DATA);
      return this.putKey(first.value);
    }
    const ef = this.state.efs.get(fid);
    if (ef === undefined) return status(SW.FILE_NOT_FOUND);
    if (!this.satisfied(ef.writeSc)) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (first.tag < 0x100) return status(SW.INCORRECT_DATA);
    // an empty value is stored as an empty object (OpenSC writes an empty cmapfile that way)
    ef.objects.set(first.tag, Buffer.from(first.value));
    this.changed();
    return ok();
  }

  /** PUT DATA 3FFF 70: the admin key (kid 80, 87 = 24-byte 3DES key) or an RSA key import. */
  private putKey(body: Buffer): Reply {
    const items = parseTlvs(body);
    const kidBytes = findTag(items, 0x84);
    const template = findTag(items, 0xa5);
    if (kidBytes?.length !== 1 || template === undefined) return status(SW.INCORRECT_DATA);
    const kid = kidBytes[0] as number;
    const inner = parseTlvs(template);
    if (kid === ADMIN_KID) {
      if (!this.satisfied(SC.ADMIN)) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
      const key = findTag(inner, 0x87);
      if (key?.length !== 24) return status(SW.INCORRECT_DATA);
      this.state.adminKey = Buffer.from(key);
      this.state.adminKeyFile = true;
      this.changed();
      return ok();
    }
    const file = this.state.keys.get(kid);
    if (file === undefined) return status(SW.REFERENCE_NOT_FOUND);
    if (!this.satisfied(SC.USER)) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    const value = findTag(inner, 0x87);
    if (value === undefined) return status(SW.INCORRECT_DATA);
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: value, format: 'der', type: 'pkcs1' });
    } catch {
      return status(SW.INCORRECT_DATA);
    }
    const bits = key.asymmetricKeyDetails?.modulusLength;
    const algorithm = bits === 1024 ? 0x06 : bits === 2048 ? 0x07 : undefined;
    if (algorithm === undefined || !allowsAlgorithm(file, algorithm)) return status(SW.INCORRECT_DATA);
    file.key = key;
    file.algorithm = algorithm;
    this.changed();
    return ok();
  }

  // ---- files and keys ----------------------------------------------------------------------

  private createFile(apdu: CommandApdu): Reply {
    if (apdu.p1 !== 0x00 || apdu.p2 !== 0x00) return status(SW.INCORRECT_P1_P2);
    const fcp = parseTlvs(apdu.data);
    const body = fcp.length === 1 && fcp[0]?.tag === 0x62 ? fcp[0].value : undefined;
    if (body === undefined) return status(SW.INCORRECT_DATA);
    const items = parseTlvs(body);
    const type = findTag(items, 0x82);
    const fidBytes = findTag(items, 0x83);
    if (type?.length !== 1 || fidBytes?.length !== 2) return status(SW.INCORRECT_DATA);
    const fid = fidBytes.readUInt16BE(0);
    if (type[0] === 0x39 && fid >> 8 === 0xa0) {
      // DO EF: only while personalising (the minidriver's file system is laid down once)
      if (!this.personalising) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
      if (this.state.efs.has(fid)) return status(SW_FILE_EXISTS);
      const acl = findTag(items, 0x8c);
      if (acl?.length !== 3 || acl[0] !== 0x03) return status(SW.INCORRECT_DATA);
      const ef: DoEf = {
        id: fid,
        writeSc: acl[1] as number,
        readSc: acl[2] as number,
        activated: false,
        objects: new Map(),
      };
      this.state.efs.set(fid, ef);
      this.session.current = { kind: 'ef', id: fid };
      this.changed();
      return ok();
    }
    if (type[0] === 0x18 && fid >> 8 === 0xb0) {
      const kid = fid & 0xff;
      if (kid === ADMIN_KID) {
        if (!this.personalising) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
        if (this.state.adminKeyFile) return status(SW_FILE_EXISTS);
        this.state.adminKeyFile = true;
        this.session.current = { kind: 'key', kid };
        this.changed();
        return ok();
      }
      if (!this.satisfied(SC.USER)) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
      if (kid < FIRST_KID) return status(SW.INCORRECT_DATA);
      if (this.state.keys.has(kid)) return status(SW_FILE_EXISTS);
      if (kid >= FIRST_KID + this.config.maxContainers) return status(SW.NOT_ENOUGH_MEMORY);
      const crts = findTag(items, 0xa5);
      const mechanisms =
        crts === undefined
          ? []
          : parseTlvs(crts)
              .filter((c) => c.tag === 0xb6 || c.tag === 0xb8)
              .map((c) => findTag(parseTlvs(c.value), 0x80))
              .filter((m): m is Buffer => m?.length === 1)
              .map((m) => m[0] as number);
      if (mechanisms.length === 0) return status(SW.INCORRECT_DATA);
      const file: KeyFile = { kid, activated: false, mechanisms, key: undefined, algorithm: undefined };
      this.state.keys.set(kid, file);
      this.session.current = { kind: 'key', kid };
      this.changed();
      return ok();
    }
    return status(SW.INCORRECT_DATA);
  }

  private activateFile(apdu: CommandApdu): Reply {
    if (apdu.p1 !== 0x00 || apdu.p2 !== 0x00 || apdu.data.length !== 0) return status(SW.INCORRECT_P1_P2);
    const current = this.session.current;
    if (current === undefined) return status(SW.CONDITIONS_NOT_SATISFIED);
    if (current.kind === 'applet') {
      // the end of personalisation: from now on every access rule applies
      if (this.personalising) {
        this.state.lifecycle = 'operational';
        this.changed();
      }
      return ok();
    }
    if (current.kind === 'ef') {
      const ef = this.state.efs.get(current.id);
      if (ef === undefined) return status(SW.FILE_NOT_FOUND);
      ef.activated = true;
    } else if (current.kid !== ADMIN_KID) {
      const file = this.state.keys.get(current.kid);
      if (file === undefined) return status(SW.FILE_NOT_FOUND);
      file.activated = true;
    }
    this.changed();
    return ok();
  }

  private deleteFile(apdu: CommandApdu): Reply {
    const current = this.session.current;
    if (current?.kind !== 'key' || current.kid === ADMIN_KID) return status(SW.CONDITIONS_NOT_SATISFIED);
    if (!this.satisfied(SC.USER)) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    if (apdu.data.length !== 0) return status(SW.INCORRECT_DATA);
    this.state.keys.delete(current.kid);
    this.session.current = { kind: 'applet' };
    if (this.session.se?.kid === current.kid) this.session.se = undefined;
    this.changed();
    return ok();
  }

  private generateKeyPair(apdu: CommandApdu): Reply {
    if (apdu.p1 !== 0x00 || apdu.p2 !== 0x00) return status(SW.INCORRECT_P1_P2);
    const crt = parseTlvs(apdu.data);
    const body = crt.length === 1 && crt[0]?.tag === 0xac ? crt[0].value : undefined;
    if (body === undefined) return status(SW.INCORRECT_DATA);
    const items = parseTlvs(body);
    const alg = findTag(items, 0x80);
    const kidBytes = findTag(items, 0x83);
    if (alg?.length !== 1 || kidBytes?.length !== 1) return status(SW.INCORRECT_DATA);
    const file = this.state.keys.get(kidBytes[0] as number);
    if (file === undefined) return status(SW.REFERENCE_NOT_FOUND);
    if (!file.activated) return status(SW.CONDITIONS_NOT_SATISFIED);
    if (!this.satisfied(SC.USER)) return status(SW.SECURITY_STATUS_NOT_SATISFIED);
    const algorithm = alg[0] as number;
    const bits = RSA_BITS[algorithm];
    if (bits === undefined) return status(SW.FUNCTION_NOT_SUPPORTED);
    if (!allowsAlgorithm(file, algorithm)) return status(SW.INCORRECT_DATA);
    file.key = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 65537 }).privateKey;
    file.algorithm = algorithm;
    this.changed();
    return ok();
  }
}

/** A key file made for RSA-2048 (mechanisms 57, 17, 47 …) accepts only a 2048-bit key. */
function allowsAlgorithm(file: KeyFile, algorithm: number): boolean {
  return file.mechanisms.some((m) => (m & 0x0f) === algorithm);
}

function referenceStatus(tag: number, ref: GidsReference): Buffer {
  return tlv(tag, tlv(0x97, Buffer.from([ref.retriesLeft])), tlv(0x93, Buffer.from([ref.retryLimit])));
}

/** FCI as a GIDS v2 card answers SELECT (docs/gids.md, observed on a GIDS v2 card). */
function fci(): Buffer {
  return tlv(0x61, tlv(0x4f, GIDS_AID), tlv(0x73, Buffer.from([0x40, 0x01, 0xc0])));
}

function tripleDes(key: Buffer, data: Buffer, encrypt: boolean): Buffer {
  const iv = Buffer.alloc(8);
  const c = encrypt ? createCipheriv('des-ede3-cbc', key, iv) : createDecipheriv('des-ede3-cbc', key, iv);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

/** PKCS#1 v1.5 type 2 unpadding; undefined when the block is not well formed. */
function stripType2(block: Buffer): Buffer | undefined {
  if (block[0] !== 0x00 || block[1] !== 0x02) return undefined;
  const sep = block.indexOf(0x00, 2);
  if (sep < 10) return undefined;
  return block.subarray(sep + 1);
}

function encodeReply(reply: Reply): Buffer {
  const sw = Buffer.from([reply.sw >> 8, reply.sw & 0xff]);
  return reply.data === undefined ? sw : Buffer.concat([reply.data, sw]);
}

function encodeChunk(chunk: Buffer, remaining: number): Buffer {
  return Buffer.concat([chunk, Buffer.from([0x61, remaining >= 256 ? 0x00 : remaining])]);
}
