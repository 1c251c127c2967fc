// Which Windows the station runs on, and whether it can hold TPM virtual smart cards: Windows 8
// and Windows Server 2012 are both NT 6.2, so "6.2 or later" is the rule for either product type
// (docs/windows-vsc.md). The port is implemented in native/windows; elsewhere it says "not Windows".
import { StationError } from '../errors/catalog.ts';

export type WindowsProductType = 'workstation' | 'domain-controller' | 'server';

export interface WindowsVersion {
  readonly major: number;
  readonly minor: number;
  readonly build: number;
  readonly productType: WindowsProductType;
  /** e.g. "Microsoft Windows 11 Enterprise" (display only) */
  readonly caption?: string;
}

export interface WindowsVersionPort {
  /** undefined when the station does not run on Windows */
  windowsVersion(): Promise<WindowsVersion | undefined>;
}

/** The first NT version with TPM virtual smart cards: 6.2 (Windows 8, Server 2012). */
export const MIN_VSC_VERSION = { major: 6, minor: 2 } as const;

export function supportsVirtualSmartCards(v: WindowsVersion): boolean {
  return (
    v.major > MIN_VSC_VERSION.major || (v.major === MIN_VSC_VERSION.major && v.minor >= MIN_VSC_VERSION.minor)
  );
}

/** Throws WINDOWS_TOO_OLD (with the version found) unless the version holds virtual smart cards. */
export function requireVirtualSmartCardSupport(v: WindowsVersion | undefined): WindowsVersion {
  if (v === undefined) throw new StationError('WINDOWS_TOO_OLD', { found: 'not Windows' });
  if (!supportsVirtualSmartCards(v)) {
    throw new StationError('WINDOWS_TOO_OLD', {
      found: `${v.major}.${v.minor}.${v.build}`,
      productType: v.productType,
      ...(v.caption ? { caption: v.caption } : {}),
    });
  }
  return v;
}

/** "6.1.7601" → parts; undefined when the text is not a dotted NT version. */
export function parseNtVersion(text: string): { major: number; minor: number; build: number } | undefined {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{1,6})$/.exec(text.trim());
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), build: Number(m[3]) };
}
