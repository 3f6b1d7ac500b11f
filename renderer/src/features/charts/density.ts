import type { MetricSeries } from '../../../../preload/contract.js';
import { formatCount } from '../../components/format-number.js';

/** Points per series asked of main (`HistoryQuery.maxPoints`); 0 means every point. */
export const DENSITY_OPTIONS: readonly { value: number; label: string }[] = [
  { value: 500, label: '500 points' },
  { value: 1000, label: '1,000 points' },
  { value: 5000, label: '5,000 points' },
  { value: 0, label: 'All points' },
];

export const DEFAULT_DENSITY = 1000;

/**
 * The sentence that keeps downsampling visible: "Showing 1,000 of 10,000 points per run".
 * Uses the longest series, so one long run is never hidden behind many short ones.
 */
export function densityLabel(series: readonly Pick<MetricSeries, 'steps' | 'totalPoints'>[]): string {
  if (series.length === 0) return '';
  let shown = 0;
  let total = 0;
  for (const s of series) {
    shown = Math.max(shown, s.steps.length);
    total = Math.max(total, s.totalPoints);
  }
  if (shown >= total) return `Showing all ${formatCount(total)} ${total === 1 ? 'point' : 'points'} per run`;
  return `Showing ${formatCount(shown)} of ${formatCount(total)} points per run`;
}

/** Whether any series was downsampled: the density control is then worth pointing at. */
export function isDownsampled(series: readonly Pick<MetricSeries, 'steps' | 'totalPoints'>[]): boolean {
  return series.some((s) => s.steps.length < s.totalPoints);
}
