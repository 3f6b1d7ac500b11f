import { join, relative, sep } from 'node:path';
import { META_FILE, REGISTRY_FOLDER, RESERVED_EXPERIMENT_FOLDERS, TRASH_FOLDER } from '../../stores/file-store/layout.js';

/** A file store or SQL store being followed, as the router needs it. */
export interface WatchedStore {
  storeId: number;
  kind: 'file' | 'sql';
  /** mlruns root, or the .db file. */
  path: string;
}

/**
 * What has to be re-read, accumulated over ~100 ms of file events and applied in one batch.
 * Coarser work absorbs finer work: a scoped experiment pass re-reads its runs, a store pass
 * re-reads its experiments.
 */
export class DirtySet {
  /** Re-discover the stores of the project (something appeared in the project folder). */
  project = false;
  readonly stores = new Set<number>();
  /** storeId → experiment folders whose listing, meta or tags changed. */
  readonly experiments = new Map<number, Set<string>>();
  /** storeId → run folders whose meta/params/tags/inputs changed. */
  readonly runs = new Map<number, Set<string>>();
  /** Metric files that grew (read from the stored offset). */
  readonly metricFiles = new Set<string>();
  /** storeId → registered model folder names. */
  readonly registry = new Map<number, Set<string>>();
  /** SQL stores whose db/wal changed. */
  readonly sqlStores = new Set<number>();

  get empty(): boolean {
    return (
      !this.project &&
      this.stores.size === 0 &&
      this.experiments.size === 0 &&
      this.runs.size === 0 &&
      this.metricFiles.size === 0 &&
      this.registry.size === 0 &&
      this.sqlStores.size === 0
    );
  }
}

function add(map: Map<number, Set<string>>, key: number, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

const SQL_SUFFIXES = ['', '-wal', '-journal', '-shm'];

/**
 * Maps one changed path to the work it causes. Paths inside `artifacts/` and `traces/`, editor
 * temp files and anything outside the stores are ignored. A move into `.trash/` shows up as a
 * change of the store root listing, so it becomes a store pass (the experiment turns 'deleted').
 */
export function routeChange(dirty: DirtySet, stores: readonly WatchedStore[], projectFolder: string, path: string): void {
  for (const store of stores) {
    if (store.kind === 'sql') {
      if (SQL_SUFFIXES.some((suffix) => path === store.path + suffix)) {
        // -shm changes on every read; only the db and its journals mean new data.
        if (!path.endsWith('-shm')) dirty.sqlStores.add(store.storeId);
        return;
      }
      continue;
    }
    if (path === store.path) {
      dirty.stores.add(store.storeId);
      return;
    }
    if (!path.startsWith(store.path + sep)) continue;
    routeFileStoreChange(dirty, store, relative(store.path, path).split(sep));
    return;
  }
  // Outside every store: a new mlruns/ or mlflow.db may have appeared.
  if (path === projectFolder || path.startsWith(projectFolder + sep) || projectFolder.startsWith(path)) dirty.project = true;
}

function isIgnoredName(name: string): boolean {
  return name.endsWith('~') || name.endsWith('.swp') || name.endsWith('.tmp') || name.startsWith('.#');
}

function routeFileStoreChange(dirty: DirtySet, store: WatchedStore, parts: string[]): void {
  const id = store.storeId;
  if (parts.some(isIgnoredName)) return;
  let experimentParts = parts;
  let experimentBase = store.path;
  if (parts[0] === TRASH_FOLDER) {
    if (parts.length === 1) {
      dirty.stores.add(id);
      return;
    }
    experimentParts = parts.slice(1);
    experimentBase = join(store.path, TRASH_FOLDER);
  } else if (parts[0] === REGISTRY_FOLDER) {
    if (parts.length === 1) {
      dirty.stores.add(id); // the registry folder itself appeared or vanished
      return;
    }
    add(dirty.registry, id, parts[1]!);
    return;
  }
  const [experiment, second, third] = experimentParts;
  const experimentDir = join(experimentBase, experiment!);
  // An experiment folder appeared, vanished or moved (delete/restore): the store listing changed.
  if (second === undefined) {
    dirty.stores.add(id);
    return;
  }
  if (second === META_FILE || second === 'tags' || second === 'models') {
    add(dirty.experiments, id, experimentDir);
    return;
  }
  if (RESERVED_EXPERIMENT_FOLDERS.has(second)) return; // datasets/ (read with the inputs), traces/
  const runDir = join(experimentDir, second);
  if (third === undefined) {
    // A run folder appeared or vanished.
    add(dirty.experiments, id, experimentDir);
    return;
  }
  if (third === 'artifacts') return;
  if (third === 'metrics') {
    if (experimentParts.length === 3) add(dirty.runs, id, runDir);
    else dirty.metricFiles.add(join(runDir, ...experimentParts.slice(2)));
    return;
  }
  if (third === META_FILE || third === 'params' || third === 'tags' || third === 'inputs' || third === 'outputs') {
    add(dirty.runs, id, runDir);
  }
}
