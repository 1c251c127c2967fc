// The Microsoft smart card minidriver file system on a GIDS card, laid out the way the Windows
// inbox GIDS minidriver reads it (docs/gids.md): a masterfile (A000/DF1F) naming every file's
// EF and DO, mscp\cmapfile (A010/DF23) with one CONTAINER_MAP_RECORD per container, the keymap
// (A000/DF20) tying container i to key file B0(81+i), certificates compressed into mscp\kxcNN,
// and cardcf (A010/DF22) whose freshness counters tell Windows to drop its cache.
import { randomUUID } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { StationError } from '../../errors/catalog.ts';
import { CardProtocolError, CardStatusError } from '../status-words.ts';
import { concat } from '../tlv.ts';
import {
  algorithmForBits,
  DO,
  EF,
  FIRST_KEY_REFERENCE,
  type GidsAlgorithm,
  KEYMAP_KEY_TYPE,
  type KeySpec,
  MAX_CONTAINERS,
  RSA_BITS,
  SW_FILE_EXISTS,
} from './constants.ts';
import type { GidsRsaPublicKey, GidsSession } from './session.ts';

// ---- masterfile ---------------------------------------------------------------------------

export interface MasterfileRecord {
  /** "" (card root) or "mscp" */
  readonly directory: string;
  /** "" for a directory entry */
  readonly filename: string;
  readonly dataObject: number;
  readonly ef: number;
}

const MF_RECORD = 28;
const NAME_FIELD = 9;

function cString(b: Uint8Array, at: number): string {
  const end = b.subarray(at, at + NAME_FIELD).indexOf(0);
  return Buffer.from(b.subarray(at, at + (end < 0 ? NAME_FIELD : end))).toString('latin1');
}

/** Masterfile: version byte 01, then records of directory[9], filename[9], pad[2], DO, EF (int32 LE). */
export function parseMasterfile(b: Uint8Array): MasterfileRecord[] {
  if (b.length < 1 || b[0] !== 0x01 || (b.length - 1) % MF_RECORD !== 0) {
    throw new CardProtocolError('the GIDS masterfile is not in the minidriver format');
  }
  const view = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const out: MasterfileRecord[] = [];
  for (let at = 1; at < b.length; at += MF_RECORD) {
    out.push({
      directory: cString(b, at),
      filename: cString(b, at + NAME_FIELD),
      dataObject: view.readInt32LE(at + 20),
      ef: view.readInt32LE(at + 24),
    });
  }
  return out;
}

export function encodeMasterfile(records: readonly MasterfileRecord[]): Uint8Array {
  const out = Buffer.alloc(1 + records.length * MF_RECORD);
  out[0] = 0x01;
  records.forEach((r, i) => {
    const at = 1 + i * MF_RECORD;
    if (r.directory.length > 8 || r.filename.length > 8)
      throw new RangeError('minidriver names are at most 8 characters');
    out.write(r.directory, at, 'latin1');
    out.write(r.filename, at + NAME_FIELD, 'latin1');
    out.writeInt32LE(r.dataObject, at + 20);
    out.writeInt32LE(r.ef, at + 24);
  });
  return new Uint8Array(out);
}

// ---- cmapfile -------------------------------------------------------------------------------

/** CONTAINER_MAP_RECORD (cardmod.h): wszGuid[40] UTF-16LE, bFlags, bReserved, two key sizes. */
export interface ContainerRecord {
  readonly name: string;
  readonly valid: boolean;
  readonly isDefault: boolean;
  readonly signatureKeyBits: number;
  readonly keyExchangeKeyBits: number;
}

const CMAP_RECORD = 86;
const NAME_CHARS = 40;
const FLAG_VALID = 0x01;
const FLAG_DEFAULT = 0x02;

export function parseCmapfile(b: Uint8Array): ContainerRecord[] {
  if (b.length % CMAP_RECORD !== 0)
    throw new CardProtocolError('the cmapfile length is not a multiple of 86');
  const view = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const out: ContainerRecord[] = [];
  for (let at = 0; at < b.length; at += CMAP_RECORD) {
    const raw = view.subarray(at, at + NAME_CHARS * 2).toString('utf16le');
    const nul = raw.indexOf('\0');
    const flags = view[at + 80] ?? 0;
    out.push({
      name: nul < 0 ? raw : raw.slice(0, nul),
      valid: (flags & FLAG_VALID) !== 0,
      isDefault: (flags & FLAG_DEFAULT) !== 0,
      signatureKeyBits: view.readUInt16LE(at + 82),
      keyExchangeKeyBits: view.readUInt16LE(at + 84),
    });
  }
  return out;
}

