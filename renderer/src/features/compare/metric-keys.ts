import type { RunRow } from '../../../../preload/contract.js';
import { naturalCompare } from '../charts/format.js';

/** Every metric key any of the runs logged, naturally sorted. */
export function allMetricKeys(rows: readonly RunRow[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r.metrics)))].sort(naturalCompare);
}

/**
 * The metrics charted before the user picks: the first `count` keys every run logged, topped up
 * with keys only some runs have when fewer are shared.
 */
export function defaultMetricKeys(rows: readonly RunRow[], count = 4): string[] {
  const all = allMetricKeys(rows);
  const common = all.filter((k) => rows.every((r) => Object.prototype.hasOwnProperty.call(r.metrics, k)));
  const rest = all.filter((k) => !common.includes(k));
  return [...common, ...rest].slice(0, count);
}

/**
 * The keys to chart: the user's picks that these runs still have (in their order), or the
 * defaults when nothing was picked or none of the picks apply here.
 */
export function effectiveMetricKeys(picked: readonly string[] | null, rows: readonly RunRow[]): string[] {
  if (picked !== null) {
    const available = new Set(allMetricKeys(rows));
    const kept = picked.filter((k) => available.has(k));
    if (kept.length > 0 || picked.length === 0) return kept;
  }
  return defaultMetricKeys(rows);
}
