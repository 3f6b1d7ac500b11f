import type { SeriesColumns } from '../db/metric-chunks.js';
import type { IndexDb } from '../db/open-index.js';
import { readSeries, seriesKeysOfRun } from '../query/metric-series.js';
import { pandasCell } from './csv-cells.js';
import { pythonFloatRepr } from './python-float.js';

export const HISTORY_HEADER = 'run_id,run_name,metric,step,timestamp,value\n';

/** Lines per yielded page, so the writer can interleave file writes with formatting. */
const PAGE = 10_000;

interface HistoryRun {
  run_id: string;
  run_name: string;
}

/**
 * The long "metric history" format: one row per logged point, `run_id, run_name, metric, step,
 * timestamp, value`, for one run at a time, ordered by metric key, step and timestamp (then the
 * order the points were logged). One series is in memory at a time (24 bytes a point). Steps and
 * timestamps past 2^53 print exactly (their chunks keep int64); values print as MLflow writes them
 * into metric files (Python `str(float)`: `0.1`, `1e-05`, `nan`, `inf`), quoting as pandas does.
 */
export class HistoryPages {
  private readonly runStatement;
  /** The requested metric keys, or null for every key. */
  private readonly keys: ReadonlySet<string> | null;

  constructor(private readonly db: IndexDb, metricKeys: readonly string[]) {
    this.runStatement = db.prepare<[number], HistoryRun>(
      `SELECT r.run_id,
              COALESCE(NULLIF(r.run_name, ''), (SELECT t.value FROM tags t WHERE t.run_key = r.run_key AND t.key = 'mlflow.runName'), '') AS run_name
         FROM runs r WHERE r.run_key = ?`,
    );
    this.keys = metricKeys.length > 0 ? new Set(metricKeys) : null;
  }

  /**
   * The CSV lines of one run, a page at a time; nothing when the run left the index.
   * Each page is formatted completely before it is yielded, so the connection is free while the caller awaits.
   */
  *linesOf(runKey: number): Generator<{ text: string; rows: number }> {
    const run = this.runStatement.get(runKey);
    if (!run) return;
    const prefix = `${pandasCell(run.run_id)},${pandasCell(run.run_name)},`;
    for (const key of seriesKeysOfRun(this.db, runKey)) {
      if (this.keys && !this.keys.has(key)) continue;
      const series = readSeries(this.db, runKey, key);
      if (series) yield* pages(`${prefix}${pandasCell(key)},`, series);
    }
  }
}

function* pages(prefix: string, series: SeriesColumns): Generator<{ text: string; rows: number }> {
  const { count, values, exact } = series;
  const steps = exact ? exact.steps : series.steps;
  const timestamps = exact ? exact.timestamps : series.timestamps;
  for (let from = 0; from < count; from += PAGE) {
    const to = Math.min(count, from + PAGE);
    let text = '';
    for (let i = from; i < to; i++) {
      const value = values[i]!;
      text += `${prefix}${steps[i]},${timestamps[i]},${Number.isNaN(value) ? 'nan' : pythonFloatRepr(value)}\n`;
    }
    yield { text, rows: to - from };
  }
}
