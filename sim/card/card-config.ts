// Factory settings of a software PIV card. They come from a JSON file or the library options,
// never from a command line, because the PIN, PUK and management key are secrets.
import { readFileSync } from 'node:fs';

export type ManagementKeyAlgorithmName = '3des' | 'aes128' | 'aes192' | 'aes256';

export interface SoftCardConfig {
  /** factory PIN, 6–8 characters (default 123456) */
  readonly pin?: string;
  /** factory PUK, 6–8 characters (default 12345678) */
  readonly puk?: string;
  /** management key as hex (default 010203040506070801020304050607080102030405060708) */
  readonly managementKey?: string;
  /** management key algorithm (default 3des) */
  readonly managementKeyAlgorithm?: ManagementKeyAlgorithmName;
  /** PIN retry limit, 1–15 (default 3) */
  readonly pinRetries?: number;
  /** PUK retry limit, 1–15 (default 3) */
  readonly pukRetries?: number;
  /** 32-bit serial number answered to GET SERIAL (default random) */
  readonly serial?: number;
  /** firmware version answered to GET VERSION, "major.minor.patch" (default 5.4.3) */
  readonly version?: string;
  /** ATR as hex (default 3B 95 13 81 01 80 73 FF 01 00 0B, T=1, unknown to OpenSC's ATR table) */
  readonly atr?: string;
  /** write a CHUID with a random GUID at manufacture (default true) */
  readonly chuid?: boolean;
  /** true: PIN must be 6–8 ASCII digits (SP 800-73); false: any 6–8 bytes like a YubiKey (default true) */
  readonly strictPinFormat?: boolean;
  /** largest data object PUT DATA accepts, in bytes (default 3052, like a YubiKey 5) */
  readonly maxObjectSize?: number;
}

export const MGMT_ALGORITHMS: Record<ManagementKeyAlgorithmName, number> = {
  '3des': 0x03,
  aes128: 0x08,
  aes192: 0x0a,
  aes256: 0x0c,
};

export const MGMT_KEY_LENGTH: Readonly<Record<number, number>> = { 0x03: 24, 0x08: 16, 0x0a: 24, 0x0c: 32 };

export interface ResolvedConfig {
  readonly pin: Buffer;
  readonly puk: Buffer;
  readonly managementKey: Buffer;
  readonly managementKeyAlgorithm: number;
  readonly pinRetries: number;
  readonly pukRetries: number;
  readonly serial: number;
  readonly version: readonly [number, number, number];
  readonly atr: Buffer;
  readonly chuid: boolean;
  readonly strictPinFormat: boolean;
  readonly maxObjectSize: number;
}

export const DEFAULT_ATR = '3B951381018073FF01000B';
export const DEFAULT_MGMT_KEY = '010203040506070801020304050607080102030405060708';

export class ConfigError extends Error {}

/** 8-byte reference data, right-padded with FF as PIV transmits it. */
export function padReference(value: string): Buffer {
  const raw = Buffer.from(value, 'utf8');
  if (raw.length < 6 || raw.length > 8) throw new ConfigError('PIN and PUK must be 6 to 8 characters');
  return Buffer.concat([raw, Buffer.alloc(8 - raw.length, 0xff)]);
}

function retries(value: number | undefined, name: string): number {
  const v = value ?? 3;
  if (!Number.isInteger(v) || v < 1 || v > 15) throw new ConfigError(`${name} must be an integer 1..15`);
  return v;
}

export function isDigitsPin(padded: Buffer): boolean {
  let n = 0;
  while (n < padded.length && padded[n] !== 0xff) n++;
  if (padded.length !== 8 || n < 6) return false;
  for (let i = 0; i < 8; i++) {
    const b = padded[i] as number;
    if (i < n ? b < 0x30 || b > 0x39 : b !== 0xff) return false;
  }
  return true;
}

export function resolveConfig(config: SoftCardConfig = {}): ResolvedConfig {
  const algName = config.managementKeyAlgorithm ?? '3des';
  const alg = MGMT_ALGORITHMS[algName];
  if (alg === undefined)
    throw new ConfigError('managementKeyAlgorithm must be 3des, aes128, aes192 or aes256');
  const keyHex = config.managementKey ?? DEFAULT_MGMT_KEY;
  if (!/^([0-9a-fA-F]{2})+$/.test(keyHex)) throw new ConfigError('managementKey must be hex');
  const managementKey = Buffer.from(keyHex, 'hex');
  if (managementKey.length !== MGMT_KEY_LENGTH[alg]) {
    throw new ConfigError(`managementKey must be ${MGMT_KEY_LENGTH[alg]} bytes for ${algName}`);
  }
  const strictPinFormat = config.strictPinFormat ?? true;
  const pin = padReference(config.pin ?? '123456');
  if (strictPinFormat && !isDigitsPin(pin)) throw new ConfigError('pin must be 6 to 8 digits');
  const puk = padReference(config.puk ?? '12345678');
  const versionText = config.version ?? '5.4.3';
  const parts = versionText.split('.').map((p) => Number.parseInt(p, 10));
  if (parts.length !== 3 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new ConfigError('version must look like 5.4.3');
  }
  const serial = config.serial ?? 10_000_000 + Math.floor(Math.random() * 80_000_000);
  if (!Number.isInteger(serial) || serial < 0 || serial > 0xffffffff)
    throw new ConfigError('serial must be a uint32');
  const atrHex = config.atr ?? DEFAULT_ATR;
  if (!/^([0-9a-fA-F]{2}){2,33}$/.test(atrHex)) throw new ConfigError('atr must be 2..33 bytes of hex');
  const maxObjectSize = config.maxObjectSize ?? 3052;
  if (!Number.isInteger(maxObjectSize) || maxObjectSize < 64 || maxObjectSize > 65000) {
    throw new ConfigError('maxObjectSize must be an integer 64..65000');
  }
  return {
    pin,
    puk,
    managementKey,
    managementKeyAlgorithm: alg,
    pinRetries: retries(config.pinRetries, 'pinRetries'),
    pukRetries: retries(config.pukRetries, 'pukRetries'),
    serial,
    version: parts as [number, number, number],
    atr: Buffer.from(atrHex, 'hex'),
    chuid: config.chuid ?? true,
    strictPinFormat,
    maxObjectSize,
  };
}

/** Reads a JSON config file; the file may also hold a "faults" member for the CLI. */
export function loadConfigFile(path: string): { config: SoftCardConfig; faults: unknown } {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('config file must hold a JSON object');
  }
  const { faults, ...config } = parsed as Record<string, unknown>;
  return { config: config as SoftCardConfig, faults };
}
