// Factory settings of a software GIDS card that stands in for a Windows TPM virtual smart card.
// The defaults are what `tpmvscmgr create /name X /PIN DEFAULT /AdminKey RANDOM /generate` makes
// (docs/gids.md): PIN 12345678, no PUK, a random admin key nobody keeps, the minidriver file
// system laid down. Secrets come from a JSON file or the library options, never a command line.
import { randomBytes } from 'node:crypto';
import { ConfigError } from './card-config.ts';

export interface GidsCardConfig {
  /** factory PIN (default "12345678", tpmvscmgr /PIN DEFAULT); 4–127 printable ASCII characters */
  readonly pin?: string;
  /** factory PUK; absent (the default) = the card has no PUK, as without tpmvscmgr /PUK */
  readonly puk?: string;
  /** admin key as 48 hex digits; absent = random (tpmvscmgr /AdminKey RANDOM) */
  readonly adminKey?: string;
  /** consecutive wrong PINs before the PIN blocks (default 5, Windows 8.1+ VSC) */
  readonly pinRetries?: number;
  /** PUK try limit (default 5) */
  readonly pukRetries?: number;
  /** shortest and longest PIN the card accepts as new reference data (default 8 / 127, tpmvscmgr) */
  readonly pinMinLength?: number;
  readonly pinMaxLength?: number;
  /** true (default): minidriver file system present (tpmvscmgr /generate); false: blank applet */
  readonly generate?: boolean;
  /** 16-byte card id as 32 hex digits (default random) */
  readonly cardId?: string;
  /** ATR as hex (default the Microsoft Virtual Smart Card ATR with GIDS version 04) */
  readonly atr?: string;
  /** most key containers (key files B081…) the card holds (default 30, a VSC's limit) */
  readonly maxContainers?: number;
}

/** pcsc-tools smartcard_list.txt: "Microsoft Virtual Smart Card 0" (docs/gids.md). */
export const VSC_ATR = '3B8D0180FBA000000397425446590401CF';

export interface ResolvedGidsConfig {
  readonly pin: Buffer;
  readonly puk: Buffer | undefined;
  readonly adminKey: Buffer;
  readonly pinRetries: number;
  readonly pukRetries: number;
  readonly pinMinLength: number;
  readonly pinMaxLength: number;
  readonly generate: boolean;
  readonly cardId: Buffer;
  readonly atr: Buffer;
  readonly maxContainers: number;
}

function intIn(value: number | undefined, fallback: number, lo: number, hi: number, name: string): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < lo || v > hi)
    throw new ConfigError(`${name} must be an integer ${lo}..${hi}`);
  return v;
}

function hexOf(value: string | undefined, bytes: number, name: string): Buffer {
  if (value === undefined) return randomBytes(bytes);
  if (!new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(value)) {
    throw new ConfigError(`${name} must be ${bytes * 2} hex digits`);
  }
  return Buffer.from(value, 'hex');
}

const PRINTABLE = /^[\x20-\x7e]+$/;

export function resolveGidsConfig(config: GidsCardConfig = {}): ResolvedGidsConfig {
  const pinMinLength = intIn(config.pinMinLength, 8, 4, 127, 'pinMinLength');
  const pinMaxLength = intIn(config.pinMaxLength, 127, pinMinLength, 127, 'pinMaxLength');
  const secret = (v: string, name: string): Buffer => {
    if (!PRINTABLE.test(v) || v.length < 4 || v.length > 127) {
      throw new ConfigError(`${name} must be 4..127 printable ASCII characters`);
    }
    return Buffer.from(v, 'ascii');
  };
  const atrHex = config.atr ?? VSC_ATR;
  if (!/^([0-9a-fA-F]{2}){2,33}$/.test(atrHex)) throw new ConfigError('atr must be 2..33 bytes of hex');
  return {
    pin: secret(config.pin ?? '12345678', 'pin'),
    puk: config.puk === undefined ? undefined : secret(config.puk, 'puk'),
    adminKey: hexOf(config.adminKey, 24, 'adminKey'),
    pinRetries: intIn(config.pinRetries, 5, 1, 15, 'pinRetries'),
    pukRetries: intIn(config.pukRetries, 5, 1, 15, 'pukRetries'),
    pinMinLength,
    pinMaxLength,
    generate: config.generate ?? true,
    cardId: hexOf(config.cardId, 16, 'cardId'),
    atr: Buffer.from(atrHex, 'hex'),
    maxContainers: intIn(config.maxContainers, 30, 1, 126, 'maxContainers'),
  };
}
