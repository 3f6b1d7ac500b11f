import type { Statement } from 'better-sqlite3';
import type { IndexDb } from '../db/open-index.js';
import { LruMap } from './lru-map.js';

const caches = new WeakMap<IndexDb, LruMap<string, Statement>>();

/**
 * A prepared statement for this SQL text on this connection, reused across calls. Filter SQL
 * depends only on the filter's shape (values are bound), so typing in the search box reuses it.
 */
export function prepared(db: IndexDb, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new LruMap(200);
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
