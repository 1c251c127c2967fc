// The four languages the station ships. Every message catalog (errors and the rest) has each of
// them; tests fail on a key that one language lacks.

export type Language = 'en' | 'ko' | 'zh-Hans' | 'zh-Hant';
export const LANGUAGES: readonly Language[] = ['en', 'ko', 'zh-Hans', 'zh-Hant'];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}
