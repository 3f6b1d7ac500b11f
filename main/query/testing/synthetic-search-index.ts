import type { IndexDb } from '../../db/open-index.js';

export interface SearchIndexShape {
  runs: number;
  experiments: number;
}

export const MODELS = ['resnet50', 'resnet18', 'vgg16', 'bert-base', 'xgboost'];
export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'];
export const TEAMS = ['vision', 'nlp', 'tabular', 'research'];
export const METRIC_KEYS = ['rmse', 'accuracy', 'loss', 'f1', 'val_loss', 'epoch_time'];

/**
 * Fills an empty index with a deterministic project shaped like real sweeps, entirely inside
 * SQLite (recursive CTEs; values from hashes of row numbers), so 100,000 runs take seconds:
 * 8 params, 6 latest metrics (about 1% NaN, 5% missing), 4 tags plus mlflow.runName/user, a
 * dataset input on 30% of runs, 3% deleted runs, ties in start time every 50 runs.
 */
export function fillSearchIndex(db: IndexDb, shape: SearchIndexShape): void {
  const p = { runs: shape.runs, experiments: shape.experiments };
  const list = (values: string[]) => `json_array(${values.map((v) => `'${v}'`).join(', ')})`;
  db.transaction(() => {
    db.prepare("INSERT INTO stores (store_id, kind, path, label) VALUES (1, 'sql', '/bench/mlflow.db', 'mlflow.db')").run();
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @experiments)
       INSERT INTO experiments (exp_key, store_id, experiment_id, name, lifecycle_stage, creation_time, last_update_time)
       SELECT i + 1, 1, CAST(i AS TEXT), 'sweep-' || i, 'active', 1700000000000 + i, 1700000000000 + i FROM n`,
    ).run(p);
    // Half of the runs in the first experiment, the rest spread over the others.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < @runs)
       INSERT INTO runs (run_key, store_id, exp_key, run_id, run_name, status, start_time, end_time, lifecycle_stage, user_id, artifact_uri)
       SELECT i + 1, 1, CASE WHEN i % 2 = 0 OR @experiments = 1 THEN 1 ELSE 2 + i % max(@experiments - 1, 1) END,
              printf('%08x%08x%08x%08x', i * 2654435761 % 4294967296, i, i * 40503 % 4294967296, i * 97 % 4294967296),
              json_extract(${list(MODELS)}, '$[' || (i % 5) || ']') || '-run-' || i,
              CASE WHEN i % 23 = 0 THEN 'FAILED' WHEN i % 101 = 0 THEN 'KILLED' WHEN i % 997 = 0 THEN 'RUNNING' ELSE 'FINISHED' END,
              1700000000000 + (i / 50) * 60000,
              CASE WHEN i % 997 = 0 THEN NULL ELSE 1700000000000 + (i / 50) * 60000 + 1000 + i * 7 % 3600000 END,
              CASE WHEN i % 33 = 0 THEN 'deleted' ELSE 'active' END,
              'user' || (i % 7), 'mlflow-artifacts:/' || i
         FROM n`,
    ).run(p);
    db.exec(`
      INSERT INTO params (run_key, key, value)
        SELECT run_key, 'model', json_extract(${list(MODELS)}, '$[' || ((run_key - 1) % 5) || ']') FROM runs;
      INSERT INTO params (run_key, key, value)
        SELECT run_key, 'optimizer', json_extract(${list(OPTIMIZERS)}, '$[' || (run_key * 7 % 3) || ']') FROM runs;
      INSERT INTO params (run_key, key, value)
        SELECT run_key, 'lr', json_extract('["0.1","0.03","0.01","0.003","0.001","0.0003","0.0001","1e-05","3e-05","0.3"]', '$[' || (run_key * 13 % 10) || ']') FROM runs;
      INSERT INTO params (run_key, key, value) SELECT run_key, 'batch_size', CAST(16 << (run_key % 4) AS TEXT) FROM runs;
      INSERT INTO params (run_key, key, value) SELECT run_key, 'epochs', CAST(10 + run_key % 40 AS TEXT) FROM runs;
      INSERT INTO params (run_key, key, value) SELECT run_key, 'dropout', printf('%.1f', (run_key % 6) / 10.0) FROM runs;
      INSERT INTO params (run_key, key, value) SELECT run_key, 'seed', CAST(run_key * 2654435761 % 100000 AS TEXT) FROM runs;
      INSERT INTO params (run_key, key, value) SELECT run_key, 'layers', CAST(2 + run_key % 10 AS TEXT) FROM runs;
      INSERT INTO tags (run_key, key, value) SELECT run_key, 'mlflow.runName', run_name FROM runs;
      INSERT INTO tags (run_key, key, value) SELECT run_key, 'mlflow.user', user_id FROM runs;
      INSERT INTO tags (run_key, key, value) SELECT run_key, 'mlflow.source.type', 'LOCAL' FROM runs;
      INSERT INTO tags (run_key, key, value)
        SELECT run_key, 'team', json_extract(${list(TEAMS)}, '$[' || (run_key * 3 % 4) || ']') FROM runs;
      INSERT INTO tags (run_key, key, value) SELECT run_key, 'priority', CASE WHEN run_key % 10 = 0 THEN 'High' ELSE 'low' END FROM runs;
      INSERT INTO dataset_inputs (run_key, name, digest, context)
        SELECT run_key, 'dataset-' || (run_key % 4), printf('%08x', run_key % 4 * 2654435761 % 4294967296),
               CASE run_key % 3 WHEN 0 THEN 'training' WHEN 1 THEN 'eval' ELSE NULL END
          FROM runs WHERE run_key % 10 < 3;
    `);
    const metric = db.prepare(
      `INSERT INTO latest_metrics (run_key, key, value, is_nan, step, timestamp, min_value, max_value, count)
       SELECT run_key, @key, CASE WHEN h % 100 = 0 THEN NULL ELSE (h % 100003) / 100003.0 * @scale END,
              CASE WHEN h % 100 = 0 THEN 1 ELSE 0 END, 100, coalesce(end_time, start_time), NULL, NULL, 100
         FROM (SELECT run_key, end_time, start_time, (run_key * 2654435761 + @salt * 40503) % 1000003 AS h FROM runs)
        WHERE h % 20 != 7`,
    );
    METRIC_KEYS.forEach((key, salt) => metric.run({ key, salt, scale: key === 'epoch_time' ? 300 : key === 'loss' || key === 'val_loss' ? 2 : 1 }));
  })();
  db.pragma('optimize');
}
