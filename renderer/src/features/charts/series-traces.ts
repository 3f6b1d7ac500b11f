import type { Data } from 'plotly.js-strict-dist-min';
import type { HistoryXAxis, MetricSeries } from '../../../../preload/contract.js';
import { smoothEma } from './smoothing.js';
import { X_AXIS_LABELS, xValues, type RelativeUnit } from './x-axis.js';

/** Past this many points in one series, a chart switches to WebGL traces (SVG paths get slow). */
export const WEBGL_THRESHOLD = 2000;

export interface RunLook {
  name: string;
  color: string;
}

/**
 * How a metric is drawn. Lines over the x axis, normally. When every run logged it once (a final
 * score, a training time), one bar per run, which reads far better than a column of dots at
 * x = 0 (MLflow's UI does the same). When every point sits at one step but at different times
 * (MLflow 1.x logged step 0 unless told otherwise), a step axis would stack the whole history
 * on one x: `lines-by-time` tells the chart to draw it over time instead.
 */
export type MetricChartKind = 'lines' | 'bars' | 'lines-by-time';

export function metricChartKind(series: readonly MetricSeries[], metricKey: string): MetricChartKind {
  let step: number | null = null;
  let severalTimes = false;
  for (const s of series) {
    if (s.key !== metricKey) continue;
    for (let i = 0; i < s.steps.length; i++) {
      if (step === null) step = s.steps[i]!;
      else if (s.steps[i] !== step) return 'lines';
      if (s.timestamps[i] !== s.timestamps[0]) severalTimes = true;
    }
  }
  if (step === null) return 'lines';
  return severalTimes ? 'lines-by-time' : 'bars';
}

export interface TraceOptions {
  metricKey: string;
  xAxis: HistoryXAxis;
  /** EMA weight, 0–0.99. */
  smoothing: number;
  /** Zero of relative time per run (see relativeOrigins). */
  origins?: ReadonlyMap<number, number>;
  /** Unit of relative time (see relativeUnit). */
  unit?: RelativeUnit;
}

/**
 * Plotly traces for one metric chart: one line per run in the run's colour, in the order of
 * `runOrder`. With smoothing, the raw line stays as a faint shadow under the smoothed one (as in
 * TensorBoard and MLflow) so spikes are not hidden. NaN and ±Infinity become gaps: Plotly cannot
 * place them, and a gap is honest about where they are.
 */
export function buildMetricTraces(
  series: readonly MetricSeries[],
  runs: ReadonlyMap<number, RunLook>,
  runOrder: readonly number[],
  options: TraceOptions,
): Data[] {
  const byRun = new Map<number, MetricSeries>();
  for (const s of series) if (s.key === options.metricKey) byRun.set(s.runKey, s);
  const longest = Math.max(0, ...[...byRun.values()].map((s) => s.steps.length));
  const type = longest > WEBGL_THRESHOLD ? 'scattergl' : 'scatter';
  const smoothing = Math.min(Math.max(options.smoothing, 0), 0.99);
  const hoverX = options.xAxis === 'time' ? '%{x|%Y-%m-%d %H:%M:%S}' : '%{x}';
  const hoverSuffix = options.xAxis === 'relative' && options.unit ? options.unit.suffix : '';
  const hovertemplate = `%{fullData.name}<br>${X_AXIS_LABELS[options.xAxis]} ${hoverX}${hoverSuffix}<br>${escapeTemplate(options.metricKey)} %{y:.6g}<extra></extra>`;

  if (metricChartKind(series, options.metricKey) === 'bars') return buildBars(byRun, runs, runOrder, options.metricKey);

  const traces: Data[] = [];
  for (const runKey of runOrder) {
    const s = byRun.get(runKey);
    const look = runs.get(runKey);
    if (!s || !look) continue;
    const x = xValues(s, options.xAxis, options.origins?.get(runKey), options.unit);
    const raw = s.values.map(finiteOrNull);
    const mode = s.steps.length === 1 ? 'markers' : 'lines';
    if (smoothing > 0) {
      traces.push({
        type,
        mode,
        x,
        y: raw,
        name: look.name,
        legendgroup: String(runKey),
        showlegend: false,
        hoverinfo: 'skip',
        opacity: 0.25,
        line: { color: look.color, width: 1 },
        marker: { color: look.color, size: 5 },
      });
    }
    traces.push({
      type,
      mode,
      x,
      y: smoothing > 0 ? smoothEma(s.values, smoothing).map(finiteOrNull) : raw,
      name: look.name,
      legendgroup: String(runKey),
      hovertemplate,
      line: { color: look.color, width: 1.5 },
      marker: { color: look.color, size: 5 },
    });
  }
  return traces;
}

/** One bar per run holding its latest value (the series is ordered by step, then time). */
function buildBars(byRun: ReadonlyMap<number, MetricSeries>, runs: ReadonlyMap<number, RunLook>, runOrder: readonly number[], metricKey: string): Data[] {
  const traces: Data[] = [];
  for (const runKey of runOrder) {
    const s = byRun.get(runKey);
    const look = runs.get(runKey);
    if (!s || !look || s.values.length === 0) continue;
    traces.push({
      type: 'bar',
      x: [look.name],
      y: [finiteOrNull(s.values[s.values.length - 1]!)],
      name: look.name,
      legendgroup: String(runKey),
      marker: { color: look.color },
      hovertemplate: `%{fullData.name}<br>${escapeTemplate(metricKey)} %{y:.6g}<extra></extra>`,
    });
  }
  return traces;
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** Plotly reads `%{…}` in hover templates; a literal percent sign must not start a placeholder. */
function escapeTemplate(text: string): string {
  return text.replace(/%/g, '%%').replace(/</g, '&lt;');
}
