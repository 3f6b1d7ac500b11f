import { describe, expect, it } from 'vitest';

import {
  Collector,
  compareAliases,
  compareExperiments,
  compareFilter,
  compareHistory,
  compareModelVersions,
  compareRegisteredModels,
  compareRuns,
  fieldPath,
  formatDifference,
  jsonEqual,
} from './compare.js';
import type { MetricJson, RunJson } from './types.js';

function run(overrides: Partial<RunJson['info']> = {}, data: RunJson['data'] = {}): RunJson {
  return {
    info: {
      run_id: 'abc123',
      run_uuid: 'abc123',
      run_name: 'r',
      experiment_id: '1',
      user_id: 'alice',
      status: 'FINISHED',
      start_time: 10,
      end_time: 20,
      artifact_uri: 'file:///x',
      lifecycle_stage: 'active',
      ...overrides,
    },
    data: {
      metrics: [{ key: 'loss', value: 0.5, timestamp: 3, step: 10 }],
      params: [{ key: 'lr', value: '0.1' }],
      tags: [{ key: 'mlflow.runName', value: 'r' }],
      ...data,
    },
  };
}

const texts = (c: Collector) => c.result.differences.map(formatDifference);

describe('compareRuns', () => {
  it('reports a wrong latest metric value readably', () => {
    const c = new Collector('gen/full/file', 'runs');
    const mlflow = run();
    const rundesk = run({}, { metrics: [{ key: 'loss', value: 0.25, timestamp: 3, step: 10 }] });
    compareRuns(c, [mlflow], [{ ...rundesk, store: '.' } as RunJson]);
    expect(texts(c)).toEqual(['gen/full/file › run abc123 › metrics.loss.value: mlflow=0.5 rundesk=0.25']);
    expect(c.result.tolerated['rundesk-only-store']).toBe(1);
  });

  it('reports the latest step/timestamp, NaN and keys with spaces', () => {
    const c = new Collector('s', 'runs');
    const m = run({}, { metrics: [{ key: 'val loss', value: 'NaN', timestamp: 5, step: 2 }] });
    const r = run({}, { metrics: [{ key: 'val loss', value: 1, timestamp: 4, step: 2 }] });
    compareRuns(c, [m], [r]);
    expect(texts(c)).toEqual([
      's › run abc123 › metrics["val loss"].timestamp: mlflow=5 rundesk=4',
      's › run abc123 › metrics["val loss"].value: mlflow="NaN" rundesk=1',
    ]);
  });

  it('reports missing and extra runs, status and params', () => {
    const c = new Collector('s', 'runs');
    compareRuns(
      c,
      [run(), run({ run_id: 'gone' })],
      [run({ status: 'RUNNING' }, { params: [{ key: 'lr', value: '0.10' }] }), run({ run_id: 'new' })],
    );
    expect(texts(c)).toEqual([
      's › run abc123 › info.status: mlflow="FINISHED" rundesk="RUNNING"',
      's › run abc123 › params.lr: mlflow="0.1" rundesk="0.10"',
      's › run gone: mlflow=present (FINISHED, active) rundesk=(absent)',
      's › run new: mlflow=(absent) rundesk=present (FINISHED, active)',
    ]);
  });

  it('compares key/value lists as maps and reports absent keys', () => {
    const c = new Collector('s', 'runs');
    const m = run({}, { tags: [{ key: 'b', value: '2' }, { key: 'a', value: '1' }] });
    const r = run({}, { tags: [{ key: 'a', value: '1' }] });
    compareRuns(c, [m], [r]);
    expect(texts(c)).toEqual(['s › run abc123 › tags.b: mlflow="2" rundesk=(absent)']);
  });

  it('skips MLflow-only fields RunDesk does not print, but compares them when it does', () => {
    const m = run({}, { metrics: [{ key: 'loss', value: 0.5, timestamp: 3, step: 10, run_id: 'abc123' }] });
    m.outputs = { model_outputs: [{ model_id: 'm-1', step: 0 }] };
    const c1 = new Collector('s', 'runs');
    compareRuns(c1, [m], [run()]);
    expect(c1.result.differences).toEqual([]);
    expect(c1.result.tolerated['mlflow-only-field']).toBe(2);
    const c2 = new Collector('s', 'runs');
    compareRuns(c2, [m], [run({}, { metrics: [{ key: 'loss', value: 0.5, timestamp: 3, step: 10, run_id: 'zzz' }] })]);
    expect(texts(c2)).toEqual(['s › run abc123 › metrics.loss.run_id: mlflow="abc123" rundesk="zzz"']);
  });

  it('does not tolerate an absent run field that RunDesk defines', () => {
    const c = new Collector('s', 'runs');
    const r = run();
    delete r.info.end_time;
    compareRuns(c, [run()], [r]);
    expect(texts(c)).toEqual(['s › run abc123 › info.end_time: mlflow=20 rundesk=(absent)']);
  });

  it('compares dataset inputs by name, digest and context', () => {
    const ds = (digest: string) => ({
      tags: [{ key: 'mlflow.data.context', value: 'training' }],
      dataset: { name: 'iris', digest, source_type: 'local', source: '{}', schema: '{}', profile: '{}' },
    });
    const c = new Collector('s', 'runs');
    compareRuns(c, [{ ...run(), inputs: { dataset_inputs: [ds('aa')] } }], [{ ...run(), inputs: { dataset_inputs: [ds('bb')] } }]);
    expect(texts(c)).toEqual([
      's › run abc123 › inputs.dataset_inputs["iris aa training"]: mlflow=1 input(s) rundesk=(absent)',
      's › run abc123 › inputs.dataset_inputs["iris bb training"]: mlflow=(absent) rundesk=1 input(s)',
    ]);
  });

  it('treats an absent list like an empty one', () => {
    const c = new Collector('s', 'runs');
    const r = run({}, { params: undefined });
    compareRuns(c, [run({}, { params: [] })], [r]);
    expect(c.result.differences).toEqual([]);
    expect(c.result.tolerated['empty-list-absent']).toBe(1);
  });
});

