import { describe, expect, it } from 'vitest';
import { listMetricPoints, readMetricHistories } from './metric-history.js';
import { addExperiment, addRun, addSeries, addStore, testIndex } from './test-index.js';

function indexWithRun() {
  const db = testIndex();
  const store = addStore(db, 'file', '/p/mlruns');
  const exp = addExperiment(db, store, { experimentId: '0' });
  const run = addRun(db, { storeId: store, expKey: exp, runId: 'a'.repeat(32) });
  // Deliberately inserted out of order, with a repeated step and a NaN.
  addSeries(db, run, 'loss', [
    [2, 30, 0.3],
    [0, 10, 1],
    [1, 21, Number.NaN],
    [1, 20, 0.5],
    [1, 20, 0.4],
  ]);
  addSeries(db, run, 'acc', [[0, 10, 0.9]]);
  return { db, run };
}

describe('readMetricHistories', () => {
  it('returns full series ordered by step, timestamp (ties in logging order), with NaN as NaN', () => {
    const { db, run } = indexWithRun();
    const [loss] = readMetricHistories(db, { runKeys: [run], keys: ['loss'], maxPoints: 0 });
    expect(loss).toEqual({
      runKey: run,
      key: 'loss',
      steps: [0, 1, 1, 1, 2],
      timestamps: [10, 20, 20, 21, 30],
      values: [1, 0.5, 0.4, Number.NaN, 0.3],
      totalPoints: 5,
    });
  });

  it('reads every key of a run when no keys are asked for, and skips missing ones', () => {
    const { db, run } = indexWithRun();
    expect(readMetricHistories(db, { runKeys: [run], keys: [], maxPoints: 0 }).map((s) => s.key)).toEqual(['acc', 'loss']);
    expect(readMetricHistories(db, { runKeys: [run, 999], keys: ['nope', 'acc'], maxPoints: 0 }).map((s) => s.key)).toEqual(['acc']);
  });

  it('downsamples long series but reports the full count', () => {
    const { db, run } = indexWithRun();
    addSeries(
      db,
      run,
      'long',
      Array.from({ length: 5000 }, (_, i): [number, number, number] => [i, i, i === 1234 ? 100 : Math.cos(i / 100)]),
    );
    const [series] = readMetricHistories(db, { runKeys: [run], keys: ['long'], maxPoints: 200 });
    expect(series!.totalPoints).toBe(5000);
    expect(series!.steps.length).toBeLessThanOrEqual(200);
    expect(series!.steps.length).toBe(series!.values.length);
    expect(series!.timestamps.length).toBe(series!.values.length);
    expect(Math.max(...series!.values)).toBe(100);
    expect(series!.steps[0]).toBe(0);
    expect(series!.steps.at(-1)).toBe(4999);
  });

  // Its speed is measured by `npm run bench:ui` (compare 20 runs); this checks what it returns.
  it('reads 20 runs × 4 metrics × 10,000 points, whole and downsampled', () => {
    const db = testIndex();
    const store = addStore(db, 'sql', '/p/mlflow.db');
    const exp = addExperiment(db, store, { experimentId: '1' });
    const runKeys: number[] = [];
    db.transaction(() => {
      for (let r = 0; r < 20; r++) {
        const runKey = addRun(db, { storeId: store, expKey: exp, runId: r.toString(16).padStart(32, '0') });
        runKeys.push(runKey);
        for (const key of ['loss', 'acc', 'lr', 'val_loss']) {
          addSeries(db, runKey, key, Array.from({ length: 10_000 }, (_, step): [number, number, number] => [step, 1_700_000_000_000 + step, Math.sin(step / 100 + r)]));
        }
      }
    })();
    const whole = readMetricHistories(db, { runKeys, keys: ['loss', 'acc', 'lr', 'val_loss'], maxPoints: 0 });
    expect(whole).toHaveLength(80);
    expect(whole.every((s) => s.totalPoints === 10_000 && s.steps.length === 10_000 && s.steps[9_999] === 9_999)).toBe(true);
    expect(whole[0]!.values[150]).toBe(Math.sin(1.5));
    const downsampled = readMetricHistories(db, { runKeys, keys: ['loss'], maxPoints: 1000 });
    expect(downsampled).toHaveLength(20);
    expect(downsampled.every((s) => s.totalPoints === 10_000 && s.steps.length <= 1000 && s.steps.length > 900)).toBe(true);
  });
});

describe('listMetricPoints', () => {
  it('lists points sorted by key, step, timestamp, value', () => {
    const { db, run } = indexWithRun();
    const points = listMetricPoints(db, run, []);
    expect(points.map((p) => `${p.key}:${p.step}:${p.timestamp}:${p.value}`)).toEqual([
      'acc:0:10:0.9',
      'loss:0:10:1',
      'loss:1:20:0.4',
      'loss:1:20:0.5',
      'loss:1:21:NaN',
      'loss:2:30:0.3',
    ]);
    expect(listMetricPoints(db, run, ['loss', 'acc', 'loss']).map((p) => p.key)).toEqual(['acc', 'loss', 'loss', 'loss', 'loss', 'loss']);
  });
});
