import { describe, expect, it } from 'vitest';
import { buildRunRows } from './run-rows.js';
import { stableColorForRun } from './run-color.js';
import { addExperiment, addRun, addSeries, addStore, addTags, testIndex } from './test-index.js';

function smallIndex() {
  const db = testIndex();
  const store = addStore(db, 'sql', '/p/mlflow.db');
  const other = addStore(db, 'file', '/p/mlruns');
  const exp = addExperiment(db, store, { experimentId: '983303542879704487' });
  const otherExp = addExperiment(db, other, { experimentId: '1' });
  const parent = addRun(db, { storeId: store, expKey: exp, runId: 'p'.repeat(32), runName: 'parent', userId: 'ann', startTime: 10, endTime: 20 });
  const child = addRun(db, { storeId: store, expKey: exp, runId: 'c'.repeat(32), parentRunId: 'p'.repeat(32), status: 'FAILED' });
  addRun(db, { storeId: store, expKey: exp, runId: 'd'.repeat(32), parentRunId: 'p'.repeat(32), lifecycleStage: 'deleted' });
  // Same parent id in another store: not a child of the first parent.
  addRun(db, { storeId: other, expKey: otherExp, runId: 'x'.repeat(32), parentRunId: 'p'.repeat(32) });
  addTags(db, parent, { 'mlflow.source.type': 'LOCAL', 'mlflow.source.name': 'train.py', 'mlflow.source.git.commit': 'abc', team: 'cv' });
  addTags(db, parent, { lr: '0.1', depth: '3' }, 'params');
  addTags(db, child, { 'mlflow.runName': 'from-tag', 'mlflow.user': 'bob', 'mlflow.runColor': '#123456' });
  addSeries(db, parent, 'loss', [
    [0, 1, 0.5],
    [1, 2, 0.25],
  ]);
  addSeries(db, parent, 'nan_metric', [[0, 1, Number.NaN]]);
  addSeries(db, parent, 'inf_metric', [[0, 1, Number.POSITIVE_INFINITY]]);
  addSeries(db, parent, 'sql_inf', [[0, 1, 1.7976931348623157e308]]);
  addSeries(db, parent, 'precise', [[0, 1, 0.6390613982965708]]);
  addSeries(db, parent, '__proto__', [[0, 1, 1]]);
  return { db, parent, child };
}

describe('buildRunRows', () => {
  it('builds full rows: fields, maps, system-tag fields, child counts and colours', () => {
    const { db, parent, child } = smallIndex();
    const [p, c] = buildRunRows(db, [parent, child]);
    expect(p).toMatchObject({
      runKey: parent,
      runId: 'p'.repeat(32),
      experimentId: '983303542879704487',
      runName: 'parent',
      status: 'FINISHED',
      lifecycleStage: 'active',
      startTime: 10,
      endTime: 20,
      userId: 'ann',
      sourceType: 'LOCAL',
      sourceName: 'train.py',
      gitCommit: 'abc',
      parentRunId: null,
      childCount: 2,
      color: stableColorForRun('p'.repeat(32)),
      params: { lr: '0.1', depth: '3' },
    });
    expect(p!.tags.team).toBe('cv');
    expect(p!.metrics.loss).toBe(0.25);
    expect(p!.metrics.nan_metric).toBeNaN();
    expect(p!.metrics.inf_metric).toBe(Number.POSITIVE_INFINITY);
    expect(p!.metrics.sql_inf).toBe(1.7976931348623157e308);
    expect(p!.metrics.precise).toBe(0.6390613982965708);
    expect(Object.getPrototypeOf(p!.metrics)).toBe(Object.prototype);
    expect(Object.keys(p!.metrics)).toContain('__proto__');
    expect(c).toMatchObject({ runName: 'from-tag', userId: 'bob', color: '#123456', status: 'FAILED', childCount: 0, parentRunId: 'p'.repeat(32) });
  });

  it('keeps the order asked for and skips keys that are gone', () => {
    const { db, parent, child } = smallIndex();
    expect(buildRunRows(db, [child, 9999, parent]).map((r) => r.runKey)).toEqual([child, parent]);
    expect(buildRunRows(db, [])).toEqual([]);
  });

  it('handles more keys than one chunk', () => {
    const db = testIndex();
    const store = addStore(db, 'file', '/p/mlruns');
    const exp = addExperiment(db, store, { experimentId: '0' });
    const keys: number[] = [];
    for (let i = 0; i < 1203; i++) {
      const key = addRun(db, { storeId: store, expKey: exp, runId: i.toString(16).padStart(32, '0') });
      addTags(db, key, { i: String(i) }, 'params');
      keys.push(key);
    }
    const rows = buildRunRows(db, keys.slice().reverse());
    expect(rows).toHaveLength(1203);
    expect(rows[0]!.params.i).toBe('1202');
    expect(rows.at(-1)!.params.i).toBe('0');
  });

  it('builds 100 rows with 20 params, 20 tags and 20 metrics each in under 5 ms', () => {
    const db = testIndex();
    const store = addStore(db, 'sql', '/p/mlflow.db');
    const exp = addExperiment(db, store, { experimentId: '1' });
    const keys: number[] = [];
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) {
        const key = addRun(db, { storeId: store, expKey: exp, runId: i.toString(16).padStart(32, '0'), startTime: i });
        const fields = Object.fromEntries(Array.from({ length: 20 }, (_, k) => [`key_${k}`, `value ${i} ${k}`]));
        addTags(db, key, fields, 'params');
        addTags(db, key, fields, 'tags');
        for (let k = 0; k < 20; k++) addSeries(db, key, `metric_${k}`, [[0, i, i / (k + 1) + 1e-9 * k]]);
        keys.push(key);
      }
    })();
    const page = keys.slice(1000, 1100);
    buildRunRows(db, page); // warm the statement cache, as a running app would be
    // CPU time, best of 7: the cores here are shared by several engineers, and waiting is not our cost.
    const times: number[] = [];
    for (let round = 0; round < 7; round++) {
      const start = process.cpuUsage();
      const rows = buildRunRows(db, page);
      const used = process.cpuUsage(start);
      times.push((used.user + used.system) / 1000);
      expect(rows).toHaveLength(100);
    }
    const best = Math.min(...times);
    console.log(`buildRunRows: 100 rows × 60 fields, best of 7 = ${best.toFixed(2)} ms CPU`);
    expect(best).toBeLessThan(5);
  });
});
