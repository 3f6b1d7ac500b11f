import { describe, expect, it } from 'vitest';
import { mlflowUiLayout } from './mlflow-ui-format.js';
import type { ExportRun } from './run-batches.js';

// Reference cases: the behaviour MLflow documents in its own tests of the UI's runs CSV
// (CsvUtils.test.ts: three runs a minute apart from 2022-12-01 12:00:00Z, each lasting one second,
// params param_1/param_2, metrics metric_1/metric_2 = 11, 12, 21, …, tag tag_1), in the UTC zone
// those tests pin.
function fakeRun(index: number): ExportRun {
  const name = `run-${index + 1}`;
  return {
    runKey: index + 1,
    runId: `uuid-for-${name}`,
    experimentId: '123',
    runName: name,
    status: 'FINISHED',
    startTime: 1669896000000 + index * 60000,
    endTime: 1669896001000 + index * 60000,
    userId: '',
    artifactUri: null,
    params: { keys: ['param_1', 'param_2'], values: [`param_1_for_${name}`, `param_2_for_${name}`] },
    tags: { keys: ['tag_1'], values: [`tag_1_for_${name}`] },
    metricKeys: ['metric_1', 'metric_2'],
    metricValues: [(index + 1) * 10 + 1, (index + 1) * 10 + 2],
    metricStart: 0,
  };
}

const columns = { params: ['param_1', 'param_2'], metrics: ['metric_1', 'metric_2'], tags: ['tag_1'] };
const HEADER = '"Start Time","Duration","Run ID","Name","Source Type","Source Name","User","Status","param_1","param_2","metric_1","metric_2","tag_1"\n';

describe('MLflow UI layout, reference cases', () => {
  const layout = mlflowUiLayout(columns, { timeZone: 'UTC' });

  it('writes just the header for no runs', () => {
    expect(layout.header).toBe(HEADER);
  });

  it('writes one quoted line per run', () => {
    expect([0, 1, 2].map((i) => layout.row(fakeRun(i)))).toEqual([
      '"2022-12-01 12:00:00","1.0s","uuid-for-run-1","run-1","","",,"FINISHED","param_1_for_run-1","param_2_for_run-1","11","12","tag_1_for_run-1"\n',
      '"2022-12-01 12:01:00","1.0s","uuid-for-run-2","run-2","","",,"FINISHED","param_1_for_run-2","param_2_for_run-2","21","22","tag_1_for_run-2"\n',
      '"2022-12-01 12:02:00","1.0s","uuid-for-run-3","run-3","","",,"FINISHED","param_1_for_run-3","param_2_for_run-3","31","32","tag_1_for_run-3"\n',
    ]);
  });

  it('fills Name, Source and User from the mlflow.* tags, keeping them out of the tag columns', () => {
    const run: ExportRun = {
      ...fakeRun(0),
      runName: '',
      tags: {
        keys: ['mlflow.runName', 'mlflow.source.name', 'mlflow.source.type', 'mlflow.user', 'tag_1'],
        values: ['named-by-tag', 'train.py', 'LOCAL', 'ann', 't'],
      },
    };
    const layoutWithTag = mlflowUiLayout({ ...columns, tags: ['mlflow.user', 'tag_1'] }, { timeZone: 'UTC' });
    expect(layoutWithTag.header).toBe(HEADER);
    expect(layoutWithTag.row(run)).toBe(
      '"2022-12-01 12:00:00","1.0s","uuid-for-run-1","named-by-tag","LOCAL","train.py","ann","FINISHED","param_1_for_run-1","param_2_for_run-1","11","12","t"\n',
    );
  });

  it('prints special metric values as the UI does and guards formula-like cells', () => {
    const run: ExportRun = { ...fakeRun(0), metricValues: [null, -Infinity], params: { keys: ['param_1'], values: ['@risky'] } };
    expect(layout.row(run)).toContain(',"\'@risky","","NaN","\'-Infinity",');
  });
});
