import type { IndexDb } from '../open-index.js';
import { readSeries } from '../../query/metric-series.js';
import { packPoints } from '../metric-chunks.js';

export interface PointRow {
  runKey: number;
  key: string;
  step: number;
  timestamp: number;
  value: number;
}

/**
 * Every metric point of the index, by run, key, then point order: what tests count and compare now
 * that points are packed (a SQL `SELECT … FROM metric_points` no longer exists).
 */
export function allMetricPoints(db: IndexDb): PointRow[] {
  const series = db.prepare('SELECT DISTINCT run_key, key FROM metric_chunks ORDER BY run_key, key').raw().all() as [number, string][];
  const out: PointRow[] = [];
  for (const [runKey, key] of series) {
    const s = readSeries(db, runKey, key, true)!;
    for (let j = 0; j < s.count; j++) out.push({ runKey, key, step: s.steps[j]!, timestamp: s.timestamps[j]!, value: s.values[j]! });
  }
  return out;
}

/** Writes one series as a single chunk (points as [step, timestamp, value], NaN allowed), for test indexes. */
export function insertSeriesChunk(db: IndexDb, runKey: number, key: string, points: readonly (readonly [number | bigint, number | bigint, number])[]): void {
  const packed = packPoints(points.map(([step, timestamp, value]) => ({ step, timestamp, value })));
  db.prepare(
    `INSERT INTO metric_chunks (run_key, key, seq, count, encoding, points)
     VALUES (?, ?, COALESCE((SELECT MAX(seq) + 1 FROM metric_chunks WHERE run_key = ? AND key = ?), 0), ?, ?, ?)`,
  ).run(runKey, key, runKey, key, packed.count, packed.encoding, packed.points);
}
