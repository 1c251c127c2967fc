// The auditor's Log, Verify, Cards and Export screens. Each asks main and shows the answer; the
// words for verdicts, breaks, card states and how an enrollment ended come from the catalogs.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AuditCardsView,
  AuditEventView,
  AuditExportView,
  AuditFilterView,
  AuditCentralCopyView,
  AuditVerifyView,
  EnrollmentPageView,
  ErrorView,
  StationBridge,
} from '../../../electron/ipc-contract.ts';
import { ErrorPanel } from '../components.tsx';
import { Filters } from './Filters.tsx';
import { grouped } from './KeyChooser.tsx';

type Bridge = { readonly station: StationBridge };

function useDates(): { when: (iso: string | null) => string; seconds: (ms: number | null) => string } {
  const { i18n } = useTranslation();
  return {
    when: (iso) =>
      iso === null
        ? '–'
        : new Intl.DateTimeFormat(i18n.language, {
            dateStyle: 'medium',
            timeStyle: 'medium',
            timeZone: 'UTC',
          }).format(new Date(iso)),
    seconds: (ms) =>
      ms === null
        ? '–'
        : new Intl.NumberFormat(i18n.language, {
            style: 'unit',
            unit: 'second',
            maximumFractionDigits: 1,
          }).format(ms / 1000),
  };
}

/** a status, outcome or state word from the catalog; an unknown one is shown as it is */
function useWord(): (group: string, value: string) => string {
  const { t, i18n } = useTranslation();
  return (group, value) => {
    const key = `audit.${group}.${value}`;
    return i18n.exists(key) ? t(key) : value;
  };
}

// ── Log ───────────────────────────────────────────────────────────────────────────────────────

