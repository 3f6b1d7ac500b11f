import { describe, expect, it } from 'vitest';
import { openIndex } from '../db/open-index.js';
import {
  HISTORY_FIRST_PAGE_SQL,
  HISTORY_KEY_FIRST_PAGE_SQL,
  HISTORY_KEY_NEXT_PAGE_SQL,
  HISTORY_LISTED_KEYS_SQL,
  HISTORY_NEXT_PAGE_SQL,
} from './history-format.js';

// Long histories are read page by page; each page must be a range of the (run, key, step, timestamp)
// index, never a sort of the whole series. (Output order and paging are tested in csv-export.test.ts.)
describe('metric history query plans', () => {
  const { db } = openIndex(':memory:');
  const plan = (sql: string) =>
    db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all({ runKey: 1, limit: 1, key: 'a', step: 0, timestamp: 0, rowid: 0, keys: '[]' })
      .map((row) => (row as { detail: string }).detail)
      .join('\n');

  it.each([
    ['first page of a run', HISTORY_FIRST_PAGE_SQL, /metric_points_by_run_key_step \(run_key=\?\)/],
    ['next page of a run', HISTORY_NEXT_PAGE_SQL, /metric_points_by_run_key_step \(run_key=\? AND \(key,step,timestamp\)>\(\?,\?,\?\)\)/],
    ['listed keys of a run', HISTORY_LISTED_KEYS_SQL, /metric_points_by_run_key_step \(run_key=\? AND key=\?\)/],
    ['first page of a key', HISTORY_KEY_FIRST_PAGE_SQL, /metric_points_by_run_key_step \(run_key=\? AND key=\?\)/],
    ['next page of a key', HISTORY_KEY_NEXT_PAGE_SQL, /metric_points_by_run_key_step \(run_key=\? AND key=\? AND \(step,timestamp\)>\(\?,\?\)\)/],
  ])('%s walks the index without sorting', (_name, sql, expected) => {
    const detail = plan(sql);
    expect(detail).toMatch(expected);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });
});
