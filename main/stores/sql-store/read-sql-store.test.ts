import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, chmodSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndex, type IndexDb } from '../../db/open-index.js';
import { readSqlSchemaVersion, readSqlStoreIntoIndex, sqlStoreFingerprint } from './read-sql-store.js';
import { SHARED_FIXTURES, mlflowVenvPython } from '../../testing/test-paths.js';
import { allMetricPoints } from '../../db/testing/metric-points.js';

const REAL_DB = join(SHARED_FIXTURES, 'mlflow-db-real/1412010__nda-mlops-zoomcamp-2024/mlflow.db');

const work = mkdtempSync(join(tmpdir(), 'rundesk-sql-store-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function copyOf(source: string, name: string): string {
  const target = join(work, name);
  copyFileSync(source, target);
  chmodSync(target, 0o644);
  return target;
}

function freshIndex(...paths: string[]): IndexDb {
  const { db } = openIndex(':memory:');
  const insert = db.prepare("INSERT INTO stores (store_id, kind, path, label) VALUES (?, 'sql', ?, ?)");
  paths.forEach((path, i) => insert.run(i + 1, path, `store-${i + 1}`));
  return db;
}

function read(db: IndexDb, storeId: number, path: string) {
  const problems: string[] = [];
  const stats = readSqlStoreIntoIndex(db, storeId, path, (_path, reason) => problems.push(reason));
  return { stats, problems };
}

function count(db: IndexDb, sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).pluck().get(...params) as number) ?? 0;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('readSqlStoreIntoIndex on the committed real MLflow 2.14 database', () => {
  const path = copyOf(REAL_DB, 'real.db');
  const before = sha(path);
  const db = freshIndex(path);
  const { stats, problems } = read(db, 1, path);

  it('copies the counts listed in the fixture manifest', () => {
    expect(problems).toEqual([]);
    expect(stats).toEqual({ experiments: 3, runs: 17, metricPoints: 272, registeredModels: 1, modelVersions: 1 });
    expect(count(db, 'SELECT COUNT(*) FROM latest_metrics')).toBe(22);
    expect(count(db, 'SELECT COUNT(*) FROM params')).toBe(97);
    expect(count(db, 'SELECT COUNT(*) FROM tags')).toBe(85);
    const points = allMetricPoints(db);
    expect(new Set(points.map((p) => p.key)).size).toBe(6);
    const perSeries = new Map<string, number>();
    for (const p of points) perSeries.set(`${p.runKey} ${p.key}`, (perSeries.get(`${p.runKey} ${p.key}`) ?? 0) + 1);
    expect(Math.max(...perSeries.values())).toBe(166);
    const statuses = db.prepare('SELECT status, COUNT(*) AS n FROM runs GROUP BY status ORDER BY status').all();
    expect(statuses).toEqual([
      { status: 'FAILED', n: 3 },
      { status: 'FINISHED', n: 13 },
      { status: 'RUNNING', n: 1 },
    ]);
    const names = db.prepare('SELECT name FROM experiments ORDER BY name').pluck().all();
    expect(names).toEqual(['Default', 'my-experiment-1', 'nyc-taxi-experiment']);
  });

  it('keeps the summary columns consistent with the full history', () => {
    const series = new Map<string, { n: number; lo: number | null; hi: number | null }>();
    for (const p of allMetricPoints(db)) {
      const id = `${p.runKey}\u0000${p.key}`;
      const s = series.get(id) ?? { n: 0, lo: null, hi: null };
      s.n++;
      if (!Number.isNaN(p.value)) {
        s.lo = s.lo === null ? p.value : Math.min(s.lo, p.value);
        s.hi = s.hi === null ? p.value : Math.max(s.hi, p.value);
      }
      series.set(id, s);
    }
    const latest = db.prepare('SELECT run_key, key, count, min_value, max_value FROM latest_metrics').raw().all() as [number, string, number, number | null, number | null][];
    expect(latest.length).toBe(series.size);
    const mismatches = latest.filter(([runKey, key, n, lo, hi]) => {
      const s = series.get(`${runKey}\u0000${key}`);
      return !s || s.n !== n || s.lo !== lo || s.hi !== hi;
    });
    expect(mismatches).toEqual([]);
  });

  it('copies the registry with its aliases and version fields', () => {
    const version = db.prepare('SELECT * FROM model_versions').get() as Record<string, unknown>;
    expect(version).toMatchObject({ version: 1, current_stage: 'None', run_id: '92025337761b47258bb509b166789a29', status: 'READY', user_id: null, status_message: null });
    // NULL in the database stays null in the index: MLflow omits such fields, so must RunDesk's JSON.
    expect(version.storage_location).toMatch(/^file:\/\/\/D:\/code\//);
    const aliases = db.prepare('SELECT alias, version FROM model_aliases ORDER BY alias').all();
    expect(aliases).toEqual([
      { alias: 'in-preview', version: 1 },
      { alias: 'staging', version: 1 },
    ]);
  });

  it('links datasets to runs with their context', () => {
    const inputs = db.prepare('SELECT r.run_id, d.name, d.context FROM dataset_inputs d JOIN runs r USING (run_key) ORDER BY r.run_id, d.name').all();
    expect(inputs).toHaveLength(4);
    expect(inputs.map((row) => (row as { context: string }).context).sort()).toEqual(['eval', 'eval', 'train', 'train']);
  });

  it('never changes the user database', () => {
    expect(sha(path)).toBe(before);
  });

  it('replaces the store on a second read without touching other stores', () => {
    const other = copyOf(REAL_DB, 'other.db');
    const two = freshIndex(path, other);
    read(two, 1, path);
    read(two, 2, other);
    const again = read(two, 1, path);
    expect(again.stats.runs).toBe(17);
    expect(count(two, 'SELECT COUNT(*) FROM runs WHERE store_id = 1')).toBe(17);
    expect(count(two, 'SELECT COUNT(*) FROM runs WHERE store_id = 2')).toBe(17);
    expect(allMetricPoints(two)).toHaveLength(544);
    expect(count(two, 'SELECT COUNT(*) FROM model_aliases')).toBe(4);
  });

  it('keeps the keys of runs, experiments and models that are still there after a change', () => {
    const changing = copyOf(REAL_DB, 'changing.db');
    const keyed = freshIndex(changing);
    read(keyed, 1, changing);
    const keysOf = (sql: string) => new Map(keyed.prepare(sql).raw().all() as [string, number][]);
    const runsBefore = keysOf('SELECT run_id, run_key FROM runs');
    const experimentsBefore = keysOf('SELECT experiment_id, exp_key FROM experiments');
    const modelsBefore = keysOf('SELECT name, rm_key FROM registered_models');
    // MLflow logs a new run and someone deletes one for good (mlflow gc).
    const src = new Database(changing);
    src.pragma('foreign_keys = OFF'); // leaves the deleted run's params and metrics behind as orphans: the reader must skip them
    src.prepare("INSERT INTO runs (run_uuid, name, status, start_time, lifecycle_stage, experiment_id, user_id) VALUES ('new0new0new0new0new0new0new0new0', 'fresh', 'RUNNING', 1, 'active', 1, 'me')").run();
    src.prepare("DELETE FROM runs WHERE run_uuid = '248da1edb50b4561bda0acd380fe4e94'").run();
    src.close();
    read(keyed, 1, changing);
    const runsAfter = keysOf('SELECT run_id, run_key FROM runs');
    expect(runsAfter.size).toBe(17);
    for (const [runId, key] of runsAfter) if (runId !== 'new0new0new0new0new0new0new0new0') expect(key, runId).toBe(runsBefore.get(runId));
    expect([...runsBefore.values()]).not.toContain(runsAfter.get('new0new0new0new0new0new0new0new0'));
    expect(keysOf('SELECT experiment_id, exp_key FROM experiments')).toEqual(experimentsBefore);
    expect(keysOf('SELECT name, rm_key FROM registered_models')).toEqual(modelsBefore);
    expect(count(keyed, "SELECT COUNT(*) FROM params p JOIN runs r USING (run_key) WHERE r.run_id = '821d9118ed7c4637bb3a0e020cc59e0d'")).toBe(12);
  });

  it('reads the alembic revision and a fingerprint that changes with the file', () => {
    expect(readSqlSchemaVersion(path)).toBe('5b0e9adcef9c');
    const first = sqlStoreFingerprint(path);
    expect(sqlStoreFingerprint(path)).toBe(first);
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    expect(sqlStoreFingerprint(path)).not.toBe(first);
    expect(sqlStoreFingerprint(join(work, 'missing.db'))).toBe('-/-');
  });
});

describe('readSqlStoreIntoIndex on bad input', () => {
  it('reports one sentence for a file that is not a database', () => {
    const path = join(work, 'notes.db');
    writeFileSync(path, 'this is not sqlite at all, just text '.repeat(100));
    const db = freshIndex(path);
    const { stats, problems } = read(db, 1, path);
    expect(stats.runs).toBe(0);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/not a readable SQLite database/);
    expect(readSqlSchemaVersion(path)).toBeNull();
  });

  it('reports a SQLite file that is not an MLflow store, and a missing file', () => {
    const path = join(work, 'other-app.db');
    const other = new Database(path);
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    other.close();
    const db = freshIndex(path);
    expect(read(db, 1, path).problems).toEqual(['This SQLite database is not an MLflow tracking store: it has no experiments and runs tables.']);
    const missing = read(db, 1, join(work, 'nope.db'));
    expect(missing.problems).toHaveLength(1);
    expect(missing.problems[0]).toMatch(/^Could not open the database/);
  });

  it('keeps the index as it was when the file became unreadable', () => {
    const path = copyOf(REAL_DB, 'later-broken.db');
    const db = freshIndex(path);
    read(db, 1, path);
    writeFileSync(path, 'garbage');
    const { problems } = read(db, 1, path);
    expect(problems).toHaveLength(1);
    expect(count(db, 'SELECT COUNT(*) FROM runs')).toBe(17);
  });

  it('turns malformed rows and unreadable tables into problems and keeps the rest (old schema, no latest_metrics)', () => {
    const path = join(work, 'old-and-odd.db');
    const src = new Database(path);
    // An MLflow 0.x-shaped schema: no step/is_nan, no deleted_time, no latest_metrics, no registry.
    src.exec(`
      CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL);
      INSERT INTO alembic_version VALUES ('ff01da956556');
      CREATE TABLE experiments (experiment_id INTEGER PRIMARY KEY, name TEXT NOT NULL, artifact_location TEXT, lifecycle_stage TEXT);
      CREATE TABLE runs (run_uuid TEXT PRIMARY KEY, name TEXT, status TEXT, start_time INTEGER, end_time INTEGER, lifecycle_stage TEXT,
        user_id TEXT, artifact_uri TEXT, experiment_id INTEGER);
      CREATE TABLE metrics ("key" TEXT, value FLOAT, timestamp INTEGER, run_uuid TEXT);
      CREATE TABLE tags ("key" TEXT, value TEXT, run_uuid TEXT);
      CREATE TABLE params (nothing_useful INTEGER);
      INSERT INTO experiments VALUES (0, 'Default', '/tmp/mlruns/0', 'active');
      INSERT INTO runs VALUES ('a1', '', 'FINISHED', 1, 2, 'active', 'ann', '/tmp/mlruns/0/a1/artifacts', 0);
      INSERT INTO runs VALUES ('b2', 'named', 'DONE', 1, NULL, 'gone', 'bob', NULL, 0);
      INSERT INTO runs VALUES ('c3', 'orphan', 'FINISHED', 1, NULL, 'active', 'cy', NULL, 7);
      INSERT INTO tags VALUES ('mlflow.runName', 'from-tag', 'a1');
      INSERT INTO metrics VALUES ('loss', 3, 10, 'a1'), ('loss', 1, 30, 'a1'), ('loss', 2, 20, 'a1');
    `);
    src.close();
    const db = freshIndex(path);
    const { stats, problems } = read(db, 1, path);
    expect(stats).toMatchObject({ experiments: 1, runs: 2, metricPoints: 3 });
    expect(problems, problems.join('\n')).toHaveLength(4);
    expect(problems).toContain("Run b2 has status 'DONE', which is not an MLflow run status; it is shown as FAILED.");
    expect(problems).toContain("Run b2 has lifecycle stage 'gone', which MLflow does not define; it is shown as active.");
    expect(problems.some((p) => p.startsWith('Run c3 belongs to experiment'))).toBe(true);
    expect(problems.some((p) => p.startsWith('Could not read the params table'))).toBe(true);
    const runs = db.prepare('SELECT run_id, run_name, status, lifecycle_stage FROM runs ORDER BY run_id').all();
    expect(runs).toEqual([
      { run_id: 'a1', run_name: 'from-tag', status: 'FINISHED', lifecycle_stage: 'active' },
      { run_id: 'b2', run_name: 'named', status: 'FAILED', lifecycle_stage: 'active' },
    ]);
    // Without latest_metrics, "latest" is MLflow's max (step, timestamp, value): all steps are 0 here.
    expect(db.prepare('SELECT value, step, timestamp, min_value, max_value, count FROM latest_metrics').get()).toEqual({
      value: 1,
      step: 0,
      timestamp: 30,
      min_value: 1,
      max_value: 3,
      count: 3,
    });
  });
});

