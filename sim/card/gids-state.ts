// Everything a software GIDS card remembers across power cycles: PIN/PUK and counters, the admin
// key, the DO EFs with their data objects (where the minidriver file system lives) and the key
// files. Persisted as JSON (mode 0600, atomic rename) like the PIV card.
import type { KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { sameSecret, writeSecretFile } from './card-state.ts';
import { exportPrivateKey, loadPrivateKey } from './piv-keys.ts';
import type { ResolvedGidsConfig } from './gids-config.ts';

export { sameSecret };

export interface GidsReference {
  value: Buffer;
  retryLimit: number;
  retriesLeft: number;
  readonly factory: Buffer;
}

/** Security condition bytes as GIDS FCPs carry them (tag 8C, access mode 03): */
export const SC = { ALWAYS: 0x00, ADMIN: 0x20, USER: 0x30, NEVER: 0xff } as const;

/** A "DO EF": an EF holding BER-TLV data objects, used by the minidriver like a directory. */
export interface DoEf {
  readonly id: number;
  readonly writeSc: number;
  readonly readSc: number;
  activated: boolean;
  readonly objects: Map<number, Buffer>;
}

export interface KeyFile {
  readonly kid: number;
  activated: boolean;
  /** mechanism ids the key file's CRTs allow, e.g. 0x57 = RSA-2048 PKCS#1 signature */
  readonly mechanisms: readonly number[];
  key: KeyObject | undefined;
  /** GIDS algorithm id of the key (0x06 RSA-1024, 0x07 RSA-2048) once one is generated/imported */
  algorithm: number | undefined;
}

export interface GidsCardState {
  pin: GidsReference;
  puk: GidsReference | undefined;
  adminKey: Buffer;
  readonly factoryAdminKey: Buffer;
  adminKeyFile: boolean;
  /** creation: access rules not enforced yet (a blank applet being personalised); operational */
  lifecycle: 'creation' | 'operational';
  readonly efs: Map<number, DoEf>;
  readonly keys: Map<number, KeyFile>;
}

// Where the minidriver files live (OpenSC card-gids.h; MS "Windows inbox smart card minidriver").
export const EF = { USER_DIR: 0xa000, PUBLIC: 0xa010, USER_EXEC: 0xa011, ADMIN_PUBLIC: 0xa012 } as const;
export const DO = {
  MASTERFILE: 0xdf1f,
  KEYMAP: 0xdf20,
  CARDID: 0xdf20,
  CARDAPPS: 0xdf21,
  CARDCF: 0xdf22,
  CMAPFILE: 0xdf23,
} as const;

/** The DO EFs a personalised card has, with the access rules the GIDS minidriver sets. */
const STANDARD_EFS: readonly (readonly [number, number, number])[] = [
  [0xa000, SC.USER, SC.ALWAYS], // user create/delete
  [0xa010, SC.USER, SC.ALWAYS], // everyone read, user write
  [0xa011, SC.USER, SC.NEVER], // user write/execute
  [0xa012, SC.ADMIN, SC.ALWAYS], // everyone read, admin write
  [0xa013, SC.USER, SC.USER], // user read/write
  [0xa014, SC.ADMIN, SC.ADMIN], // admin read/write
];

/** One masterfile record: directory[9], filename[9], 2 bytes padding, DO id, EF id (int32 LE). */
export function masterfileRecord(directory: string, filename: string, doId: number, efId: number): Buffer {
  const r = Buffer.alloc(28);
  r.write(directory, 0, 8, 'latin1');
  r.write(filename, 9, 8, 'latin1');
  r.writeInt32LE(doId, 20);
  r.writeInt32LE(efId, 24);
  return r;
}

function factoryMasterfile(): Buffer {
  return Buffer.concat([
    Buffer.from([0x01]),
    masterfileRecord('mscp', '', 0, EF.USER_DIR),
    masterfileRecord('', 'cardid', DO.CARDID, EF.ADMIN_PUBLIC),
    masterfileRecord('', 'cardapps', DO.CARDAPPS, EF.PUBLIC),
    masterfileRecord('', 'cardcf', DO.CARDCF, EF.PUBLIC),
    masterfileRecord('mscp', 'cmapfile', DO.CMAPFILE, EF.PUBLIC),
  ]);
}

export function manufactureGids(config: ResolvedGidsConfig): GidsCardState {
  const ref = (value: Buffer, limit: number): GidsReference => ({
    value,
    retryLimit: limit,
    retriesLeft: limit,
    factory: value,
  });
  const state: GidsCardState = {
    pin: ref(config.pin, config.pinRetries),
    puk: config.puk === undefined ? undefined : ref(config.puk, config.pukRetries),
    adminKey: config.adminKey,
    factoryAdminKey: config.adminKey,
    adminKeyFile: config.generate,
    lifecycle: config.generate ? 'operational' : 'creation',
    efs: new Map(),
    keys: new Map(),
  };
  if (!config.generate) return state;
  for (const [id, writeSc, readSc] of STANDARD_EFS) {
    state.efs.set(id, { id, writeSc, readSc, activated: true, objects: new Map() });
  }
  const put = (ef: number, tag: number, value: Buffer): void => {
    state.efs.get(ef)?.objects.set(tag, value);
  };
  put(EF.USER_DIR, DO.MASTERFILE, factoryMasterfile());
  put(EF.ADMIN_PUBLIC, DO.CARDID, config.cardId);
  put(EF.PUBLIC, DO.CARDAPPS, Buffer.from('6d73637000000000', 'hex')); // "mscp"
  put(EF.PUBLIC, DO.CARDCF, Buffer.alloc(6));
  put(EF.PUBLIC, DO.CMAPFILE, Buffer.alloc(0));
  return state;
}

// ---- persistence -------------------------------------------------------------------------

interface StoredReference {
  value: string;
  retryLimit: number;
  retriesLeft: number;
  factory: string;
}
interface StoredGidsCard {
  format: 'station-soft-gids-card/1';
  pin: StoredReference;
  puk: StoredReference | null;
  adminKey: string;
  factoryAdminKey: string;
  adminKeyFile: boolean;
  lifecycle: 'creation' | 'operational';
  efs: { id: number; writeSc: number; readSc: number; activated: boolean; objects: [number, string][] }[];
  keys: {
    kid: number;
    activated: boolean;
    mechanisms: number[];
    algorithm: number | null;
    pkcs8: string | null;
  }[];
}

const hex = (b: Buffer): string => b.toString('hex');
const unhex = (s: string): Buffer => Buffer.from(s, 'hex');
const storeRef = (r: GidsReference): StoredReference => ({
  value: hex(r.value),
  retryLimit: r.retryLimit,
  retriesLeft: r.retriesLeft,
  factory: hex(r.factory),
});
const loadRef = (r: StoredReference): GidsReference => ({
  value: unhex(r.value),
  retryLimit: r.retryLimit,
  retriesLeft: r.retriesLeft,
  factory: unhex(r.factory),
});

export function serializeGids(s: GidsCardState): string {
  const stored: StoredGidsCard = {
    format: 'station-soft-gids-card/1',
    pin: storeRef(s.pin),
    puk: s.puk === undefined ? null : storeRef(s.puk),
    adminKey: hex(s.adminKey),
    factoryAdminKey: hex(s.factoryAdminKey),
    adminKeyFile: s.adminKeyFile,
    lifecycle: s.lifecycle,
    efs: [...s.efs.values()].map((e) => ({
      id: e.id,
      writeSc: e.writeSc,
      readSc: e.readSc,
      activated: e.activated,
      objects: [...e.objects].map(([t, v]) => [t, hex(v)]),
    })),
    keys: [...s.keys.values()].map((k) => ({
      kid: k.kid,
      activated: k.activated,
      mechanisms: [...k.mechanisms],
      algorithm: k.algorithm ?? null,
      pkcs8: k.key === undefined ? null : exportPrivateKey(k.key).toString('base64'),
    })),
  };
  return JSON.stringify(stored);
}

export function deserializeGids(text: string): GidsCardState {
  const s = JSON.parse(text) as StoredGidsCard;
  if (s.format !== 'station-soft-gids-card/1') throw new Error('not a soft GIDS card file');
  return {
    pin: loadRef(s.pin),
    puk: s.puk === null ? undefined : loadRef(s.puk),
    adminKey: unhex(s.adminKey),
    factoryAdminKey: unhex(s.factoryAdminKey),
    adminKeyFile: s.adminKeyFile,
    lifecycle: s.lifecycle,
    efs: new Map(
      s.efs.map((e) => [
        e.id,
        {
          id: e.id,
          writeSc: e.writeSc,
          readSc: e.readSc,
          activated: e.activated,
          objects: new Map(e.objects.map(([t, v]) => [t, unhex(v)])),
        },
      ]),
    ),
    keys: new Map(
      s.keys.map((k) => [
        k.kid,
        {
          kid: k.kid,
          activated: k.activated,
          mechanisms: k.mechanisms,
          algorithm: k.algorithm ?? undefined,
          key: k.pkcs8 === null ? undefined : loadPrivateKey(Buffer.from(k.pkcs8, 'base64')),
        },
      ]),
    ),
  };
}

export function loadGidsFile(path: string): GidsCardState | undefined {
  if (!existsSync(path)) return undefined;
  return deserializeGids(readFileSync(path, 'utf8'));
}

export function saveGidsFile(path: string, state: GidsCardState): void {
  writeSecretFile(path, serializeGids(state));
}
