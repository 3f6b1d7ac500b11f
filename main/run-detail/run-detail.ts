import type { DatasetInput, LoggedModelRef, MetricSummary, RunDetail, RunStatus } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { AppError } from '../services/app-error.js';
import { locateRunArtifacts } from './artifact-roots.js';
import { buildRunRows, metricValue } from './run-rows.js';
import { statementCache } from './statement-cache.js';

interface SummaryRecord {
  key: string;
  value: number | null;
  is_nan: number;
  step: number;
  timestamp: number;
  min_value: number | null;
  max_value: number | null;
  count: number;
}

interface DatasetRecord {
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema: string;
  profile: string;
  context: string | null;
  tags_json: string;
}

const statements = statementCache((db: IndexDb) => ({
  extra: db.prepare<[number], { artifact_uri: string | null; deleted_time: number | null }>('SELECT artifact_uri, deleted_time FROM runs WHERE run_key = ?'),
  runById: db.prepare<[number, string], { run_key: number; run_id: string; run_name: string }>(
    'SELECT run_key, run_id, run_name FROM runs WHERE store_id = ? AND run_id = ?',
  ),
  children: db.prepare<[number, string], { run_key: number; run_id: string; run_name: string; status: string }>(
    'SELECT run_key, run_id, run_name, status FROM runs WHERE store_id = ? AND parent_run_id = ? ORDER BY start_time DESC, run_id',
  ),
  summaries: db.prepare<[number], SummaryRecord>(
    'SELECT key, value, is_nan, step, timestamp, min_value, max_value, count FROM latest_metrics WHERE run_key = ? ORDER BY key',
  ),
  datasets: db.prepare<[number], DatasetRecord>(
    'SELECT name, digest, source_type, source, schema, profile, context, tags_json FROM dataset_inputs WHERE run_key = ? ORDER BY rowid',
  ),
  loggedModels: db.prepare<[number, string], { model_id: string; name: string; artifact_location: string | null }>(
    'SELECT model_id, name, artifact_location FROM logged_models WHERE store_id = ? AND source_run_id = ? ORDER BY creation_time, model_id',
  ),
  runNameTag: db.prepare<[number], string>("SELECT value FROM tags WHERE run_key = ? AND key = 'mlflow.runName'").pluck(),
}));

/** Everything the run page shows about one run. NOT_FOUND when the run left the index. */
export function getRunDetail(db: IndexDb, runKey: number): RunDetail {
  const s = statements(db);
  const [row] = buildRunRows(db, [runKey]);
  const extra = s.extra.get(runKey);
  if (!row || !extra) throw new AppError('NOT_FOUND', 'That run is no longer in the index; it may have been deleted.');
  const parentRecord = row.parentRunId ? s.runById.get(row.storeId, row.parentRunId) : undefined;
  const nameOf = (record: { run_key: number; run_name: string }) => record.run_name || s.runNameTag.get(record.run_key) || '';
  const roots = locateRunArtifacts(db, runKey);
  return {
    row,
    artifactUri: extra.artifact_uri,
    deletedTime: extra.deleted_time,
    description: row.tags['mlflow.note.content'] ?? '',
    entryPoint: row.tags['mlflow.project.entryPoint'] ?? '',
    parent: parentRecord ? { runKey: parentRecord.run_key, runId: parentRecord.run_id, runName: nameOf(parentRecord) } : null,
    children: s.children.all(row.storeId, row.runId).map((child) => ({
      runKey: child.run_key,
      runId: child.run_id,
      runName: nameOf(child),
      status: child.status as RunStatus,
    })),
    metricSummaries: s.summaries.all(runKey).map(toSummary),
    datasets: s.datasets.all(runKey).map(toDataset),
    loggedModels: s.loggedModels.all(row.storeId, row.runId).map(
      (model): LoggedModelRef => ({ modelId: model.model_id, name: model.name, artifactLocation: model.artifact_location }),
    ),
    artifactsAvailable: roots.run !== null || roots.models.length > 0,
  };
}

function toSummary(record: SummaryRecord): MetricSummary {
  return {
    key: record.key,
    latest: metricValue(record.value, record.is_nan),
    step: record.step,
    timestamp: record.timestamp,
    // min/max are over non-NaN points; a series of only NaN has neither.
    min: record.min_value ?? Number.NaN,
    max: record.max_value ?? Number.NaN,
    count: record.count,
  };
}

function toDataset(record: DatasetRecord): DatasetInput {
  let tags: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(record.tags_json);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) tags = parsed as Record<string, string>;
  } catch {
    // A damaged tags_json only loses the tags, not the dataset.
  }
  return {
    name: record.name,
    digest: record.digest,
    sourceType: record.source_type,
    source: record.source,
    schema: record.schema,
    profile: record.profile,
    context: record.context,
    tags,
  };
}
