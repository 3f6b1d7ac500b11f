import type { IndexDb } from '../../db/open-index.js';

/**
 * Index keys that survive a re-read. A SQL store is replaced whole on every change, but the renderer
 * holds run keys (selection, open run page, charts) and experiment and model keys: a run that is
 * still there keeps its key. New ids get keys above every key the table has ever handed out in
 * this pass, so they can never collide with an old key that is about to be re-inserted.
 */
export class StableKeys {
  private constructor(
    private readonly previous: ReadonlyMap<string, number>,
    private next: number,
  ) {}

  keyFor(id: string): number {
    return this.previous.get(id) ?? this.next++;
  }

  /** Reads the store's current id → key pairs; call before the store's rows are deleted. */
  static load(db: IndexDb, table: 'experiments' | 'runs' | 'registered_models', storeId: number): StableKeys {
    const [idColumn, keyColumn] = { experiments: ['experiment_id', 'exp_key'], runs: ['run_id', 'run_key'], registered_models: ['name', 'rm_key'] }[table];
    const previous = new Map<string, number>();
    for (const [id, key] of db.prepare(`SELECT ${idColumn}, ${keyColumn} FROM ${table} WHERE store_id = ?`).raw().iterate(storeId) as Iterable<[string, number]>) {
      previous.set(id, key);
    }
    const max = (db.prepare(`SELECT MAX(${keyColumn}) FROM ${table}`).pluck().get() as number | null) ?? 0;
    return new StableKeys(previous, max + 1);
  }
}

export interface StoreKeys {
  experiments: StableKeys;
  runs: StableKeys;
  models: StableKeys;
}

export function loadStoreKeys(db: IndexDb, storeId: number): StoreKeys {
  return {
    experiments: StableKeys.load(db, 'experiments', storeId),
    runs: StableKeys.load(db, 'runs', storeId),
    models: StableKeys.load(db, 'registered_models', storeId),
  };
}
