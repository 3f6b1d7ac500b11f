import type { IndexDb } from '../db/open-index.js';
import { pandasCell } from './csv-cells.js';
import { pythonFloatRepr } from './python-float.js';

export const HISTORY_HEADER = 'run_id,run_name,metric,step,timestamp,value\n';

/** Points fetched per statement, so a run with millions of points never sits in memory at once. */
const PAGE = 10_000;

interface HistoryRun {
  run_id: string;
  run_name: string;
}

type PointRow = [key: string, step: bigint, timestamp: bigint, value: number | null, isNan: bigint, rowid: bigint];

const COLUMNS = 'key, step, timestamp, value, is_nan, rowid';

/**
 * Every point of a run, a page at a time along the (run, key, step, timestamp) index: each page
 * starts after the last row of the previous one. One statement per run when its history is short.
 */
export const HISTORY_FIRST_PAGE_SQL = `SELECT ${COLUMNS} FROM metric_points
  WHERE run_key = @runKey ORDER BY key, step, timestamp, rowid LIMIT @limit`;
export const HISTORY_NEXT_PAGE_SQL = `SELECT ${COLUMNS} FROM metric_points
  WHERE run_key = @runKey AND (key, step, timestamp, rowid) > (@key, @step, @timestamp, @rowid)
  ORDER BY key, step, timestamp, rowid LIMIT @limit`;
/**
 * With a list of keys, one key at a time: a key list in the condition would stop SQLite from using
 * the row-value range, and every page would rescan the run from its first point.
 */
export const HISTORY_LISTED_KEYS_SQL = `SELECT DISTINCT key FROM metric_points
  WHERE run_key = @runKey AND key IN (SELECT value FROM json_each(@keys)) ORDER BY key`;
export const HISTORY_KEY_FIRST_PAGE_SQL = `SELECT ${COLUMNS} FROM metric_points
  WHERE run_key = @runKey AND key = @key ORDER BY step, timestamp, rowid LIMIT @limit`;
export const HISTORY_KEY_NEXT_PAGE_SQL = `SELECT ${COLUMNS} FROM metric_points
  WHERE run_key = @runKey AND key = @key AND (step, timestamp, rowid) > (@step, @timestamp, @rowid)
  ORDER BY step, timestamp, rowid LIMIT @limit`;

/**
 * The long "metric history" format: one row per logged point, `run_id, run_name, metric, step,
 * timestamp, value`, for one run at a time, ordered by metric key, step and timestamp (then the
 * order the points were indexed). Steps and timestamps are read as 64-bit integers, so steps past
 * 2^53 print exactly; values print as MLflow writes them into metric files (Python `str(float)`:
 * `0.1`, `1e-05`, `nan`, `inf`), quoting as pandas does.
 */
export class HistoryPages {
  private readonly runStatement;
  private readonly keysStatement;
  private readonly firstPage;
  private readonly nextPage;
  /** The requested metric keys as a JSON array, or null for every key. */
  private readonly keys: string | null;

  constructor(db: IndexDb, metricKeys: readonly string[]) {
    this.runStatement = db.prepare<[number], HistoryRun>(
      `SELECT r.run_id,
              COALESCE(NULLIF(r.run_name, ''), (SELECT t.value FROM tags t WHERE t.run_key = r.run_key AND t.key = 'mlflow.runName'), '') AS run_name
         FROM runs r WHERE r.run_key = ?`,
    );
    this.keys = metricKeys.length > 0 ? JSON.stringify(metricKeys) : null;
    this.keysStatement = db.prepare(HISTORY_LISTED_KEYS_SQL).pluck();
    const listed = this.keys !== null;
    this.firstPage = db.prepare(listed ? HISTORY_KEY_FIRST_PAGE_SQL : HISTORY_FIRST_PAGE_SQL).raw().safeIntegers();
    this.nextPage = db.prepare(listed ? HISTORY_KEY_NEXT_PAGE_SQL : HISTORY_NEXT_PAGE_SQL).raw().safeIntegers();
  }

  /**
   * The CSV lines of one run, a page at a time; nothing when the run left the index.
   * Each page is read completely before it is yielded, so the connection is free while the caller awaits.
   */
  *linesOf(runKey: number): Generator<{ text: string; rows: number }> {
    const run = this.runStatement.get(runKey);
    if (!run) return;
    const prefix = `${pandasCell(run.run_id)},${pandasCell(run.run_name)},`;
    if (this.keys === null) {
      yield* this.pages(prefix, { runKey, limit: PAGE });
      return;
    }
    for (const key of this.keysStatement.all({ runKey, keys: this.keys }) as string[]) {
      yield* this.pages(prefix, { runKey, key, limit: PAGE });
    }
  }

  private *pages(prefix: string, params: Record<string, unknown>): Generator<{ text: string; rows: number }> {
    let page = this.firstPage.all(params) as PointRow[];
    while (page.length > 0) {
      let text = '';
      for (const [key, step, timestamp, value, isNan] of page) {
        text += `${prefix}${pandasCell(key)},${step},${timestamp},${isNan !== 0n || value === null ? 'nan' : pythonFloatRepr(value)}\n`;
      }
      yield { text, rows: page.length };
      if (page.length < PAGE) return;
      const [key, step, timestamp, , , rowid] = page[page.length - 1]!;
      page = this.nextPage.all({ ...params, key, step, timestamp, rowid }) as PointRow[];
    }
  }
}