export function encodeCmapfile(records: readonly ContainerRecord[]): Uint8Array {
  const out = Buffer.alloc(records.length * CMAP_RECORD);
  records.forEach((r, i) => {
    const at = i * CMAP_RECORD;
    if (r.name.length >= NAME_CHARS) throw new RangeError('a container name is at most 39 characters');
    out.write(r.name, at, 'utf16le');
    out[at + 80] = (r.valid ? FLAG_VALID : 0) | (r.isDefault ? FLAG_DEFAULT : 0);
    out.writeUInt16LE(r.signatureKeyBits, at + 82);
    out.writeUInt16LE(r.keyExchangeKeyBits, at + 84);
  });
  return new Uint8Array(out);
}

const EMPTY_CONTAINER: ContainerRecord = {
  name: '',
  valid: false,
  isDefault: false,
  signatureKeyBits: 0,
  keyExchangeKeyBits: 0,
};

// ---- keymap ---------------------------------------------------------------------------------

/** Keymap record (OpenSC gids_keymap_record): int32 state, algid, key type, keyref, FFFF. */
export interface KeymapRecord {
  readonly state: number;
  readonly algorithm: number;
  readonly keyType: number;
  readonly keyReference: number;
}

const KEYMAP_RECORD = 10;

export function parseKeymap(b: Uint8Array): KeymapRecord[] {
  if (b.length < 1 || b[0] !== 0x01 || (b.length - 1) % KEYMAP_RECORD !== 0) {
    throw new CardProtocolError('the GIDS keymap is not in the minidriver format');
  }
  const view = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const out: KeymapRecord[] = [];
  for (let at = 1; at < b.length; at += KEYMAP_RECORD) {
    out.push({
      state: view.readInt32LE(at),
      algorithm: view[at + 4] ?? 0,
      keyType: view[at + 5] ?? 0,
      keyReference: view.readUInt16LE(at + 6),
    });
  }
  return out;
}

export function encodeKeymap(records: readonly KeymapRecord[]): Uint8Array {
  const out = Buffer.alloc(1 + records.length * KEYMAP_RECORD);
  out[0] = 0x01;
  records.forEach((r, i) => {
    const at = 1 + i * KEYMAP_RECORD;
    out.writeInt32LE(r.state, at);
    out[at + 4] = r.algorithm;
    out[at + 5] = r.keyType;
    out.writeUInt16LE(r.keyReference, at + 6);
    out.writeUInt16LE(0xffff, at + 8);
  });
  return new Uint8Array(out);
}

const EMPTY_KEY: KeymapRecord = { state: 0, algorithm: 0, keyType: 0, keyReference: 0xffff };

// ---- cardcf and certificates ----------------------------------------------------------------

/** CARD_CACHE_FILE_FORMAT: version, PIN freshness, container freshness, file freshness (LE). */
export function bumpCardcf(cardcf: Uint8Array, what: { files?: boolean; containers?: boolean }): Uint8Array {
  const out = Buffer.alloc(Math.max(6, cardcf.length));
  out.set(cardcf);
  if (what.containers) out.writeUInt16LE((out.readUInt16LE(2) + 1) & 0xffff, 2);
  if (what.files) out.writeUInt16LE((out.readUInt16LE(4) + 1) & 0xffff, 4);
  return new Uint8Array(out);
}

/** Minidriver certificate compression: 01 00, uncompressed length (LE16), zlib stream. */
export function compressCertificate(der: Uint8Array): Uint8Array {
  if (der.length > 0xffff) throw new RangeError('a certificate over 65535 bytes cannot be stored');
  const head = Buffer.alloc(4);
  head[0] = 0x01;
  head.writeUInt16LE(der.length, 2);
  return concat(head, deflateSync(der));
}

export function decompressCertificate(stored: Uint8Array): Uint8Array {
  if (stored.length < 4 || stored[0] !== 0x01 || stored[1] !== 0x00) {
    throw new CardProtocolError('the certificate file is not minidriver-compressed');
  }
  const expected = (stored[2] ?? 0) | ((stored[3] ?? 0) << 8);
  let der: Buffer;
  try {
    der = inflateSync(stored.subarray(4), { maxOutputLength: 0x10000 });
  } catch (e) {
    throw new CardProtocolError(`the certificate file does not inflate: ${(e as Error).message}`);
  }
  if (der.length !== expected) throw new CardProtocolError('the certificate file has the wrong length');
  return new Uint8Array(der);
}