describe('compareExperiments', () => {
  it('reports a renamed experiment and a tag value', () => {
    const c = new Collector('s', 'experiments');
    compareExperiments(
      c,
      [{ experiment_id: '1', name: 'a/b', tags: [{ key: 't', value: 'x' }], workspace: 'default' }],
      [{ experiment_id: '1', name: 'a', tags: [{ key: 't', value: 'y' }], store: 'mlruns' }],
    );
    expect(texts(c)).toEqual([
      's › experiment 1 (a/b) › name: mlflow="a/b" rundesk="a"',
      's › experiment 1 (a/b) › tags.t: mlflow="x" rundesk="y"',
    ]);
  });
});

describe('compareHistory', () => {
  const p = (value: MetricJson['value'], step: number, timestamp: number): MetricJson => ({ key: 'loss', value, step, timestamp });

  it('passes on the same multiset in another order', () => {
    const c = new Collector('s', 'histories');
    compareHistory(c, 'r1', [p(1, 0, 1), p(2, 1, 2), p(2, 1, 2)], [p(2, 1, 2), p(1, 0, 1), p(2, 1, 2)]);
    expect(c.result.differences).toEqual([]);
    expect(c.result.compared).toBe(3);
  });

  it('reports a lost duplicate point and a changed value', () => {
    const c = new Collector('s', 'histories');
    compareHistory(c, 'r1', [p(1, 0, 1), p(2, 1, 2), p(2, 1, 2), p('Infinity', 2, 3)], [p(1, 0, 1), p(2, 1, 2), p(3, 2, 3)]);
    expect(texts(c)).toEqual([
      's › run r1 › history.loss: mlflow=4 points, 2 not in rundesk: step=1 ts=2 value=2; step=2 ts=3 value=Infinity ' +
        'rundesk=3 points, 1 not in mlflow: step=2 ts=3 value=3',
    ]);
  });
});

