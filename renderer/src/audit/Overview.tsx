// Enrollments per day and how they ended, over the filtered period, as charts (Recharts: SVG
// drawn by React, no inline <style> or script, so it runs under the kiosk's CSP). The same
// counts are listed in a table beside the charts: what the charts show can be read exactly, also
// by a screen reader.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Pie, PieChart, Tooltip, XAxis, YAxis } from 'recharts';
import type {
  AuditFilterView,
  AuditOverviewView,
  ErrorView,
  StationBridge,
} from '../../../electron/ipc-contract.ts';
import { ErrorPanel } from '../components.tsx';
import { Filters } from './Filters.tsx';

/** how an enrollment ended → its colour (distinct also for the common colour-vision deficiencies) */
const COLOURS: Record<string, string> = {
  issued: '#1b7f3b',
  'issued-pin-not-changed': '#8a6d00',
  denied: '#b3261e',
  failed: '#6b2fa3',
  'rolled-back': '#0b5cad',
  refused: '#5f6368',
  abandoned: '#7a4a2a',
};
const colour = (status: string): string => COLOURS[status] ?? '#444444';

export function OverviewScreen(props: {
  readonly station: StationBridge;
  readonly filter: AuditFilterView;
  readonly onFilter: (f: AuditFilterView) => void;
}): ReactNode {
  const { station, filter, onFilter } = props;
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<AuditOverviewView | undefined>(undefined);
  const [error, setError] = useState<ErrorView | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void station.auditOverview({ filter }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setData(r.value);
        setError(undefined);
      } else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [station, filter]);
  const word = (status: string): string =>
    i18n.exists(`audit.status.${status}`) ? t(`audit.status.${status}`) : status;
  const num = (n: number): string => new Intl.NumberFormat(i18n.language).format(n);
  const statuses = data === undefined ? [] : Object.keys(data.byStatus).sort();
  const perDay =
    data?.days.map((d) => ({
      day: d.day,
      ...Object.fromEntries(statuses.map((s) => [s, d.byStatus[s] ?? 0])),
    })) ?? [];
  const totals = statuses.map((s) => ({
    status: s,
    name: word(s),
    value: data?.byStatus[s] ?? 0,
    fill: colour(s),
  }));
  return (
    <>
      <Filters filter={filter} onApply={onFilter} />
      {error === undefined ? null : <ErrorPanel error={error} />}
      {data === undefined ? null : data.total === 0 ? (
        <p role="status">{t('audit.log.none')}</p>
      ) : (
        <div className="overview">
          <figure aria-labelledby="per-day-title" data-chart="per-day">
            <figcaption id="per-day-title">{t('audit.overview.perDay', { count: data.total })}</figcaption>
            <BarChart width={760} height={300} data={perDay} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="day" />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              {statuses.map((s) => (
                <Bar
                  key={s}
                  dataKey={s}
                  name={word(s)}
                  stackId="day"
                  fill={colour(s)}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </figure>
          <figure aria-labelledby="outcomes-title" data-chart="outcomes">
            <figcaption id="outcomes-title">{t('audit.overview.outcomes')}</figcaption>
            <PieChart width={300} height={300} accessibilityLayer={false}>
              <Pie
                data={totals}
                dataKey="value"
                nameKey="name"
                outerRadius={110}
                isAnimationActive={false}
                label
              />
              <Tooltip />
            </PieChart>
          </figure>
          <table aria-label={t('audit.overview.table')} className="overview-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.col.day')}</th>
                {statuses.map((s) => (
                  <th scope="col" key={s}>
                    {word(s)}
                  </th>
                ))}
                <th scope="col">{t('audit.col.total')}</th>
              </tr>
            </thead>
            <tbody>
              {data.days.map((d) => (
                <tr key={d.day} data-day={d.day}>
                  <th scope="row">{d.day}</th>
                  {statuses.map((s) => (
                    <td key={s} data-status={s}>
                      {num(d.byStatus[s] ?? 0)}
                    </td>
                  ))}
                  <td data-status="total">{num(d.total)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-day="total">
                <th scope="row">{t('audit.col.total')}</th>
                {statuses.map((s) => (
                  <td key={s} data-status={s}>
                    {num(data.byStatus[s] ?? 0)}
                  </td>
                ))}
                <td data-status="total">{num(data.total)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </>
  );
}
