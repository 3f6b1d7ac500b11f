/** The smallest budget that still keeps first, last, min, max and one NaN gap marker. */
export const MIN_DOWNSAMPLE_POINTS = 5;

/**
 * Shape-preserving downsampling by min/max buckets: keeps the first and the last point, and from
 * each of the equal-width buckets in between its lowest and highest point (plus its first NaN, so
 * a gap in the series stays a gap). The global minimum and maximum are therefore always kept,
 * spikes survive, and the result never has more than `max(maxPoints, 5)` points.
 *
 * Returns the indices to keep in ascending order; all of them when the series already fits or
 * `maxPoints` is 0.
 */
export function downsampleIndices(values: ArrayLike<number>, maxPoints: number): number[] {
  const n = values.length;
  const budget = Math.max(maxPoints, MIN_DOWNSAMPLE_POINTS);
  if (maxPoints <= 0 || n <= budget) return Array.from({ length: n }, (_, i) => i);
  let hasNan = false;
  for (let i = 0; i < n && !hasNan; i++) hasNan = Number.isNaN(values[i]);
  const perBucket = hasNan ? 3 : 2;
  const buckets = Math.max(1, Math.floor((budget - 2) / perBucket));
  const interior = n - 2;
  const kept: number[] = [0];
  for (let b = 0; b < buckets; b++) {
    const start = 1 + Math.floor((b * interior) / buckets);
    const end = 1 + Math.floor(((b + 1) * interior) / buckets);
    let lo = -1;
    let hi = -1;
    let nan = -1;
    for (let i = start; i < end; i++) {
      const v = values[i]!;
      if (Number.isNaN(v)) {
        if (nan === -1) nan = i;
        continue;
      }
      if (lo === -1 || v < values[lo]!) lo = i;
      if (hi === -1 || v > values[hi]!) hi = i;
    }
    const picks = [lo, hi, nan].filter((i) => i !== -1).sort((x, y) => x - y);
    for (let k = 0; k < picks.length; k++) if (k === 0 || picks[k] !== picks[k - 1]) kept.push(picks[k]!);
  }
  kept.push(n - 1);
  return kept;
}
