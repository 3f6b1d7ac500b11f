import type { Database } from 'better-sqlite3';

/**
 * Metric histories as packed chunks instead of one row per point (see main/db/metric-chunks.ts).
 *
 * Why: with a row per point, cold indexing spent most of its time in SQLite inserting rows (≈1 µs
 * each; 10 M points for 10,000 runs × 10 metrics × 100 steps), 6× the cost of reading the files.
 * A chunk is one row per append (or per megabyte read), so a file store's series is usually one row.
 * Nothing queries single points in SQL: charts, the CLI and the history export read whole series,
 * and search reads latest_metrics.
 *
 * The old points cannot be packed in SQL, so the index is emptied and rebuilt on the next pass
 * (it is a cache of the stores; nothing of the user's is lost). The same release defers secondary
 * indexes during a first index (deferred_indexes).
 */
export function up(db: Database): void {
  db.exec(`
    DROP TABLE metric_points;
    -- Every table, children first: the result must not depend on the connection's foreign_keys.
    DELETE FROM problems;
    DELETE FROM model_aliases;
    DELETE FROM model_version_tags;
    DELETE FROM model_versions;
    DELETE FROM registered_model_tags;
    DELETE FROM registered_models;
    DELETE FROM logged_models;
    DELETE FROM dataset_inputs;
    DELETE FROM metric_files;
    DELETE FROM latest_metrics;
    DELETE FROM tags;
    DELETE FROM params;
    DELETE FROM runs;
    DELETE FROM experiment_tags;
    DELETE FROM experiments;
    DELETE FROM stores;

    CREATE TABLE metric_chunks (
      run_key  INTEGER NOT NULL REFERENCES runs(run_key) ON DELETE CASCADE,
      key      TEXT NOT NULL,
      seq      INTEGER NOT NULL,                -- append order within the series
      count    INTEGER NOT NULL,                -- points in the chunk
      encoding INTEGER NOT NULL,                -- 1: float64 steps and timestamps; 2: int64 (a value past 2^53)
      points   BLOB NOT NULL,                   -- steps, then timestamps, then float64 values (NaN kept)
      PRIMARY KEY (run_key, key, seq)
    ) STRICT;

    -- Secondary indexes dropped for a bulk load (see main/db/deferred-indexes.ts), with the SQL that
    -- recreates them, so an interrupted load is finished by the next open.
    CREATE TABLE deferred_indexes (
      name TEXT PRIMARY KEY,
      sql  TEXT NOT NULL
    ) STRICT;
  `);
}
