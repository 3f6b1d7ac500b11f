import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { RegistryEdit } from '../../../preload/contract.js';
import { AppError } from '../../services/app-error.js';
import { checkExpectations, planChanges, type FacetChange, type ModelState } from '../edit-model.js';
import { MAX_SQL_TAG_VALUE_LENGTH, MAX_TAG_VALUE_LENGTH } from '../validation.js';
import { isKnownRevision } from './sql-schema.js';

/**
 * Applies one registry edit to an MLflow SQLite store with the statements MLflow's
 * SqlAlchemyStore issues (spec §3.4), in one `BEGIN IMMEDIATE` transaction:
 *
 * - transition: archive the others in the target stage (when asked), set the target's stage, and
 *   bump `last_updated_time` of those versions and of the registered model.
 * - alias and tag set/delete: upsert or delete the row; MLflow's SQL store bumps no timestamp here
 *   (unlike its file store).
 * - descriptions: the row's `description` and `last_updated_time`.
 *
 * The schema revision must be one RunDesk knows (else UNSUPPORTED), never altered; a database
 * locked by another writer for longer than the busy timeout gives LOCKED.
 */
export interface SqlEditResult {
  changes: FacetChange[];
  at: number;
}

export interface SqlEditOptions {
  expect?: readonly FacetChange[];
  now?: number;
  busyTimeoutMs?: number;
}

const DEFAULT_WORKSPACE = 'default';

export function applySqlEdit(dbPath: string, edit: RegistryEdit, options: SqlEditOptions = {}): SqlEditResult {
  if (!existsSync(dbPath)) throw new AppError('NOT_FOUND', `${dbPath} no longer exists.`);
  let db: Database.Database;
  try {
    db = new Database(dbPath, { fileMustExist: true });
  } catch (error) {
    throw sqlError(error, dbPath);
  }
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    // As MLflow sets them on its SQLite connections.
    db.pragma('foreign_keys = ON');
    db.pragma('case_sensitive_like = true');
    const schema = inspectSchema(db, dbPath);
    const run = db.transaction(() => {
      const workspace = schema.workspace ? resolveWorkspace(db, edit.model.name) : null;
      const state = readSqlModel(db, edit.model.name, workspace, schema.hasAliases);
      if (options.expect) checkExpectations(state, options.expect);
      if ((edit.kind === 'set-alias' || edit.kind === 'delete-alias') && !schema.hasAliases) {
        throw new AppError('UNSUPPORTED', 'This mlflow.db predates model aliases (MLflow 2.3); upgrade it with `mlflow db upgrade` to use aliases.');
      }
      const limit = edit.kind === 'set-tag' && edit.version === null ? MAX_SQL_TAG_VALUE_LENGTH : schema.versionTagValueText ? MAX_TAG_VALUE_LENGTH : MAX_SQL_TAG_VALUE_LENGTH;
      const changes = planChanges(state, edit, limit);
      const at = options.now ?? Date.now();
      writeChanges(db, edit, changes, at, workspace);
      return { changes, at };
    });
    // better-sqlite3's .immediate() issues BEGIN IMMEDIATE: the write lock is taken before reading.
    return run.immediate();
  } catch (error) {
    throw sqlError(error, dbPath);
  } finally {
    db.close();
  }
}

interface SchemaInfo {
  workspace: boolean;
  hasAliases: boolean;
  /** model_version_tags.value became TEXT in MLflow 3.0 (bda7b8c39065). */
  versionTagValueText: boolean;
}

