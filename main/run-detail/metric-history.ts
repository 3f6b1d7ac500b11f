import type { HistoryQuery, MetricSeries } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import type { SeriesColumns } from '../db/metric-chunks.js';
import { readSeries } from '../query/metric-series.js';
import { downsampleIndices } from './downsample.js';
import { statementCache } from './statement-cache.js';

const statements = statementCache((db: IndexDb) => ({
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
      const columns = readSeries(db, runKey, key);
      if (columns) series.push(toSeries(runKey, key, columns, query.maxPoints));
    }
  }
  return series;
}

function toSeries(runKey: number, key: string, columns: SeriesColumns, maxPoints: number): MetricSeries {
  const total = columns.count;
  const keep = maxPoints > 0 && total > maxPoints ? downsampleIndices(columns.values, maxPoints) : null;
  const count = keep ? keep.length : total;
  const steps = new Array<number>(count);
  const timestamps = new Array<number>(count);
  const values = new Array<number>(count);
  for (let j = 0; j < count; j++) {
    const i = keep ? keep[j]! : j;
    steps[j] = columns.steps[i]!;
    timestamps[j] = columns.timestamps[i]!;
    values[j] = columns.values[i]!;
  }
  return { runKey, key, steps, timestamps, values, totalPoints: total };
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
    const columns = readSeries(db, runKey, key, true);
    for (let i = 0; i < (columns?.count ?? 0); i++) {
      points.push({ key, value: columns!.values[i]!, timestamp: columns!.timestamps[i]!, step: columns!.steps[i]! });
    }
  }
  return points;
}
