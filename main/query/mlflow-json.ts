import type { ExperimentSummary } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { keyList } from '../search/sql-fragment.js';

/**
 * Runs and experiments as MLflow's REST API returns them (protobuf JSON, field names as in the
 * .proto): what `rundesk runs|experiments --format json` prints (main/cli/JSON-FORMATS.md).
 * Unset values and empty lists are left out, as protobuf leaves them out; lists of key/value
 * pairs are sorted by key. Metric values stay numbers (NaN, ±Infinity included): the CLI writes them
 * with `toMlflowJson`, which spells them as protobuf JSON does.
 */

type KeyValue = { key: string; value: string };

export interface MlflowRunJson {
  store: string;
  info: Record<string, string | number>;
  data: { metrics?: { key: string; value: number; timestamp: number; step: number }[]; params?: KeyValue[]; tags?: KeyValue[] };
  inputs: { dataset_inputs?: { tags?: KeyValue[]; dataset: Record<string, string> }[] };
}

interface RunRecord {
  run_key: number;
  store_id: number;
  run_id: string;
  run_name: string;
  experiment_id: string;
  user_id: string;
  status: string;
  start_time: number | null;
  end_time: number | null;
  artifact_uri: string | null;
  lifecycle_stage: string;
  store_kind: string;
}

const CHUNK = 500;

/** The runs, in the order of `runKeys`. `storeLabel` names a store as the user sees it. */
export function runsToMlflowJson(db: IndexDb, runKeys: readonly number[], storeLabel: (storeId: number) => string): MlflowRunJson[] {
  const out: MlflowRunJson[] = [];
  for (let i = 0; i < runKeys.length; i += CHUNK) out.push(...chunkToJson(db, runKeys.slice(i, i + CHUNK), storeLabel));
  return out;
}

function chunkToJson(db: IndexDb, keys: number[], storeLabel: (storeId: number) => string): MlflowRunJson[] {
  const inKeys = (column: string) => keyList(column, keys);
  const runs = db
    .prepare(
      `SELECT r.run_key, r.store_id, r.run_id, r.run_name, e.experiment_id, r.user_id, r.status, r.start_time, r.end_time,
              r.artifact_uri, r.lifecycle_stage, s.kind AS store_kind
         FROM runs r JOIN experiments e ON e.exp_key = r.exp_key JOIN stores s ON s.store_id = r.store_id WHERE ${inKeys('r.run_key').sql}`,
    )
    .all(...inKeys('r.run_key').params) as RunRecord[];
  const byKey = new Map<number, MlflowRunJson>();
  for (const r of runs) {
    const info: Record<string, string | number> = {
      run_id: r.run_id,
      run_uuid: r.run_id,
      // A 1.x file-store run with no run_name key and no mlflow.runName tag has no name at all, and
      // MLflow leaves the field out; a SQL store's empty `name` column comes back as "".
      ...(r.run_name === '' && r.store_kind === 'file' ? {} : { run_name: r.run_name }),
      experiment_id: r.experiment_id,
      user_id: r.user_id,
      status: r.status,
    };
    if (r.start_time !== null) info.start_time = r.start_time;
    if (r.end_time !== null) info.end_time = r.end_time;
    if (r.artifact_uri !== null) info.artifact_uri = r.artifact_uri;
    info.lifecycle_stage = r.lifecycle_stage;
    byKey.set(r.run_key, { store: storeLabel(r.store_id), info, data: {}, inputs: {} });
  }
  const where = inKeys('run_key');
  for (const [runKey, key, value, isNan, timestamp, step] of db
    .prepare(`SELECT run_key, key, value, is_nan, timestamp, step FROM latest_metrics WHERE ${where.sql} ORDER BY run_key, key`)
    .raw()
    .iterate(...where.params) as IterableIterator<[number, string, number | null, number, number, number]>) {
    const run = byKey.get(runKey);
    if (run) (run.data.metrics ??= []).push({ key, value: isNan || value === null ? Number.NaN : value, timestamp, step });
  }
  for (const table of ['params', 'tags'] as const) {
    for (const [runKey, key, value] of db
      .prepare(`SELECT run_key, key, value FROM ${table} WHERE ${where.sql} ORDER BY run_key, key`)
      .raw()
      .iterate(...where.params) as IterableIterator<[number, string, string]>) {
      const run = byKey.get(runKey);
      if (run) (run.data[table] ??= []).push({ key, value });
    }
  }
  for (const [runKey, name, digest, sourceType, source, schema, profile, tagsJson] of db
    .prepare(`SELECT run_key, name, digest, source_type, source, schema, profile, tags_json FROM dataset_inputs WHERE ${where.sql} ORDER BY run_key, name, digest`)
    .raw()
    .iterate(...where.params) as IterableIterator<[number, string, string, string, string, string, string, string]>) {
    const run = byKey.get(runKey);
    if (!run) continue;
    const dataset: Record<string, string> = { name, digest, source_type: sourceType, source };
    if (schema) dataset.schema = schema;
    if (profile) dataset.profile = profile;
    const tags = sortedPairs(parseTags(tagsJson));
    (run.inputs.dataset_inputs ??= []).push(tags.length > 0 ? { tags, dataset } : { dataset });
  }
  return keys.flatMap((key) => {
    const run = byKey.get(key);
    return run ? [run] : [];
  });
}

function parseTags(json: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(json);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    }
  } catch {
    // A damaged tags column only loses the tags, never the run.
  }
  return {};
}

function sortedPairs(record: Record<string, string>): KeyValue[] {
  return Object.keys(record)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => ({ key, value: record[key]! }));
}

/** An experiment as MLflow's REST API returns it, plus the store it lives in. */
export function experimentToMlflowJson(experiment: ExperimentSummary, store: string): Record<string, unknown> {
  const out: Record<string, unknown> = { store, experiment_id: experiment.experimentId, name: experiment.name };
  if (experiment.artifactLocation !== null) out.artifact_location = experiment.artifactLocation;
  out.lifecycle_stage = experiment.lifecycleStage;
  if (experiment.creationTime !== null) out.creation_time = experiment.creationTime;
  if (experiment.lastUpdateTime !== null) out.last_update_time = experiment.lastUpdateTime;
  const tags = sortedPairs(experiment.tags);
  if (tags.length > 0) out.tags = tags;
  return out;
}
