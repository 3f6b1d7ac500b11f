import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../services/service-context.js';
import { runDetailHandlers } from '../services/run-detail-handlers.js';
import { AppError } from '../services/app-error.js';
import { readSqlStoreIntoIndex } from '../stores/sql-store/read-sql-store.js';
import { getRunDetail } from './run-detail.js';
import { stableColorForRun } from './run-color.js';
import { addExperiment, addRun, addSeries, addStore, addTags, testIndex } from './test-index.js';
import { SHARED_FIXTURES } from '../testing/test-paths.js';

const REAL_DB = join(SHARED_FIXTURES, 'mlflow-db-real/1412010__nda-mlops-zoomcamp-2024/mlflow.db');
const XGB_RUN = '821d9118ed7c4637bb3a0e020cc59e0d';

const work = mkdtempSync(join(tmpdir(), 'rundesk-run-detail-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The real 2.14 database, indexed, with the artifacts of one run present next to it. */
function realIndex() {
  const dbPath = join(work, 'mlflow.db');
  copyFileSync(REAL_DB, dbPath);
  const artifacts = join(work, 'mlruns', '1', XGB_RUN, 'artifacts', 'model');
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(join(artifacts, 'MLmodel'), 'flavors: {python_function: {}}\n');
  const db = testIndex();
  const storeId = addStore(db, 'sql', dbPath);
  readSqlStoreIntoIndex(db, storeId, dbPath, () => {});
  const runKey = (runId: string) => db.prepare('SELECT run_key FROM runs WHERE run_id = ?').pluck().get(runId) as number;
  return { db, runKey };
}

describe('getRunDetail on the real MLflow 2.14 database', () => {
  const { db, runKey } = realIndex();

  it('builds the row, summaries, datasets and finds the artifacts of a run copied from Windows', () => {
    const detail = getRunDetail(db, runKey(XGB_RUN));
    expect(detail.row).toMatchObject({
      runId: XGB_RUN,
      runName: 'powerful-grouse-119',
      experimentId: '1',
      status: 'FINISHED',
      userId: 'NDA',
      sourceType: 'LOCAL',
      color: stableColorForRun(XGB_RUN),
      params: expect.objectContaining({ max_depth: '33', objective: 'reg:linear' }),
    });
    expect(detail.row.sourceName).toMatch(/^C:\\Users\\NDA\\/);
    expect(detail.row.metrics['validation-rmse']).toBe(4.978225672466415);
    expect(detail.artifactUri).toMatch(/^file:\/\/\/D:\/code\//);
    expect(detail.metricSummaries.map((m) => m.key)).toEqual(['best_iteration', 'stopped_iteration', 'validation-rmse']);
    const rmse = detail.metricSummaries.find((m) => m.key === 'validation-rmse')!;
    expect(rmse).toMatchObject({ latest: 4.978225672466415, step: 82, count: 83 });
    expect(rmse.min).toBeLessThanOrEqual(rmse.latest);
    expect(rmse.max).toBeGreaterThan(rmse.min);
    expect(detail.datasets.map((d) => [d.name, d.context])).toEqual([
      ['dataset', 'train'],
      ['validation', 'eval'],
    ]);
    expect(detail.datasets[0]!.tags).toEqual({ 'mlflow.data.context': 'train' });
    expect(detail.parent).toBeNull();
    expect(detail.children).toEqual([]);
    expect(detail.artifactsAvailable).toBe(true);
    expect(getRunDetail(db, runKey('92025337761b47258bb509b166789a29')).artifactsAvailable).toBe(false);
  });
});

describe('getRunDetail on nested runs', () => {
  const db = testIndex();
  const store = addStore(db, 'file', join(work, 'nested', 'mlruns'));
  const exp = addExperiment(db, store, { experimentId: '5' });
  const parent = addRun(db, { storeId: store, expKey: exp, runId: 'p'.repeat(32), runName: 'search', status: 'RUNNING' });
  const older = addRun(db, { storeId: store, expKey: exp, runId: '1'.repeat(32), parentRunId: 'p'.repeat(32), startTime: 1, status: 'FINISHED' });
  const newer = addRun(db, { storeId: store, expKey: exp, runId: '2'.repeat(32), parentRunId: 'p'.repeat(32), startTime: 2, status: 'FAILED' });
  addTags(db, older, { 'mlflow.runName': 'trial-1' });
  addTags(db, newer, { 'mlflow.runName': 'trial-2', 'mlflow.note.content': 'Tried **lr=1**', 'mlflow.project.entryPoint': 'main' });
  addSeries(db, newer, 'only_nan', [[0, 5, Number.NaN]]);

  it('links parent and children (newest first) with names from tags', () => {
    const detail = getRunDetail(db, parent);
    expect(detail.row.childCount).toBe(2);
    expect(detail.children).toEqual([
      { runKey: newer, runId: '2'.repeat(32), runName: 'trial-2', status: 'FAILED' },
      { runKey: older, runId: '1'.repeat(32), runName: 'trial-1', status: 'FINISHED' },
    ]);
    const child = getRunDetail(db, newer);
    expect(child.parent).toEqual({ runKey: parent, runId: 'p'.repeat(32), runName: 'search' });
    expect(child.description).toBe('Tried **lr=1**');
    expect(child.entryPoint).toBe('main');
    expect(child.artifactsAvailable).toBe(false);
  });

  it('gives NaN summaries for a metric with only NaN points', () => {
    const [summary] = getRunDetail(db, newer).metricSummaries;
    expect(summary!.latest).toBeNaN();
    expect(summary!.min).toBeNaN();
    expect(summary!.max).toBeNaN();
    expect(summary!.count).toBe(1);
  });

  it('is NOT_FOUND for a run that left the index', () => {
    expect(() => getRunDetail(db, 99999)).toThrow(AppError);
  });
});

describe('runDetailHandlers', () => {
  const { db, runKey } = realIndex();
  const session = { db, storePath: () => work };
  const ctx = { currentSession: () => session, session: () => session } as unknown as ServiceContext;
  const noProject = { currentSession: () => null } as unknown as ServiceContext;

  it('serve the run page from the open project', async () => {
    const key = runKey(XGB_RUN);
    expect((await runDetailHandlers['runs:get'](ctx, key)).row.runId).toBe(XGB_RUN);
    const [series] = await runDetailHandlers['runs:history'](ctx, { runKeys: [key], keys: ['validation-rmse'], maxPoints: 20 });
    expect(series).toMatchObject({ runKey: key, key: 'validation-rmse', totalPoints: 83 });
    expect(series!.values.length).toBeLessThanOrEqual(20);
    expect(await runDetailHandlers['artifacts:list'](ctx, { runKey: key, path: '' })).toEqual([{ path: 'model', name: 'model', isDir: true, size: 0 }]);
    expect(await runDetailHandlers['artifacts:preview'](ctx, { runKey: key, path: 'model/MLmodel' })).toMatchObject({ kind: 'mlmodel' });
  });

  it('answer NO_PROJECT when no project is open', async () => {
    await expect(async () => runDetailHandlers['runs:get'](noProject, 1)).rejects.toMatchObject({ code: 'NO_PROJECT' });
  });
});
