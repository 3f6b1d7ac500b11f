import type { HistoryQuery, MetricSeries } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { downsampleIndices } from './downsample.js';
import { statementCache } from './statement-cache.js';

/** value is NULL exactly when the point is NaN (the index stores NaN as NULL + is_nan). */
type PointRow = [step: number, timestamp: number, value: number | null];

const statements = statementCache((db: IndexDb) => ({
  // Charts: the order of metric_points_by_run_key_step, so SQLite sorts nothing. Reading rows is
  // the whole cost here (~0.5 µs a row in better-sqlite3), hence three columns and no more.
  series: db.prepare<[number, string], PointRow>('SELECT step, timestamp, value FROM metric_points WHERE run_key = ? AND key = ? ORDER BY step, timestamp').raw(),
  // The CLI's order also breaks (step, timestamp) ties by value, as MLflow-compatible output must be stable.
  sortedSeries: db
    .prepare<[number, string], PointRow>('SELECT step, timestamp, value FROM metric_points WHERE run_key = ? AND key = ? ORDER BY step, timestamp, value')
    .raw(),
  keysOfRun: db.prepare<[number], string>('SELECT key FROM latest_metrics WHERE run_key = ? ORDER BY key').pluck(),
}));

/**
 * Full metric histories for runs × keys (every key of each run when `keys` is empty), ordered by
 * step then timestamp (points sharing both keep their logging order); NaN points carry NaN. Series longer than `maxPoints` (> 0) are downsampled
 * keeping their shape (see downsample.ts); `totalPoints` always counts the full history, so the UI
 * can say how dense a line really is. Runs or keys without points give no series.
 */
export function readMetricHistories(db: IndexDb, query: HistoryQuery): MetricSeries[] {
  const s = statements(db);
  const series: MetricSeries[] = [];
  for (const runKey of new Set(query.runKeys)) {
    const keys = query.keys.length > 0 ? [...new Set(query.keys)] : s.keysOfRun.all(runKey);
    for (const key of keys) {
      const rows = s.series.all(runKey, key);
      if (rows.length === 0) continue;
      series.push(toSeries(runKey, key, rows, query.maxPoints));
    }
  }
  return series;
}

function toSeries(runKey: number, key: string, rows: PointRow[], maxPoints: number): MetricSeries {
  const total = rows.length;
  const values = new Array<number>(total);
  for (let i = 0; i < total; i++) {
    const row = rows[i]!;
    values[i] = row[2] ?? Number.NaN;
  }
  const keep = maxPoints > 0 && total > maxPoints ? downsampleIndices(values, maxPoints) : null;
  const count = keep ? keep.length : total;
  const steps = new Array<number>(count);
  const timestamps = new Array<number>(count);
  const kept = keep ? new Array<number>(count) : values;
  for (let j = 0; j < count; j++) {
    const i = keep ? keep[j]! : j;
    steps[j] = rows[i]![0];
    timestamps[j] = rows[i]![1];
    if (keep) kept[j] = values[i]!;
  }
  return { runKey, key, steps, timestamps, values: kept, totalPoints: total };
}

export interface HistoryPoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

/** Every point of a run (all keys when `keys` is empty), sorted by key, step, timestamp, value: the CLI's order. */
export function listMetricPoints(db: IndexDb, runKey: number, keys: readonly string[]): HistoryPoint[] {
  const s = statements(db);
  const wanted = keys.length > 0 ? [...new Set(keys)].sort() : s.keysOfRun.all(runKey);
  const points: HistoryPoint[] = [];
  for (const key of wanted) {
    for (const [step, timestamp, value] of s.sortedSeries.all(runKey, key)) {
      points.push({ key, value: value ?? Number.NaN, timestamp, step });
    }
  }
  return points;
}
