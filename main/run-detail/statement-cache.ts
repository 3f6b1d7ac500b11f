import type { IndexDb } from '../db/open-index.js';

/**
 * Prepared statements per index connection: preparing costs more than running these small queries,
 * and the table pages ask for rows many times a second while the user scrolls.
 */
export function statementCache<S extends object>(build: (db: IndexDb) => S): (db: IndexDb) => S {
  const cache = new WeakMap<IndexDb, S>();
  return (db) => {
    let statements = cache.get(db);
    if (!statements) {
      statements = build(db);
      cache.set(db, statements);
    }
    return statements;
  };
}
