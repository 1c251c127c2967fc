// The pieces every screen uses: the on-screen PIN pad, the language switch, the error panel, the
// progress bar, the live reader list and the health summary. Every text comes from the catalogs.
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ErrorView,
  HealthState,
  HealthView,
  Language,
  ReaderView,
} from '../../electron/ipc-contract.ts';
import { LANGUAGES } from './i18n.ts';

export function LanguageSwitch({ onChange }: { readonly onChange: (l: Language) => void }): ReactNode {
  const { t, i18n } = useTranslation();
  return (
    <nav className="languages" aria-label={t('app.language')}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className={i18n.language === l ? 'lang current' : 'lang'}
          aria-pressed={i18n.language === l}
          onClick={() => onChange(l)}
        >
          {t(`lang.${l}`)}
        </button>
      ))}
    </nav>
  );
}

const PAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * Digits only, shown as dots. The value lives in the parent's state and nowhere else; the physical
 * keyboard works too (digits, Backspace, Enter) while the pad is on screen.
 */
export function PinPad(props: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly maxLength: number;
  readonly onChange: (v: string) => void;
  readonly onEnter?: () => void;
  readonly active?: boolean;
}): ReactNode {
  const { t } = useTranslation();
  const { value, maxLength, onChange, onEnter, active = true } = props;
  const latest = useRef({ value, onChange, onEnter });
  latest.current = { value, onChange, onEnter };
  // a layout effect: the keys listen from the moment the pad is on screen (a passive effect runs
  // after paint, and a key pressed in between — a fast typist, an automated test — was lost)
  useLayoutEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent): void => {
      const target = e.target as HTMLElement | null;
      if (target?.tagName === 'INPUT') return;
      const cur = latest.current;
      // keys that come before the next render still add up: the value is taken as changed at once
      const change = (next: string): void => {
        latest.current = { ...cur, value: next };
        cur.onChange(next);
      };
      if (/^[0-9]$/.test(e.key)) {
        if (cur.value.length < maxLength) change(cur.value + e.key);
        e.preventDefault();
      } else if (e.key === 'Backspace') {
        change(cur.value.slice(0, -1));
        e.preventDefault();
      } else if (e.key === 'Enter' && cur.onEnter && target?.tagName !== 'BUTTON') {
        cur.onEnter();
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, maxLength]);
  const press = (d: string): void => {
    if (value.length < maxLength) onChange(value + d);
  };
  return (
    <div className="pinpad" role="group" aria-labelledby={`${props.id}-label`}>
      <div id={`${props.id}-label`} className="pin-label">
        {props.label}
      </div>
      <div className="pin-dots" aria-hidden="true" data-testid={`${props.id}-dots`}>
        {Array.from({ length: Math.max(value.length, 1) }, (_, i) => (
          <span key={i} className={i < value.length ? 'dot full' : 'dot'} />
        ))}
      </div>
      <div className="pin-count" role="status" aria-live="polite">
        {t('pad.entered', { count: value.length })}
      </div>
      <div className="pin-keys">
        {PAD_KEYS.map((d) => (
          <button
            key={d}
            type="button"
            className="key"
            aria-label={t('pad.digit', { digit: d })}
            onClick={() => press(d)}
          >
            {d}
          </button>
        ))}
        <button type="button" className="key small" onClick={() => onChange('')}>
          {t('pad.clear')}
        </button>
        <button
          type="button"
          className="key"
          aria-label={t('pad.digit', { digit: '0' })}
          onClick={() => press('0')}
        >
          0
        </button>
        <button
          type="button"
          className="key small"
          aria-label={t('pad.delete')}
          onClick={() => onChange(value.slice(0, -1))}
        >
          ⌫
        </button>
      </div>
    </div>
  );
}

export function ErrorPanel(props: { readonly error: ErrorView; readonly children?: ReactNode }): ReactNode {
  const { t } = useTranslation();
  const { error } = props;
  return (
    <section className="error-panel" role="alert" aria-labelledby="error-title" data-code={error.code}>
      <h2 id="error-title">{error.message}</h2>
      <p className="resolution">
        <strong>{t('error.what')}</strong> {error.resolution}
      </p>
      <p className="code">{t('error.code', { code: error.code })}</p>
      {props.children}
    </section>
  );
}

export function ProgressBar({
  percent,
  step,
}: {
  readonly percent: number;
  readonly step: string;
}): ReactNode {
  const { t } = useTranslation();
  const clamped = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div className="progress">
      <progress
        className="bar"
        max={100}
        value={clamped}
        aria-label={t('progress.label')}
        aria-valuetext={`${t('progress.value', { value: clamped / 100 })} ${t(`steps.${step}`)}`}
      />
      <p className="step" data-step={step}>
        <span>{t(`steps.${step}`)}</span>{' '}
        <span className="percent">{t('progress.value', { value: clamped / 100 })}</span>
      </p>
    </div>
  );
}

export function ReaderList({ readers }: { readonly readers: readonly ReaderView[] | undefined }): ReactNode {
  const { t } = useTranslation();
  if (readers === undefined) return null;
  if (readers.length === 0) return <p>{t('start.noReaders')}</p>;
  // readers without a card are counted, not listed: a station may have many slots
  const withCard = readers.filter((r) => r.cardPresent);
  const empty = readers.length - withCard.length;
  return (
    <>
      <ul className="readers">
        {withCard.map((r) => (
          <li key={r.name} className={`reader ${r.role}`}>
            <span className="reader-name">{r.name}</span>
            <span className="reader-card">{t(`card.${r.role}`)}</span>
          </li>
        ))}
      </ul>
      {empty === 0 ? null : <p className="hint">{t('start.emptyReaders', { count: empty })}</p>}
    </>
  );
}

const stateKey = (s: HealthState | 'not-configured'): string =>
  s === 'not-configured' ? 'health.notConfigured' : `health.${s}`;

export function HealthPanel({ health }: { readonly health: HealthView | undefined }): ReactNode {
  const { t } = useTranslation();
  if (health === undefined) return null;
  const row = (label: string, state: HealthState | 'not-configured', detail?: string): ReactNode => (
    <div className={`health-row ${state}`}>
      <dt>{label}</dt>
      <dd>
        {t(stateKey(state))}
        {detail === undefined ? null : <span className="detail"> · {detail}</span>}
      </dd>
    </div>
  );
  return (
    <dl className="health">
      {row(t('health.ca'), health.ca.state)}
      {row(
        t('health.clock'),
        health.clock.state,
        health.clock.skewSeconds === undefined
          ? undefined
          : t('health.skew', { seconds: health.clock.skewSeconds }),
      )}
      {row(
        t('health.log'),
        health.log.state,
        health.log.records === undefined ? undefined : t('health.records', { count: health.log.records }),
      )}
      {row(
        t('health.central'),
        health.central.state,
        health.central.backlog === undefined
          ? undefined
          : t('health.backlog', { count: health.central.backlog }),
      )}
    </dl>
  );
}
