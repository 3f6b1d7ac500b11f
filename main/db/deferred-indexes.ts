import type { IndexDb } from './open-index.js';

/**
 * Indexes that serve search and the live updater but not the indexer itself. Keeping them up to
 * date row by row while a first index inserts millions of rows cost ~12% of a cold index
 * (measured on 3,000 runs); building each once at the end is a single sorted pass.
 */
const DEFERRABLE = ['params_by_key_value', 'tags_by_key_value', 'latest_metrics_by_key_value', 'metric_files_by_path'];

/**
 * Drops the deferrable indexes, remembering how to recreate them. Call with no transaction open;
 * pair with restoreDeferredIndexes (also run by openIndex, which finishes an interrupted load).
 */
export function deferIndexes(db: IndexDb): void {
  db.transaction(() => {
    const remember = db.prepare('INSERT OR REPLACE INTO deferred_indexes (name, sql) VALUES (?, ?)');
    for (const name of DEFERRABLE) {
      const sql = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`).pluck().get(name) as string | undefined;
      if (sql === undefined) continue;
      remember.run(name, sql);
      db.exec(`DROP INDEX "${name}"`);
    }
  })();
}

/** Recreates whatever deferIndexes dropped. A no-op (one small read) when nothing is deferred. */
export function restoreDeferredIndexes(db: IndexDb): void {
  const deferred = db.prepare('SELECT name, sql FROM deferred_indexes').raw().all() as [string, string][];
  if (deferred.length === 0) return;
  db.transaction(() => {
    for (const [name, sql] of deferred) {
      db.exec(sql.replace(/^CREATE INDEX /i, 'CREATE INDEX IF NOT EXISTS '));
      db.prepare('DELETE FROM deferred_indexes WHERE name = ?').run(name);
    }
  })();
}
