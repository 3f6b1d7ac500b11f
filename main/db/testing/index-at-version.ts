import Database from 'better-sqlite3';
import { MIGRATIONS } from '../migrations/index.js';
import { migrate } from '../open-index.js';

/** An in-memory index migrated up to `version` (for testing the next migration), with one store, experiment and run. */
export function indexAtVersion(version: number): Database.Database {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.filter((m) => m.version <= version));
  db.exec(`INSERT INTO stores (store_id, kind, path, label) VALUES (1, 'file', '/x/mlruns', 'mlruns');
           INSERT INTO experiments (exp_key, store_id, experiment_id, name, lifecycle_stage) VALUES (1, 1, '0', 'Default', 'active');
           INSERT INTO runs (run_key, store_id, exp_key, run_id, status, lifecycle_stage) VALUES (1, 1, 1, 'r', 'FINISHED', 'active');`);
  return db;
}