function inspectSchema(db: Database.Database, dbPath: string): SchemaInfo {
  let revision: string | undefined;
  try {
    revision = (db.prepare('SELECT version_num FROM alembic_version').get() as { version_num: string } | undefined)?.version_num;
  } catch {
    throw new AppError('UNSUPPORTED', `${dbPath} has no alembic_version table, so it is not an MLflow database RunDesk can edit.`);
  }
  if (!revision || !isKnownRevision(revision)) {
    throw new AppError('UNSUPPORTED', `${dbPath} uses MLflow schema revision ${revision ?? '(none)'}, which this RunDesk does not know; registry edits are disabled for it (reading still works).`);
  }
  const columns = (table: string): Map<string, string> =>
    new Map((db.prepare('SELECT name, type FROM pragma_table_info(?)').all(table) as { name: string; type: string }[]).map((c) => [c.name, c.type.toUpperCase()]));
  const versions = columns('model_versions');
  const tagColumns = columns('model_version_tags');
  if (versions.size === 0) throw new AppError('UNSUPPORTED', `${dbPath} has no model registry tables.`);
  return {
    workspace: versions.has('workspace'),
    hasAliases: columns('registered_model_aliases').size > 0,
    versionTagValueText: tagColumns.get('value') === 'TEXT',
  };
}

function resolveWorkspace(db: Database.Database, name: string): string {
  const rows = db.prepare('SELECT workspace FROM registered_models WHERE name = ?').all(name) as { workspace: string | null }[];
  if (rows.length === 0) return DEFAULT_WORKSPACE;
  if (rows.length === 1) return rows[0]!.workspace ?? DEFAULT_WORKSPACE;
  // Same name in several workspaces: single-tenant MLflow works in the default one.
  if (rows.some((r) => r.workspace === DEFAULT_WORKSPACE)) return DEFAULT_WORKSPACE;
  throw new AppError('UNSUPPORTED', `Model '${name}' exists in several MLflow workspaces; RunDesk edits only the default workspace.`);
}

/** `AND workspace = ?` when the schema has workspaces; the parameter list grows to match. */
function scope(workspace: string | null, params: unknown[]): string {
  if (workspace === null) return '';
  params.push(workspace);
  return ' AND workspace = ?';
}

export function readSqlModel(db: Database.Database, name: string, workspace: string | null, hasAliases: boolean): ModelState {
  const p1: unknown[] = [name];
  const model = db.prepare(`SELECT description FROM registered_models WHERE name = ?${scope(workspace, p1)}`).get(...p1) as { description: string | null } | undefined;
  if (!model) throw new AppError('NOT_FOUND', `The registered model '${name}' no longer exists in this store.`);
  const p2: unknown[] = [name];
  const tags = db.prepare(`SELECT key, value FROM registered_model_tags WHERE name = ?${scope(workspace, p2)}`).all(...p2) as { key: string; value: string | null }[];
  const p3: unknown[] = [name];
  const versions = db.prepare(`SELECT version, current_stage, description FROM model_versions WHERE name = ?${scope(workspace, p3)}`).all(...p3) as {
    version: number;
    current_stage: string | null;
    description: string | null;
  }[];
  const p4: unknown[] = [name];
  const versionTags = db.prepare(`SELECT version, key, value FROM model_version_tags WHERE name = ?${scope(workspace, p4)}`).all(...p4) as {
    version: number;
    key: string;
    value: string | null;
  }[];
  const aliases: { alias: string; version: number }[] = [];
  if (hasAliases) {
    const p5: unknown[] = [name];
    aliases.push(...(db.prepare(`SELECT alias, version FROM registered_model_aliases WHERE name = ?${scope(workspace, p5)}`).all(...p5) as { alias: string; version: number }[]));
  }
  const state: ModelState = {
    name,
    description: model.description,
    tags: new Map(tags.map((t) => [t.key, t.value ?? ''])),
    aliases: new Map(aliases.map((a) => [a.alias, Number(a.version)])),
    versions: new Map(versions.map((v) => [Number(v.version), { stage: v.current_stage ?? 'None', description: v.description, tags: new Map<string, string>() }])),
  };
  for (const t of versionTags) state.versions.get(Number(t.version))?.tags.set(t.key, t.value ?? '');
  return state;
}