describe('registry', () => {
  it('reports stage, tag and alias differences', () => {
    const mv = { name: 'm', version: '2', current_stage: 'Production', tags: [{ key: 'k', value: 'v' }], aliases: ['champion'], model_id: 'm-1' };
    const c = new Collector('s', 'registry-versions');
    compareModelVersions(c, [mv], [{ ...mv, current_stage: 'Staging', tags: [], aliases: [], model_id: undefined } as never]);
    expect(texts(c)).toEqual([
      's › model "m" v2 › current_stage: mlflow="Production" rundesk="Staging"',
      's › model "m" v2 › tags.k: mlflow="v" rundesk=(absent)',
      's › model "m" v2 › aliases: mlflow=["champion"] rundesk=[]',
    ]);
    expect(c.result.tolerated['mlflow-only-field']).toBe(1);
  });

  it('compares registered models, their aliases and latest versions', () => {
    const model = {
      name: 'm',
      description: 'd',
      aliases: [{ alias: 'champion', version: '2' }],
      latest_versions: [{ name: 'm', version: '2', current_stage: 'Production' }],
      deployment_job_id: '',
    };
    const c = new Collector('s', 'registry-models');
    compareRegisteredModels(c, [model], [{ ...model, aliases: [{ alias: 'champion', version: '1' }], latest_versions: [], deployment_job_id: undefined } as never]);
    expect(texts(c)).toEqual([
      's › model "m" › aliases.champion: mlflow="2" rundesk="1"',
      's › model "m" › latest_versions.v2: mlflow=v2 (Production) rundesk=(absent)',
    ]);
  });

  it('checks alias resolution against RunDesk aliases', () => {
    const c = new Collector('s', 'aliases');
    compareAliases(c, [{ name: 'm', alias: 'a', version: '3' }, { name: 'm', alias: 'b', version: '1' }], [
      { name: 'm', aliases: [{ alias: 'a', version: '3' }, { alias: 'c', version: '2' }] },
    ]);
    expect(texts(c)).toEqual(['s › model "m" › alias.b: mlflow="1" rundesk=(absent)', 's › model "m" › alias.c: mlflow=(absent) rundesk="2"']);
  });
});

describe('compareFilter', () => {
  const m = { id: 'F001', filter: "params.a = 'x'", order_by: ['metrics.m DESC'], view: 'ACTIVE_ONLY' as const };

  it('passes identical ordered ids and two rejections', () => {
    const c = new Collector('s', 'filters');
    compareFilter(c, { ...m, run_ids: ['a', 'b'] }, { run_ids: ['a', 'b'] });
    compareFilter(c, { ...m, error: 'INVALID_PARAMETER_VALUE: bad' }, { error: 'rundesk: bad filter' });
    expect(c.result.differences).toEqual([]);
  });

  it('reports an order difference, a set difference and a rejection mismatch', () => {
    const c = new Collector('s', 'filters');
    compareFilter(c, { ...m, run_ids: ['a', 'b'] }, { run_ids: ['b', 'a'] });
    compareFilter(c, { ...m, run_ids: ['a', 'b'] }, { run_ids: ['a', 'c'] });
    compareFilter(c, { ...m, error: 'INVALID_PARAMETER_VALUE: bad' }, { run_ids: [] });
    expect(texts(c)).toEqual([
      's › filter F001 "params.a = \'x\'" order_by ["metrics.m DESC"] view ACTIVE_ONLY › order: mlflow=position 0: a rundesk=position 0: b',
      's › filter F001 "params.a = \'x\'" order_by ["metrics.m DESC"] view ACTIVE_ONLY: mlflow=2 runs, not in rundesk: b rundesk=2 runs, not in mlflow: c',
      's › filter F001 "params.a = \'x\'" order_by ["metrics.m DESC"] view ACTIVE_ONLY: mlflow=rejected (INVALID_PARAMETER_VALUE: bad) rundesk=0 runs',
    ]);
  });
});

describe('helpers', () => {
  it('treats -0 as 0 and compares deeply', () => {
    expect(jsonEqual(-0, 0)).toBe(true);
    expect(jsonEqual({ a: [1, 'NaN'] }, { a: [1, 'NaN'] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });

  it('quotes awkward field names', () => {
    expect(fieldPath(['metrics', 'train/loss', 'value'])).toBe('metrics["train/loss"].value');
    expect(fieldPath(['info', 'status'])).toBe('info.status');
  });
});

describe('grammar extensions', () => {
  it('tolerates a RunDesk-only filter MLflow rejects, not a plain mismatch', () => {
    const c = new Collector('s', 'filters');
    compareFilter(c, { filter: 'metrics.a > 1 OR metrics.b < 2', order_by: [], view: 'ALL', error: 'INVALID_PARAMETER_VALUE: OR' }, { run_ids: ['x'] });
    expect(c.result.differences).toEqual([]);
    expect(c.result.tolerated['rundesk-grammar-extension']).toBe(1);
    compareFilter(c, { filter: "params.a > 'x'", order_by: [], view: 'ALL', error: 'INVALID_PARAMETER_VALUE: comparator' }, { run_ids: [] });
    expect(c.result.differences).toHaveLength(1);
  });
});
