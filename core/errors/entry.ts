// The shape of one catalog entry: a message and a resolution per language, ICU-style
// placeholders filled from the error's details (core/i18n/format.ts), and optional per-surface
// resolutions where what a person can do differs between the CLI and the kiosk screen (a flag
// such as --reissue on one, a "Re-issue" button on the other).
import type { Language } from '../i18n/language.ts';

export type Surface = 'cli' | 'screen';

export interface Text {
  readonly message: string;
  /** used on a surface without its own variant */
  readonly resolution: string;
  readonly cli?: string;
  readonly screen?: string;
}

export type Entry = Readonly<Record<Language, Text>>;

type Row = readonly [
  message: string,
  resolution: string,
  variants?: { readonly cli?: string; readonly screen?: string },
];

const text = ([message, resolution, variants]: Row): Text => ({ message, resolution, ...(variants ?? {}) });

/** One entry in en, ko, zh-Hans, zh-Hant order. */
export function e(en: Row, ko: Row, hans: Row, hant: Row): Entry {
  return { en: text(en), ko: text(ko), 'zh-Hans': text(hans), 'zh-Hant': text(hant) };
}
