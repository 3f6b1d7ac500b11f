import { useMemo, useState, type ReactNode } from 'react';
import type { HistoryXAxis, MetricSummary, RunRow } from '../../../../preload/contract.js';
import { formatCount, formatMetric, formatMetricExact } from '../../components/format-number.js';
import { useChartTheme } from '../charts/chart-theme.js';
import { DEFAULT_DENSITY, densityLabel } from '../charts/density.js';
import { naturalCompare } from '../charts/format.js';
import { ChartPlaceholder } from '../charts/chart-placeholder.js';
import { MetricChart } from '../charts/metric-chart.js';
import { runLooks } from '../charts/run-looks.js';
import { Sparkline } from '../charts/sparkline.js';
import { useMetricHistory } from '../charts/use-metric-history.js';
import { X_AXIS_LABELS } from '../charts/x-axis.js';

/** Points per sparkline: enough for the shape, cheap for a run with hundreds of metrics. */
const SPARK_POINTS = 200;
const X_AXES: HistoryXAxis[] = ['step', 'time', 'relative'];

/** "Metrics": latest/min/max/points/step per metric with a small chart, and a larger chart of the chosen one. */
export function MetricsSection({ row, summaries }: { row: RunRow; summaries: readonly MetricSummary[] }): ReactNode {
  const sorted = useMemo(() => [...summaries].sort((a, b) => naturalCompare(a.key, b.key)), [summaries]);
  const keys = useMemo(() => sorted.map((s) => s.key), [sorted]);
  const runKeys = useMemo(() => [row.runKey], [row.runKey]);
  const spark = useMetricHistory(runKeys, keys, SPARK_POINTS);
  const sparkByKey = useMemo(() => new Map(spark.series.map((s) => [s.key, s])), [spark.series]);

  const [filter, setFilter] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const [xAxis, setXAxis] = useState<HistoryXAxis>('step');
  const [logY, setLogY] = useState(false);
  // Until the user picks, chart the first metric with a real history (more than one point).
  const selected = picked !== null && keys.includes(picked) ? picked : (sorted.find((s) => s.count > 1)?.key ?? null);
  const selectedKeys = useMemo(() => (selected ? [selected] : []), [selected]);
  const detail = useMetricHistory(runKeys, selectedKeys, DEFAULT_DENSITY);
  const looks = useMemo(() => runLooks([row]), [row]);
  const theme = useChartTheme();

  const f = filter.trim().toLowerCase();
  const shown = f ? sorted.filter((s) => s.key.toLowerCase().includes(f)) : sorted;

  return (
    <section className="rp-section" aria-labelledby="rp-metrics-heading">
      <div className="rp-section-head">
        <h2 id="rp-metrics-heading">Metrics</h2>
        <span className="rp-count">{f ? `${shown.length} of ${sorted.length}` : sorted.length}</span>
        {sorted.length > 8 ? (
          <input className="rp-filter" type="search" placeholder="Filter metrics" aria-label="Filter metrics" value={filter} onChange={(e) => setFilter(e.target.value)} />
        ) : null}
      </div>
      {sorted.length === 0 ? (
        <p className="rp-muted">No metrics were logged.</p>
      ) : (
        <div className="rp-metrics">
          <div className="rp-table-wrap rp-metrics-table">
            <table className="rp-table">
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col" className="rp-num">Latest</th>
                  <th scope="col" className="rp-num">Min</th>
                  <th scope="col" className="rp-num">Max</th>
                  <th scope="col" className="rp-num">Points</th>
                  <th scope="col" className="rp-num">Step</th>
                  <th scope="col">History</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((s) => {
                  const series = sparkByKey.get(s.key);
                  return (
                    <tr
                      key={s.key}
                      className={s.key === selected ? 'is-selected' : undefined}
                      onClick={() => setPicked(s.key)}
                    >
                      <th scope="row" className="rp-key">
                        <button type="button" className="rp-row-button" onClick={() => setPicked(s.key)} title={`Chart ${s.key}`}>
                          {s.key}
                        </button>
                      </th>
                      <td className="rp-num" title={formatMetricExact(s.latest)}>{formatMetric(s.latest)}</td>
                      <td className="rp-num" title={formatMetricExact(s.min)}>{formatMetric(s.min)}</td>
                      <td className="rp-num" title={formatMetricExact(s.max)}>{formatMetric(s.max)}</td>
                      <td className="rp-num">{formatCount(s.count)}</td>
                      <td className="rp-num">{s.step}</td>
                      <td className="rp-spark">
                        {series ? <Sparkline label={s.key} steps={series.steps} values={series.values} color={row.color} /> : <span className="rp-spark-empty" />}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {spark.error ? <p className="rp-error">Could not load metric histories: {spark.error}</p> : null}
          {selected ? (
            <div className="rp-metric-chart">
              {!detail.answeredKeys.has(selected) ? (
                <ChartPlaceholder title={selected} height={240} note={detail.error ? `Could not load: ${detail.error}` : 'Loading…'} />
              ) : (
                <MetricChart
                  label="Selected metric history"
                  metricKey={selected}
                  series={detail.series}
                  runs={looks}
                  runOrder={runKeys}
                  xAxis={xAxis}
                  smoothing={0}
                  logY={logY}
                  theme={theme}
                  height={240}
                  caption={densityLabel(detail.series)}
                  actions={
                    <>
                      <select className="rp-mini-select" aria-label="X axis" value={xAxis} onChange={(e) => setXAxis(e.target.value as HistoryXAxis)}>
                        {X_AXES.map((a) => (
                          <option key={a} value={a}>
                            {X_AXIS_LABELS[a]}
                          </option>
                        ))}
                      </select>
                      <label className="rp-mini-check">
                        <input type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} /> Log
                      </label>
                    </>
                  }
                />
              )}
            </div>
          ) : null}
        </div>
      )}
    </section>
  );
}
