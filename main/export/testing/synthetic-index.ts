import type { IndexDb } from '../../db/open-index.js';

export interface SyntheticIndexOptions {
  runs: number;
  experiments: number;
  params: number;
  metrics: number;
  /** User tags; four `mlflow.*` tags (runName, user, source.name, source.type) come on top. */
  userTags: number;
}

export const MLFLOW_TAG_COUNT = 4;

/**
 * Fills an empty index with a large, deterministic project for the export benchmark. Everything is
 * generated inside SQLite (recursive CTEs, values derived from hashes of the row numbers), so
 * 100,000 runs × 50 columns take seconds and no JavaScript memory.
 */
export function fillSyntheticIndex(db: IndexDb, options: SyntheticIndexOptions): void {
  const counts = { ...options };
  db.transaction(() => {
    db.prepare("INSERT INTO stores (store_id, kind, path, label) VALUES (1, 'file', '/bench/mlruns', 'mlruns')").run();
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @experiments)
       INSERT INTO experiments (exp_key, store_id, experiment_id, name, lifecycle_stage, artifact_location)
       SELECT i + 1, 1, CAST(100000000000000000 + i * 7919 AS TEXT), 'experiment-' || i, 'active', 'file:///bench/mlruns/' || i FROM n`,
    ).run(counts);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @runs)
       INSERT INTO runs (run_key, store_id, exp_key, run_id, run_name, status, start_time, end_time, lifecycle_stage, user_id, artifact_uri)
       SELECT i + 1, 1, i % @experiments + 1, printf('%08x%08x%08x%08x', i, i * 2654435761 % 4294967296, i * 40503 % 4294967296, i * 97 % 4294967296),
              'run-' || i, CASE WHEN i % 17 = 0 THEN 'FAILED' ELSE 'FINISHED' END,
              1700000000000 + i * 61237 % 900000000, 1700000000000 + i * 61237 % 900000000 + 1000 + i * 7 % 3600000,
              'active', 'user' || (i % 7),
              'file:///bench/mlruns/' || (i % @experiments) || '/' || printf('%08x', i) || '/artifacts'
         FROM n`,
    ).run(counts);
    db.prepare(
      `WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j + 1 < @params)
       INSERT INTO params (run_key, key, value)
       SELECT r.run_key, 'param_' || k.j,
              CASE k.j % 3 WHEN 0 THEN printf('%.4f', (r.run_key * 2654435761 + k.j * 40503) % 1000003 / 1000003.0)
                           WHEN 1 THEN CAST((r.run_key * 31 + k.j) % 512 AS TEXT)
                           ELSE 'choice-' || ((r.run_key + k.j) % 5) END
         FROM runs r, k`,
    ).run(counts);
    db.prepare(
      `WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j + 1 < @metrics)
       INSERT INTO latest_metrics (run_key, key, value, is_nan, step, timestamp, min_value, max_value, count)
       SELECT run_key, 'metric_' || j, v, 0, 100, end_time, v, v, 1
         FROM (SELECT r.run_key, r.end_time, k.j, ((r.run_key * 2654435761 + k.j * 97) % 1000003) / 1000003.0 * (1 + k.j) - 0.25 AS v
                 FROM runs r, k)`,
    ).run(counts);
    db.prepare(
      `WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j + 1 < @userTags)
       INSERT INTO tags (run_key, key, value)
       SELECT r.run_key, 'tag_' || k.j, 'value ' || ((r.run_key + k.j * 13) % 101) FROM runs r, k`,
    ).run(counts);
    db.exec(`
      INSERT INTO tags (run_key, key, value) SELECT run_key, 'mlflow.runName', run_name FROM runs;
      INSERT INTO tags (run_key, key, value) SELECT run_key, 'mlflow.user', user_id FROM runs;
      INSERT INTO tags (run_key, key, value) SELECT run_key, 'mlflow.source.name', '/home/user/project/train.py' FROM runs;
      INSERT INTO tags (run_key, key, value) SELECT run_key, 'mlflow.source.type', 'LOCAL' FROM runs;
    `);
  })();
}
