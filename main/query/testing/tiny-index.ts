import { openIndex, type IndexDb } from '../../db/open-index.js';

/** A run for a hand-written test index; every field has a dull default. */
export interface TinyRun {
  runId: string;
  exp?: number;
  name?: string;
  status?: string;
  start?: number | null;
  end?: number | null;
  stage?: 'active' | 'deleted';
  user?: string;
  artifactUri?: string | null;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  /** NaN and ±Infinity allowed; NaN is stored as MLflow's indexer stores it (NULL + is_nan). */
  metrics?: Record<string, number>;
  datasets?: { name: string; digest?: string; context?: string | null }[];
}

/** An in-memory index with experiments 1 (`exp-one`, active) and 2 (`exp-two`, deleted) and the given runs. */
export function tinyIndex(runs: TinyRun[]): IndexDb {
  const { db } = openIndex(':memory:');
  db.exec(`
    INSERT INTO stores (store_id, kind, path, label) VALUES (1, 'sql', '/p/mlflow.db', 'mlflow.db');
    INSERT INTO experiments (exp_key, store_id, experiment_id, name, lifecycle_stage, creation_time, last_update_time)
      VALUES (1, 1, '1', 'exp-one', 'active', 100, 100), (2, 1, '2', 'exp-two', 'deleted', 200, 200);
    INSERT INTO experiment_tags (exp_key, key, value) VALUES (1, 'team', 'vision');
  `);
  const insertRun = db.prepare(
    `INSERT INTO runs (run_key, store_id, exp_key, run_id, run_name, status, start_time, end_time, lifecycle_stage, user_id, artifact_uri)
     VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const param = db.prepare('INSERT INTO params (run_key, key, value) VALUES (?, ?, ?)');
  const tag = db.prepare('INSERT INTO tags (run_key, key, value) VALUES (?, ?, ?)');
  const metric = db.prepare(
    'INSERT INTO latest_metrics (run_key, key, value, is_nan, step, timestamp, min_value, max_value, count) VALUES (?, ?, ?, ?, 0, 0, NULL, NULL, 1)',
  );
  const dataset = db.prepare('INSERT INTO dataset_inputs (run_key, name, digest, context) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    runs.forEach((r, i) => {
      const key = i + 1;
      insertRun.run(key, r.exp ?? 1, r.runId, r.name ?? r.runId, r.status ?? 'FINISHED', r.start === undefined ? 1000 + i : r.start, r.end ?? null, r.stage ?? 'active', r.user ?? 'u', r.artifactUri === undefined ? `file:///a/${r.runId}` : r.artifactUri);
      for (const [k, v] of Object.entries(r.params ?? {})) param.run(key, k, v);
      for (const [k, v] of Object.entries(r.tags ?? {})) tag.run(key, k, v);
      for (const [k, v] of Object.entries(r.metrics ?? {})) metric.run(key, k, Number.isNaN(v) ? null : v, Number.isNaN(v) ? 1 : 0);
      for (const d of r.datasets ?? []) dataset.run(key, d.name, d.digest ?? '', d.context ?? null);
    });
  })();
  return db;
}
