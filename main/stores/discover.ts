import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import type { StoreKind } from '../../preload/contract.js';
import { isDirEntry, META_FILE, REGISTRY_FOLDER, TRASH_FOLDER } from './file-store/layout.js';
import { isUndecodableName, listDirSync } from './file-store/key-files.js';
import { describeFsError } from './file-store/read-capped.js';

export interface DiscoveredStore {
  kind: StoreKind;
  /** Absolute path: the mlruns root, the artifacts folder, or the .db file. */
  path: string;
  /** Relative to the project folder ('.' when the folder given is the store). */
  label: string;
  /** SQL stores: the alembic revision. */
  schemaVersion: string | null;
}

export interface Discovery {
  folder: string;
  stores: DiscoveredStore[];
  /** One sentence when the folder holds no store, or only artifacts; null otherwise. */
  notice: string | null;
  /** Paths that could not be looked at, with a sentence each. */
  problems: { path: string; reason: string }[];
}

export interface DiscoverOptions {
  /** How many folder levels below the given folder are searched (the folder itself is level 0). */
  maxDepth?: number;
  /** Stop after looking at this many folders, so a huge data folder cannot stall opening. */
  maxFolders?: number;
}

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', 'venv', '.venv', 'site-packages', '__pycache__', '.hg', '.svn', '.tox', '.mypy_cache', '.pytest_cache']);
const SQL_EXTENSIONS = new Set(['.db', '.sqlite', '.sqlite3']);
const ARTIFACT_FOLDER_NAMES = new Set(['mlruns', 'mlartifacts']);
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Finds every MLflow store in a project folder: file stores (`mlruns/`, or any folder of numbered
 * experiment folders holding meta.yaml, with its .trash/ and models/ registry), SQL stores (SQLite
 * files with MLflow's tables) and artifacts-only folders (the MLflow 3.7+ `mlruns/` next to
 * mlflow.db, or `mlartifacts/`). The folder may itself be an mlruns root or a .db file.
 */
export function discoverStores(folder: string, options: DiscoverOptions = {}): Discovery {
  const root = resolve(folder);
  const maxDepth = options.maxDepth ?? 4;
  const maxFolders = options.maxFolders ?? 20_000;
  const stores: DiscoveredStore[] = [];
  const problems: { path: string; reason: string }[] = [];
  const label = (path: string) => relative(root, path).split(sep).join('/') || '.';

  let rootStat;
  try {
    rootStat = statSync(root);
  } catch (error) {
    return { folder: root, stores, notice: `${root} ${describeFsError(error) === 'it disappeared while being read' ? 'does not exist' : describeFsError(error)}.`, problems };
  }
  if (rootStat.isFile()) {
    const sql = probeSqlStore(root, problems);
    if (sql) stores.push({ kind: 'sql', path: root, label: '.', schemaVersion: sql.schemaVersion });
    return {
      folder: root,
      stores,
      notice: sql ? null : `${basename(root)} is not an MLflow store: RunDesk opens a folder, an mlruns/ folder or an MLflow SQLite database (mlflow.db).`,
      problems,
    };
  }

  const visited = new Set<string>();
  let foldersSeen = 0;
  let truncated = false;
  walk(root, 0);

  stores.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { folder: root, stores, notice: noticeFor(root, stores, truncated), problems };

  function walk(dir: string, depth: number): void {
    if (foldersSeen >= maxFolders) {
      truncated = true;
      return;
    }
    foldersSeen++;
    try {
      const real = realpathSync(dir);
      if (visited.has(real)) return; // symlink loop or a folder reached twice
      visited.add(real);
    } catch (error) {
      problems.push({ path: dir, reason: `Folder ${describeFsError(error)}.` });
      return;
    }
    let entries: Dirent[];
    try {
      entries = listDirSync(dir);
    } catch (error) {
      problems.push({ path: dir, reason: `Folder ${describeFsError(error)}; not searched for MLflow stores.` });
      return;
    }
    const kind = classifyFolder(dir, entries);
    if (kind === 'file') {
      stores.push({ kind: 'file', path: dir, label: label(dir), schemaVersion: null });
      return; // its sub-folders are experiments, not projects
    }
    if (kind === 'artifacts') {
      stores.push({ kind: 'artifacts', path: dir, label: label(dir), schemaVersion: null });
      return;
    }
    if (entries.some((e) => e.name === 'pyvenv.cfg')) return; // a virtual env
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (isUndecodableName(entry.name)) continue;
      if ((entry.isFile() || entry.isSymbolicLink()) && SQL_EXTENSIONS.has(extname(entry.name).toLowerCase())) {
        const sql = probeSqlStore(path, problems);
        if (sql) stores.push({ kind: 'sql', path, label: label(path), schemaVersion: sql.schemaVersion });
        continue;
      }
      if (depth >= maxDepth || SKIPPED_FOLDERS.has(entry.name) || !isDirEntry(dir, entry)) continue;
      walk(path, depth + 1);
    }
  }
}

