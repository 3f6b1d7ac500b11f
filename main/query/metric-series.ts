import type { IndexDb } from '../db/open-index.js';
import { sortSeries, unpackChunks, type ChunkRow, type SeriesColumns } from '../db/metric-chunks.js';
import { prepared } from './prepared.js';

const CHUNKS_SQL = 'SELECT count, encoding, points FROM metric_chunks WHERE run_key = ? AND key = ? ORDER BY seq';
const KEYS_SQL = 'SELECT DISTINCT key FROM metric_chunks WHERE run_key = ? ORDER BY key';

/**
 * One metric series of a run, in point order (step, timestamp, then with `byValue` the value, NaN
 * first; see sortSeries); null when the run has no point for the key.
 */
export function readSeries(db: IndexDb, runKey: number, key: string, byValue = false): SeriesColumns | null {
  const rows = prepared(db, CHUNKS_SQL).raw(true).all(runKey, key) as ChunkRow[];
  if (rows.length === 0) return null;
  return sortSeries(unpackChunks(rows), byValue);
}

/** The keys a run has points for, in SQLite's (byte) order. */
export function seriesKeysOfRun(db: IndexDb, runKey: number): string[] {
  return prepared(db, KEYS_SQL).pluck(true).all(runKey) as string[];
}
