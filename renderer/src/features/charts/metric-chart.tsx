import { useMemo, type ReactNode } from 'react';
import type { Layout } from 'plotly.js-strict-dist-min';
import type { HistoryXAxis, MetricSeries } from '../../../../preload/contract.js';
import { baseLayout, type ChartTheme } from './chart-theme.js';
import { PlotlyFigure } from './plotly-figure.js';
import { buildMetricTraces, metricChartKind, type RunLook } from './series-traces.js';
import { relativeOrigins, relativeUnit, xAxisLayout } from './x-axis.js';

export interface MetricChartProps {
  metricKey: string;
  /** Series of any metrics; the chart draws those of `metricKey`. */
  series: readonly MetricSeries[];
  runs: ReadonlyMap<number, RunLook>;
  runOrder: readonly number[];
  xAxis: HistoryXAxis;
  smoothing: number;
  logY: boolean;
  theme: ChartTheme;
  /** Zero of relative time per run; computed from `series` when not given. */
  origins?: ReadonlyMap<number, number>;
  height?: number;
  /** Accessible name; the metric key unless told otherwise. */
  label?: string;
  caption?: ReactNode;
  actions?: ReactNode;
}

/** The history of one metric, one line per run. */
export function MetricChart(props: MetricChartProps): ReactNode {
  const { metricKey, series, runs, runOrder, xAxis, smoothing, logY, theme, origins, height, label, caption, actions } = props;
  const kind = useMemo(() => metricChartKind(series, metricKey), [series, metricKey]);
  // A history logged entirely at one step says nothing along a step axis: show it over time.
  const axis: HistoryXAxis = kind === 'lines-by-time' && xAxis === 'step' ? 'relative' : xAxis;
  const zeros = useMemo(() => origins ?? relativeOrigins(series), [origins, series]);
  const unit = useMemo(() => relativeUnit(series.filter((s) => s.key === metricKey), zeros), [series, metricKey, zeros]);
  const data = useMemo(
    () => buildMetricTraces(series, runs, runOrder, { metricKey, xAxis: axis, smoothing, origins: zeros, unit }),
    [series, runs, runOrder, metricKey, axis, smoothing, zeros, unit],
  );
  const layout = useMemo((): Partial<Layout> => {
    const base = baseLayout(theme);
    if (kind === 'bars') {
      return {
        ...base,
        bargap: 0.35,
        barmode: 'overlay',
        xaxis: { ...base.xaxis, type: 'category', tickangle: -30 },
        yaxis: { ...base.yaxis, type: logY ? 'log' : 'linear', exponentformat: 'e' },
      } as Partial<Layout>;
    }
    const x = xAxisLayout(axis, unit);
    return {
      ...base,
      xaxis: { ...base.xaxis, type: x.type, ticksuffix: x.ticksuffix ?? '', title: { ...base.xaxis?.title, text: x.title } },
      yaxis: { ...base.yaxis, type: logY ? 'log' : 'linear', exponentformat: 'e' },
    } as Partial<Layout>;
  }, [theme, axis, logY, kind, unit]);
  return (
    <PlotlyFigure
      label={label ?? metricKey}
      title={metricKey}
      data={data}
      layout={layout}
      uirevision={`${metricKey}|${kind}|${axis === 'relative' ? `relative-${unit.name}` : axis}|${logY ? 'log' : 'linear'}`}
      height={height}
      downloadName={metricKey}
      caption={
        axis !== xAxis ? (
          <>
            Every point was logged at the same step, so this chart runs over relative time.{caption ? <> {caption}</> : null}
          </>
        ) : (
          caption
        )
      }
      actions={actions}
    />
  );
}
