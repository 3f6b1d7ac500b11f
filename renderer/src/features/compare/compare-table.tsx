import { Fragment, useMemo, type CSSProperties, type ReactNode } from 'react';
import type { RunDetail } from '../../../../preload/contract.js';
import { formatMetric, formatMetricExact } from '../../components/format-number.js';
import { formatDuration, formatExactTime, runDuration } from '../../components/format-time.js';
import { useNow } from '../../components/use-now.js';
import { RunStatusIcon } from '../../components/run-status.js';
import { navigate } from '../../navigation.js';
import { useCompareStore } from './compare-store.js';
import { buildCompareSections, valuesDiffer, visibleRows, type CellValue, type CompareRow } from './differences.js';
import { displayName } from '../charts/run-looks.js';

/** Params, metrics and tags side by side: one column per run, headed in the run's colour. */
export function CompareTable({ details }: { details: readonly RunDetail[] }): ReactNode {
  const differencesOnly = useCompareStore((s) => s.differencesOnly);
  const showSystemTags = useCompareStore((s) => s.showSystemTags);
  const set = useCompareStore((s) => s.set);
  const rows = useMemo(() => details.map((d) => d.row), [details]);
  const sections = useMemo(() => buildCompareSections(rows), [rows]);
  const now = useNow();

  const attributes: { key: string; values: CellValue[]; render?: (i: number) => ReactNode }[] = [
    { key: 'Run ID', values: rows.map((r) => r.runId), render: (i) => <code>{rows[i]!.runId}</code> },
    { key: 'Status', values: rows.map((r) => r.status), render: (i) => <RunStatusIcon status={rows[i]!.status} showLabel /> },
    { key: 'Start time', values: rows.map((r) => formatExactTime(r.startTime)) },
    { key: 'Duration', values: rows.map((r) => formatDuration(runDuration(r.startTime, r.endTime, r.status === 'RUNNING', now))) },
    { key: 'User', values: rows.map((r) => r.userId) },
    { key: 'Source', values: rows.map((r) => r.sourceName) },
  ];

  const groups: { title: string; rows: readonly CompareRow[]; total: number; numeric?: boolean }[] = [
    { title: 'Parameters', rows: visibleRows(sections.params, differencesOnly), total: sections.params.length },
    { title: 'Metrics', rows: visibleRows(sections.metrics, differencesOnly), total: sections.metrics.length, numeric: true },
    { title: 'Tags', rows: visibleRows(sections.tags, differencesOnly), total: sections.tags.length },
  ];
  if (showSystemTags) groups.push({ title: 'System tags', rows: visibleRows(sections.systemTags, differencesOnly), total: sections.systemTags.length });
  const columns = rows.length + 1;

  return (
    <section className="cmp-section" aria-labelledby="cmp-table-heading">
      <div className="cmp-section-head">
        <h2 id="cmp-table-heading">Parameters, metrics and tags</h2>
        <div className="cmp-toolbar">
          <label className="cmp-check">
            <input type="checkbox" checked={differencesOnly} onChange={(e) => set('differencesOnly', e.target.checked)} />
            Differences only
          </label>
          <label className="cmp-check">
            <input type="checkbox" checked={showSystemTags} onChange={(e) => set('showSystemTags', e.target.checked)} />
            System tags ({sections.systemTags.length})
          </label>
        </div>
      </div>
      <div className="cmp-table-wrap">
        <table className="cmp-table">
          <thead>
            <tr>
              <th scope="col" className="cmp-key-col">
                <span className="visually-hidden">Field</span>
              </th>
              {rows.map((r) => (
                <th key={r.runKey} scope="col" className="cmp-run-col" style={{ borderTopColor: r.color }}>
                  <a
                    href={`#/run/${r.runKey}`}
                    className="cmp-run-name"
                    title={`${displayName(r)} — open the run`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate({ name: 'run', runKey: r.runKey });
                    }}
                  >
                    <span className="cmp-swatch" style={{ background: r.color }} aria-hidden="true" />
                    <span className="cmp-run-label" style={{ '--run-color': r.color } as CSSProperties}>
                      {displayName(r)}
                    </span>
                  </a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {attributes
              .filter((a) => !differencesOnly || valuesDiffer(a.values) || a.key === 'Run ID')
              .map((a) => (
                <tr key={a.key} className="cmp-attr-row">
                  <th scope="row" className="cmp-key-col">
                    {a.key}
                  </th>
                  {a.values.map((v, i) => (
                    <td key={rows[i]!.runKey}>{a.render ? a.render(i) : <span title={String(v ?? '')}>{v}</span>}</td>
                  ))}
                </tr>
              ))}
            {groups.map((g) => (
              <Fragment key={g.title}>
                <tr className="cmp-group-row">
                  <th scope="rowgroup" colSpan={columns}>
                    {g.title}{' '}
                    <span className="cmp-muted">
                      {differencesOnly ? `${g.rows.length} of ${g.total} differ` : g.total}
                    </span>
                  </th>
                </tr>
                {g.rows.length === 0 ? (
                  <tr>
                    <td colSpan={columns} className="cmp-muted cmp-empty">
                      {g.total === 0 ? 'None logged.' : 'All runs agree.'}
                    </td>
                  </tr>
                ) : (
                  g.rows.map((row) => (
                    <tr key={row.key} className={row.differs && !differencesOnly ? 'cmp-differs' : undefined}>
                      <th scope="row" className="cmp-key-col" title={row.key}>
                        {row.key}
                      </th>
                      {row.values.map((v, i) => (
                        <td key={rows[i]!.runKey} className={g.numeric ? 'cmp-num' : undefined}>
                          <Cell value={v} />
                        </td>
                      ))}
                    </tr>
                  ))
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Cell({ value }: { value: CellValue }): ReactNode {
  if (value === undefined) return <span className="cmp-missing" aria-label="not logged">—</span>;
  if (typeof value === 'number') return <span title={formatMetricExact(value)}>{formatMetric(value)}</span>;
  return <span title={value}>{value === '' ? <span className="cmp-muted">(empty)</span> : value}</span>;
}
