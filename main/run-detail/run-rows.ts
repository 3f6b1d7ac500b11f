import type { LifecycleStage, RunRow, RunStatus } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { IN_JSON_KEYS, keyChunks } from './key-chunks.js';
import { RUN_COLOR_TAG, runColor } from './run-color.js';
import { statementCache } from './statement-cache.js';

interface RunRecord {
  run_key: number;
  run_id: string;
  store_id: number;
  exp_key: number;
  experiment_id: string;
  run_name: string;
  status: string;
  lifecycle_stage: string;
  start_time: number | null;
  end_time: number | null;
  user_id: string;
  parent_run_id: string | null;
}

const statements = statementCache((db: IndexDb) => ({
  runs: db.prepare<[string], RunRecord>(
    `SELECT r.run_key, r.run_id, r.store_id, r.exp_key, e.experiment_id, r.run_name, r.status, r.lifecycle_stage,
            r.start_time, r.end_time, r.user_id, r.parent_run_id
     FROM runs r JOIN experiments e ON e.exp_key = r.exp_key
     WHERE r.run_key ${IN_JSON_KEYS}`,
  ),
  // Maps come out of SQLite as one JSON object per run: ~4× faster than a row per entry.
  params: db
    .prepare<[string], [number, string]>(`SELECT run_key, json_group_object(key, value) FROM params WHERE run_key ${IN_JSON_KEYS} GROUP BY run_key`)
    .raw(),
  tags: db
    .prepare<[string], [number, string]>(`SELECT run_key, json_group_object(key, value) FROM tags WHERE run_key ${IN_JSON_KEYS} GROUP BY run_key`)
    .raw(),
  // SQLite's JSON keeps only 15 digits of a REAL, so values travel as 17-digit text (exact round
  // trip), NaN as null, and infinities as 'Inf'/'-Inf'.
  metrics: db
    .prepare<[string], [number, string]>(
      `SELECT run_key, json_group_object(key, CASE WHEN is_nan OR value IS NULL THEN NULL ELSE printf('%!.17g', value) END)
       FROM latest_metrics WHERE run_key ${IN_JSON_KEYS} GROUP BY run_key`,
    )
    .raw(),
  // Children live in the same store and name the parent by its MLflow run id (tag mlflow.parentRunId).
  childCounts: db
    .prepare<[string], [number, number]>(
      `SELECT p.run_key, COUNT(*) FROM runs p JOIN runs c ON c.store_id = p.store_id AND c.parent_run_id = p.run_id
       WHERE p.run_key ${IN_JSON_KEYS} GROUP BY p.run_key`,
    )
    .raw(),
}));

/**
 * Table rows for the given runs, in the order of `runKeys` (keys that no longer exist are skipped).
 * Five queries per chunk of ≤ 500 keys, whatever the page size: runs, params, tags, latest metrics
 * and child counts. `childCount` counts children of any lifecycle stage.
 */
export function buildRunRows(db: IndexDb, runKeys: readonly number[]): RunRow[] {
  const rows = new Map<number, RunRow>();
  const s = statements(db);
  for (const chunk of keyChunks(runKeys)) {
    for (const run of s.runs.all(chunk)) rows.set(run.run_key, emptyRow(run));
    for (const [runKey, json] of s.params.all(chunk)) {
      const row = rows.get(runKey);
      if (row) row.params = JSON.parse(json) as Record<string, string>;
    }
    for (const [runKey, json] of s.tags.all(chunk)) {
      const row = rows.get(runKey);
      if (row) row.tags = JSON.parse(json) as Record<string, string>;
    }
    for (const [runKey, json] of s.metrics.all(chunk)) {
      const row = rows.get(runKey);
      if (row) row.metrics = parseMetricMap(json);
    }
    for (const [runKey, children] of s.childCounts.all(chunk)) {
      const row = rows.get(runKey);
      if (row) row.childCount = children;
    }
  }
  const ordered: RunRow[] = [];
  for (const runKey of runKeys) {
    const row = rows.get(runKey);
    if (!row) continue;
    finishFromTags(row);
    ordered.push(row);
  }
  return ordered;
}

function parseMetricMap(json: string): Record<string, number> {
  const texts = JSON.parse(json) as Record<string, string | null>;
  const metrics: Record<string, number> = {};
  for (const key in texts) {
    const text = texts[key];
    const value = text === null ? Number.NaN : text === 'Inf' ? Number.POSITIVE_INFINITY : text === '-Inf' ? Number.NEGATIVE_INFINITY : Number(text);
    // defineProperty, not assignment: a metric may be called "__proto__" (JSON.parse makes such keys plain properties too).
    Object.defineProperty(metrics, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return metrics;
}

/** NaN is stored as NULL + is_nan; the DTO carries a real NaN. */
export function metricValue(value: number | null, isNan: number): number {
  return isNan || value === null ? Number.NaN : value;
}

function emptyRow(run: RunRecord): RunRow {
  return {
    runKey: run.run_key,
    runId: run.run_id,
    storeId: run.store_id,
    experimentKey: run.exp_key,
    experimentId: run.experiment_id,
    runName: run.run_name,
    status: run.status as RunStatus,
    lifecycleStage: run.lifecycle_stage as LifecycleStage,
    startTime: run.start_time,
    endTime: run.end_time,
    userId: run.user_id,
    sourceType: '',
    sourceName: '',
    gitCommit: '',
    parentRunId: run.parent_run_id,
    childCount: 0,
    color: '',
    params: {},
    metrics: {},
    tags: {},
  };
}

/** The fields MLflow keeps in system tags rather than in the run record. */
function finishFromTags(row: RunRow): void {
  const tags = row.tags;
  if (!row.runName) row.runName = tags['mlflow.runName'] ?? '';
  if (!row.userId) row.userId = tags['mlflow.user'] ?? '';
  row.sourceType = tags['mlflow.source.type'] ?? '';
  row.sourceName = tags['mlflow.source.name'] ?? '';
  row.gitCommit = tags['mlflow.source.git.commit'] ?? '';
  row.color = runColor(row.runId, tags[RUN_COLOR_TAG]);
}
