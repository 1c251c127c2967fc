// The filters the Log, Overview and Export screens share: time range, operator, cardholder, card
// serial, outcome, template. Main validates them again; empty fields filter nothing.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditFilterView } from '../../../electron/ipc-contract.ts';

const TEXT_FIELDS = ['operator', 'user', 'card', 'template'] as const;
const OUTCOMES = ['success', 'failure', 'aborted'] as const;

export function Filters(props: {
  readonly filter: AuditFilterView;
  readonly onApply: (f: AuditFilterView) => void;
}): ReactNode {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Record<string, string>>({ ...props.filter });
  const set = (key: string, value: string): void => setDraft({ ...draft, [key]: value });
  const apply = (): void => {
    const f: Record<string, string> = {};
    for (const [k, v] of Object.entries(draft)) if (v.trim() !== '') f[k] = v.trim();
    props.onApply(f as AuditFilterView);
  };
  return (
    <form
      className="audit-filters"
      aria-label={t('audit.filter.heading')}
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
    >
      <div className="field">
        <label htmlFor="filter-from">{t('audit.filter.from')}</label>
        <input
          id="filter-from"
          type="date"
          value={draft.from ?? ''}
          onChange={(e) => set('from', e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="filter-to">{t('audit.filter.to')}</label>
        <input
          id="filter-to"
          type="date"
          value={draft.to ?? ''}
          onChange={(e) => set('to', e.target.value)}
        />
      </div>
      {TEXT_FIELDS.map((k) => (
        <div className="field" key={k}>
          <label htmlFor={`filter-${k}`}>{t(`audit.filter.${k}`)}</label>
          <input
            id={`filter-${k}`}
            type="text"
            autoComplete="off"
            spellCheck={false}
            value={draft[k] ?? ''}
            onChange={(e) => set(k, e.target.value)}
          />
        </div>
      ))}
      <div className="field">
        <label htmlFor="filter-outcome">{t('audit.filter.outcome')}</label>
        <select
          id="filter-outcome"
          value={draft.outcome ?? ''}
          onChange={(e) => set('outcome', e.target.value)}
        >
          <option value="">{t('audit.filter.any')}</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`audit.outcome.${o}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('audit.filter.apply')}
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setDraft({});
            props.onApply({});
          }}
        >
          {t('audit.filter.clear')}
        </button>
      </div>
    </form>
  );
}