/** 'file' if the folder is an MLflow file store root; 'artifacts' for an artifacts-only mlruns/mlartifacts. */
export function classifyFolder(dir: string, entries: Dirent[]): 'file' | 'artifacts' | null {
  const isExperimentDir = (parent: string, name: string) => existsSync(join(parent, name, META_FILE));
  for (const entry of entries) {
    if (!/^\d+$/.test(entry.name) || !isDirEntry(dir, entry)) continue;
    if (isExperimentDir(dir, entry.name)) return 'file';
  }
  // MLflow's FileStore creates .trash/ when it opens a store, and nothing else makes one: a store
  // whose experiments were all deleted (or removed by hand) is still a store.
  if (entries.some((e) => e.name === TRASH_FOLDER && isDirEntry(dir, e))) return 'file';
  if (entries.some((e) => e.name === REGISTRY_FOLDER && isDirEntry(dir, e))) {
    try {
      const models = listDirSync(join(dir, REGISTRY_FOLDER));
      if (models.some((e) => isExperimentDir(join(dir, REGISTRY_FOLDER), e.name))) return 'file';
    } catch {
      // unreadable registry: judged by the rest
    }
  }
  if (ARTIFACT_FOLDER_NAMES.has(basename(dir))) return 'artifacts';
  return null;
}

/** Reads the 16-byte SQLite header, then (read-only) checks for MLflow's tables. */
export function probeSqlStore(path: string, problems: { path: string; reason: string }[]): { schemaVersion: string | null } | null {
  try {
    const fd = openSync(path, 'r');
    try {
      const header = Buffer.alloc(16);
      if (readSync(fd, header, 0, 16, 0) < 16 || !header.equals(SQLITE_HEADER)) return null;
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    problems.push({ path, reason: `Database file ${describeFsError(error)}.` });
    return null;
  }
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const tables = new Set(
      (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((r) => r.name),
    );
    if (!tables.has('alembic_version') || !tables.has('experiments') || !tables.has('runs')) return null;
    const row = db.prepare('SELECT version_num FROM alembic_version LIMIT 1').get() as { version_num: string } | undefined;
    return { schemaVersion: row?.version_num ?? null };
  } catch (error) {
    problems.push({ path, reason: `SQLite file cannot be opened read-only (${(error as Error).message}).` });
    return null;
  } finally {
    db?.close();
  }
}

/** The project notice for the stores an index already holds (before discovery has run again). */
export function noticeForStores(folder: string, stores: readonly { kind: StoreKind; label: string }[]): string | null {
  return noticeFor(folder, stores, false);
}

function noticeFor(root: string, stores: readonly { kind: StoreKind; label: string }[], truncated: boolean): string | null {
  const name = basename(root) || root;
  const more = truncated ? ' (the search stopped early: the folder is very large; open the folder that holds mlruns/ or mlflow.db)' : '';
  if (stores.length === 0) {
    return `No MLflow data found in ${name}: RunDesk looks for an mlruns/ folder or an MLflow database (mlflow.db) up to 4 folders deep${more}.`;
  }
  if (stores.every((s) => s.kind === 'artifacts')) {
    const labels = stores.map((s) => s.label).join(', ');
    return `${labels} ${stores.length === 1 ? 'holds' : 'hold'} only MLflow artifacts, not runs: since MLflow 3.7 the runs are kept in an mlflow.db database, so open the folder that contains it${more}.`;
  }
  return truncated ? `Some stores may be missing${more}.` : null;
}
