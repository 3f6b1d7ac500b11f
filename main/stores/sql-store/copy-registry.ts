import { copySafely, toInt, toNullableText, toText, type CopyContext } from './copy-context.js';

const KNOWN_STAGES = new Set(['None', 'Staging', 'Production', 'Archived', 'Deleted_Internal']);
/** The registry's name in a model URI, `models:/m-<hex>` (MLflow 3), names the logged model behind a version. */
const LOGGED_MODEL_SOURCE = /^models:\/(m-[0-9a-f]{32})\/?$/;

export interface RegistryCounts {
  registeredModels: number;
  modelVersions: number;
}

/**
 * Registered models, versions (Deleted_Internal ones too: the query layer hides them, and they keep
 * their version numbers taken), tags and aliases.
 *
 * MLflow ≥ 3.10 keys the registry by (workspace, name). The index holds one name per store, so the
 * `default` workspace wins a clash and the other model is reported, not silently merged.
 */
export function copyRegistry(ctx: CopyContext): RegistryCounts {
  const counts: RegistryCounts = { registeredModels: 0, modelVersions: 0 };
  if (!ctx.schema.hasTable('registered_models')) return counts;
  const models = copyRegisteredModels(ctx, counts);
  copyVersions(ctx, models, counts);
  const insertTag = ctx.db.prepare('INSERT OR REPLACE INTO registered_model_tags (rm_key, key, value) VALUES (?, ?, ?)');
  copyNameKeyedRows(ctx, models, 'registered_model_tags', ['"key"', 'value'], (rmKey, key, value) => {
    insertTag.run(rmKey, toText(key), toText(value));
  });
  const insertAlias = ctx.db.prepare('INSERT OR REPLACE INTO model_aliases (rm_key, alias, version) VALUES (?, ?, ?)');
  copyNameKeyedRows(ctx, models, 'registered_model_aliases', ['alias', 'version'], (rmKey, alias, version) => {
    const number = toInt(version);
    if (number !== null) insertAlias.run(rmKey, toText(alias), number);
  });
  copyVersionTags(ctx, models);
  // Prompts (MLflow 3 prompt registry) are registered models with this tag; model lists hide them.
  ctx.db
    .prepare(
      `UPDATE registered_models SET is_prompt = 1 WHERE store_id = ? AND rm_key IN
         (SELECT rm_key FROM registered_model_tags WHERE key = 'mlflow.prompt.is_prompt' AND value = 'true')`,
    )
    .run(ctx.storeId);
  return counts;
}

/** `workspace\0name` → rm_key. The workspace part is '' for databases from before workspaces. */
type ModelKeys = Map<string, number>;

function workspaceColumn(ctx: CopyContext, table: string): string {
  return ctx.schema.hasColumn(table, 'workspace') ? 'workspace' : "'' AS workspace";
}

function modelId(workspace: unknown, name: unknown): string {
  return `${toText(workspace)}\u0000${toText(name)}`;
}