function writeChanges(db: Database.Database, edit: RegistryEdit, changes: readonly FacetChange[], at: number, workspace: string | null): void {
  const name = edit.model.name;
  const run = (sql: string, params: unknown[]): number => db.prepare(sql).run(...params).changes;
  for (const { facet, after } of changes) {
    switch (facet.kind) {
      case 'stage': {
        const params: unknown[] = [after, at, name, facet.version];
        run(`UPDATE model_versions SET current_stage = ?, last_updated_time = ? WHERE name = ? AND version = ? AND current_stage <> 'Deleted_Internal'${scope(workspace, params)}`, params);
        break;
      }
      case 'alias': {
        if (after === null) {
          const params: unknown[] = [name, facet.alias];
          run(`DELETE FROM registered_model_aliases WHERE name = ? AND alias = ?${scope(workspace, params)}`, params);
        } else {
          const params: unknown[] = [after, name, facet.alias];
          if (run(`UPDATE registered_model_aliases SET version = ? WHERE name = ? AND alias = ?${scope(workspace, params)}`, params) === 0) {
            insert(db, 'registered_model_aliases', { name, alias: facet.alias, version: after }, workspace);
          }
        }
        break;
      }
      case 'tag': {
        const table = facet.version === null ? 'registered_model_tags' : 'model_version_tags';
        const versionClause = facet.version === null ? '' : ' AND version = ?';
        const keyParams: unknown[] = facet.version === null ? [name, facet.key] : [name, facet.key, facet.version];
        if (after === null) {
          const params = [...keyParams];
          run(`DELETE FROM ${table} WHERE name = ? AND key = ?${versionClause}${scope(workspace, params)}`, params);
        } else {
          const params: unknown[] = [after, ...keyParams];
          if (run(`UPDATE ${table} SET value = ? WHERE name = ? AND key = ?${versionClause}${scope(workspace, params)}`, params) === 0) {
            const row: Record<string, unknown> = { key: facet.key, value: after, name };
            if (facet.version !== null) row.version = facet.version;
            insert(db, table, row, workspace);
          }
        }
        break;
      }
      case 'description': {
        if (facet.version === null) {
          const params: unknown[] = [after, at, name];
          run(`UPDATE registered_models SET description = ?, last_updated_time = ? WHERE name = ?${scope(workspace, params)}`, params);
        } else {
          const params: unknown[] = [after, at, name, facet.version];
          run(`UPDATE model_versions SET description = ?, last_updated_time = ? WHERE name = ? AND version = ?${scope(workspace, params)}`, params);
        }
        break;
      }
    }
  }
  if (edit.kind === 'transition') {
    const params: unknown[] = [at, name];
    run(`UPDATE registered_models SET last_updated_time = ? WHERE name = ?${scope(workspace, params)}`, params);
  }
}

const TABLES = new Set(['registered_model_aliases', 'registered_model_tags', 'model_version_tags']);
const COLUMNS = new Set(['name', 'alias', 'version', 'key', 'value', 'workspace']);

/** INSERT with a fixed table and column vocabulary (identifiers are checked, values bound). */
function insert(db: Database.Database, table: string, row: Record<string, unknown>, workspace: string | null): void {
  const full = workspace === null ? row : { ...row, workspace };
  const columns = Object.keys(full);
  if (!TABLES.has(table) || !columns.every((c) => COLUMNS.has(c))) throw new Error(`unexpected insert into ${table}`);
  db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...Object.values(full));
}

function sqlError(error: unknown, dbPath: string): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED' || code.startsWith('SQLITE_LOCKED')) {
    return new AppError('LOCKED', `${dbPath} is locked by another program (an MLflow server or training run may be writing); nothing was changed, try again in a moment.`);
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM') {
    return new AppError('READ_ONLY', `RunDesk cannot write to ${dbPath}: the file or its folder is read-only, so nothing was changed.`);
  }
  return error;
}
