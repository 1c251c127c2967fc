// The auditor's part of the kiosk: sign-in with the auditor card, then the five read-only screens
// (Log, Verify, Cards, Overview, Export). Main holds the session and checks it on every call; this
// component only shows what main answers. Nothing here can change a record.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AuditFilterView,
  AuditorView,
  ErrorView,
  StationBridge,
} from '../../../electron/ipc-contract.ts';
import { SignInPad } from '../pin-forms.tsx';
import { CardsScreen, ExportScreen, LogScreen, VerifyScreen } from './screens.tsx';
import { OverviewScreen } from './Overview.tsx';
import { KeyChooser } from './KeyChooser.tsx';

const TABS = ['log', 'verify', 'cards', 'overview', 'export'] as const;
type Tab = (typeof TABS)[number];

export function Auditor(props: {
  readonly station: StationBridge;
  /** back to Start (after sign-out, or without signing in) */
  readonly onLeave: () => void;
}): ReactNode {
  const { station, onLeave } = props;
  const { t } = useTranslation();
  const [auditor, setAuditor] = useState<AuditorView | undefined>(undefined);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<ErrorView | undefined>(undefined);
  const [tab, setTab] = useState<Tab>('log');
  const [filter, setFilter] = useState<AuditFilterView>({});
  const [keyFile, setKeyFile] = useState<string | undefined>(undefined);

  const signIn = async (): Promise<void> => {
    const typed = pin;
    setPin('');
    const r = await station.signInAuditor({ pin: typed });
    if (r.ok) {
      setAuditor(r.value);
      setError(undefined);
    } else setError(r.error);
  };
  const signOut = async (): Promise<void> => {
    await station.signOut();
    onLeave();
  };

  if (auditor === undefined) {
    return (
      <div data-audit-screen="sign-in">
        <SignInPad
          padId="auditor-pin"
          heading={t('audit.signin.heading')}
          prompt={t('audit.signin.prompt')}
          error={error}
          pin={pin}
          onPin={setPin}
          onSubmit={() => void signIn()}
          leave={
            <button type="button" className="secondary" onClick={onLeave}>
              {t('nav.home')}
            </button>
          }
        />
      </div>
    );
  }

  const needsKey = tab === 'verify' || tab === 'cards' || tab === 'export';
  return (
    <div data-audit-screen={tab} className="audit">
      <div className="audit-bar">
        <h1>{t(`audit.tab.${tab}`)}</h1>
        <span>{t('audit.signedInAs', { name: auditor.name })}</span>
        <button type="button" className="secondary" onClick={() => void signOut()}>
          {t('nav.signOut')}
        </button>
      </div>
      <nav className="audit-tabs" aria-label={t('audit.tabs')}>
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            aria-current={tab === name ? 'page' : undefined}
            className={tab === name ? 'primary' : undefined}
            onClick={() => setTab(name)}
          >
            {t(`audit.tab.${name}`)}
          </button>
        ))}
      </nav>
      {needsKey ? <KeyChooser station={station} keyFile={keyFile} onChoose={setKeyFile} /> : null}
      {tab === 'log' ? <LogScreen station={station} filter={filter} onFilter={setFilter} /> : null}
      {tab === 'verify' ? <VerifyScreen station={station} keyFile={keyFile} /> : null}
      {tab === 'cards' ? <CardsScreen station={station} keyFile={keyFile} /> : null}
      {tab === 'overview' ? <OverviewScreen station={station} filter={filter} onFilter={setFilter} /> : null}
      {tab === 'export' ? <ExportScreen station={station} filter={filter} keyFile={keyFile} /> : null}
    </div>
  );
}
