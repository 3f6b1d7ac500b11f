import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RegistryEdit } from '../../../preload/contract.js';
import type { FacetChange } from '../edit-model.js';

/**
 * The local record of every registry edit RunDesk made: when, what, the values before and after,
 * and the edits that undo it. This is user data, not cache, so it lives in its own small SQLite
 * file in the project's data folder (`registry-history.sqlite`), never in the user's store and
 * never in the index (which may be deleted and rebuilt at any time). Stores are identified by
 * their absolute path, which survives an index rebuild; index store ids do not.
 */
export const HISTORY_FILE_NAME = 'registry-history.sqlite';

export interface HistoryEntry {
  changeId: number;
  at: number;
  storePath: string;
  storeKind: 'file' | 'sql';
  modelName: string;
  summary: string;
  edit: RegistryEdit;
  inverse: RegistryEdit[];
  changes: FacetChange[];
  undoneAt: number | null;
}

export type NewHistoryEntry = Omit<HistoryEntry, 'changeId' | 'undoneAt'>;

const MIGRATIONS: readonly ((db: Database.Database) => void)[] = [
  (db) =>
    db.exec(`
      CREATE TABLE changes (
        change_id    INTEGER PRIMARY KEY,
        at           INTEGER NOT NULL,
        store_path   TEXT NOT NULL,
        store_kind   TEXT NOT NULL CHECK (store_kind IN ('file', 'sql')),
        model_name   TEXT NOT NULL,
        summary      TEXT NOT NULL,
        edit_json    TEXT NOT NULL,
        inverse_json TEXT NOT NULL,
        changes_json TEXT NOT NULL,   -- [{facet, before, after}]
        undone_at    INTEGER
      ) STRICT;
      CREATE INDEX changes_by_store_model ON changes (store_path, model_name, change_id);
    `),
];

export class HistoryStore {
  private constructor(private readonly db: Database.Database) {}

  /** Opens (creating if needed) the history file in `folder`. */
  static openInFolder(folder: string): HistoryStore {
    mkdirSync(folder, { recursive: true });
    return HistoryStore.open(join(folder, HISTORY_FILE_NAME));
  }

  static open(path: string): HistoryStore {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    try {
      db.pragma('journal_mode = WAL');
      // This is the only copy of the user's edit history: full durability.
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      const current = db.pragma('user_version', { simple: true }) as number;
      if (current > MIGRATIONS.length) throw new Error(`${path} was written by a newer RunDesk (history schema ${current}).`);
      db.transaction(() => {
        for (let v = current; v < MIGRATIONS.length; v++) MIGRATIONS[v]!(db);
        db.pragma(`user_version = ${MIGRATIONS.length}`);
      })();
      return new HistoryStore(db);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  record(entry: NewHistoryEntry): HistoryEntry {
    const result = this.db
      .prepare(
        `INSERT INTO changes (at, store_path, store_kind, model_name, summary, edit_json, inverse_json, changes_json)
         VALUES (@at, @storePath, @storeKind, @modelName, @summary, @edit, @inverse, @changes)`,
      )
      .run({
        at: entry.at,
        storePath: entry.storePath,
        storeKind: entry.storeKind,
        modelName: entry.modelName,
        summary: entry.summary,
        edit: JSON.stringify(entry.edit),
        inverse: JSON.stringify(entry.inverse),
        changes: JSON.stringify(entry.changes),
      });
    return this.get(Number(result.lastInsertRowid))!;
  }

  get(changeId: number): HistoryEntry | null {
    const row = this.db.prepare('SELECT * FROM changes WHERE change_id = ?').get(changeId) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  /** Newest first. */
  forModel(storePath: string, modelName: string, limit = 200): HistoryEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM changes WHERE store_path = ? AND model_name = ? ORDER BY change_id DESC LIMIT ?')
      .all(storePath, modelName, limit) as Row[];
    return rows.map(fromRow);
  }

  /** Newest first, across every store in `storePaths`. */
  latest(storePaths: readonly string[], limit = 1): HistoryEntry[] {
    if (storePaths.length === 0) return [];
    const rows = this.db
      .prepare(`SELECT * FROM changes WHERE store_path IN (SELECT value FROM json_each(?)) ORDER BY change_id DESC LIMIT ?`)
      .all(JSON.stringify(storePaths), limit) as Row[];
    return rows.map(fromRow);
  }

  markUndone(changeId: number, at: number): void {
    this.db.prepare('UPDATE changes SET undone_at = ? WHERE change_id = ? AND undone_at IS NULL').run(at, changeId);
  }

  close(): void {
    this.db.close();
  }
}

interface Row {
  change_id: number;
  at: number;
  store_path: string;
  store_kind: 'file' | 'sql';
  model_name: string;
  summary: string;
  edit_json: string;
  inverse_json: string;
  changes_json: string;
  undone_at: number | null;
}

function fromRow(row: Row): HistoryEntry {
  return {
    changeId: row.change_id,
    at: row.at,
    storePath: row.store_path,
    storeKind: row.store_kind,
    modelName: row.model_name,
    summary: row.summary,
    edit: JSON.parse(row.edit_json) as RegistryEdit,
    inverse: JSON.parse(row.inverse_json) as RegistryEdit[],
    changes: JSON.parse(row.changes_json) as FacetChange[],
    undoneAt: row.undone_at,
  };
}
