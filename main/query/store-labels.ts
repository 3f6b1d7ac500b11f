import { relative, sep } from 'node:path';
import type { IndexDb } from '../db/open-index.js';

/**
 * How the CLI names a store: its path relative to the folder the user gave (`mlruns`,
 * `sub/mlflow.db`), or `.` when the folder is the store itself.
 */
export function storeLabels(db: IndexDb, folder: string): (storeId: number) => string {
  const labels = new Map<number, string>();
  for (const { store_id, path } of db.prepare('SELECT store_id, path FROM stores').all() as { store_id: number; path: string }[]) {
    labels.set(store_id, relative(folder, path).split(sep).join('/') || '.');
  }
  return (storeId) => labels.get(storeId) ?? '?';
}
