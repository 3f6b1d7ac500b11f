import type { Database } from 'better-sqlite3';

/**
 * The index schema. Every row is derived from the project's stores and can be rebuilt at any time.
 *
 * Keys: `*_key` columns are the index's own integer ids (what crosses the IPC bridge); MLflow's ids
 * (`experiment_id`, `run_id`) are kept as TEXT because experiment ids exceed 2^53.
 * Metric values: SQLite stores NaN as NULL, so NaN is `value NULL, is_nan 1`; ±Infinity is stored as is.
 */
export function up(db: Database): void {
  db.exec(`
    CREATE TABLE stores (
      store_id       INTEGER PRIMARY KEY,
      kind           TEXT NOT NULL CHECK (kind IN ('file', 'sql', 'artifacts')),
      path           TEXT NOT NULL UNIQUE,      -- absolute: the mlruns root or the .db file
      label          TEXT NOT NULL,             -- relative to the project folder, for display
      schema_version TEXT,                      -- alembic revision of a SQL store
      fingerprint    TEXT                       -- SQL store: size/mtime of db + wal; re-read when it changes
    ) STRICT;

    CREATE TABLE experiments (
      exp_key           INTEGER PRIMARY KEY,
      store_id          INTEGER NOT NULL REFERENCES stores(store_id) ON DELETE CASCADE,
      experiment_id     TEXT NOT NULL,
      name              TEXT NOT NULL,
      artifact_location TEXT,
      lifecycle_stage   TEXT NOT NULL,
      creation_time     INTEGER,
      last_update_time  INTEGER,
      dir_path          TEXT,                   -- file store: the experiment folder (active or in .trash)
      UNIQUE (store_id, experiment_id)
    ) STRICT;

    CREATE TABLE experiment_tags (
      exp_key INTEGER NOT NULL REFERENCES experiments(exp_key) ON DELETE CASCADE,
      key     TEXT NOT NULL,
      value   TEXT NOT NULL,
      PRIMARY KEY (exp_key, key)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE runs (
      run_key         INTEGER PRIMARY KEY,
      store_id        INTEGER NOT NULL REFERENCES stores(store_id) ON DELETE CASCADE,
      exp_key         INTEGER NOT NULL REFERENCES experiments(exp_key) ON DELETE CASCADE,
      run_id          TEXT NOT NULL,
      run_name        TEXT NOT NULL DEFAULT '',
      status          TEXT NOT NULL,            -- RUNNING | SCHEDULED | FINISHED | FAILED | KILLED
      start_time      INTEGER,
      end_time        INTEGER,
      deleted_time    INTEGER,
      lifecycle_stage TEXT NOT NULL,            -- active | deleted (a run in a deleted experiment keeps its own)
      user_id         TEXT NOT NULL DEFAULT '',
      artifact_uri    TEXT,
      parent_run_id   TEXT,                     -- tag mlflow.parentRunId
      dir_path        TEXT,                     -- file store: the run folder
      meta_sig        TEXT,                     -- file store: "mtimeMs:size" of meta.yaml when last read
      UNIQUE (store_id, run_id)
    ) STRICT;
    CREATE INDEX runs_by_exp_start ON runs (exp_key, start_time DESC, run_id);
    CREATE INDEX runs_by_store_parent ON runs (store_id, parent_run_id);
    CREATE INDEX runs_by_run_id ON runs (run_id);

    CREATE TABLE params (
      run_key INTEGER NOT NULL REFERENCES runs(run_key) ON DELETE CASCADE,
      key     TEXT NOT NULL,
      value   TEXT NOT NULL,
      PRIMARY KEY (run_key, key)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX params_by_key_value ON params (key, value);

    CREATE TABLE tags (
      run_key INTEGER NOT NULL REFERENCES runs(run_key) ON DELETE CASCADE,
      key     TEXT NOT NULL,
      value   TEXT NOT NULL,
      PRIMARY KEY (run_key, key)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX tags_by_key_value ON tags (key, value);

    -- Latest value per (run, key): the point with the maximum (step, timestamp, value), as MLflow picks it.
    CREATE TABLE latest_metrics (
      run_key   INTEGER NOT NULL REFERENCES runs(run_key) ON DELETE CASCADE,
      key       TEXT NOT NULL,
      value     REAL,                           -- NULL when NaN
      is_nan    INTEGER NOT NULL DEFAULT 0,
      step      INTEGER NOT NULL,
      timestamp INTEGER NOT NULL,
      min_value REAL,                           -- over non-NaN points
      max_value REAL,
      count     INTEGER NOT NULL,
      PRIMARY KEY (run_key, key)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX latest_metrics_by_key_value ON latest_metrics (key, value);

    CREATE TABLE metric_points (
      run_key   INTEGER NOT NULL REFERENCES runs(run_key) ON DELETE CASCADE,
      key       TEXT NOT NULL,
      step      INTEGER NOT NULL,
      timestamp INTEGER NOT NULL,
      value     REAL,                           -- NULL when NaN
      is_nan    INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX metric_points_by_run_key_step ON metric_points (run_key, key, step, timestamp);

    -- File store: how far each metric file has been read, so appended lines are read from the last offset.
    CREATE TABLE metric_files (
      run_key  INTEGER NOT NULL REFERENCES runs(run_key) ON DELETE CASCADE,
      key      TEXT NOT NULL,
      path     TEXT NOT NULL,
      offset   INTEGER NOT NULL,                -- bytes consumed (up to the last complete line)
      size     INTEGER NOT NULL,
      mtime_ms INTEGER NOT NULL,
      PRIMARY KEY (run_key, key)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX metric_files_by_path ON metric_files (path);

    CREATE TABLE dataset_inputs (
      run_key     INTEGER NOT NULL REFERENCES runs(run_key) ON DELETE CASCADE,
      name        TEXT NOT NULL,
      digest      TEXT NOT NULL,
      source_type TEXT NOT NULL DEFAULT '',
      source      TEXT NOT NULL DEFAULT '',
      schema      TEXT NOT NULL DEFAULT '',
      profile     TEXT NOT NULL DEFAULT '',
      context     TEXT,                         -- input tag mlflow.data.context
      tags_json   TEXT NOT NULL DEFAULT '{}'
    ) STRICT;
    CREATE INDEX dataset_inputs_by_run ON dataset_inputs (run_key);

    -- 3.x logged models linked to runs (run outputs, or logged_models.source_run_id).
    CREATE TABLE logged_models (
      store_id          INTEGER NOT NULL REFERENCES stores(store_id) ON DELETE CASCADE,
      model_id          TEXT NOT NULL,
      exp_key           INTEGER REFERENCES experiments(exp_key) ON DELETE CASCADE,
      name              TEXT NOT NULL DEFAULT '',
      source_run_id     TEXT,
      artifact_location TEXT,
      status            INTEGER,
      creation_time     INTEGER,
      PRIMARY KEY (store_id, model_id)
    ) STRICT;
    CREATE INDEX logged_models_by_run ON logged_models (store_id, source_run_id);

    CREATE TABLE registered_models (
      rm_key            INTEGER PRIMARY KEY,
      store_id          INTEGER NOT NULL REFERENCES stores(store_id) ON DELETE CASCADE,
      name              TEXT NOT NULL,
      creation_time     INTEGER,
      last_updated_time INTEGER,
      description       TEXT,                   -- NULL when the store has none (MLflow omits it), '' when empty
      is_prompt         INTEGER NOT NULL DEFAULT 0,
      UNIQUE (store_id, name)
    ) STRICT;

    CREATE TABLE registered_model_tags (
      rm_key INTEGER NOT NULL REFERENCES registered_models(rm_key) ON DELETE CASCADE,
      key    TEXT NOT NULL,
      value  TEXT NOT NULL,
      PRIMARY KEY (rm_key, key)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE model_versions (
      rm_key            INTEGER NOT NULL REFERENCES registered_models(rm_key) ON DELETE CASCADE,
      version           INTEGER NOT NULL,
      creation_time     INTEGER,
      last_updated_time INTEGER,
      description       TEXT,                   -- nullable text columns keep MLflow's null vs ''
      user_id           TEXT,
      current_stage     TEXT NOT NULL,          -- None | Staging | Production | Archived | Deleted_Internal
      source            TEXT NOT NULL DEFAULT '',
      storage_location  TEXT,
      run_id            TEXT,
      run_link          TEXT,
      status            TEXT NOT NULL DEFAULT 'READY',
      status_message    TEXT,
      model_id          TEXT,
      PRIMARY KEY (rm_key, version)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE model_version_tags (
      rm_key  INTEGER NOT NULL,
      version INTEGER NOT NULL,
      key     TEXT NOT NULL,
      value   TEXT NOT NULL,
      PRIMARY KEY (rm_key, version, key),
      FOREIGN KEY (rm_key, version) REFERENCES model_versions(rm_key, version) ON DELETE CASCADE
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE model_aliases (
      rm_key  INTEGER NOT NULL REFERENCES registered_models(rm_key) ON DELETE CASCADE,
      alias   TEXT NOT NULL,
      version INTEGER NOT NULL,
      PRIMARY KEY (rm_key, alias)
    ) STRICT, WITHOUT ROWID;

    -- What could not be read: shown in the UI's problems list; never stops the rest of the index.
    CREATE TABLE problems (
      problem_id INTEGER PRIMARY KEY,
      store_id   INTEGER REFERENCES stores(store_id) ON DELETE CASCADE,
      path       TEXT NOT NULL,                 -- absolute
      reason     TEXT NOT NULL,
      UNIQUE (path, reason)
    ) STRICT;
  `);
}
