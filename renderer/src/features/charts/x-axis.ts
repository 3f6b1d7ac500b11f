import type { HistoryXAxis, MetricSeries } from '../../../../preload/contract.js';
import { plotlyLocalTime } from './format.js';

export const X_AXIS_LABELS: Record<HistoryXAxis, string> = {
  step: 'Step',
  time: 'Wall time',
  relative: 'Relative time',
};

/**
 * The x values of one series for the chosen axis: the step; the wall-clock time (as local time
 * strings for a Plotly date axis); or seconds since the run's first logged point, which lines
 * runs started at different times up against each other (MLflow's "relative time").
 */
export function xValues(
  series: Pick<MetricSeries, 'steps' | 'timestamps'>,
  axis: HistoryXAxis,
  origin?: number,
  unit: RelativeUnit = RELATIVE_UNITS[0]!,
): (number | string)[] {
  switch (axis) {
    case 'step':
      return series.steps.slice();
    case 'time':
      return series.timestamps.map(plotlyLocalTime);
    case 'relative': {
      const start = origin ?? minOf(series.timestamps);
      return series.timestamps.map((t) => (t - start) / unit.ms);
    }
  }
}

/** Earliest timestamp of a run over all its fetched series: the zero of its relative time. */
export function relativeOrigins(series: readonly MetricSeries[]): Map<number, number> {
  const origins = new Map<number, number>();
  for (const s of series) {
    const m = minOf(s.timestamps);
    if (!Number.isFinite(m)) continue;
    const prev = origins.get(s.runKey);
    if (prev === undefined || m < prev) origins.set(s.runKey, m);
  }
  return origins;
}

/** Units for relative time, so a day-long run reads "20 h" rather than "72k s". */
export interface RelativeUnit {
  ms: number;
  suffix: string;
  name: string;
}

export const RELATIVE_UNITS: readonly RelativeUnit[] = [
  { ms: 1000, suffix: ' s', name: 's' },
  { ms: 60_000, suffix: ' min', name: 'min' },
  { ms: 3_600_000, suffix: ' h', name: 'h' },
];

/** The unit for relative time: the largest one that still spans at least 3 units over the chart. */
export function relativeUnit(series: readonly Pick<MetricSeries, 'runKey' | 'timestamps'>[], origins: ReadonlyMap<number, number>): RelativeUnit {
  let span = 0;
  for (const s of series) {
    const origin = origins.get(s.runKey);
    if (origin === undefined) continue;
    for (const t of s.timestamps) if (t - origin > span) span = t - origin;
  }
  let unit = RELATIVE_UNITS[0]!;
  for (const u of RELATIVE_UNITS) if (span >= 3 * u.ms) unit = u;
  return unit;
}

/** Plotly axis settings for the x axis of a history chart. */
export function xAxisLayout(axis: HistoryXAxis, unit: RelativeUnit = RELATIVE_UNITS[0]!): { type: 'linear' | 'date'; title: string; ticksuffix?: string } {
  if (axis === 'time') return { type: 'date', title: X_AXIS_LABELS.time };
  if (axis === 'relative') return { type: 'linear', title: `Relative time (${unit.name})`, ticksuffix: unit.suffix };
  return { type: 'linear', title: X_AXIS_LABELS.step };
}

function minOf(xs: readonly number[]): number {
  let m = Number.POSITIVE_INFINITY;
  for (const x of xs) if (x < m) m = x;
  return m;
}
