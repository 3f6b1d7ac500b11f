import { packPoints } from '../../db/metric-chunks.js';
import type { IntValue, MetricPoint } from '../file-store/metric-line.js';
import { copySafely, toInt, toNullableText, toText, type CopyContext } from './copy-context.js';

const RUN_STATUSES = new Set(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);
const LIFECYCLE_STAGES = new Set(['active', 'deleted']);

/** MLflow's experiment id (a string here: file-store ids exceed 2^53) → the index's exp_key. */
export type ExperimentKeys = Map<string, number>;
/** MLflow's run_uuid → the index's run_key. */
export type RunKeys = Map<string, number>;

export function copyExperiments(ctx: CopyContext): ExperimentKeys {
  const keys: ExperimentKeys = new Map();
  const { schema } = ctx;
  const insert = ctx.db.prepare(
    `INSERT INTO experiments (exp_key, store_id, experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const select = `SELECT experiment_id, name, ${schema.columnOr('experiments', 'artifact_location', 'NULL')},
      ${schema.columnOr('experiments', 'lifecycle_stage', 'NULL')}, ${schema.columnOr('experiments', 'creation_time', 'NULL')},
      ${schema.columnOr('experiments', 'last_update_time', 'NULL')}
    FROM experiments ORDER BY experiment_id`;
  copySafely(ctx, 'the experiments table', undefined, () => {
    for (const row of ctx.src.prepare(select).iterate() as Iterable<Record<string, unknown>>) {
      const experimentId = toInt(row.experiment_id);
      if (experimentId === null) {
        ctx.report(`An experiment has the id '${toText(row.experiment_id)}', which is not a number; it was left out.`);
        continue;
      }
      const id = String(experimentId);
      const stage = lifecycleStage(ctx, row.lifecycle_stage, `Experiment ${id}`);
      const expKey = ctx.keys.experiments.keyFor(id);
      insert.run(expKey, ctx.storeId, id, toText(row.name), toNullableText(row.artifact_location), stage, toInt(row.creation_time), toInt(row.last_update_time));
      keys.set(id, expKey);
    }
  });
  if (ctx.schema.hasTable('experiment_tags')) {
    const insertTag = ctx.db.prepare('INSERT OR REPLACE INTO experiment_tags (exp_key, key, value) VALUES (?, ?, ?)');
    copySafely(ctx, 'the experiment_tags table', undefined, () => {
      for (const row of ctx.src.prepare('SELECT experiment_id, "key", value FROM experiment_tags').raw().iterate() as Iterable<unknown[]>) {
        const expKey = keys.get(String(toInt(row[0])));
        if (expKey !== undefined) insertTag.run(expKey, toText(row[1]), toText(row[2]));
      }
    });
  }
  return keys;
}

export function copyRuns(ctx: CopyContext, experiments: ExperimentKeys): RunKeys {
  const keys: RunKeys = new Map();
  const { schema } = ctx;
  const insert = ctx.db.prepare(
    `INSERT INTO runs (run_key, store_id, exp_key, run_id, run_name, status, start_time, end_time, deleted_time, lifecycle_stage, user_id, artifact_uri)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const select = `SELECT run_uuid, ${schema.columnOr('runs', 'name', 'NULL')}, ${schema.columnOr('runs', 'status', 'NULL')},
      ${schema.columnOr('runs', 'start_time', 'NULL')}, ${schema.columnOr('runs', 'end_time', 'NULL')},
      ${schema.columnOr('runs', 'deleted_time', 'NULL')}, ${schema.columnOr('runs', 'lifecycle_stage', 'NULL')},
      ${schema.columnOr('runs', 'user_id', 'NULL')}, ${schema.columnOr('runs', 'artifact_uri', 'NULL')}, experiment_id
    FROM runs`;
  copySafely(ctx, 'the runs table', undefined, () => {
    for (const row of ctx.src.prepare(select).iterate() as Iterable<Record<string, unknown>>) {
      const runId = toText(row.run_uuid);
      const expKey = experiments.get(String(toInt(row.experiment_id)));
      if (expKey === undefined) {
        ctx.report(`Run ${runId} belongs to experiment '${toText(row.experiment_id)}', which is not in the database; it was left out.`);
        continue;
      }
      const runKey = ctx.keys.runs.keyFor(runId);
      insert.run(
        runKey,
        ctx.storeId,
        expKey,
        runId,
        toText(row.name),
        runStatus(ctx, row.status, runId),
        toInt(row.start_time),
        toInt(row.end_time),
        toInt(row.deleted_time),
        lifecycleStage(ctx, row.lifecycle_stage, `Run ${runId}`),
        toText(row.user_id),
        toNullableText(row.artifact_uri),
      );
      keys.set(runId, runKey);
    }
  });
  return keys;
}

/** Params and tags, then the run fields MLflow derives from tags (name fallback, parent run). */
export function copyParamsAndTags(ctx: CopyContext, runs: RunKeys): void {
  for (const table of ['params', 'tags'] as const) {
    if (!ctx.schema.hasTable(table)) continue;
    const insert = ctx.db.prepare(`INSERT OR REPLACE INTO ${table} (run_key, key, value) VALUES (?, ?, ?)`);
    copySafely(ctx, `the ${table} table`, undefined, () => {
      for (const row of ctx.src.prepare(`SELECT run_uuid, "key", value FROM ${table}`).raw().iterate() as Iterable<unknown[]>) {
        const runKey = runs.get(toText(row[0]));
        if (runKey !== undefined) insert.run(runKey, toText(row[1]), toText(row[2]));
      }
    });
  }
  // Runs logged by MLflow ≤ 1.29 have an empty runs.name; their name is the mlflow.runName tag.
  ctx.db
    .prepare(
      `UPDATE runs SET run_name = (SELECT value FROM tags WHERE tags.run_key = runs.run_key AND tags.key = 'mlflow.runName')
       WHERE store_id = ? AND run_name = '' AND EXISTS (SELECT 1 FROM tags WHERE tags.run_key = runs.run_key AND tags.key = 'mlflow.runName')`,
    )
    .run(ctx.storeId);
  ctx.db
    .prepare(
      `UPDATE runs SET parent_run_id = (SELECT value FROM tags WHERE tags.run_key = runs.run_key AND tags.key = 'mlflow.parentRunId')
       WHERE store_id = ?`,
    )
    .run(ctx.storeId);
}

/** Points per packed chunk: bounds the memory of one series in flight and the size of one row. */
const POINTS_PER_CHUNK = 65_536;

interface SeriesSummary {
  min: number | null;
  max: number | null;
  count: number;
  /** The last point in (step, timestamp, value) order, NaN first: MLflow's latest when it has no latest_metrics row. */
  last: MetricPoint;
}

/**
 * Full histories into metric_chunks, one series at a time (the source is read in series order), then
 * latest/min/max/count into latest_metrics. Returns the number of points.
 */
export function copyMetrics(ctx: CopyContext, runs: RunKeys): number {
  if (!ctx.schema.hasTable('metrics')) return 0;
  const { schema } = ctx;
  const insert = ctx.db.prepare('INSERT INTO metric_chunks (run_key, key, seq, count, encoding, points) VALUES (?, ?, ?, ?, ?, ?)');
  // step arrived in MLflow 1.0 and is_nan in 1.x; older rows read as step 0, not NaN. MLflow stores
  // NaN as 0 with is_nan, so NaN rows sort first among equal (step, timestamp), as a NULL would.
  const select = `SELECT run_uuid, "key", value, timestamp, ${schema.columnOr('metrics', 'step', '0')}, ${schema.columnOr('metrics', 'is_nan', '0')}
    FROM metrics ORDER BY 1, 2, 5, 4, 6 DESC, 3`;
  const summaries = new Map<string, SeriesSummary & { runKey: number; key: string }>();
  let points = 0;
  let runKey = -1;
  let key = '';
  let seq = 0;
  let chunk: MetricPoint[] = [];
  let summary: (SeriesSummary & { runKey: number; key: string }) | null = null;
  const flushChunk = () => {
    if (chunk.length === 0) return;
    const packed = packPoints(chunk);
    insert.run(runKey, key, seq++, packed.count, packed.encoding, packed.points);
    chunk = [];
  };
  copySafely(ctx, 'the metrics table', undefined, () => {
    for (const row of ctx.src.prepare(select).raw().iterate() as Iterable<unknown[]>) {
      const rowRunKey = runs.get(toText(row[0]));
      if (rowRunKey === undefined) continue;
      const rowKey = toText(row[1]);
      if (rowRunKey !== runKey || rowKey !== key) {
        flushChunk();
        runKey = rowRunKey;
        key = rowKey;
        seq = 0;
        summary = null;
      }
      // ±Inf arrive as ±1.797e308 and stay so (that is what MLflow's SQL store returns).
      const value = row[5] ? Number.NaN : Number(row[2]);
      const point: MetricPoint = { step: toInt(row[4]) ?? 0, timestamp: toInt(row[3]) ?? 0, value };
      if (summary === null) {
        summary = { runKey, key, min: null, max: null, count: 0, last: point };
        summaries.set(`${runKey}\u0000${key}`, summary);
      }
      summary.count++;
      summary.last = point;
      if (!Number.isNaN(value)) {
        if (summary.min === null || value < summary.min) summary.min = value;
        if (summary.max === null || value > summary.max) summary.max = value;
      }
      chunk.push(point);
      points++;
      if (chunk.length === POINTS_PER_CHUNK) flushChunk();
    }
    flushChunk();
  });
  // After a read error part-way, keep what was read.
  copySafely(ctx, 'the metrics table', undefined, flushChunk);
  writeLatestMetrics(ctx, runs, summaries);
  return points;
}

function writeLatestMetrics(ctx: CopyContext, runs: RunKeys, summaries: Map<string, SeriesSummary & { runKey: number; key: string }>): void {
  const insert = ctx.db.prepare(
    `INSERT OR REPLACE INTO latest_metrics (run_key, key, value, is_nan, step, timestamp, min_value, max_value, count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const write = (runKey: number, key: string, value: number | null, isNan: boolean, step: IntValue, timestamp: IntValue) => {
    const id = `${runKey}\u0000${key}`;
    const summary = summaries.get(id);
    insert.run(runKey, key, isNan ? null : value, isNan ? 1 : 0, step, timestamp, summary?.min ?? value, summary?.max ?? value, summary?.count ?? 0);
    summaries.delete(id);
  };
  // MLflow's own latest_metrics is what its search filters and sorts on, so it wins where present.
  if (ctx.schema.hasTable('latest_metrics')) {
    const { schema } = ctx;
    const select = `SELECT run_uuid, "key", value, timestamp, ${schema.columnOr('latest_metrics', 'step', '0')}, ${schema.columnOr('latest_metrics', 'is_nan', '0')} FROM latest_metrics`;
    copySafely(ctx, 'the latest_metrics table', undefined, () => {
      for (const row of ctx.src.prepare(select).raw().iterate() as Iterable<unknown[]>) {
        const runKey = runs.get(toText(row[0]));
        if (runKey === undefined) continue;
        write(runKey, toText(row[1]), row[2] === null ? null : Number(row[2]), Boolean(row[5]), toInt(row[4]) ?? 0, toInt(row[3]) ?? 0);
      }
    });
  }
  // Series MLflow has no latest row for (schemas from before latest_metrics): MLflow's rule, the
  // point with the maximum (step, timestamp, value), is the last one in the order they were read.
  for (const { runKey, key, last } of [...summaries.values()]) {
    const isNan = Number.isNaN(last.value);
    write(runKey, key, isNan ? null : last.value, isNan, last.step, last.timestamp);
  }
}

/** Dataset inputs (MLflow 2.4+): `inputs` rows DATASET → RUN joined to `datasets`, with their input tags. */
export function copyDatasetInputs(ctx: CopyContext, runs: RunKeys): void {
  const { schema } = ctx;
  if (!schema.hasTable('inputs') || !schema.hasTable('datasets')) return;
  const tagsByInput = new Map<string, Record<string, string>>();
  if (schema.hasTable('input_tags')) {
    copySafely(ctx, 'the input_tags table', undefined, () => {
      for (const row of ctx.src.prepare('SELECT input_uuid, name, value FROM input_tags').raw().iterate() as Iterable<unknown[]>) {
        const id = toText(row[0]);
        const tags = tagsByInput.get(id) ?? {};
        tags[toText(row[1])] = toText(row[2]);
        tagsByInput.set(id, tags);
      }
    });
  }
  const insert = ctx.db.prepare(
    `INSERT INTO dataset_inputs (run_key, name, digest, source_type, source, schema, profile, context, tags_json)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const select = `SELECT i.input_uuid, i.destination_id, d.name, d.digest, ${qualified(ctx, 'datasets', 'dataset_source_type')},
      ${qualified(ctx, 'datasets', 'dataset_source')}, ${qualified(ctx, 'datasets', 'dataset_schema')}, ${qualified(ctx, 'datasets', 'dataset_profile')}
    FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id
    WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN'
    ORDER BY i.destination_id, d.name`;
  copySafely(ctx, 'the datasets and inputs tables', undefined, () => {
    for (const row of ctx.src.prepare(select).raw().iterate() as Iterable<unknown[]>) {
      const runKey = runs.get(toText(row[1]));
      if (runKey === undefined) continue;
      const tags = tagsByInput.get(toText(row[0])) ?? {};
      insert.run(runKey, toText(row[2]), toText(row[3]), toText(row[4]), toText(row[5]), toText(row[6]), toText(row[7]), tags['mlflow.data.context'] ?? null, JSON.stringify(tags));
    }
  });
}

/** MLflow 3 logged models. Deleted ones are left out: nothing in RunDesk shows them. */
export function copyLoggedModels(ctx: CopyContext, experiments: ExperimentKeys): void {
  const { schema } = ctx;
  if (!schema.hasTable('logged_models')) return;
  const insert = ctx.db.prepare(
    `INSERT OR REPLACE INTO logged_models (store_id, model_id, exp_key, name, source_run_id, artifact_location, status, creation_time)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const select = `SELECT model_id, experiment_id, ${schema.columnOr('logged_models', 'name', "''")},
      ${schema.columnOr('logged_models', 'source_run_id', 'NULL')}, ${schema.columnOr('logged_models', 'artifact_location', 'NULL')},
      ${schema.columnOr('logged_models', 'status', 'NULL')}, ${schema.columnOr('logged_models', 'creation_timestamp_ms', 'NULL')},
      ${schema.columnOr('logged_models', 'lifecycle_stage', 'NULL')}
    FROM logged_models`;
  copySafely(ctx, 'the logged_models table', undefined, () => {
    for (const row of ctx.src.prepare(select).iterate() as Iterable<Record<string, unknown>>) {
      if (toText(row.lifecycle_stage) === 'deleted') continue;
      const expKey = experiments.get(String(toInt(row.experiment_id))) ?? null;
      insert.run(
        ctx.storeId,
        toText(row.model_id),
        expKey,
        toText(row.name),
        toNullableText(row.source_run_id),
        toNullableText(row.artifact_location),
        toInt(row.status),
        toInt(row.creation_timestamp_ms),
      );
    }
  });
}

function qualified(ctx: CopyContext, table: string, column: string): string {
  return ctx.schema.hasColumn(table, column) ? `d.${column}` : `'' AS ${column}`;
}

function runStatus(ctx: CopyContext, value: unknown, runId: string): string {
  const status = toText(value);
  if (RUN_STATUSES.has(status)) return status;
  // MLflow itself fails to load such a run; RunDesk keeps it visible and says what it did.
  ctx.report(`Run ${runId} has status '${status}', which is not an MLflow run status; it is shown as FAILED.`);
  return 'FAILED';
}

function lifecycleStage(ctx: CopyContext, value: unknown, what: string): string {
  const stage = toText(value);
  if (LIFECYCLE_STAGES.has(stage)) return stage;
  if (value === null || value === undefined) return 'active';
  ctx.report(`${what} has lifecycle stage '${stage}', which MLflow does not define; it is shown as active.`);
  return 'active';
}
