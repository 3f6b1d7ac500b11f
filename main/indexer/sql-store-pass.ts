import { readSqlStoreIntoIndex, sqlStoreFingerprint } from '../stores/sql-store/read-sql-store.js';
import type { Pass, PassEnv } from './pass-context.js';

export interface SqlStoreRef {
  storeId: number;
  /** Absolute path of the .db file. */
  path: string;
  schemaVersion: string | null;
  /** Fingerprint stored at the last read (size+mtime of the db and its -wal). */
  fingerprint: string | null;
}

/**
 * A SQL store is copied whole, and only when its fingerprint changed since the last read (or on a
 * full re-index). The copy is one transaction inside the reader, so readers never see half a store.
 */
export function* sqlStorePass(env: PassEnv, store: SqlStoreRef): Pass {
  const { writer: w, tracker, changes, batch, options } = env;
  batch.commit(); // the reader opens its own transaction
  const fingerprint = sqlStoreFingerprint(store.path);
  if (!options.full && fingerprint === store.fingerprint) return;
  w.clearProblemsUnder(store.path);
  let reported = 0;
  const stats = readSqlStoreIntoIndex(env.db, store.storeId, store.path, (path, reason) => {
    w.addProblem(store.storeId, path, reason);
    tracker.problemCount++;
    reported++;
  });
  // A read that failed outright (locked, unreadable) keeps the old fingerprint, so the next pass retries.
  const failed = reported > 0 && stats.experiments === 0 && stats.runs === 0;
  w.setStoreSqlState(store.storeId, store.schemaVersion, failed ? store.fingerprint : fingerprint);
  tracker.runsIndexed += stats.runs;
  tracker.runsTotal = (tracker.runsTotal ?? 0) + stats.runs;
  tracker.filesSeen++;
  // A SQL re-read replaces every row of the store: the UI re-queries everything of it.
  changes.structural = true;
  if (stats.registeredModels > 0) changes.registry.set(store.storeId, changes.registry.get(store.storeId) ?? new Set());
  yield;
}
