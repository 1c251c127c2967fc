// The diagnostics screen: `station diagnose` for the operator at the kiosk. Every check with
// passed or failed, what was found and, for a failed one, what to do. The check texts are the
// station's own (explained in main in the screen's language, the words the CLI prints); this
// screen adds only its frame from the renderer catalogs. No sign-in: the checks read, never
// change, and show no secret — and they are what an operator needs when signing in fails.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagnosticView, ErrorView, Language, StationBridge } from '../../../electron/ipc-contract.ts';
import { ErrorPanel } from '../components.tsx';

type State =
  | { readonly kind: 'running' }
  | { readonly kind: 'done'; readonly checks: readonly DiagnosticView[]; readonly language: Language }
  | { readonly kind: 'failed'; readonly error: ErrorView };

export function DiagnosticsScreen({
  station,
  home,
}: {
  readonly station: StationBridge;
  /** the way back to the Start screen */
  readonly home: ReactNode;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'running' });
  /** the latest run: an earlier one (another language) answering late is dropped */
  const latest = useRef(0);

  const run = useCallback(
    async (language: Language): Promise<void> => {
      const mine = ++latest.current;
      setState({ kind: 'running' });
      // the texts are explained in main: make sure it has this screen's language first
      await station.setLanguage({ language });
      const r = await station.diagnose();
      if (mine !== latest.current) return;
      setState(r.ok ? { kind: 'done', checks: r.value, language } : { kind: 'failed', error: r.error });
    },
    [station],
  );

  const language = i18n.language as Language;
  useEffect(() => {
    void run(language);
  }, [run, language]);

  const again = (
    <button
      type="button"
      className="primary"
      disabled={state.kind === 'running'}
      onClick={() => void run(language)}
    >
      {t('diag.again')}
    </button>
  );

  let body: ReactNode;
  let summary: ReactNode = null;
  if (state.kind === 'running') {
    body = (
      <p className="notice" role="status" aria-live="polite">
        {t('diag.running')}
      </p>
    );
  } else if (state.kind === 'failed') {
    body = <ErrorPanel error={state.error} />;
  } else {
    const passed = state.checks.filter((c) => c.ok).length;
    summary = (
      <p className="notice" role="status" data-summary={`${passed}/${state.checks.length}`}>
        {passed === state.checks.length
          ? t('diag.allPassed')
          : t('diag.summary', { count: state.checks.length, passed })}
      </p>
    );
    body = (
      <ul className="diagnostics" aria-label={t('diag.list')} data-language={state.language}>
        {state.checks.map((c, i) => (
          <li
            key={`${c.id}-${i}`}
            className={c.ok ? 'diag-row passed' : 'diag-row failed'}
            data-check={c.id}
            data-ok={c.ok ? 'true' : 'false'}
          >
            <span className={c.ok ? 'badge passed' : 'badge failed'}>
              {c.ok ? t('diag.passed') : t('diag.failed')}
            </span>
            <h2 className="diag-name">{c.check}</h2>
            <p className="diag-detail">
              {c.detail}
              {c.code === undefined ? null : (
                <>
                  {' '}
                  <span className="code">{t('diag.code', { code: c.code })}</span>
                </>
              )}
            </p>
            {c.resolution === undefined ? null : (
              <p className="resolution">
                <strong>{t('error.what')}</strong> {c.resolution}
              </p>
            )}
          </li>
        ))}
      </ul>
    );
  }

  return (
    <>
      <h1>{t('diag.heading')}</h1>
      <p className="diag-intro">{t('diag.intro')}</p>
      <div className="actions diag-actions">
        {again}
        {home}
        {summary}
      </div>
      {body}
    </>
  );
}