// ── Stores written by real MLflow 2 and 3 ───────────────────────────────────────────────────────

const GENERATOR = join(import.meta.dirname, 'test-data', 'generate-mlflow-db.py');

/** The first candidate Python whose MLflow has this major version, or null. */
function findMlflowPython(major: number, candidates: (string | undefined)[]): string | null {
  for (const python of candidates) {
    if (!python) continue;
    const probe = spawnSync(python, ['-c', `import mlflow, sys; sys.exit(0 if mlflow.__version__.startswith("${major}.") else 1)`], {
      stdio: 'ignore',
      timeout: 60_000,
    });
    if (probe.status === 0) return python;
  }
  return null;
}

const MLFLOW_PYTHONS = [
  { major: 3, python: findMlflowPython(3, [process.env.RUNDESK_MLFLOW3_PYTHON, mlflowVenvPython('3.18.0')]), variable: 'RUNDESK_MLFLOW3_PYTHON' },
  { major: 2, python: findMlflowPython(2, [process.env.RUNDESK_MLFLOW2_PYTHON, mlflowVenvPython('2.22.4')]), variable: 'RUNDESK_MLFLOW2_PYTHON' },
];

interface GeneratedIds {
  experimentId: string;
  deletedExperimentId: string;
  mainRunId: string;
  parentRunId: string;
  childRunIds: string[];
  deletedRunId: string;
  runInDeletedExperimentId: string;
  runningRunId: string;
  modelId: string | null;
}

