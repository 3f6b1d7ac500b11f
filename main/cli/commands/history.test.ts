import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SHARED_FIXTURES, mlflowVenvPython } from '../../testing/test-paths.js';
import { runCliCaptured } from '../testing/run-cli-captured.js';

const REAL_DB = join(SHARED_FIXTURES, 'mlflow-db-real/1412010__nda-mlops-zoomcamp-2024/mlflow.db');
const XGB_RUN = '821d9118ed7c4637bb3a0e020cc59e0d';

const work = mkdtempSync(join(tmpdir(), 'rundesk-history-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (...argv: string[]) => runCliCaptured(argv, { cwd: work, env: { RUNDESK_DATA_DIR: join(work, 'data') } });

function project(name: string, ...dbs: string[]): string {
  const folder = join(work, name);
  for (const db of dbs) {
    mkdirSync(join(folder, db, '..'), { recursive: true });
    copyFileSync(REAL_DB, join(folder, db));
  }
  return folder;
}

describe('rundesk history', () => {
  const folder = project('one', 'mlflow.db');
  const index = join(work, 'one.sqlite');

  it('prints every point of every key as MLflow JSON, sorted by key, step, timestamp', async () => {
    const { code, out, err } = await run('history', folder, '--run', XGB_RUN, '--format', 'json', '--index', index);
    expect(err).toBe('');
    expect(code).toBe(0);
    const { metrics } = JSON.parse(out) as { metrics: { key: string; value: number; timestamp: number; step: number }[] };
    expect(metrics).toHaveLength(85);
    expect(Object.keys(metrics[0]!)).toEqual(['key', 'value', 'timestamp', 'step']);
    expect(metrics[0]).toEqual({ key: 'best_iteration', value: 31, timestamp: 1717605748705, step: 0 });
    const rmse = metrics.filter((m) => m.key === 'validation-rmse');
    expect(rmse).toHaveLength(83);
    expect(rmse.map((m) => m.step)).toEqual(Array.from({ length: 83 }, (_, i) => i));
    expect(rmse.at(-1)!.value).toBe(4.978225672466415);
  });

  it('filters keys, accepts an upper-case id, warns about unknown keys, and prints a table', async () => {
    const { code, out, err } = await run('history', folder, '--run', XGB_RUN.toUpperCase(), '--key', 'best_iteration', '--key', 'nope', '--index', index);
    expect(code).toBe(0);
    expect(err).toBe(`rundesk: run ${XGB_RUN.toUpperCase()} has no metric 'nope'.\n`);
    expect(out.split('\n')).toEqual([
      'key             step  timestamp (UTC)          value',
      'best_iteration     0  2024-06-05 16:42:28.705  31',
      '',
    ]);
  });

  it('explains mistakes in one sentence with exit code 2', async () => {
    for (const argv of [
      ['history', folder, '--index', index],
      ['history', folder, '--run', 'f'.repeat(32), '--index', index],
      ['history', folder, '--run', XGB_RUN, '--format', 'xml', '--index', index],
      ['history', '--run', XGB_RUN],
    ]) {
      const { code, err, out } = await run(...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(out).toBe('');
      expect(err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('refuses a run id found in two stores, and reads one when the store itself is given', async () => {
    const both = project('two', 'mlflow.db', 'copy/mlflow.db');
    const ambiguous = await run('history', both, '--run', XGB_RUN, '--index', join(work, 'two.sqlite'));
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toMatch(/is in 2 stores .*\(copy\/mlflow\.db, mlflow\.db\); pass one of them as the folder/);
    const one = await run('history', join(both, 'copy', 'mlflow.db'), '--run', XGB_RUN, '--key', 'best_iteration', '--format', 'json', '--index', join(work, 'two-copy.sqlite'));
    expect(one.code).toBe(0);
    expect(JSON.parse(one.out).metrics).toHaveLength(1);
  });
});

// ── Conformance with real MLflow on a store it wrote (NaN, ±inf) ───────────────────────────────

const python = [process.env.RUNDESK_MLFLOW3_PYTHON, mlflowVenvPython('3.18.0')]
  .filter((p): p is string => !!p)
  .find((p) => spawnSync(p, ['-c', 'import mlflow, sys; sys.exit(0 if int(mlflow.__version__.split(".")[0]) >= 3 else 1)'], { stdio: 'ignore', timeout: 60_000 }).status === 0);

describe.skipIf(!python)(`rundesk history against MLflow's get_metric_history${python ? '' : ' (SKIPPED: no Python with MLflow 3; set RUNDESK_MLFLOW3_PYTHON)'}`, () => {
  it('prints the points MLflow returns, with NaN and the SQL store infinities as MLflow gives them', async () => {
    const folder = join(work, 'mlflow3');
    mkdirSync(folder, { recursive: true });
    const dbPath = join(folder, 'mlflow.db');
    const env = { ...process.env, MLFLOW_TRACKING_URI: `sqlite:///${dbPath}` };
    const generated = spawnSync(python!, [join(import.meta.dirname, '../../stores/sql-store/test-data/generate-mlflow-db.py')], { cwd: folder, env, encoding: 'utf8', timeout: 120_000 });
    expect(generated.status, generated.stderr).toBe(0);
    const { mainRunId } = JSON.parse(generated.stdout.trim().split('\n').at(-1)!) as { mainRunId: string };
    const reference = spawnSync(
      python!,
      [
        '-c',
        `import json, sys, mlflow
c = mlflow.MlflowClient()
run = c.get_run(sys.argv[1])
out = []
for key in sorted(run.data.metrics):
    for m in c.get_metric_history(sys.argv[1], key):
        out.append([m.key, repr(m.value), m.timestamp, m.step])
print(json.dumps(out))`,
        mainRunId,
      ],
      { cwd: folder, env, encoding: 'utf8', timeout: 120_000 },
    );
    expect(reference.status, reference.stderr).toBe(0);
    const expected = (JSON.parse(reference.stdout.trim().split('\n').at(-1)!) as [string, string, number, number][])
      .map(([key, value, timestamp, step]) => [key, value === 'nan' ? 'NaN' : Number(value), timestamp, step])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])) || Number(a[3]) - Number(b[3]) || Number(a[2]) - Number(b[2]));

    const { code, out } = await run('history', folder, '--run', mainRunId, '--format', 'json', '--index', join(work, 'mlflow3.sqlite'));
    expect(code).toBe(0);
    const ours = (JSON.parse(out) as { metrics: { key: string; value: number | string; timestamp: number; step: number }[] }).metrics.map((m) => [m.key, m.value, m.timestamp, m.step]);
    expect(ours).toEqual(expected);
    expect(ours).toContainEqual(['inf_metric', 1.7976931348623157e308, 1700000000000, 0]);
    expect(ours).toContainEqual(['loss', 'NaN', 1700000000002, 2]);
  }, 120_000);
});
