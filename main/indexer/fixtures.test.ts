import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openIndex } from '../db/open-index.js';
import { indexProjectSync } from './index-project.js';
import { SHARED_FIXTURES } from '../testing/test-paths.js';
import { allMetricPoints } from '../db/testing/metric-points.js';

/**
 * Every real store in shared/fixtures indexes with the counts MLflow itself reports. The
 * expected numbers were produced with MLflow 2.22.4's MlflowClient (search_experiments/search_runs
 * with ViewType.ALL, get_metric_history per key, search_registered_models/search_model_versions),
 * which wins where MANIFEST.md counts differently (Toma0916 below).
 */
const FIXTURES = SHARED_FIXTURES;
const tmp = mkdtempSync(join(tmpdir(), 'rundesk-fixtures-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Expected {
  experiments: { active: number; deleted: number };
  runs: { active: number; deleted: number };
  params: number;
  tags: number;
  metricSeries: number;
  metricPoints: number;
  registeredModels: number;
  modelVersions: number;
  aliases: number;
  nanPoints: number;
  nestedRuns: number;
  problems: { path: string; reason: RegExp }[];
}

const none = { registeredModels: 0, modelVersions: 0, aliases: 0 };
const FILE_STORES: Record<string, Expected> = {
  'AbinavRavi__MlFlow-intro': { experiments: { active: 2, deleted: 0 }, runs: { active: 5, deleted: 0 }, params: 5, tags: 30, metricSeries: 5, metricPoints: 5, ...none, nanPoints: 0, nestedRuns: 0, problems: [] },
  'DiAnisimova__mlops_project': { experiments: { active: 2, deleted: 0 }, runs: { active: 16, deleted: 0 }, params: 39, tags: 83, metricSeries: 7, metricPoints: 5002, registeredModels: 1, modelVersions: 9, aliases: 0, nanPoints: 0, nestedRuns: 0, problems: [] },
  'JaredTambala__ml-xp': { experiments: { active: 2, deleted: 0 }, runs: { active: 27, deleted: 0 }, params: 54, tags: 159, metricSeries: 27, metricPoints: 27, registeredModels: 1, modelVersions: 1, aliases: 0, nanPoints: 1, nestedRuns: 24, problems: [] },
  'Medusix__OCRProject7': { experiments: { active: 2, deleted: 0 }, runs: { active: 114, deleted: 11 }, params: 135, tags: 546, metricSeries: 207, metricPoints: 207, registeredModels: 5, modelVersions: 46, aliases: 0, nanPoints: 0, nestedRuns: 0, problems: [] },
  // MANIFEST counts 4 experiments / 19 runs / 5674 points because it leaves .trash/3 out; MLflow
  // lists that experiment and its run (5722 points). Its meta.yaml says 'active', but it sits in
  // .trash, so RunDesk shows it as deleted (MLflow lists it only in the deleted view).
  'Toma0916__GlobalWheatDetection': { experiments: { active: 4, deleted: 1 }, runs: { active: 19, deleted: 1 }, params: 511, tags: 107, metricSeries: 304, metricPoints: 5722, ...none, nanPoints: 15, nestedRuns: 0, problems: [] },
  'ignacio-scarinci__aprendizajeprofundo': { experiments: { active: 11, deleted: 0 }, runs: { active: 70, deleted: 134 }, params: 1176, tags: 639, metricSeries: 506, metricPoints: 5834, ...none, nanPoints: 0, nestedRuns: 0, problems: [] },
  'inventec-ai-center__bp-benchmark': {
    experiments: { active: 1, deleted: 0 },
    runs: { active: 2, deleted: 0 },
    params: 34,
    tags: 11,
    metricSeries: 12,
    metricPoints: 12,
    ...none,
    nanPoints: 0,
    nestedRuns: 0,
    problems: [{ path: 'mlruns/1', reason: /^Experiment folder has no meta\.yaml; MLflow ignores it and the 16 run folders in it\.$/ }],
  },
  'mjm3853__try-mlflow': { experiments: { active: 8, deleted: 0 }, runs: { active: 25, deleted: 0 }, params: 34, tags: 138, metricSeries: 43, metricPoints: 67, registeredModels: 4, modelVersions: 12, aliases: 1, nanPoints: 0, nestedRuns: 0, problems: [] },
  'silver6wings__MLFlowSample': { experiments: { active: 1, deleted: 0 }, runs: { active: 38, deleted: 0 }, params: 161, tags: 185, metricSeries: 54, metricPoints: 54, registeredModels: 4, modelVersions: 8, aliases: 0, nanPoints: 0, nestedRuns: 0, problems: [] },
};

function indexCopy(name: string, from: string) {
  // The fixtures are read-only and indexing never writes into a store (the index lives in tmp), so
  // they are indexed in place; copying them made this test IO-bound on a busy machine.
  const { db } = openIndex(join(tmp, `${name}.sqlite`));
  const summary = indexProjectSync(from, db);
  return { db, summary, project: from };
}

describe.runIf(existsSync(FIXTURES))('real MLflow file stores', () => {
  for (const [name, expected] of Object.entries(FILE_STORES)) {
    it(`${name} indexes with MLflow's counts`, () => {
      const { db, summary } = indexCopy(name, join(FIXTURES, 'mlruns-real', name));
      try {
        expect(summary.stores.filter((s) => s.kind === 'file').map((s) => s.label)).toEqual(['mlruns']);
        expect({
          experiments: summary.experiments,
          runs: summary.runs,
          params: summary.params,
          tags: summary.tags,
          metricSeries: summary.metricSeries,
          metricPoints: summary.metricPoints,
          registeredModels: summary.registeredModels,
          modelVersions: summary.modelVersions,
          aliases: summary.aliases,
        }).toEqual({
          experiments: expected.experiments,
          runs: expected.runs,
          params: expected.params,
          tags: expected.tags,
          metricSeries: expected.metricSeries,
          metricPoints: expected.metricPoints,
          registeredModels: expected.registeredModels,
          modelVersions: expected.modelVersions,
          aliases: expected.aliases,
        });
        const points = allMetricPoints(db);
        expect(points.filter((p) => Number.isNaN(p.value))).toHaveLength(expected.nanPoints);
        expect(points).toHaveLength(expected.metricPoints);
        expect(db.prepare('SELECT COUNT(*) FROM runs WHERE parent_run_id IS NOT NULL').pluck().get()).toBe(expected.nestedRuns);
        expect(summary.problems).toHaveLength(expected.problems.length);
        expected.problems.forEach((p, i) => {
          expect(summary.problems[i]!.path).toBe(p.path);
          expect(summary.problems[i]!.reason).toMatch(p.reason);
        });
      } finally {
        db.close();
      }
    });
  }

  it('Toma0916: the trashed experiment keeps its own run lifecycle and Infinity values survive', () => {
    const { db } = indexCopy('toma-details', join(FIXTURES, 'mlruns-real', 'Toma0916__GlobalWheatDetection'));
    try {
      const trashed = db.prepare(`SELECT name, lifecycle_stage, dir_path FROM experiments WHERE experiment_id = '3'`).get() as Record<string, string>;
      expect(trashed).toMatchObject({ name: 'sample/fold_0', lifecycle_stage: 'deleted' });
      expect(trashed.dir_path).toMatch(/\/mlruns\/\.trash\/3$/);
      expect(allMetricPoints(db).filter((p) => Math.abs(p.value) === Infinity)).toHaveLength(3);
    } finally {
      db.close();
    }
  });

  it('mjm3853: 3.x logged models, dataset inputs, nested metric keys and the alias from aliases/', () => {
    const { db } = indexCopy('mjm-details', join(FIXTURES, 'mlruns-real', 'mjm3853__try-mlflow'));
    try {
      expect(db.prepare(`SELECT COUNT(*) FROM logged_models WHERE name <> ''`).pluck().get()).toBe(11);
      expect(db.prepare(`SELECT name, digest, context FROM dataset_inputs`).all()).toEqual([
        { name: 'apple_sales', digest: '1f1484c1', context: 'training' },
        { name: 'apple_sales', digest: '1f1484c1', context: 'training' },
      ]);
      expect(db.prepare(`SELECT COUNT(*) FROM latest_metrics WHERE key LIKE '%/%'`).pluck().get()).toBe(24);
      expect(db.prepare(`SELECT m.name, a.alias, a.version FROM model_aliases a JOIN registered_models m USING (rm_key)`).all()).toEqual([
        { name: 'nl-to-sql-tutorial', alias: 'test', version: 3 },
      ]);
      expect(db.prepare(`SELECT COUNT(*) FROM experiments WHERE length(experiment_id) = 18`).pluck().get()).toBe(7);
    } finally {
      db.close();
    }
  });

  it('Medusix: registry stages, versions of models without versions, a RUNNING run', () => {
    const { db } = indexCopy('medusix-details', join(FIXTURES, 'mlruns-real', 'Medusix__OCRProject7'));
    try {
      const stages = db
        .prepare(`SELECT current_stage AS stage, COUNT(*) AS n FROM model_versions v JOIN registered_models m USING (rm_key)
          WHERE m.name = 'Credit_Score' GROUP BY current_stage ORDER BY current_stage`)
        .all();
      expect(stages).toEqual([
        { stage: 'Archived', n: 2 },
        { stage: 'None', n: 37 },
        { stage: 'Production', n: 1 },
        { stage: 'Staging', n: 1 },
      ]);
      expect(db.prepare(`SELECT COUNT(*) FROM registered_models`).pluck().get()).toBe(5);
      expect(db.prepare(`SELECT COUNT(*) FROM runs WHERE status = 'RUNNING' AND end_time IS NULL`).pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });

  it('ignacio-scarinci: 1.x run names come from the mlflow.runName tag, non-ASCII letters kept', () => {
    const { db } = indexCopy('ignacio-details', join(FIXTURES, 'mlruns-real', 'ignacio-scarinci__aprendizajeprofundo'));
    try {
      // meta.yaml has no run_name in 1.x: every run with the tag gets its value, the others stay ''.
      const named = db.prepare(`SELECT COUNT(*) FROM runs r JOIN tags t ON t.run_key = r.run_key AND t.key = 'mlflow.runName' WHERE r.run_name = t.value`);
      expect(named.pluck().get()).toBe(db.prepare(`SELECT COUNT(*) FROM tags WHERE key = 'mlflow.runName'`).pluck().get());
      expect(db.prepare(`SELECT COUNT(*) FROM runs WHERE run_name <> ''`).pluck().get()).toBe(15);
      expect(db.prepare(`SELECT COUNT(*) FROM runs WHERE run_name LIKE '%Combinación%'`).pluck().get()).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});

describe.runIf(existsSync(join(FIXTURES, 'mlflow-db-real')))('real MLflow SQL store', () => {
  for (const name of existsSync(join(FIXTURES, 'mlflow-db-real')) ? readdirSync(join(FIXTURES, 'mlflow-db-real')).filter((n) => !n.endsWith('.md')) : []) {
    it(`${name} is found and read through the SQL-store reader`, () => {
      const { db, summary } = indexCopy(name, join(FIXTURES, 'mlflow-db-real', name));
      try {
        expect(summary.stores.map((s) => [s.kind, s.label, s.schemaVersion])).toEqual([['sql', 'mlflow.db', '5b0e9adcef9c']]);
        // MANIFEST.md: 3 experiments, 17 runs, 272 metric rows, 1 model with 1 version and 2 aliases.
        expect(summary).toMatchObject({ experiments: { active: 3, deleted: 0 }, runs: { active: 17, deleted: 0 }, registeredModels: 1, modelVersions: 1, aliases: 2 });
        expect(allMetricPoints(db)).toHaveLength(272);
      } finally {
        db.close();
      }
    });
  }
});