function copyRegisteredModels(ctx: CopyContext, counts: RegistryCounts): ModelKeys {
  const keys: ModelKeys = new Map();
  const { schema } = ctx;
  const insert = ctx.db.prepare(
    'INSERT INTO registered_models (rm_key, store_id, name, creation_time, last_updated_time, description) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const taken = new Map<string, string>();
  const select = `SELECT name, ${workspaceColumn(ctx, 'registered_models')}, ${schema.columnOr('registered_models', 'creation_time', 'NULL')},
      ${schema.columnOr('registered_models', 'last_updated_time', 'NULL')}, ${schema.columnOr('registered_models', 'description', 'NULL')}
    FROM registered_models ORDER BY CASE WHEN workspace = 'default' THEN 0 ELSE 1 END, workspace, name`;
  copySafely(ctx, 'the registered_models table', undefined, () => {
    for (const row of ctx.src.prepare(select).iterate() as Iterable<Record<string, unknown>>) {
      const name = toText(row.name);
      const workspace = toText(row.workspace);
      const clash = taken.get(name);
      if (clash !== undefined) {
        ctx.report(`Registered model '${name}' exists in workspaces '${clash}' and '${workspace}'; RunDesk shows the one in '${clash}'.`);
        continue;
      }
      taken.set(name, workspace);
      const rmKey = ctx.keys.models.keyFor(name);
      insert.run(rmKey, ctx.storeId, name, toInt(row.creation_time), toInt(row.last_updated_time), toText(row.description));
      keys.set(modelId(workspace, name), rmKey);
      counts.registeredModels++;
    }
  });
  return keys;
}

function copyVersions(ctx: CopyContext, models: ModelKeys, counts: RegistryCounts): void {
  if (!ctx.schema.hasTable('model_versions')) return;
  const { schema } = ctx;
  const column = (name: string, fallback: 'NULL' | "''" = 'NULL') => schema.columnOr('model_versions', name, fallback);
  const insert = ctx.db.prepare(
    `INSERT OR REPLACE INTO model_versions (rm_key, version, creation_time, last_updated_time, description, user_id, current_stage,
       source, storage_location, run_id, run_link, status, status_message, model_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const select = `SELECT name, ${workspaceColumn(ctx, 'model_versions')}, version, ${column('creation_time')}, ${column('last_updated_time')},
      ${column('description')}, ${column('user_id')}, ${column('current_stage')}, ${column('source')}, ${column('storage_location')},
      ${column('run_id')}, ${column('run_link')}, ${column('status')}, ${column('status_message')}
    FROM model_versions ORDER BY name, version`;
  copySafely(ctx, 'the model_versions table', undefined, () => {
    for (const row of ctx.src.prepare(select).iterate() as Iterable<Record<string, unknown>>) {
      const rmKey = models.get(modelId(row.workspace, row.name));
      if (rmKey === undefined) continue;
      const version = toInt(row.version);
      const name = toText(row.name);
      if (version === null) {
        ctx.report(`Registered model '${name}' has a version numbered '${toText(row.version)}', which is not a number; it was left out.`);
        continue;
      }
      // A NULL stage is what very old registries wrote for "no stage".
      const stage = row.current_stage === null || row.current_stage === undefined ? 'None' : toText(row.current_stage);
      if (!KNOWN_STAGES.has(stage)) {
        ctx.report(`Version ${version} of registered model '${name}' has stage '${stage}', which MLflow does not recognise (stages are case-sensitive).`);
      }
      const source = toText(row.source);
      insert.run(
        rmKey,
        version,
        toInt(row.creation_time),
        toInt(row.last_updated_time),
        toNullableText(row.description),
        toNullableText(row.user_id),
        stage,
        source,
        toNullableText(row.storage_location),
        toNullableText(row.run_id),
        toNullableText(row.run_link),
        row.status === null || row.status === undefined ? 'READY' : toText(row.status),
        toNullableText(row.status_message),
        LOGGED_MODEL_SOURCE.exec(source)?.[1] ?? null,
      );
      counts.modelVersions++;
    }
  });
}

/** Rows keyed by (workspace, name) with two more columns: model tags and aliases. */
function copyNameKeyedRows(
  ctx: CopyContext,
  models: ModelKeys,
  table: string,
  columns: [string, string],
  write: (rmKey: number, first: unknown, second: unknown) => void,
): void {
  if (!ctx.schema.hasTable(table)) return;
  const select = `SELECT name, ${workspaceColumn(ctx, table)}, ${columns[0]}, ${columns[1]} FROM ${table}`;
  copySafely(ctx, `the ${table} table`, undefined, () => {
    for (const row of ctx.src.prepare(select).raw().iterate() as Iterable<unknown[]>) {
      const rmKey = models.get(modelId(row[1], row[0]));
      if (rmKey !== undefined) write(rmKey, row[2], row[3]);
    }
  });
}

function copyVersionTags(ctx: CopyContext, models: ModelKeys): void {
  if (!ctx.schema.hasTable('model_version_tags')) return;
  // The index's foreign key wants the version row; a tag of a missing version is dropped, as MLflow never shows it.
  const insert = ctx.db.prepare(
    `INSERT OR REPLACE INTO model_version_tags (rm_key, version, key, value)
     SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM model_versions WHERE rm_key = ? AND version = ?)`,
  );
  const select = `SELECT name, ${workspaceColumn(ctx, 'model_version_tags')}, version, "key", value FROM model_version_tags`;
  copySafely(ctx, 'the model_version_tags table', undefined, () => {
    for (const row of ctx.src.prepare(select).raw().iterate() as Iterable<unknown[]>) {
      const rmKey = models.get(modelId(row[1], row[0]));
      const version = toInt(row[2]);
      if (rmKey === undefined || version === null) continue;
      insert.run(rmKey, version, toText(row[3]), toText(row[4]), rmKey, version);
    }
  });
}
