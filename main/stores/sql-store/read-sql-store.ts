import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import type { IndexDb } from '../../db/open-index.js';
import { errorText, type CopyContext } from './copy-context.js';
import { copyRegistry } from './copy-registry.js';
import { copyDatasetInputs, copyExperiments, copyLoggedModels, copyMetrics, copyParamsAndTags, copyRuns } from './copy-tracking.js';
import { SourceSchema } from './source-schema.js';
import { loadStoreKeys } from './stable-keys.js';

export interface SqlReadStats {
  experiments: number;
  runs: number;
  metricPoints: number;
  registeredModels: number;
  modelVersions: number;
}

/** How long to wait for MLflow's own writer to release the database before giving up on this pass. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Replaces everything the index holds for one SQL store with what the user's mlflow.db holds now.
 *
 * The database is opened read-only and never written (no migration, no pragma that persists); the
 * whole copy reads one snapshot and writes the index in one transaction, so a reader of the index
 * sees either the old store or the new one. Simple rather than incremental: it only runs when
 * `sqlStoreFingerprint` changed.
 *
 * Runs, experiments and registered models that are still there keep their index keys (see
 * stable-keys.ts), so the renderer's selections survive a re-read.
 *
 * Problems (an unknown status, an unreadable table, a file that is not an MLflow database) go to
 * `report` as sentences; nothing here throws for bad data. When the file cannot be read at all the
 * index keeps what it had, since stale rows with a problem shown beat an empty project.
 */
export function readSqlStoreIntoIndex(db: IndexDb, storeId: number, dbPath: string, report: (path: string, reason: string) => void): SqlReadStats {
  const stats: SqlReadStats = { experiments: 0, runs: 0, metricPoints: 0, registeredModels: 0, modelVersions: 0 };
  let src: Database.Database;
  try {
    src = openReadOnly(dbPath);
  } catch (error) {
    report(dbPath, `Could not open the database: ${errorText(error)}.`);
    return stats;
  }
  try {
    let schema: SourceSchema;
    try {
      schema = SourceSchema.read(src);
    } catch (error) {
      report(dbPath, `This file is not a readable SQLite database (${errorText(error)}).`);
      return stats;
    }
    if (!schema.hasTable('experiments') || !schema.hasTable('runs')) {
      report(dbPath, 'This SQLite database is not an MLflow tracking store: it has no experiments and runs tables.');
      return stats;
    }
    const problems: string[] = [];
    // One read transaction on the source = one consistent snapshot, even while MLflow keeps logging.
    src.exec('BEGIN');
    try {
      db.transaction(() => {
        const keys = loadStoreKeys(db, storeId);
        clearStore(db, storeId);
        const ctx: CopyContext = { src, schema, db, storeId, keys, report: (reason) => problems.push(reason) };
        const experiments = copyExperiments(ctx);
        const runs = copyRuns(ctx, experiments);
        copyParamsAndTags(ctx, runs);
        stats.metricPoints = copyMetrics(ctx, runs);
        copyDatasetInputs(ctx, runs);
        copyLoggedModels(ctx, experiments);
        Object.assign(stats, copyRegistry(ctx));
        stats.experiments = experiments.size;
        stats.runs = runs.size;
      })();
    } catch (error) {
      report(dbPath, `Could not index the database: ${errorText(error)}.`);
      return { experiments: 0, runs: 0, metricPoints: 0, registeredModels: 0, modelVersions: 0 };
    } finally {
      if (src.inTransaction) src.exec('COMMIT');
    }
    // Reported after the transaction so the caller may record problems in the same index connection.
    for (const reason of problems) report(dbPath, reason);
    return stats;
  } finally {
    src.close();
  }
}

/** Size and mtime of the database and its WAL: any write by MLflow changes one of them. */
export function sqlStoreFingerprint(dbPath: string): string {
  return ['', '-wal']
    .map((suffix) => {
      try {
        const stat = statSync(dbPath + suffix);
        return `${stat.size}:${stat.mtimeMs}`;
      } catch {
        return '-';
      }
    })
    .join('/');
}

/** `alembic_version.version_num`, or null when the file is unreadable or not an alembic-managed DB. */
export function readSqlSchemaVersion(dbPath: string): string | null {
  let src: Database.Database | undefined;
  try {
    src = openReadOnly(dbPath);
    if (!SourceSchema.read(src).hasTable('alembic_version')) return null;
    const row = src.prepare<[], { version_num: unknown }>('SELECT version_num FROM alembic_version LIMIT 1').get();
    return row && row.version_num !== null ? String(row.version_num) : null;
  } catch {
    return null;
  } finally {
    src?.close();
  }
}

function openReadOnly(dbPath: string): Database.Database {
  const src = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    src.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // Big integers (steps past 2^53) would throw in strict mode; numbers are what the index stores.
    src.defaultSafeIntegers(false);
    return src;
  } catch (error) {
    src.close();
    throw error;
  }
}

/**
 * Deletes the store's rows. Children are deleted explicitly rather than through ON DELETE CASCADE so
 * the result does not depend on the connection having `foreign_keys` switched on.
 */
function clearStore(db: IndexDb, storeId: number): void {
  const runsOfStore = 'SELECT run_key FROM runs WHERE store_id = ?';
  for (const table of ['metric_chunks', 'latest_metrics', 'params', 'tags', 'dataset_inputs', 'metric_files']) {
    db.prepare(`DELETE FROM ${table} WHERE run_key IN (${runsOfStore})`).run(storeId);
  }
  db.prepare('DELETE FROM runs WHERE store_id = ?').run(storeId);
  db.prepare('DELETE FROM experiment_tags WHERE exp_key IN (SELECT exp_key FROM experiments WHERE store_id = ?)').run(storeId);
  db.prepare('DELETE FROM logged_models WHERE store_id = ?').run(storeId);
  db.prepare('DELETE FROM experiments WHERE store_id = ?').run(storeId);
  const modelsOfStore = 'SELECT rm_key FROM registered_models WHERE store_id = ?';
  for (const table of ['model_version_tags', 'model_aliases', 'registered_model_tags', 'model_versions']) {
    db.prepare(`DELETE FROM ${table} WHERE rm_key IN (${modelsOfStore})`).run(storeId);
  }
  db.prepare('DELETE FROM registered_models WHERE store_id = ?').run(storeId);
}
