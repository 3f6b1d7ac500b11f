import { useMemo, type ReactNode } from 'react';
import type { HistoryXAxis, RunRow } from '../../../../preload/contract.js';
import { useChartTheme } from '../charts/chart-theme.js';
import { DENSITY_OPTIONS, densityLabel, isDownsampled } from '../charts/density.js';
import { ChartPlaceholder } from '../charts/chart-placeholder.js';
import { MetricChart } from '../charts/metric-chart.js';
import type { RunLook } from '../charts/series-traces.js';
import { useMetricHistory } from '../charts/use-metric-history.js';
import { relativeOrigins, X_AXIS_LABELS } from '../charts/x-axis.js';
import { useCompareStore } from './compare-store.js';
import { allMetricKeys, effectiveMetricKeys } from './metric-keys.js';
import { MetricPicker } from './metric-picker.js';

const X_AXES: HistoryXAxis[] = ['step', 'time', 'relative'];

/** Metric history charts: one per picked metric, one line per run, with the shared chart controls. */
export function HistorySection({ rows, looks }: { rows: readonly RunRow[]; looks: ReadonlyMap<number, RunLook> }): ReactNode {
  const settings = useCompareStore();
  const available = useMemo(() => allMetricKeys(rows), [rows]);
  const keys = useMemo(() => effectiveMetricKeys(settings.pickedKeys, rows), [settings.pickedKeys, rows]);
  const runOrder = useMemo(() => rows.map((r) => r.runKey), [rows]);
  const history = useMetricHistory(runOrder, keys, settings.density);
  const theme = useChartTheme();
  const origins = useMemo(() => relativeOrigins(history.series), [history.series]);
  const density = densityLabel(history.series);

  return (
    <section className="cmp-section" aria-labelledby="cmp-history-heading">
      <div className="cmp-section-head">
        <h2 id="cmp-history-heading">Metric history</h2>
        <div className="cmp-toolbar" role="toolbar" aria-label="Chart options">
          <MetricPicker
            available={available}
            selected={keys}
            onToggle={(key) => settings.toggleKey(key, keys)}
            onSetAll={(next) => settings.set('pickedKeys', next)}
          />
          <div className="cmp-segmented" role="radiogroup" aria-label="X axis">
            {X_AXES.map((axis) => (
              <label key={axis} className={settings.xAxis === axis ? 'is-on' : ''}>
                <input type="radio" name="cmp-x-axis" checked={settings.xAxis === axis} onChange={() => settings.set('xAxis', axis)} />
                {X_AXIS_LABELS[axis]}
              </label>
            ))}
          </div>
          <label className="cmp-slider">
            Smoothing
            <input
              type="range"
              min={0}
              max={0.99}
              step={0.01}
              value={settings.smoothing}
              onChange={(e) => settings.set('smoothing', Number(e.target.value))}
            />
            <output aria-hidden="true">{settings.smoothing.toFixed(2)}</output>
          </label>
          <label className="cmp-check">
            <input type="checkbox" checked={settings.logY} onChange={(e) => settings.set('logY', e.target.checked)} />
            Log scale
          </label>
          <label className="cmp-select">
            Density
            <select value={settings.density} onChange={(e) => settings.set('density', Number(e.target.value))}>
              {DENSITY_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <span className={`cmp-density ${isDownsampled(history.series) ? 'is-sampled' : ''}`} role="status" aria-label="Points drawn">
            {density}
            {history.loading ? <span className="cmp-spinner" aria-label="Loading" /> : null}
          </span>
        </div>
      </div>
      {history.error ? <p className="cmp-error">Could not load metric history: {history.error}</p> : null}
      {keys.length === 0 ? (
        <p className="cmp-muted">{available.length === 0 ? 'These runs logged no metrics.' : 'Pick metrics to chart.'}</p>
      ) : (
        <div className="cmp-chart-grid">
          {keys.map((key) =>
            !history.answeredKeys.has(key) ? (
              <ChartPlaceholder key={key} title={key} note={history.error ? 'Not loaded' : 'Loading…'} />
            ) : (
              <MetricChart
                key={key}
                metricKey={key}
                series={history.series}
                runs={looks}
                runOrder={runOrder}
                xAxis={settings.xAxis}
                smoothing={settings.smoothing}
                logY={settings.logY}
                theme={theme}
                origins={origins}
              />
            ),
          )}
        </div>
      )}
    </section>
  );
}
