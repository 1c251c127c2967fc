// Telling a TPM virtual smart card reader from a physical reader and from the Windows Hello for
// Business virtual reader, which answers with the same GIDS-style ATR. Name, ATR and (on
// Windows) WinRT SmartCardReaderKind are hints any driver could fake, so a reader counts as a
// TPM virtual card only when every hint available agrees (docs/windows-vsc.md).

export type ReaderKind = 'tpm-virtual' | 'windows-hello' | 'physical' | 'unknown';

/** Windows.Devices.SmartCards.SmartCardReaderKind values (winrt-api smartcardreaderkind.md). */
export const WinRtReaderKind = { Any: 0, Generic: 1, Tpm: 2, Nfc: 3, Uicc: 4, EmbeddedSE: 5 } as const;

export interface ReaderFacts {
  readonly name: string;
  /** ATR of the card in the reader, when one is present */
  readonly atr?: Uint8Array;
  /** SmartCardReader.Kind, when the platform can tell (Windows only) */
  readonly winrtKind?: number;
}

export interface ClassifiedReader extends ReaderFacts {
  readonly kind: ReaderKind;
  /** why the kind was chosen, for the verify-vsc report */
  readonly reason: string;
}

export interface ReaderKindPort {
  /** every reader with what the platform knows about it */
  readers(): Promise<ReaderFacts[]>;
}

/** Windows names VSC readers "Microsoft Virtual Smart Card N"; pcscd appends " 00 00" on Linux. */
const VSC_NAME = /^Microsoft Virtual Smart Card \d+( \d\d)?( \d\d)?$/;
const WHFB_NAME = /^Windows Hello for Business \d+( \d\d)?( \d\d)?$/;
/** 3B 8D 01 80 FB + GIDS AID A0 00 00 03 97 42 54 46 59 + version + 01 + TCK. */
const GIDS_ATR_PREFIX = Uint8Array.from([
  0x3b, 0x8d, 0x01, 0x80, 0xfb, 0xa0, 0x00, 0x00, 0x03, 0x97, 0x42, 0x54, 0x46, 0x59,
]);

export function isGidsVirtualAtr(atr: Uint8Array): boolean {
  if (atr.length !== 17) return false;
  if (!GIDS_ATR_PREFIX.every((b, i) => atr[i] === b)) return false;
  // TCK: XOR of T0..TCK is zero
  let x = 0;
  for (let i = 1; i < atr.length; i++) x ^= atr[i] as number;
  return x === 0;
}

export function classifyReader(facts: ReaderFacts): ClassifiedReader {
  const done = (kind: ReaderKind, reason: string): ClassifiedReader => ({ ...facts, kind, reason });
  const vscName = VSC_NAME.test(facts.name);
  const whfbName = WHFB_NAME.test(facts.name);
  const gidsAtr = facts.atr === undefined ? undefined : isGidsVirtualAtr(facts.atr);
  const tpmKind = facts.winrtKind === undefined ? undefined : facts.winrtKind === WinRtReaderKind.Tpm;
  if (whfbName)
    return done('windows-hello', 'reader named like the Windows Hello for Business virtual reader');
  if (vscName) {
    if (tpmKind === false)
      return done('unknown', 'named like a virtual smart card but Windows does not report a TPM reader');
    if (gidsAtr === false)
      return done('unknown', 'named like a virtual smart card but the ATR is not the virtual smart card ATR');
    return done('tpm-virtual', 'Microsoft Virtual Smart Card reader');
  }
  if (tpmKind === true) return done('unknown', 'a TPM reader with an unexpected name');
  if (gidsAtr === true) return done('unknown', 'virtual smart card ATR in a reader not named like one');
  return done('physical', 'not a virtual reader');
}
