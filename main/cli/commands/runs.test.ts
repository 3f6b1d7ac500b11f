import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_FIXTURES } from '../../testing/test-paths.js';
import { runCliCaptured } from '../testing/run-cli-captured.js';

const FIXTURE = join(SHARED_FIXTURES, 'mlruns-real/JaredTambala__ml-xp');
let root = '';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'rundesk-runs-cli-'));
  cpSync(FIXTURE, join(root, 'project'), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const cli = (...argv: string[]) =>
  runCliCaptured([...argv, '--index', join(root, 'index.db')], { cwd: root, env: { RUNDESK_DATA_DIR: join(root, 'data') } });

interface RunJson {
  store: string;
  info: Record<string, unknown>;
  data: { metrics?: { key: string; value: unknown; step: number; timestamp: number }[]; params?: { key: string }[]; tags?: { key: string }[] };
}

describe('rundesk runs', () => {
  it('prints MLflow REST runs in MLflow order, NaN spelled as protobuf does', async () => {
    const { code, out } = await cli('runs', 'project', '--format', 'json');
    expect(code).toBe(0);
    const { runs } = JSON.parse(out) as { runs: RunJson[] };
    expect(runs).toHaveLength(27);
    expect(runs[0]!.store).toBe('mlruns');
    expect(Object.keys(runs[0]!.info)).toEqual(['run_id', 'run_uuid', 'run_name', 'experiment_id', 'user_id', 'status', 'start_time', 'end_time', 'artifact_uri', 'lifecycle_stage']);
    const starts = runs.map((r) => r.info.start_time as number);
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
    const keys = runs[0]!.data.tags!.map((t) => t.key);
    expect([...keys].sort()).toEqual(keys);
    expect(out).toContain('"value":"NaN"');
  });

  it('filters, sorts and limits', async () => {
    const { out } = await cli('runs', 'project', '--format', 'json', '--filter', 'metrics.eval_rmse < 1.2', '--order-by', 'metrics.eval_rmse DESC', '--max-results', '3');
    const { runs } = JSON.parse(out) as { runs: RunJson[] };
    const values = runs.map((r) => r.data.metrics!.find((m) => m.key === 'eval_rmse')!.value as number);
    expect(values).toHaveLength(3);
    expect(values.every((v) => v < 1.2)).toBe(true);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
  });

  it('selects experiments by name or id and prints a table', async () => {
    const { code, out } = await cli('runs', 'project', '--experiment', '/wine-quality', '--max-results', '2');
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^RUN ID\s+NAME\s+STATUS\s+START \(UTC\)/);
    expect(out).toMatch(/2 runs/);
    expect((await cli('runs', 'project', '--experiment', '0')).out).toMatch(/No runs match/);
  });

  it('explains a bad filter in one sentence with exit code 2', async () => {
    const { code, err } = await cli('runs', 'project', '--filter', "metrics.eval_rmse = 'a'");
    expect(code).toBe(2);
    expect(err).toMatch(/^rundesk: metrics.eval_rmse compares numbers.*\(at position 20\)\.\n$/);
    expect((await cli('runs', 'project', '--order-by', 'metrics.x SIDEWAYS')).code).toBe(2);
    expect((await cli('runs', 'project', '--experiment', 'nope')).code).toBe(1);
    expect((await cli('runs', 'project', '--view', 'sideways')).code).toBe(2);
  });
});

describe('rundesk experiments', () => {
  it('lists experiments as MLflow REST JSON, newest first', async () => {
    const { code, out } = await cli('experiments', 'project', '--format', 'json');
    expect(code).toBe(0);
    const { experiments } = JSON.parse(out) as { experiments: { name: string; store: string; experiment_id: string }[] };
    expect(experiments.map((e) => e.name)).toEqual(['/wine-quality', 'Default']);
    expect(experiments[0]!.store).toBe('mlruns');
  });

  it('filters by name', async () => {
    const { out } = await cli('experiments', 'project', '--filter', "name LIKE '/wine%'");
    expect(out).toMatch(/\/wine-quality/);
    expect(out).not.toMatch(/Default/);
    expect((await cli('experiments', 'project', '--filter', 'name >')).code).toBe(2);
  });
});
