import { useMemo, type ReactNode } from 'react';
import { pluralize } from '../../components/format-number.js';
import { navigate } from '../../navigation.js';
import { CompareTable } from './compare-table.js';
import { HistorySection } from './history-section.js';
import { ParallelSection } from './parallel-section.js';
import { displayName, runLooks } from '../charts/run-looks.js';
import { ScatterSection } from './scatter-section.js';
import { useCompareRuns } from './use-compare-runs.js';
import './compare.css';

/** Route `compare`: the chosen runs side by side, their metric histories and cross-run plots. */
export function ComparePage({ runKeys }: { runKeys: number[] }): ReactNode {
  const { details, failures, loading } = useCompareRuns(runKeys);
  const rows = useMemo(() => details.map((d) => d.row), [details]);
  const looks = useMemo(() => runLooks(rows), [rows]);

  return (
    <div className="cmp-page">
      <header className="cmp-header">
        <button type="button" className="cmp-back" onClick={() => navigate({ name: 'runs' })}>
          ← Runs
        </button>
        <h1>Compare runs</h1>
        <span className="cmp-muted">{pluralize(runKeys.length, 'run')}</span>
        <ul className="cmp-legend" aria-label="Compared runs">
          {rows.map((r) => (
            <li key={r.runKey}>
              <a
                href={`#/run/${r.runKey}`}
                onClick={(e) => {
                  e.preventDefault();
                  navigate({ name: 'run', runKey: r.runKey });
                }}
                title={`${displayName(r)} (${r.runId})`}
              >
                <span className="cmp-swatch" style={{ background: r.color }} aria-hidden="true" />
                {displayName(r)}
              </a>
            </li>
          ))}
        </ul>
      </header>
      {failures.length > 0 ? (
        <div className="cmp-error" role="alert">
          {failures.map((f) => (
            <div key={f.runKey}>
              Run {f.runKey} could not be loaded: {f.message}
            </div>
          ))}
        </div>
      ) : null}
      {rows.length === 0 ? (
        loading ? (
          <p className="cmp-muted cmp-loading">Loading runs…</p>
        ) : (
          <p className="cmp-muted">None of these runs could be loaded.</p>
        )
      ) : (
        <>
          {rows.length === 1 ? <p className="cmp-muted">Select two or more runs in the runs table to compare them.</p> : null}
          <HistorySection rows={rows} looks={looks} />
          <CompareTable details={details} />
          <ParallelSection rows={rows} />
          <ScatterSection rows={rows} />
        </>
      )}
    </div>
  );
}