for (const { major, python, variable } of MLFLOW_PYTHONS) {
  const title = `readSqlStoreIntoIndex on a store written by MLflow ${major}${python ? '' : ` (SKIPPED: no Python with MLflow ${major}; set ${variable} to one)`}`;
  describe.skipIf(!python)(title, () => {
    let path = '';
    let ids: GeneratedIds;
    let db: IndexDb;
    let problems: string[] = [];
    let before = '';

    beforeAll(() => {
      const dir = mkdtempSync(join(work, `mlflow${major}-`));
      path = join(dir, 'mlflow.db');
      const result = spawnSync(python!, [GENERATOR], {
        cwd: dir,
        env: { ...process.env, MLFLOW_TRACKING_URI: `sqlite:///${path}` },
        encoding: 'utf8',
        timeout: 120_000,
      });
      if (result.status !== 0) throw new Error(`the MLflow generator failed: ${result.stderr}`);
      ids = JSON.parse(result.stdout.trim().split('\n').at(-1)!) as GeneratedIds;
      before = sha(path);
      db = freshIndex(path);
      problems = read(db, 1, path).problems;
    }, 120_000);

    const run = (runId: string) => db.prepare('SELECT * FROM runs WHERE run_id = ?').get(runId) as Record<string, unknown>;
    const runKey = (runId: string) => run(runId).run_key as number;

    it('reads without problems and leaves the file unchanged', () => {
      expect(problems).toEqual([]);
      expect(sha(path)).toBe(before);
      expect(readSqlSchemaVersion(path)).toMatch(/^[0-9a-f]{12}$/);
    });

    it('keeps NaN as NaN in the history (NULL + is_nan in latest_metrics) and ±1.797e308 for infinities', () => {
      const points = allMetricPoints(db)
        .filter((p) => p.runKey === runKey(ids.mainRunId) && p.key === 'loss')
        .map(({ step, value }) => ({ step, value }));
      expect(points).toEqual([
        { step: 0, value: 1 },
        { step: 1, value: 0.5 },
        { step: 2, value: Number.NaN },
        { step: 3, value: 0.25 },
      ]);
      const latest = (key: string) =>
        db.prepare('SELECT value, is_nan, min_value, max_value, count FROM latest_metrics WHERE run_key = ? AND key = ?').get(runKey(ids.mainRunId), key);
      expect(latest('loss')).toEqual({ value: 0.25, is_nan: 0, min_value: 0.25, max_value: 1, count: 4 });
      expect(latest('inf_metric')).toMatchObject({ value: 1.7976931348623157e308 });
      expect(latest('neg_inf_metric')).toMatchObject({ value: -1.7976931348623157e308 });
      expect(latest('nan_last')).toEqual({ value: null, is_nan: 1, min_value: 1, max_value: 1, count: 2 });
    });

    it('keeps deleted runs and experiments with their own lifecycle stage', () => {
      expect(run(ids.deletedRunId)).toMatchObject({ lifecycle_stage: 'deleted' });
      expect(run(ids.deletedRunId).deleted_time).toBeGreaterThan(0);
      expect(run(ids.runInDeletedExperimentId)).toMatchObject({ lifecycle_stage: 'deleted' });
      const experiment = db.prepare('SELECT lifecycle_stage FROM experiments WHERE experiment_id = ?').pluck().get(ids.deletedExperimentId);
      expect(experiment).toBe('deleted');
      expect(db.prepare("SELECT value FROM experiment_tags JOIN experiments USING (exp_key) WHERE key = 'team'").pluck().get()).toBe('vision');
    });

    it('links nested runs and reads statuses, names and users', () => {
      for (const child of ids.childRunIds) expect(run(child).parent_run_id).toBe(ids.parentRunId);
      expect(run(ids.parentRunId)).toMatchObject({ status: 'KILLED', parent_run_id: null, run_name: 'parent' });
      expect(run(ids.runningRunId)).toMatchObject({ status: 'RUNNING', end_time: null });
      expect(run(ids.mainRunId)).toMatchObject({ status: 'FINISHED', run_name: 'main-run', user_id: 'karla' });
      const params = db.prepare('SELECT key, value FROM params WHERE run_key = ? ORDER BY key').all(runKey(ids.mainRunId));
      expect(params).toEqual([
        { key: 'lr', value: '0.01' },
        { key: 'optimizer/name', value: 'adam' },
      ]);
    });

    it('reads the dataset input (and on 3.x the logged model)', () => {
      const input = db.prepare('SELECT name, digest, source_type, context, tags_json FROM dataset_inputs WHERE run_key = ?').get(runKey(ids.mainRunId));
      expect(input).toEqual({ name: 'wine', digest: 'd1g3st', source_type: 'local', context: 'training', tags_json: '{"mlflow.data.context":"training"}' });
      if (major < 3) return;
      const model = db.prepare('SELECT * FROM logged_models WHERE model_id = ?').get(ids.modelId) as Record<string, unknown>;
      expect(model).toMatchObject({ store_id: 1, name: 'my-model', source_run_id: ids.mainRunId, status: 2 });
      expect(model.artifact_location).toMatch(new RegExp(`/models/${ids.modelId}/artifacts$`));
    });

    it('reads the registry: stages, alias, tags, the deleted version (and on 3.x the prompt)', () => {
      const versions = db
        .prepare("SELECT v.version, v.current_stage, v.model_id FROM model_versions v JOIN registered_models m USING (rm_key) WHERE m.name = 'reg-model' ORDER BY v.version")
        .all();
      expect(versions).toEqual([
        { version: 1, current_stage: 'Production', model_id: ids.modelId },
        { version: 2, current_stage: 'Staging', model_id: ids.modelId },
        { version: 3, current_stage: 'Deleted_Internal', model_id: null },
      ]);
      expect(db.prepare('SELECT alias, version FROM model_aliases').all()).toEqual([{ alias: 'champion', version: 1 }]);
      const models = db.prepare('SELECT name, is_prompt, description FROM registered_models ORDER BY name').all();
      const regModel = { name: 'reg-model', is_prompt: 0, description: 'A model' };
      expect(models).toEqual(major >= 3 ? [{ name: 'a-prompt', is_prompt: 1, description: '' }, regModel] : [regModel]);
      expect(count(db, "SELECT COUNT(*) FROM model_version_tags WHERE key = 'v'")).toBe(3);
      expect(db.prepare("SELECT value FROM registered_model_tags WHERE key = 'owner'").pluck().get()).toBe('ml');
    });
  });
}
