import { describe, expect, it } from 'vitest';
import { openIndex } from '../db/open-index.js';

/**
 * The hot queries of the app must be answered from an index, not a table scan: these plans are
 * what keeps the runs table and the charts fast at 100,000 runs.
 */
describe('query plans of the hot queries', () => {
  const { db } = openIndex(':memory:');
  const plan = (sql: string) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join(' | ');

  it('runs of an experiment ordered by start time use runs_by_exp_start', () => {
    const detail = plan(`SELECT run_key, run_id, start_time FROM runs WHERE exp_key = 1 ORDER BY start_time DESC, run_id LIMIT 100`);
    expect(detail).toMatch(/USING (COVERING )?INDEX runs_by_exp_start/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it('the chunks of one metric series, in append order, come from the metric_chunks primary key', () => {
    const detail = plan(`SELECT count, encoding, points FROM metric_chunks WHERE run_key = 7 AND key = 'loss' ORDER BY seq`);
    expect(detail).toMatch(/USING INDEX sqlite_autoindex_metric_chunks_1 \(run_key=\? AND key=\?\)/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it('the metric keys of a run come from the metric_chunks primary key', () => {
    const detail = plan(`SELECT DISTINCT key FROM metric_chunks WHERE run_key = 7 ORDER BY key`);
    expect(detail).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_metric_chunks_1 \(run_key=\?\)/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it('the live updater finds a metric file by path with metric_files_by_path', () => {
    expect(plan(`SELECT run_key, key, offset FROM metric_files WHERE path = '/x/metrics/loss'`)).toMatch(/USING INDEX metric_files_by_path/);
  });

  it('a reopen finds the RUNNING runs of an unchanged experiment with runs_running', () => {
    expect(plan(`SELECT run_key, exp_key, dir_path, meta_sig, status FROM runs WHERE exp_key = 3 AND status = 'RUNNING'`)).toMatch(/USING INDEX runs_running \(exp_key=\?\)/);
  });

  it('the live updater finds a run by folder through runs_by_run_id', () => {
    expect(plan(`SELECT run_key FROM runs WHERE store_id = 1 AND run_id = 'abc' AND dir_path = '/x/abc'`)).toMatch(/USING INDEX (runs_by_run_id|sqlite_autoindex_runs_1)/);
  });
});
