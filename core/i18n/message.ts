// One keyed message in the four languages. Patterns use the ICU subset of format.ts.
import type { Language } from './language.ts';

export type Message = Readonly<Record<Language, string>>;

/** en, ko, zh-Hans, zh-Hant */
export function m(en: string, ko: string, hans: string, hant: string): Message {
  return { en, ko, 'zh-Hans': hans, 'zh-Hant': hant };
}
