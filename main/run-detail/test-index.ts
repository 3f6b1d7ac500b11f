import { openIndex, type IndexDb } from '../db/open-index.js';
import { insertSeriesChunk } from '../db/testing/metric-points.js';
import { statementCache } from './statement-cache.js';

/**
 * Builders for small indexes in unit tests (not used by the app): the rows the indexers would
 * write, with only the columns a test cares about spelled out.
 */
export function testIndex(): IndexDb {
  return openIndex(':memory:').db;
}

export function addStore(db: IndexDb, kind: 'file' | 'sql' | 'artifacts', path: string): number {
  const info = db.prepare('INSERT INTO stores (kind, path, label) VALUES (?, ?, ?)').run(kind, path, path.split('/').at(-1) ?? path);
  return Number(info.lastInsertRowid);
}

export function addExperiment(
  db: IndexDb,
  storeId: number,
  fields: { experimentId: string; name?: string; dirPath?: string | null; artifactLocation?: string | null; lifecycleStage?: string },
): number {
  const info = db
    .prepare('INSERT INTO experiments (store_id, experiment_id, name, artifact_location, lifecycle_stage, dir_path) VALUES (?, ?, ?, ?, ?, ?)')
    .run(storeId, fields.experimentId, fields.name ?? `exp-${fields.experimentId}`, fields.artifactLocation ?? null, fields.lifecycleStage ?? 'active', fields.dirPath ?? null);
  return Number(info.lastInsertRowid);
}

export interface RunFields {
  storeId: number;
  expKey: number;
  runId: string;
  runName?: string;
  status?: string;
  startTime?: number | null;
  endTime?: number | null;
  lifecycleStage?: string;
  userId?: string;
  artifactUri?: string | null;
  parentRunId?: string | null;
  dirPath?: string | null;
  deletedTime?: number | null;
}

export function addRun(db: IndexDb, run: RunFields): number {
  const info = db
    .prepare(
      `INSERT INTO runs (store_id, exp_key, run_id, run_name, status, start_time, end_time, deleted_time, lifecycle_stage, user_id, artifact_uri, parent_run_id, dir_path)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      run.storeId,
      run.expKey,
      run.runId,
      run.runName ?? '',
      run.status ?? 'FINISHED',
      run.startTime ?? null,
      run.endTime ?? null,
      run.deletedTime ?? null,
      run.lifecycleStage ?? 'active',
      run.userId ?? '',
      run.artifactUri ?? null,
      run.parentRunId ?? null,
      run.dirPath ?? null,
    );
  return Number(info.lastInsertRowid);
}

export function addTags(db: IndexDb, runKey: number, tags: Record<string, string>, table: 'tags' | 'params' = 'tags'): void {
  const insert = db.prepare(`INSERT INTO ${table} (run_key, key, value) VALUES (?, ?, ?)`);
  for (const [key, value] of Object.entries(tags)) insert.run(runKey, key, value);
}

/** Points as [step, timestamp, value] (NaN allowed), in any order; latest_metrics is derived like MLflow does. */
const seriesStatements = statementCache((db: IndexDb) => ({
  latest: db.prepare(
    'INSERT OR REPLACE INTO latest_metrics (run_key, key, value, is_nan, step, timestamp, min_value, max_value, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ),
}));

export function addSeries(db: IndexDb, runKey: number, key: string, points: [number, number, number][]): void {
  const { latest: insertLatest } = seriesStatements(db);
  if (points.length > 0) insertSeriesChunk(db, runKey, key, points);
  let latest: [number, number, number] | undefined;
  let min: number | null = null;
  let max: number | null = null;
  for (const point of points) {
    const [step, timestamp, value] = point;
    if (!Number.isNaN(value)) {
      min = min === null ? value : Math.min(min, value);
      max = max === null ? value : Math.max(max, value);
    }
    if (!latest || step > latest[0] || (step === latest[0] && timestamp > latest[1])) latest = point;
  }
  if (!latest) return;
  const nan = Number.isNaN(latest[2]);
  insertLatest.run(runKey, key, nan ? null : latest[2], nan ? 1 : 0, latest[0], latest[1], min, max, points.length);
}
