import type { IndexDb } from '../db/open-index.js';

/**
 * Keys and values of one run's params or tags, in key order. Runs with the same key set share one
 * `keys` array, so a layout can map keys to columns once per key set instead of once per value.
 */
export interface KeyValues {
  keys: readonly string[];
  values: readonly string[];
}

/** Everything the run-table formats need about one run. */
export interface ExportRun {
  runKey: number;
  runId: string;
  experimentId: string;
  runName: string;
  status: string;
  startTime: number | null;
  endTime: number | null;
  userId: string;
  artifactUri: string | null;
  params: KeyValues;
  tags: KeyValues;
  /** Metric keys, shared like `KeyValues.keys`. */
  metricKeys: readonly string[];
  /**
   * Latest values of the whole batch: this run's are `metricValues[metricStart + i]` for
   * `metricKeys[i]` (one array per batch rather than a slice per run). NaN arrives as null.
   */
  metricValues: readonly (number | null)[];
  metricStart: number;
}

/** Separators of the packed lists: control characters, which no MLflow key can hold (a value might: see `load`). */
const SEP = '\x1e';
const KEYS_END = '\x1d';

const NO_KEYS: readonly string[] = Object.freeze([]);
const NO_PAIRS: KeyValues = Object.freeze({ keys: NO_KEYS, values: NO_KEYS });

/** Distinct key lists remembered per loader; a project where every run differs clears it now and then. */
const KEY_LIST_CACHE_LIMIT = 10_000;

// The separators are spelled as literals in the SQL text: char(30) would be a function call per value.
const pack = (table: string) =>
  `(SELECT json_group_array(x.key) || '${KEYS_END}' || group_concat(x.value, '${SEP}') FROM ${table} x WHERE x.run_key = r.run_key)`;

/** One row per run of the batch (a JSON array of run keys), in array order. */
export const BATCH_RUNS_SQL = `
  SELECT r.run_key, r.run_id, e.experiment_id, r.run_name, r.status, r.start_time, r.end_time,
         r.user_id, r.artifact_uri, ${pack('params')} AS params_packed, ${pack('tags')} AS tags_packed,
         (SELECT json_group_array(m.key) FROM latest_metrics m WHERE m.run_key = r.run_key) AS metric_keys_json
    FROM json_each(?) j
    CROSS JOIN runs r ON r.run_key = j.value
    CROSS JOIN experiments e ON e.exp_key = r.exp_key`;

/** The batch's latest metric values, run by run, key by key. Foreign keys tie them to existing runs, so no join with runs. */
export const BATCH_METRIC_VALUES_SQL = 'SELECT m.value FROM json_each(?) j CROSS JOIN latest_metrics m ON m.run_key = j.value';

interface BatchRow {
  run_key: number;
  run_id: string;
  experiment_id: string;
  run_name: string;
  status: string;
  start_time: number | null;
  end_time: number | null;
  user_id: string;
  artifact_uri: string | null;
  params_packed: string | null;
  tags_packed: string | null;
  metric_keys_json: string | null;
}

/**
 * Loads runs a batch at a time. For each run SQLite packs its params (and its tags) into one
 * string, `["k1","k2"] KEYS_END v1 SEP v2`, and its metric keys into a JSON array, so a run costs
 * one row rather than one row per value: per-row overhead is what dominates a 100,000-run export.
 * Key lists travel as JSON (exact for any key) and are parsed once per distinct list; values are
 * split at SEP, and a run whose value count comes out wrong (a value holding SEP) is read again
 * row by row.
 *
 * Metric values cannot travel as JSON or text: SQLite prints doubles with 15 to 20 digits and is not
 * exact for every value (its `quote()` and `printf('%.17g')` both miss some large magnitudes). They
 * come as real numbers from a second statement, read inside the same transaction so both see one
 * snapshot.
 *
 * Neither statement sorts: sorting would copy every packed string through a temporary b-tree. Both
 * are nested loops with a fixed order (CROSS JOIN): the batch's keys in array order, then each
 * run's primary-key range, which SQLite walks in key order; so rows come in batch order and each
 * run's values line up with its key array. `run-batches.test.ts` pins those plans, and `load`
 * checks the run order and the value count it gets.
 */