export function certificateFileName(index: number, spec: KeySpec): string {
  return `${spec === 'exchange' ? 'kxc' : 'ksc'}${index.toString(16).toUpperCase().padStart(2, '0')}`;
}

// ---- the file system on a card ----------------------------------------------------------------

export interface MinidriverContainer {
  readonly index: number;
  /** key reference 81 + index */
  readonly keyReference: number;
  readonly name: string;
  readonly isDefault: boolean;
  readonly spec: KeySpec;
  readonly keyBits: number;
  /** DER certificate from mscp\kxcNN / kscNN, when one is stored */
  readonly certificate: Uint8Array | undefined;
}

export interface MinidriverFileSystem {
  readonly cardId: Uint8Array | undefined;
  readonly masterfile: readonly MasterfileRecord[];
  readonly containers: readonly MinidriverContainer[];
}

/** The card's minidriver file system is missing or inconsistent (GIDS_LAYOUT). */
export class MinidriverLayoutError extends StationError {
  constructor(message: string) {
    super('GIDS_LAYOUT', {}, { diagnostic: message });
    this.name = 'MinidriverLayoutError';
  }
}

async function required(session: GidsSession, ef: number, tag: number, what: string): Promise<Uint8Array> {
  const v = await session.getDataObject(ef, tag);
  if (v === undefined)
    throw new MinidriverLayoutError(
      `the card has no ${what}: not laid out by tpmvscmgr /generate or gids-tool`,
    );
  return v;
}

function locate(
  records: readonly MasterfileRecord[],
  directory: string,
  filename: string,
): MasterfileRecord | undefined {
  return records.find((r) => r.directory === directory && r.filename === filename);
}

/** Reads the masterfile, cmapfile and every container's certificate (no PIN needed). */
export async function readFileSystem(session: GidsSession): Promise<MinidriverFileSystem> {
  const masterfile = parseMasterfile(await required(session, EF.USER_DIR, DO.MASTERFILE, 'masterfile'));
  const cmapAt = locate(masterfile, 'mscp', 'cmapfile');
  if (cmapAt === undefined) throw new MinidriverLayoutError('the masterfile lists no mscp\\cmapfile');
  const cmap = parseCmapfile(await required(session, cmapAt.ef, cmapAt.dataObject, 'cmapfile'));
  const cardIdAt = locate(masterfile, '', 'cardid');
  const cardId = cardIdAt ? await session.getDataObject(cardIdAt.ef, cardIdAt.dataObject) : undefined;
  const containers: MinidriverContainer[] = [];
  for (const [index, c] of cmap.entries()) {
    // OpenSC and the minidriver ignore records with both or neither key size set
    if (!c.valid || c.signatureKeyBits > 0 === c.keyExchangeKeyBits > 0) continue;
    const spec: KeySpec = c.keyExchangeKeyBits > 0 ? 'exchange' : 'signature';
    const certAt = locate(masterfile, 'mscp', certificateFileName(index, spec));
    const stored = certAt ? await session.getDataObject(certAt.ef, certAt.dataObject) : undefined;
    containers.push({
      index,
      keyReference: FIRST_KEY_REFERENCE + index,
      name: c.name,
      isDefault: c.isDefault,
      spec,
      keyBits: Math.max(c.signatureKeyBits, c.keyExchangeKeyBits),
      certificate: stored === undefined || stored.length === 0 ? undefined : decompressCertificate(stored),
    });
  }
  return { cardId, masterfile, containers };
}

async function bump(
  session: GidsSession,
  masterfile: readonly MasterfileRecord[],
  what: { files?: boolean; containers?: boolean },
): Promise<void> {
  const at = locate(masterfile, '', 'cardcf');
  if (at === undefined) throw new MinidriverLayoutError('the masterfile lists no cardcf');
  const cardcf = await required(session, at.ef, at.dataObject, 'cardcf');
  await session.putDataObject(at.ef, at.dataObject, bumpCardcf(cardcf, what));
}

export interface NewContainerOptions {
  /** RSA key size (default 2048, what a TPM virtual smart card makes) */
  readonly keyBits?: number;
  readonly spec?: KeySpec;
  /** container name (default a braced GUID as Windows names them) */
  readonly name?: string;
  /** mark it the default container when no other valid container is (default true) */
  readonly makeDefault?: boolean;
  /** regenerate the key of this existing container in place (re-issue) instead of adding one */
  readonly index?: number;
}

