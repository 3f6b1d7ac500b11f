import type { ModelStage, ModelVersionInfo, RegisteredModelSummary } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { AppError } from '../services/app-error.js';
import type { RegistryStore } from './registry-editor.js';

/**
 * Registry views read from the index tables (`registered_models`, `model_versions`,
 * `model_aliases`, `registered_model_tags`, `model_version_tags`). Prompts (`is_prompt`) and
 * soft-deleted versions (`Deleted_Internal`) are hidden, as MLflow hides them. Edits never trust
 * these rows: they re-read the store.
 */
const STAGES: readonly ModelStage[] = ['None', 'Staging', 'Production', 'Archived'];

interface ModelRow {
  rm_key: number;
  store_id: number;
  name: string;
  description: string | null;
  creation_time: number | null;
  last_updated_time: number | null;
}

interface VersionRow {
  rm_key: number;
  version: number;
  creation_time: number | null;
  last_updated_time: number | null;
  description: string | null;
  user_id: string | null;
  current_stage: string;
  source: string;
  storage_location: string | null;
  run_id: string | null;
  run_link: string | null;
  status: string;
  status_message: string | null;
  model_id: string | null;
  run_key: number | null;
}

export function listStores(db: IndexDb): RegistryStore[] {
  return db.prepare('SELECT store_id AS storeId, kind, path, label FROM stores ORDER BY label').all() as RegistryStore[];
}

export function storeById(db: IndexDb, storeId: number): RegistryStore {
  const store = db.prepare('SELECT store_id AS storeId, kind, path, label FROM stores WHERE store_id = ?').get(storeId) as RegistryStore | undefined;
  if (!store) throw new AppError('NOT_FOUND', `Store ${storeId} is not part of the open project any more; re-open the project.`);
  return store;
}

/** Registered models whose name contains `filter` (case-insensitive), by store then name. */
export function listModels(db: IndexDb, filter: string, storeId?: number): RegisteredModelSummary[] {
  const rows = db
    .prepare(
      `SELECT rm_key, store_id, name, description, creation_time, last_updated_time FROM registered_models
       WHERE is_prompt = 0 AND instr(lower(name), lower(@filter)) > 0 AND (@storeId IS NULL OR store_id = @storeId)
       ORDER BY store_id, name`,
    )
    .all({ filter, storeId: storeId ?? null }) as ModelRow[];
  return rows.map((row) => summarize(db, row));
}

export function modelRow(db: IndexDb, storeId: number, name: string): ModelRow {
  const row = db
    .prepare('SELECT rm_key, store_id, name, description, creation_time, last_updated_time FROM registered_models WHERE store_id = ? AND name = ? AND is_prompt = 0')
    .get(storeId, name) as ModelRow | undefined;
  if (!row) throw new AppError('NOT_FOUND', `There is no registered model '${name}' in this store (it may have been deleted or renamed).`);
  return row;
}

export function modelSummary(db: IndexDb, storeId: number, name: string): RegisteredModelSummary {
  return summarize(db, modelRow(db, storeId, name));
}

/** Every live version of a model, newest first. */
export function modelVersions(db: IndexDb, storeId: number, name: string): ModelVersionInfo[] {
  const row = modelRow(db, storeId, name);
  return versionRows(db, row.rm_key).map((v) => toVersionInfo(db, row, v));
}

export function modelVersion(db: IndexDb, storeId: number, name: string, version: number): { info: ModelVersionInfo; storageLocation: string | null; modelId: string | null } {
  const row = modelRow(db, storeId, name);
  const v = versionRows(db, row.rm_key, version)[0];
  if (!v) throw new AppError('NOT_FOUND', `Model '${name}' has no version ${version}.`);
  return { info: toVersionInfo(db, row, v), storageLocation: v.storage_location, modelId: v.model_id };
}

function summarize(db: IndexDb, row: ModelRow): RegisteredModelSummary {
  const versions = versionRows(db, row.rm_key);
  // MLflow's latest_versions: the highest version in each stage.
  const latest = STAGES.flatMap((stage) => {
    const top = versions.find((v) => v.current_stage === stage);
    return top ? [toVersionInfo(db, row, top)] : [];
  });
  return {
    storeId: row.store_id,
    name: row.name,
    description: row.description,
    creationTimestamp: row.creation_time,
    lastUpdatedTimestamp: row.last_updated_time,
    tags: tagMap(db.prepare('SELECT key, value FROM registered_model_tags WHERE rm_key = ? ORDER BY key').all(row.rm_key) as KeyValue[]),
    aliases: db.prepare('SELECT alias, version FROM model_aliases WHERE rm_key = ? ORDER BY alias').all(row.rm_key) as { alias: string; version: number }[],
    latestVersions: latest,
    versionCount: versions.length,
  };
}

function versionRows(db: IndexDb, rmKey: number, version?: number): VersionRow[] {
  return db
    .prepare(
      `SELECT v.*, r.run_key FROM model_versions v
       JOIN registered_models m ON m.rm_key = v.rm_key
       LEFT JOIN runs r ON r.store_id = m.store_id AND r.run_id = v.run_id
       WHERE v.rm_key = @rmKey AND v.current_stage <> 'Deleted_Internal' AND (@version IS NULL OR v.version = @version)
       ORDER BY v.version DESC`,
    )
    .all({ rmKey, version: version ?? null }) as VersionRow[];
}

type KeyValue = { key: string; value: string };
const tagMap = (rows: KeyValue[]): Record<string, string> => Object.fromEntries(rows.map((r) => [r.key, r.value]));

function toVersionInfo(db: IndexDb, model: ModelRow, v: VersionRow): ModelVersionInfo {
  const stage = (STAGES as readonly string[]).includes(v.current_stage) ? (v.current_stage as ModelStage) : 'None';
  return {
    storeId: model.store_id,
    name: model.name,
    version: v.version,
    currentStage: stage,
    description: v.description,
    creationTimestamp: v.creation_time,
    lastUpdatedTimestamp: v.last_updated_time,
    userId: v.user_id,
    source: v.source,
    runId: v.run_id,
    runKey: v.run_key,
    runLink: v.run_link,
    status: v.status,
    statusMessage: v.status_message,
    aliases: (db.prepare('SELECT alias FROM model_aliases WHERE rm_key = ? AND version = ? ORDER BY alias').all(model.rm_key, v.version) as { alias: string }[]).map((a) => a.alias),
    tags: tagMap(db.prepare('SELECT key, value FROM model_version_tags WHERE rm_key = ? AND version = ? ORDER BY key').all(model.rm_key, v.version) as KeyValue[]),
  };
}
