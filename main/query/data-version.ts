import type { IndexDb } from '../db/open-index.js';
import { prepared } from './prepared.js';

/**
 * A value that changes whenever the index's content may have changed: `data_version` moves when
 * another connection (the indexer's) commits, `total_changes()` when this one writes. Caches keyed
 * on it need no `runs:changed` subscription and can never serve stale answers.
 */
export function dataVersion(db: IndexDb): string {
  const version = db.pragma('data_version', { simple: true }) as number;
  const own = prepared(db, 'SELECT total_changes()').pluck().get() as number;
  return `${version}:${own}`;
}
