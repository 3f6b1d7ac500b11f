import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MlrunsBuilder } from '../../stores/file-store/mlruns-builder.js';
import { runCliCaptured } from '../testing/run-cli-captured.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], cwd: string) => runCliCaptured(args, { cwd, env: { RUNDESK_DATA_DIR: join(cwd, 'data') } });

function project() {
  const dir = mkdtempSync(join(tmpdir(), 'rundesk-cli-index-'));
  dirs.push(dir);
  const b = new MlrunsBuilder(join(dir, 'proj', 'mlruns'));
  const exp = b.experiment('1', 'exp');
  b.run(exp, 'a'.repeat(32), { params: { lr: '0.1' }, tags: { t: 'x' }, metrics: { loss: '1 0.5 0\n2 0.25 1\n' } });
  b.run(exp, 'b'.repeat(32), { lifecycle: 'deleted', meta: undefined });
  b.run(exp, 'c'.repeat(32), { meta: 'not: [yaml\n' });
  b.registeredModel('m', { versions: [{ version: 1 }, { version: 2, stage: 'Deleted_Internal' }], aliases: { champion: '1' } });
  return dir;
}

describe('rundesk index', () => {
  it('prints stores, counts and problems as a table', async () => {
    const dir = project();
    const { code, out } = await cli(['index', 'proj'], dir);
    expect(code).toBe(0);
    expect(out).toContain('  file  mlruns');
    expect(out).toMatch(/runs\s+1 active, 1 deleted/);
    expect(out).toMatch(/metric points\s+2/);
    expect(out).toMatch(/model versions\s+1/);
    expect(out).toMatch(/aliases\s+1/);
    expect(out).toContain(`mlruns/1/${'c'.repeat(32)}/meta.yaml: File is not valid YAML`);
    expect(out).toMatch(/Indexed in [\d.]+ s \(2 runs read\)\./);
  });

  it('prints JSON with --json, reuses the index, and re-reads everything with --full', async () => {
    const dir = project();
    await cli(['index', 'proj'], dir);
    const { code, out } = await cli(['index', 'proj', '--json'], dir);
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      stores: [{ kind: 'file', label: 'mlruns', schema_version: null }],
      experiments: { active: 1, deleted: 0 },
      runs: { active: 1, deleted: 1 },
      params: 1,
      tags: 1,
      metric_series: 1,
      metric_points: 2,
      registered_models: 1,
      model_versions: 1,
      aliases: 1,
      pass: { full: false, runs_read: 0 },
    });
    expect(json.problems).toHaveLength(1);
    const full = JSON.parse((await cli(['index', 'proj', '--json', '--full', '--index', 'elsewhere.sqlite'], dir)).out);
    expect(full.pass).toMatchObject({ full: true, runs_read: 2 });
  });

  it('says so when the folder holds no store, or does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rundesk-cli-index-'));
    dirs.push(dir);
    const empty = await cli(['index', '.'], dir);
    expect(empty.code).toBe(1);
    expect(empty.out).toMatch(/^No MLflow data found in /);
    const missing = await cli(['index', 'nope'], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/nope does not exist or cannot be read\./);
    expect((await cli(['index'], dir)).err).toMatch(/Give exactly one folder/);
  });
});
