import Database from 'better-sqlite3';
import type { IndexDb } from '../db/open-index.js';

export interface ExportSnapshot {
  db: IndexDb;
  close(): void;
}

/**
 * A connection of the export's own with one read transaction held open: the export reads a single
 * consistent state of the index, although the indexer keeps committing while it runs (WAL lets
 * readers keep their snapshot), and its statements never interleave with the session's queries.
 * An in-memory index (tests) cannot be opened twice, so it is read through the given connection.
 */
export function openExportSnapshot(db: IndexDb): ExportSnapshot {
  if (db.memory || db.name === '' || db.name === ':memory:') return { db, close: () => undefined };
  const own = new Database(db.name, { readonly: true, fileMustExist: true });
  try {
    own.pragma('busy_timeout = 5000');
    own.exec('BEGIN');
    // The snapshot starts at the first read, not at BEGIN.
    own.prepare('SELECT count(*) FROM stores').get();
  } catch (error) {
    own.close();
    throw error;
  }
  return {
    db: own,
    close: () => {
      if (own.inTransaction) own.exec('COMMIT');
      own.close();
    },
  };
}