export interface NewContainer {
  readonly index: number;
  readonly keyReference: number;
  readonly name: string;
  readonly publicKey: GidsRsaPublicKey;
}

/**
 * Generates a key in a new minidriver container: key file B0(81+i) created, activated and
 * filled first; only then the keymap, cmapfile (valid, default, key size) and cardcf say so,
 * so an interruption leaves at worst an unlisted key file, which the next call replaces.
 * Needs the user PIN verified.
 */
export async function createContainer(
  session: GidsSession,
  options: NewContainerOptions = {},
): Promise<NewContainer> {
  const keyBits = options.keyBits ?? 2048;
  const algorithm = algorithmForBits(keyBits);
  if (algorithm === undefined) throw new RangeError(`no GIDS algorithm for RSA-${keyBits}`);
  const spec = options.spec ?? 'exchange';
  const masterfile = parseMasterfile(await required(session, EF.USER_DIR, DO.MASTERFILE, 'masterfile'));
  const cmapAt = locate(masterfile, 'mscp', 'cmapfile');
  if (cmapAt === undefined) throw new MinidriverLayoutError('the masterfile lists no mscp\\cmapfile');
  const cmap = parseCmapfile(await required(session, cmapAt.ef, cmapAt.dataObject, 'cmapfile'));
  const keymapRaw = await session.getDataObject(EF.USER_DIR, DO.KEYMAP);
  const keymap = keymapRaw === undefined || keymapRaw.length === 0 ? [] : parseKeymap(keymapRaw);
  let index: number;
  let name = options.name ?? `{${randomUUID().toUpperCase()}}`;
  if (options.index !== undefined) {
    const existing = cmap[options.index];
    if (existing === undefined || !existing.valid) {
      throw new MinidriverLayoutError(`container ${options.index} does not exist`);
    }
    index = options.index;
    name = options.name ?? existing.name;
  } else {
    if (cmap.some((c) => c.valid && c.name === name)) {
      throw new MinidriverLayoutError(`a container named ${name} exists`);
    }
    index = cmap.findIndex((c) => !c.valid);
    if (index < 0) index = cmap.length;
  }
  if (index >= MAX_CONTAINERS) throw new MinidriverLayoutError('the card holds no more containers');
  const kid = FIRST_KEY_REFERENCE + index;

  if (options.index !== undefined) {
    // re-issue: the old key goes first; until the new one is made the container has no usable key
    await session.deleteKeyFile(kid).catch(ignoreMissing);
  }
  try {
    await session.createKeyFile(kid, algorithm, spec);
  } catch (e) {
    // a key file left by an interrupted run (or an OpenSC-deleted container): replace it
    if (!(e instanceof CardStatusError && e.sw === SW_FILE_EXISTS)) throw e;
    await session.deleteKeyFile(kid);
    await session.createKeyFile(kid, algorithm, spec);
  }
  await session.activateFile();
  await session.generateKeyPair(kid, algorithm);
  const publicKey = await session.readPublicKey(kid);
  if (publicKey.bits !== RSA_BITS[algorithm as GidsAlgorithm])
    throw new CardProtocolError('the generated key has the wrong size');

  const makeDefault =
    cmap[index]?.isDefault === true ||
    ((options.makeDefault ?? true) && !cmap.some((c, i) => i !== index && c.valid && c.isDefault));
  const records = [...cmap];
  while (records.length <= index) records.push(EMPTY_CONTAINER);
  records[index] = {
    name,
    valid: true,
    isDefault: makeDefault,
    signatureKeyBits: spec === 'signature' ? keyBits : 0,
    keyExchangeKeyBits: spec === 'exchange' ? keyBits : 0,
  };
  const keys = [...keymap];
  while (keys.length < records.length) keys.push(EMPTY_KEY);
  keys[index] = { state: 1, algorithm, keyType: KEYMAP_KEY_TYPE[spec], keyReference: 0xb000 + kid };
  await bump(session, masterfile, { containers: true });
  await session.putDataObject(EF.USER_DIR, DO.KEYMAP, encodeKeymap(keys));
  await bump(session, masterfile, { files: true });
  await session.putDataObject(cmapAt.ef, cmapAt.dataObject, encodeCmapfile(records));
  return { index, keyReference: kid, name, publicKey };
}

