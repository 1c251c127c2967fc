// Everything a card remembers across power cycles: reference data and counters, the management
// key, slot keys and data objects. Persisted as JSON (mode 0600, atomic rename) when asked to.
import { randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  fsyncSync,
  openSync,
  closeSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { exportPrivateKey, loadPrivateKey } from './piv-keys.ts';
import { tlv } from './ber-tlv.ts';
import type { ResolvedConfig } from './card-config.ts';

export interface SlotKey {
  readonly algorithm: number;
  readonly key: KeyObject;
  readonly pinPolicy: number;
  readonly touchPolicy: number;
  /** 1 generated on the card, 2 imported */
  readonly origin: 1 | 2;
}

export interface ReferenceData {
  value: Buffer;
  retryLimit: number;
  retriesLeft: number;
  readonly factory: Buffer;
}

export interface CardState {
  pin: ReferenceData;
  puk: ReferenceData;
  managementKey: Buffer;
  managementKeyAlgorithm: number;
  managementTouch: number;
  readonly factoryManagementKey: Buffer;
  readonly factoryManagementKeyAlgorithm: number;
  readonly serial: number;
  readonly version: readonly [number, number, number];
  readonly keys: Map<number, SlotKey>;
  /** object tag → object value (the content of tag 53, or of 7E / 7F61 for those objects) */
  readonly objects: Map<number, Buffer>;
}

export const TAG_CHUID = 0x5fc102;
export const TAG_DISCOVERY = 0x7e;
export const PIV_AID = Buffer.from('A000000308000010000100', 'hex');

// FASC-N "no agency / no system / no credential" pattern as Yubico's set-chuid writes it.
const FASCN = Buffer.from('D4E739DA739CED39CE739D836858210842108421C84210C3EB', 'hex');

export function freshChuid(): Buffer {
  return Buffer.concat([
    tlv(0x30, FASCN),
    tlv(0x34, randomBytes(16)),
    tlv(0x35, Buffer.from('20991231', 'ascii')),
    tlv(0x3e),
    tlv(0xfe),
  ]);
}

/** Discovery object value: the PIV AID and PIN usage policy "PIV PIN only". */
export function discoveryValue(): Buffer {
  return Buffer.concat([tlv(0x4f, PIV_AID), tlv(0x5f2f, Buffer.from([0x40, 0x00]))]);
}

function factoryObjects(config: ResolvedConfig): Map<number, Buffer> {
  const objects = new Map<number, Buffer>([[TAG_DISCOVERY, discoveryValue()]]);
  if (config.chuid) objects.set(TAG_CHUID, freshChuid());
  return objects;
}

export function manufacture(config: ResolvedConfig): CardState {
  return {
    pin: {
      value: config.pin,
      retryLimit: config.pinRetries,
      retriesLeft: config.pinRetries,
      factory: config.pin,
    },
    puk: {
      value: config.puk,
      retryLimit: config.pukRetries,
      retriesLeft: config.pukRetries,
      factory: config.puk,
    },
    managementKey: config.managementKey,
    managementKeyAlgorithm: config.managementKeyAlgorithm,
    managementTouch: 0x01,
    factoryManagementKey: config.managementKey,
    factoryManagementKeyAlgorithm: config.managementKeyAlgorithm,
    serial: config.serial,
    version: config.version,
    keys: new Map(),
    objects: factoryObjects(config),
  };
}

/** PIV RESET: everything back to factory values except the serial number and firmware version. */
export function factoryReset(state: CardState, config: ResolvedConfig): void {
  for (const ref of [state.pin, state.puk]) {
    ref.value = ref.factory;
    ref.retriesLeft = ref.retryLimit;
  }
  state.pin.retryLimit = state.pin.retriesLeft = config.pinRetries;
  state.puk.retryLimit = state.puk.retriesLeft = config.pukRetries;
  state.managementKey = state.factoryManagementKey;
  state.managementKeyAlgorithm = state.factoryManagementKeyAlgorithm;
  state.managementTouch = 0x01;
  state.keys.clear();
  state.objects.clear();
  for (const [tag, value] of factoryObjects(config)) state.objects.set(tag, value);
}

export function sameSecret(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

// ---- persistence -------------------------------------------------------------------------

interface StoredReference {
  value: string;
  retryLimit: number;
  retriesLeft: number;
  factory: string;
}
interface StoredCard {
  format: 'station-soft-piv-card/1';
  pin: StoredReference;
  puk: StoredReference;
  managementKey: string;
  managementKeyAlgorithm: number;
  managementTouch: number;
  factoryManagementKey: string;
  factoryManagementKeyAlgorithm: number;
  serial: number;
  version: [number, number, number];
  keys: {
    slot: number;
    algorithm: number;
    pkcs8: string;
    pinPolicy: number;
    touchPolicy: number;
    origin: 1 | 2;
  }[];
  objects: { tag: number; value: string }[];
}

const hex = (b: Buffer): string => b.toString('hex');
const unhex = (s: string): Buffer => Buffer.from(s, 'hex');

function storeReference(r: ReferenceData): StoredReference {
  return {
    value: hex(r.value),
    retryLimit: r.retryLimit,
    retriesLeft: r.retriesLeft,
    factory: hex(r.factory),
  };
}
function loadReference(r: StoredReference): ReferenceData {
  return {
    value: unhex(r.value),
    retryLimit: r.retryLimit,
    retriesLeft: r.retriesLeft,
    factory: unhex(r.factory),
  };
}

export function serializeCard(state: CardState): string {
  const stored: StoredCard = {
    format: 'station-soft-piv-card/1',
    pin: storeReference(state.pin),
    puk: storeReference(state.puk),
    managementKey: hex(state.managementKey),
    managementKeyAlgorithm: state.managementKeyAlgorithm,
    managementTouch: state.managementTouch,
    factoryManagementKey: hex(state.factoryManagementKey),
    factoryManagementKeyAlgorithm: state.factoryManagementKeyAlgorithm,
    serial: state.serial,
    version: [...state.version],
    keys: [...state.keys].map(([slot, k]) => ({
      slot,
      algorithm: k.algorithm,
      pkcs8: exportPrivateKey(k.key).toString('base64'),
      pinPolicy: k.pinPolicy,
      touchPolicy: k.touchPolicy,
      origin: k.origin,
    })),
    objects: [...state.objects].map(([tag, value]) => ({ tag, value: hex(value) })),
  };
  return JSON.stringify(stored);
}

export function deserializeCard(text: string): CardState {
  const s = JSON.parse(text) as StoredCard;
  if (s.format !== 'station-soft-piv-card/1') throw new Error('not a soft PIV card file');
  return {
    pin: loadReference(s.pin),
    puk: loadReference(s.puk),
    managementKey: unhex(s.managementKey),
    managementKeyAlgorithm: s.managementKeyAlgorithm,
    managementTouch: s.managementTouch,
    factoryManagementKey: unhex(s.factoryManagementKey),
    factoryManagementKeyAlgorithm: s.factoryManagementKeyAlgorithm,
    serial: s.serial,
    version: s.version,
    keys: new Map(
      s.keys.map((k) => [
        k.slot,
        {
          algorithm: k.algorithm,
          key: loadPrivateKey(Buffer.from(k.pkcs8, 'base64')),
          pinPolicy: k.pinPolicy,
          touchPolicy: k.touchPolicy,
          origin: k.origin,
        },
      ]),
    ),
    objects: new Map(s.objects.map((o) => [o.tag, unhex(o.value)])),
  };
}

export function loadCardFile(path: string): CardState | undefined {
  if (!existsSync(path)) return undefined;
  return deserializeCard(readFileSync(path, 'utf8'));
}

export function saveCardFile(path: string, state: CardState): void {
  writeSecretFile(path, serializeCard(state));
}

/** Write-then-rename so a crash never leaves half a card; the file holds secrets, hence 0600. */
export function writeSecretFile(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}
