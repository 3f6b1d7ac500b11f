import type { IntValue, MetricPoint } from './metric-line.js';

function cmpInt(a: IntValue, b: IntValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Whether `candidate` replaces `current` as the latest value, exactly as MLflow's
 * `max(points, key=lambda m: (m.step, m.timestamp, m.value))` decides it, scanning in file order:
 * Python compares tuples at the first unequal element, and NaN is unequal to everything while
 * `>` against NaN is False. So with equal (step, timestamp) a NaN never replaces and is never
 * replaced: the earlier of the two points wins. This is NOT "the last line".
 */
export function replacesLatest(candidate: MetricPoint, current: MetricPoint): boolean {
  const step = cmpInt(candidate.step, current.step);
  if (step !== 0) return step > 0;
  const ts = cmpInt(candidate.timestamp, current.timestamp);
  if (ts !== 0) return ts > 0;
  return candidate.value > current.value;
}

/** Running summary of one metric series: the latest point, min/max over non-NaN values, count. */
export interface MetricSummaryAcc {
  latest: MetricPoint | null;
  min: number | null;
  max: number | null;
  count: number;
}

export function emptySummary(): MetricSummaryAcc {
  return { latest: null, min: null, max: null, count: 0 };
}

/** Folds points (in file order) into a summary; appending later lines continues the same scan. */
export function foldPoints(acc: MetricSummaryAcc, points: readonly MetricPoint[]): MetricSummaryAcc {
  let { latest, min, max, count } = acc;
  for (const p of points) {
    if (latest === null || replacesLatest(p, latest)) latest = p;
    if (!Number.isNaN(p.value)) {
      if (min === null || p.value < min) min = p.value;
      if (max === null || p.value > max) max = p.value;
    }
    count++;
  }
  return { latest, min, max, count };
}