/**
 * Stores a DER certificate for container <index> in mscp\kxcNN (kscNN for a signature-only
 * container), adding the file to the masterfile at the first free DO of A010 when it is new.
 * Needs the user PIN verified.
 */
export async function storeCertificate(session: GidsSession, index: number, der: Uint8Array): Promise<void> {
  const fs = await readFileSystem(session);
  const container = fs.containers.find((c) => c.index === index);
  if (container === undefined) throw new MinidriverLayoutError(`container ${index} does not exist`);
  const filename = certificateFileName(index, container.spec);
  let masterfile = [...fs.masterfile];
  let at = locate(masterfile, 'mscp', filename);
  if (at === undefined) {
    let dataObject: number = DO.FIRST_FREE;
    while (masterfile.some((r) => r.ef === EF.PUBLIC && r.dataObject === dataObject)) dataObject++;
    if (dataObject > DO.LAST) throw new MinidriverLayoutError('no free data object for the certificate');
    at = { directory: 'mscp', filename, dataObject, ef: EF.PUBLIC };
    masterfile = [...masterfile, at];
    await bump(session, masterfile, { files: true });
    await session.putDataObject(EF.USER_DIR, DO.MASTERFILE, encodeMasterfile(masterfile));
  }
  await bump(session, masterfile, { files: true });
  await session.putDataObject(at.ef, at.dataObject, compressCertificate(der));
}

function ignoreMissing(e: unknown): void {
  if (!(e instanceof CardStatusError && (e.sw === 0x6a82 || e.sw === 0x6a88))) throw e;
}

/** The container the station enrolls: the valid default one, else undefined. */
export function defaultContainer(fs: MinidriverFileSystem): MinidriverContainer | undefined {
  return fs.containers.find((c) => c.isDefault);
}

/**
 * Removes container <index>: the cmapfile and keymap forget it first (Windows and OpenSC stop
 * listing it), then its key file and certificate go. An interruption in between leaves an
 * unlisted key file, which createContainer replaces. Needs the PIN.
 */
export async function deleteContainer(session: GidsSession, index: number): Promise<void> {
  const masterfile = parseMasterfile(await required(session, EF.USER_DIR, DO.MASTERFILE, 'masterfile'));
  const cmapAt = locate(masterfile, 'mscp', 'cmapfile');
  if (cmapAt === undefined) throw new MinidriverLayoutError('the masterfile lists no mscp\\cmapfile');
  const cmap = parseCmapfile(await required(session, cmapAt.ef, cmapAt.dataObject, 'cmapfile'));
  const record = cmap[index];
  if (record === undefined || !record.valid)
    throw new MinidriverLayoutError(`container ${index} does not exist`);
  const spec: KeySpec = record.keyExchangeKeyBits > 0 ? 'exchange' : 'signature';
  const records = [...cmap];
  records[index] = EMPTY_CONTAINER;
  await bump(session, masterfile, { containers: true });
  await session.putDataObject(cmapAt.ef, cmapAt.dataObject, encodeCmapfile(records));
  const keymapRaw = await session.getDataObject(EF.USER_DIR, DO.KEYMAP);
  if (keymapRaw !== undefined && keymapRaw.length > 0) {
    const keys = parseKeymap(keymapRaw);
    if (index < keys.length) {
      keys[index] = EMPTY_KEY;
      await session.putDataObject(EF.USER_DIR, DO.KEYMAP, encodeKeymap(keys));
    }
  }
  await session.deleteKeyFile(FIRST_KEY_REFERENCE + index).catch(ignoreMissing);
  await removeCertificateFile(session, masterfile, certificateFileName(index, spec));
}

/** Deletes the certificate of container <index> (its kxcNN/kscNN file and masterfile record). */
export async function deleteCertificate(session: GidsSession, index: number): Promise<void> {
  const fs = await readFileSystem(session);
  const container = fs.containers.find((c) => c.index === index);
  if (container === undefined) return;
  await removeCertificateFile(session, fs.masterfile, certificateFileName(index, container.spec));
}

async function removeCertificateFile(
  session: GidsSession,
  masterfile: readonly MasterfileRecord[],
  filename: string,
): Promise<void> {
  const at = locate(masterfile, 'mscp', filename);
  if (at === undefined) return;
  await bump(session, masterfile, { files: true });
  await session.putDataObject(
    EF.USER_DIR,
    DO.MASTERFILE,
    encodeMasterfile(masterfile.filter((r) => r !== at)),
  );
  await session.putDataObject(at.ef, at.dataObject, new Uint8Array(0));
}
