import type { ColumnSet } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { dataVersion } from './data-version.js';
import { LruMap } from './lru-map.js';
import { prepared } from './prepared.js';

type KeyTable = 'params' | 'latest_metrics' | 'tags';

const caches = new WeakMap<IndexDb, LruMap<string, ColumnSet>>();

/**
 * The distinct param, metric and tag keys of the runs of the given experiments (all experiments
 * when empty), each sorted. Keys come from a skip-scan of `<table>_by_key_value` (one index seek
 * per distinct key, not one row per run), then each key is kept if a run of the selection has it.
 * Cached per experiment set until the index changes.
 */
export function listRunColumns(db: IndexDb, experimentKeys: readonly number[]): ColumnSet {
  const selection = [...new Set(experimentKeys)].sort((a, b) => a - b);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new LruMap(20)));
  const cacheKey = `${dataVersion(db)}\u0000${selection.join(',')}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const everything = selection.length === 0 || coversAllExperiments(db, selection);
  const columns: ColumnSet = {
    params: keysOf(db, 'params', everything ? null : selection),
    metrics: keysOf(db, 'latest_metrics', everything ? null : selection),
    tags: keysOf(db, 'tags', everything ? null : selection),
  };
  cache.set(cacheKey, columns);
  return columns;
}

function coversAllExperiments(db: IndexDb, selection: readonly number[]): boolean {
  const all = prepared(db, 'SELECT count(*) FROM experiments').pluck().get() as number;
  return selection.length >= all && (prepared(db, 'SELECT count(*) FROM experiments WHERE exp_key IN (SELECT value FROM json_each(?))').pluck().get(JSON.stringify(selection)) as number) === all;
}

function keysOf(db: IndexDb, table: KeyTable, experiments: readonly number[] | null): string[] {
  const distinct = `WITH RECURSIVE k(key) AS (
      SELECT (SELECT min(key) FROM ${table})
      UNION ALL
      SELECT (SELECT min(key) FROM ${table} WHERE key > k.key) FROM k WHERE k.key IS NOT NULL)`;
  if (!experiments) {
    return prepared(db, `${distinct} SELECT key FROM k WHERE key IS NOT NULL`).pluck().all() as string[];
  }
  return prepared(
    db,
    `${distinct} SELECT key FROM k WHERE key IS NOT NULL AND EXISTS (
        SELECT 1 FROM ${table} t JOIN runs r ON r.run_key = t.run_key
         WHERE t.key = k.key AND r.exp_key IN (SELECT value FROM json_each(?)))`,
  )
    .pluck()
    .all(JSON.stringify(experiments)) as string[];
}