export function LogScreen(
  props: Bridge & { readonly filter: AuditFilterView; readonly onFilter: (f: AuditFilterView) => void },
): ReactNode {
  const { station, filter, onFilter } = props;
  const { t } = useTranslation();
  const word = useWord();
  const { when, seconds } = useDates();
  const [page, setPage] = useState<EnrollmentPageView | undefined>(undefined);
  const [starts, setStarts] = useState<readonly (number | undefined)[]>([undefined]);
  const [error, setError] = useState<ErrorView | undefined>(undefined);
  const [open, setOpen] = useState<string | undefined>(undefined);
  const [events, setEvents] = useState<readonly AuditEventView[] | undefined>(undefined);

  const load = useCallback(
    async (afterSeq: number | undefined): Promise<void> => {
      const r = await station.auditLog(afterSeq === undefined ? { filter } : { filter, afterSeq });
      if (r.ok) {
        setPage(r.value);
        setError(undefined);
      } else setError(r.error);
    },
    [station, filter],
  );
  useEffect(() => {
    setStarts([undefined]);
    setOpen(undefined);
    void load(undefined);
  }, [load]);

  const openEvents = async (enrollmentId: string): Promise<void> => {
    setOpen(enrollmentId);
    setEvents(undefined);
    const r = await station.auditEvents({ enrollmentId });
    if (r.ok) setEvents(r.value);
    else setError(r.error);
  };

  if (open !== undefined)
    return (
      <section aria-labelledby="events-title" data-audit-panel="events">
        <h2 id="events-title">{t('audit.events.heading', { id: open })}</h2>
        <button type="button" className="secondary" onClick={() => setOpen(undefined)}>
          {t('audit.events.back')}
        </button>
        {events === undefined ? (
          <p role="status">{t('audit.loading')}</p>
        ) : (
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('audit.scroll')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('audit.col.seq')}</th>
                  <th scope="col">{t('audit.col.time')}</th>
                  <th scope="col">{t('audit.col.event')}</th>
                  <th scope="col">{t('audit.col.outcome')}</th>
                  <th scope="col">{t('audit.col.detail')}</th>
                  <th scope="col">{t('audit.col.proof')}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.seq} data-seq={e.seq}>
                    <td>{e.seq}</td>
                    <td>{when(e.ts)}</td>
                    <td>{e.action}</td>
                    <td>{word('outcome', e.outcome)}</td>
                    <td>
                      {[e.errorCode, e.reason, e.reqId === null ? null : `ReqID ${e.reqId}`]
                        .filter(Boolean)
                        .join(' · ')}
                    </td>
                    <td>{word('proof', e.proof)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    );

  return (
    <>
      <Filters filter={filter} onApply={onFilter} />
      {error === undefined ? null : <ErrorPanel error={error} />}
      {page === undefined ? null : page.rows.length === 0 ? (
        <p role="status">{t('audit.log.none')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('audit.scroll')}>
          <table aria-label={t('audit.log.table')}>
            <thead>
              <tr>
                <th scope="col">{t('audit.col.start')}</th>
                <th scope="col">{t('audit.col.operator')}</th>
                <th scope="col">{t('audit.col.holder')}</th>
                <th scope="col">{t('audit.col.card')}</th>
                <th scope="col">{t('audit.col.template')}</th>
                <th scope="col">{t('audit.col.reqId')}</th>
                <th scope="col">{t('audit.col.ended')}</th>
                <th scope="col">{t('audit.col.duration')}</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.seq} data-enrollment={r.enrollmentId}>
                  <td>
                    <button type="button" className="link" onClick={() => void openEvents(r.enrollmentId)}>
                      {when(r.started ?? r.finished)}
                    </button>
                  </td>
                  <td>{r.operator ?? '–'}</td>
                  <td>{r.holder ?? '–'}</td>
                  <td>{r.card ?? '–'}</td>
                  <td>{r.template ?? '–'}</td>
                  <td>{r.reqId ?? '–'}</td>
                  <td data-status={r.status}>{word('status', r.status)}</td>
                  <td>{seconds(r.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="actions">
        <button
          type="button"
          disabled={starts.length <= 1}
          onClick={() => {
            const back = starts.slice(0, -1);
            setStarts(back);
            void load(back[back.length - 1]);
          }}
        >
          {t('audit.log.previous')}
        </button>
        <span>{t('audit.log.page', { page: starts.length })}</span>
        <button
          type="button"
          disabled={page?.nextAfterSeq === null || page === undefined}
          onClick={() => {
            const next = page?.nextAfterSeq ?? undefined;
            setStarts([...starts, next]);
            void load(next);
          }}
        >
          {t('audit.log.next')}
        </button>
      </div>
    </>
  );
}

// ── Verify ────────────────────────────────────────────────────────────────────────────────────

export function VerifyScreen(props: Bridge & { readonly keyFile: string | undefined }): ReactNode {
  const { station, keyFile } = props;
  const { t } = useTranslation();
  const word = useWord();
  const [result, setResult] = useState<AuditVerifyView | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | undefined>(undefined);
  const verify = async (): Promise<void> => {
    if (keyFile === undefined) return;
    setBusy(true);
    setResult(undefined);
    const r = await station.auditVerify({ keyFile });
    setBusy(false);
    if (r.ok) {
      setResult(r.value);
      setError(undefined);
    } else setError(r.error);
  };
  return (
    <section aria-labelledby="verify-title">
      <h2 id="verify-title">{t('audit.verify.heading')}</h2>
      <p>{t('audit.verify.what')}</p>
      <button
        type="button"
        className="primary"
        disabled={keyFile === undefined || busy}
        onClick={() => void verify()}
      >
        {t('audit.verify.run')}
      </button>
      {busy ? <p role="status">{t('audit.verify.running')}</p> : null}
      {error === undefined ? null : <ErrorPanel error={error} />}
      {result === undefined ? null : (
        <div
          className={`verdict ${result.verdict === 'intact' ? 'ok' : 'failed'}`}
          role="status"
          data-verdict={result.verdict}
        >
          <h3>{word('verdict', result.verdict)}</h3>
          <p>{t(`audit.verdictText.${result.verdict}`, { defaultValue: result.verdict })}</p>
          {result.firstBreak === null ? null : (
            <p data-break-seq={result.firstBreak.seq} data-break-kind={result.firstBreak.kind}>
              {t('audit.verify.break', {
                seq: result.firstBreak.seq,
                kind: word('break', result.firstBreak.kind),
              })}
            </p>
          )}
          <dl>
            <dt>{t('audit.verify.records')}</dt>
            <dd>{t('audit.number', { value: result.recordsChecked })}</dd>
            <dt>{t('audit.verify.key')}</dt>
            <dd>
              <code>{grouped(result.keyFingerprint)}</code>
            </dd>
            <dt>{t('audit.verify.central')}</dt>
            <dd>{word('central', result.central)}</dd>
            <dt>{t('audit.verify.head')}</dt>
            <dd>
              <code className="head">{result.head}</code>
            </dd>
          </dl>
        </div>
      )}
      {result === undefined ? null : <CentralCopyVerdict copy={result.centralCopy} />}
    </section>
  );
}

/**
 * The second verdict: the central copy's own chain, checked with the same pinned key, and how
 * far it is behind the local log. Nothing when no central copy is configured; unreachable is a
 * failed state of its own, never shown as intact.
 */
function CentralCopyVerdict(props: { readonly copy: AuditCentralCopyView }): ReactNode {
  const { copy } = props;
  const { t } = useTranslation();
  const word = useWord();
  if (copy.state === 'not-configured') return null;
  const state = copy.state === 'checked' ? copy.verdict : 'unreachable';
  return (
    <div
      className={`verdict ${state === 'intact' ? 'ok' : 'failed'}`}
      role="status"
      data-central-verdict={state}
      aria-labelledby="central-copy-title"
    >
      <h3 id="central-copy-title">
        {t('audit.verify.centralHeading')}:{' '}
        {copy.state === 'checked' ? word('verdict', copy.verdict) : word('central', 'unreachable')}
      </h3>
      {copy.state === 'checked' ? (
        <>
          <p>{t(`audit.verify.centralText.${copy.verdict}`, { defaultValue: copy.verdict })}</p>
          {copy.firstBreak === null ? null : (
            <p data-central-break-seq={copy.firstBreak.seq} data-central-break-kind={copy.firstBreak.kind}>
              {t('audit.verify.centralBreak', {
                seq: copy.firstBreak.seq,
                kind: word('break', copy.firstBreak.kind),
              })}
            </p>
          )}
          <p data-central-behind={copy.behind}>
            {copy.behind > 0
              ? t('audit.verify.centralBehind', { count: copy.behind })
              : t('audit.verify.centralUpToDate')}
          </p>
          <dl>
            <dt>{t('audit.verify.centralRecords')}</dt>
            <dd>{t('audit.number', { value: copy.recordsChecked })}</dd>
            <dt>{t('audit.verify.centralHead')}</dt>
            <dd>{t('audit.number', { value: copy.lastRecordSeq })}</dd>
          </dl>
        </>
      ) : (
        <p>{t('audit.verify.centralUnreachable')}</p>
      )}
    </div>
  );
}

// ── Cards ─────────────────────────────────────────────────────────────────────────────────────

export function CardsScreen(props: Bridge & { readonly keyFile: string | undefined }): ReactNode {
  const { station, keyFile } = props;
  const { t } = useTranslation();
  const word = useWord();
  const { when } = useDates();
  const [cards, setCards] = useState<AuditCardsView | undefined>(undefined);
  const [onlyPinNotChanged, setOnlyPinNotChanged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | undefined>(undefined);
  const load = async (): Promise<void> => {
    if (keyFile === undefined) return;
    setBusy(true);
    const r = await station.auditCards({ keyFile });
    setBusy(false);
    if (r.ok) {
      setCards(r.value);
      setError(undefined);
    } else setError(r.error);
  };
  const shown = cards?.cards.filter((c) => !onlyPinNotChanged || c.state === 'issued-pin-not-changed') ?? [];
  return (
    <section aria-labelledby="cards-title">
      <h2 id="cards-title">{t('audit.cards.heading')}</h2>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={keyFile === undefined || busy}
          onClick={() => void load()}
        >
          {t('audit.cards.run')}
        </button>
        <button
          type="button"
          aria-pressed={onlyPinNotChanged}
          disabled={cards === undefined}
          onClick={() => setOnlyPinNotChanged(!onlyPinNotChanged)}
        >
          {t('audit.cards.pinNotChanged', {
            count: cards?.cards.filter((c) => c.state === 'issued-pin-not-changed').length ?? 0,
          })}
        </button>
      </div>
      {busy ? <p role="status">{t('audit.verify.running')}</p> : null}
      {error === undefined ? null : <ErrorPanel error={error} />}
      {cards === undefined ? null : (
        <>
          <p data-verdict={cards.verdict}>
            {t('audit.cards.verdict', { verdict: word('verdict', cards.verdict) })}
          </p>
          <div className="table-wrap" tabIndex={0} role="region" aria-label={t('audit.scroll')}>
            <table aria-label={t('audit.cards.table')}>
              <thead>
                <tr>
                  <th scope="col">{t('audit.col.card')}</th>
                  <th scope="col">{t('audit.col.state')}</th>
                  <th scope="col">{t('audit.col.holder')}</th>
                  <th scope="col">{t('audit.col.time')}</th>
                  <th scope="col">{t('audit.col.certSerial')}</th>
                  <th scope="col">{t('audit.col.proof')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.slice(0, 500).map((c) => (
                  <tr key={c.card} data-card={c.card} data-state={c.state}>
                    <td>{c.card}</td>
                    <td>{word('state', c.state)}</td>
                    <td>{c.holder ?? '–'}</td>
                    <td>{when(c.ts)}</td>
                    <td>{c.certificateSerial ?? '–'}</td>
                    <td>{word('cardProof', c.proof)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {shown.length > 500 ? <p>{t('audit.cards.more', { count: shown.length - 500 })}</p> : null}
        </>
      )}
    </section>
  );
}

// ── Export ────────────────────────────────────────────────────────────────────────────────────

export function ExportScreen(
  props: Bridge & { readonly filter: AuditFilterView; readonly keyFile: string | undefined },
): ReactNode {
  const { station, filter, keyFile } = props;
  const { t } = useTranslation();
  const word = useWord();
  const [done, setDone] = useState<readonly AuditExportView[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | undefined>(undefined);
  const run = async (format: 'csv' | 'json' | 'pdf'): Promise<void> => {
    if (keyFile === undefined) return;
    setBusy(true);
    const r = await station.auditExport({ format, filter, keyFile });
    setBusy(false);
    if (r.ok) {
      setDone([...done, r.value]);
      setError(undefined);
    } else setError(r.error);
  };
  const active = Object.entries(filter).filter(([, v]) => v !== undefined && v !== '');
  return (
    <section aria-labelledby="export-title">
      <h2 id="export-title">{t('audit.export.heading')}</h2>
      <p>
        {active.length === 0
          ? t('audit.export.all')
          : t('audit.export.filtered', {
              filter: active.map(([k, v]) => `${t(`audit.filter.${k}`)}: ${String(v)}`).join('; '),
            })}
      </p>
      <div className="actions">
        {(['csv', 'json', 'pdf'] as const).map((f) => (
          <button key={f} type="button" disabled={keyFile === undefined || busy} onClick={() => void run(f)}>
            {t(`audit.export.${f}`)}
          </button>
        ))}
      </div>
      {busy ? <p role="status">{t('audit.export.running')}</p> : null}
      {error === undefined ? null : <ErrorPanel error={error} />}
      <ul className="exports">
        {done.map((d) => (
          <li key={d.file} data-file={d.file} data-verdict={d.verdict}>
            {t('audit.export.written', {
              file: d.file,
              count: d.records,
              verdict: word('verdict', d.verdict),
            })}
          </li>
        ))}
      </ul>
    </section>
  );
}
