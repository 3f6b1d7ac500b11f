import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { restoreDeferredIndexes } from './deferred-indexes.js';
import { MIGRATIONS, type Migration } from './migrations/index.js';

export type IndexDb = Database.Database;

/** The index was written by a newer RunDesk: set aside and rebuilt, never shown as an error. */
export class DbFromFutureError extends Error {
  constructor(readonly found: number, readonly newest: number) {
    super(`index schema version ${found} is newer than this RunDesk knows (${newest})`);
  }
}

export interface OpenIndexOptions {
  readonly?: boolean;
  migrations?: readonly Migration[];
}

export interface OpenedIndex {
  db: IndexDb;
  /** True when the file was new, damaged or from the future and has been (re)created empty. */
  fresh: boolean;
  /** Where a damaged or future index was moved, if one was. */
  setAsideTo: string | null;
}

/** Open, configure, migrate — in that order. A damaged or future index is moved aside and recreated. */
export function openIndex(path: string, options: OpenIndexOptions = {}): OpenedIndex {
  const migrations = options.migrations ?? MIGRATIONS;
  if (options.readonly) {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    return { db, fresh: false, setAsideTo: null };
  }
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const existed = path !== ':memory:' && existsSync(path);
  try {
    const db = configureAndMigrate(new Database(path), migrations);
    return { db, fresh: !existed, setAsideTo: null };
  } catch (error) {
    if (path === ':memory:' || !isRecoverable(error)) throw error;
    const aside = `${path}.broken-${Date.now()}`;
    setAside(path, aside);
    const db = configureAndMigrate(new Database(path), migrations);
    return { db, fresh: true, setAsideTo: aside };
  }
}

function configureAndMigrate(db: IndexDb, migrations: readonly Migration[]): IndexDb {
  try {
    db.pragma('journal_mode = WAL');
    // The index is a rebuildable cache, so NORMAL (not FULL) durability is enough.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -65536');
    migrate(db, migrations);
    // A first index interrupted while its secondary indexes were deferred gets them back now.
    if (db.pragma('user_version', { simple: true }) as number >= 30) restoreDeferredIndexes(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function migrate(db: IndexDb, migrations: readonly Migration[] = MIGRATIONS): void {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) throw new Error('migration versions must strictly increase');
  }
  const newest = migrations.at(-1)?.version ?? 0;
  // Reading user_version also proves the file is a database: a damaged file throws SQLITE_NOTADB here.
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > newest) throw new DbFromFutureError(current, newest);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    db.pragma(`user_version = ${newest}`);
  })();
  db.pragma('optimize');
}

function isRecoverable(error: unknown): boolean {
  if (error instanceof DbFromFutureError) return true;
  const code = (error as { code?: string }).code ?? '';
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT');
}

function setAside(path: string, aside: string): void {
  renameSync(path, aside);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) rmSync(path + suffix, { force: true });
  }
}