export class RunBatchLoader {
  private readonly loadBatch;
  private readonly paramRows;
  private readonly tagRows;
  private readonly keyLists = new Map<string, readonly string[]>();

  constructor(db: IndexDb) {
    const runs = db.prepare<[string], BatchRow>(BATCH_RUNS_SQL);
    const values = db.prepare<[string], number | null>(BATCH_METRIC_VALUES_SQL).pluck();
    this.loadBatch = db.transaction((keys: string) => ({ rows: runs.all(keys), values: values.all(keys) }));
    this.paramRows = db.prepare<[number], [string, string]>('SELECT key, value FROM params WHERE run_key = ? ORDER BY key').raw();
    this.tagRows = db.prepare<[number], [string, string]>('SELECT key, value FROM tags WHERE run_key = ? ORDER BY key').raw();
  }

  /** The runs in the order of `runKeys`; keys that vanished from the index since selection are skipped. */
  load(runKeys: readonly number[]): ExportRun[] {
    const { rows, values } = this.loadBatch(JSON.stringify(runKeys));
    assertBatchOrder(rows, runKeys);
    let next = 0;
    const runs = rows.map((row): ExportRun => {
      const metricKeys = row.metric_keys_json === null ? NO_KEYS : this.keyList(row.metric_keys_json);
      const metricStart = next;
      next += metricKeys.length;
      return {
        runKey: row.run_key,
        runId: row.run_id,
        experimentId: row.experiment_id,
        runName: row.run_name,
        status: row.status,
        startTime: row.start_time,
        endTime: row.end_time,
        userId: row.user_id,
        artifactUri: row.artifact_uri,
        params: this.unpack(row.params_packed) ?? this.rowsToPairs(this.paramRows.all(row.run_key)),
        tags: this.unpack(row.tags_packed) ?? this.rowsToPairs(this.tagRows.all(row.run_key)),
        metricKeys,
        metricValues: values,
        metricStart,
      };
    });
    if (next !== values.length) throw new Error('export batch metric values do not line up with their keys; the query plan changed');
    return runs;
  }

  /** `["k1","k2"] KEYS_END v1 SEP v2` → keys and values; null when a value held SEP. */
  private unpack(packed: string | null): KeyValues | null {
    if (packed === null) return NO_PAIRS;
    const at = packed.indexOf(KEYS_END);
    const keys = this.keyList(packed.slice(0, at));
    const values = packed.slice(at + 1).split(SEP);
    return values.length === keys.length ? { keys, values } : null;
  }

  /** The slow path for a run whose packed values did not split cleanly: one row per value. */
  private rowsToPairs(rows: readonly [string, string][]): KeyValues {
    return { keys: this.keyList(JSON.stringify(rows.map((r) => r[0]))), values: rows.map((r) => r[1]) };
  }

  /** One shared, frozen array per distinct key list. */
  private keyList(json: string): readonly string[] {
    let keys = this.keyLists.get(json);
    if (keys === undefined) {
      if (this.keyLists.size >= KEY_LIST_CACHE_LIMIT) this.keyLists.clear();
      keys = Object.freeze(JSON.parse(json) as string[]);
      this.keyLists.set(json, keys);
    }
    return keys;
  }
}

/** Rows must follow the batch order (a vanished run may be missing); anything else is a planner change. */
function assertBatchOrder(rows: readonly BatchRow[], runKeys: readonly number[]): void {
  let at = 0;
  for (const row of rows) {
    while (at < runKeys.length && runKeys[at] !== row.run_key) at += 1;
    if (at === runKeys.length) throw new Error('export batch rows came out of order; the query plan changed');
    at += 1;
  }
}
