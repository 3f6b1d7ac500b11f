import type { Database } from 'better-sqlite3';
import { up as createIndex } from './0010-create-index.js';
import { up as createSearchIndexes } from './0020-search-indexes.js';
import { up as packMetricSeries } from './0030-packed-metric-series.js';
import { up as addRunDigests } from './0040-experiment-run-digests.js';

export interface Migration {
  version: number;
  up: (db: Database) => void;
}

/**
 * Numbered migrations, applied in order on `PRAGMA user_version`. A shipped migration is never
 * edited: add the next one (steps of ten leave room for hotfixes). `migrations.test.ts` pins a
 * hash of each shipped migration's source so an edit fails the tests.
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 10, up: createIndex },
  { version: 20, up: createSearchIndexes },
  { version: 30, up: packMetricSeries },
  { version: 40, up: addRunDigests },
];
