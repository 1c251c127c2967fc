// Entry point: languages first (the OS/browser locale, normalised), then the screens. Without
// window.station (the page opened outside the kiosk) only an explanation is shown.
import { StrictMode, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../electron/ipc-contract.ts';
import { App } from './App.tsx';
import { LanguageSwitch } from './components.tsx';
import { normalizeLanguage, startI18n } from './i18n.ts';
import { station } from './station.ts';

function NoBridge({ onLanguage }: { readonly onLanguage: (l: Language) => void }): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="app" data-screen="no-bridge">
      <header>
        <div className="title">{t('app.title')}</div>
        <LanguageSwitch onChange={onLanguage} />
      </header>
      <main aria-label={t('app.main')}>
        <h1>{t('error.heading')}</h1>
        <section className="error-panel" role="alert">
          <h2>{t('error.noBridge')}</h2>
          <p className="resolution">{t('error.noBridgeResolution')}</p>
        </section>
      </main>
    </div>
  );
}

function Root({
  initial,
  change,
}: {
  readonly initial: Language;
  readonly change: (l: Language) => void;
}): ReactNode {
  const [, setLanguage] = useState(initial);
  const onLanguage = (l: Language): void => {
    change(l);
    setLanguage(l);
  };
  return station === undefined ? (
    <NoBridge onLanguage={onLanguage} />
  ) : (
    <App station={station} onLanguage={onLanguage} />
  );
}

const initial = normalizeLanguage(navigator.languages[0] ?? navigator.language);
const i18n = await startI18n(initial);
const applyLanguage = (l: Language): void => {
  void i18n.changeLanguage(l);
  document.documentElement.lang = l;
  document.title = i18n.t('app.title');
};
applyLanguage(initial);
if (station !== undefined) void station.setLanguage({ language: initial });
const root = document.getElementById('root');
if (root !== null)
  createRoot(root).render(
    <StrictMode>
      <Root initial={initial} change={applyLanguage} />
    </StrictMode>,
  );
