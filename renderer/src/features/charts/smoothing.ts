/**
 * Exponential moving average with TensorBoard's debiasing, the smoothing MLflow's UI applies to
 * metric charts: `weight` 0 leaves the curve as is, 0.99 nearly flattens it. Debiasing divides
 * by `1 - weight^n` so the smoothed curve starts at the first value instead of rising from zero.
 * NaN and ±Infinity pass through unchanged and do not poison the average; a constant series is
 * returned as is (TensorBoard does the same, to avoid rounding drift on flat lines).
 */
export function smoothEma(values: readonly number[], weight: number): number[] {
  const w = Math.min(Math.max(weight, 0), 0.999);
  if (w === 0 || values.length === 0) return values.slice();
  const first = values[0];
  if (values.every((v) => v === first)) return values.slice();
  const out = new Array<number>(values.length);
  let last = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      out[i] = v;
      continue;
    }
    last = last * w + (1 - w) * v;
    count += 1;
    out[i] = last / (1 - Math.pow(w, count));
  }
  return out;
}
