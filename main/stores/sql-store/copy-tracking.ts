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

/** Points per multi-row INSERT: one statement call per 100 points instead of per point. */
const POINTS_PER_INSERT = 100;

/**
 * Full histories into metric_points, then latest/min/max/count into latest_metrics. Returns the
 * number of points. Per point, JavaScript only moves values from one statement to the other; the
 * per-series summaries are computed by SQLite afterwards.
 */
export function copyMetrics(ctx: CopyContext, runs: RunKeys): number {
  if (!ctx.schema.hasTable('metrics')) return 0;
  const { schema } = ctx;
  const insertOne = ctx.db.prepare('INSERT INTO metric_points (run_key, key, step, timestamp, value, is_nan) VALUES (?, ?, ?, ?, ?, ?)');
  const insertMany = ctx.db.prepare(
    `INSERT INTO metric_points (run_key, key, step, timestamp, value, is_nan) VALUES ${Array(POINTS_PER_INSERT).fill('(?, ?, ?, ?, ?, ?)').join(', ')}`,
  );
  const batch: unknown[] = [];
  // step arrived in MLflow 1.0 and is_nan in 1.x; older rows read as step 0, not NaN.
  const select = `SELECT run_uuid, "key", value, timestamp, ${schema.columnOr('metrics', 'step', '0')}, ${schema.columnOr('metrics', 'is_nan', '0')} FROM metrics`;
  let points = 0;
  copySafely(ctx, 'the metrics table', undefined, () => {
    for (const row of ctx.src.prepare(select).raw().iterate() as Iterable<unknown[]>) {
      const runKey = runs.get(toText(row[0]));
      if (runKey === undefined) continue;
      // MLflow stores NaN as 0 with is_nan; the index stores NaN as NULL. ±Inf arrive as ±1.797e308 and stay so.
      const isNan = row[5] ? 1 : 0;
      batch.push(runKey, toText(row[1]), toInt(row[4]) ?? 0, toInt(row[3]) ?? 0, isNan ? null : Number(row[2]), isNan);
      points++;
      if (batch.length === POINTS_PER_INSERT * 6) insertMany.run(batch.splice(0));
    }
  });
  for (let i = 0; i < batch.length; i += 6) insertOne.run(batch.slice(i, i + 6));
  writeLatestMetrics(ctx, runs);
  return points;
}

interface SeriesSummary {
  min: number | null;
  max: number | null;
  count: number;
}

function writeLatestMetrics(ctx: CopyContext, runs: RunKeys): void {
  const summaries = new Map<string, SeriesSummary>();
  const aggregate = ctx.db
    .prepare(
      `SELECT p.run_key, p.key, MIN(p.value), MAX(p.value), COUNT(*) FROM runs r JOIN metric_points p ON p.run_key = r.run_key
       WHERE r.store_id = ? GROUP BY p.run_key, p.key`,
    )
    .raw();
  // MIN/MAX skip NULLs, so min and max are over the non-NaN points.
  for (const [runKey, key, min, max, count] of aggregate.iterate(ctx.storeId) as Iterable<[number, string, number | null, number | null, number]>) {
    summaries.set(`${runKey}\u0000${key}`, { min, max, count });
  }
  const insert = ctx.db.prepare(
    `INSERT OR REPLACE INTO latest_metrics (run_key, key, value, is_nan, step, timestamp, min_value, max_value, count)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const write = (runKey: number, key: string, value: number | null, isNan: boolean, step: number, timestamp: number) => {
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
  if (summaries.size === 0) return;
  // Series MLflow has no latest row for (schemas from before latest_metrics): MLflow's rule, the
  // point with the maximum (step, timestamp, value), is the last one in this order.
  const ordered = ctx.db
    .prepare(
      `SELECT p.run_key, p.key, p.step, p.timestamp, p.value, p.is_nan FROM runs r JOIN metric_points p ON p.run_key = r.run_key
       WHERE r.store_id = ? ORDER BY p.run_key, p.key, p.step, p.timestamp, p.value`,
    )
    .raw();
  let last: [number, string, number, number, number | null, number] | undefined;
  const flush = () => {
    if (last && summaries.has(`${last[0]}\u0000${last[1]}`)) write(last[0], last[1], last[4], Boolean(last[5]), last[2], last[3]);
  };
  for (const row of ordered.iterate(ctx.storeId) as Iterable<[number, string, number, number, number | null, number]>) {
    if (last && (row[0] !== last[0] || row[1] !== last[1])) flush();
    last = row;
  }
  flush();
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
