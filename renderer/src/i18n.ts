// i18next with the four catalogs bundled in (no network: the CSP allows none). The OS or browser
// locale is normalised through Intl.Locale.maximize() first, because i18next alone maps zh-TW to
// zh-Hans (electron-stack §8.2). Numbers and dates go through i18next's Intl formatters in the
// current language.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../electron/ipc-contract.ts';
import en from './locales/en.json' with { type: 'json' };
import ko from './locales/ko.json' with { type: 'json' };
import zhHans from './locales/zh-Hans.json' with { type: 'json' };
import zhHant from './locales/zh-Hant.json' with { type: 'json' };

export const LANGUAGES: readonly Language[] = ['en', 'ko', 'zh-Hans', 'zh-Hant'];

export function normalizeLanguage(tag: string | undefined): Language {
  if (tag === undefined) return 'en';
  try {
    const locale = new Intl.Locale(tag).maximize();
    if (locale.language === 'ko') return 'ko';
    if (locale.language === 'zh') return locale.script === 'Hant' ? 'zh-Hant' : 'zh-Hans';
  } catch {
    // not a BCP 47 tag: English
  }
  return 'en';
}

export async function startI18n(initial: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: {
      en: { translation: en },
      ko: { translation: ko },
      'zh-Hans': { translation: zhHans },
      'zh-Hant': { translation: zhHant },
    },
    lng: initial,
    supportedLngs: [...LANGUAGES],
    fallbackLng: false,
    // React escapes; i18next must not escape twice
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
  });
  return i18next;
}
