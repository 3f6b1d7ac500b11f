import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { runCli } from '../index.js';
import { afterAll, describe, expect, it } from 'vitest';
import { SHARED_FIXTURES } from '../../testing/test-paths.js';
import { runCliCaptured } from '../testing/run-cli-captured.js';

const FIXTURE = join(SHARED_FIXTURES, 'mlruns-real/JaredTambala__ml-xp/mlruns');
const EXPERIMENT = '423656557908454039';

const work = mkdtempSync(join(tmpdir(), 'rundesk-export-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const folder = join(work, 'project');
cpSync(FIXTURE, join(folder, 'mlruns'), { recursive: true });
const index = join(work, 'index.sqlite');

const run = (...argv: string[]) => runCliCaptured(argv, { cwd: work, env: { RUNDESK_DATA_DIR: join(work, 'data') } });

const lines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('rundesk export', () => {
  it('writes the pandas layout of every active run to standard output', async () => {
    const { code, out, err } = await run('export', folder, '--index', index);
    expect(err).toBe('');
    expect(code).toBe(0);
    const [header, ...rows] = lines(out);
    expect(header).toMatch(/^run_id,experiment_id,status,artifact_uri,start_time,end_time,metrics\.eval_rmse,/);
    expect(rows).toHaveLength(27);
    expect(rows[0]).toMatch(new RegExp(`^2a055e38d1c24c49a2307ce8d1ab3f03,${EXPERIMENT},FINISHED,`));
  });

  it('takes experiments, a filter and the MLflow UI format, and writes a file atomically', async () => {
    const output = join(work, 'out', 'ui.csv');
    const missing = await run('export', folder, '--index', index, '--output', output);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^rundesk: The folder .*out does not exist; choose another one\.\n$/);

    const target = join(work, 'ui.csv');
    const { code, err } = await run(
      'export', folder, '--index', index, '--experiment', '/wine-quality', '--filter', 'metrics.eval_rmse < 0.73',
      '--format', 'mlflow-ui', '--time-zone', 'UTC', '--output', target,
    );
    expect(code).toBe(0);
    expect(err).toBe(`Exported 2 runs to ${target}.\n`);
    const [header, ...rows] = lines(readFileSync(target, 'utf8'));
    expect(header).toMatch(/^"Start Time","Duration","Run ID","Name","Source Type","Source Name","User","Status","lr","momentum","eval_rmse"$/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^"2024-08-01 \d\d:\d\d:\d\d","\d\.\ds","[0-9a-f]{32}","[a-z]+-[a-z]+-\d+","LOCAL","[^"]+","jared","FINISHED",/);
    expect(readdirSync(work).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('writes metric history for chosen metrics', async () => {
    const { code, out } = await run('export', folder, '--index', index, '--format', 'history', '--metric', 'eval_rmse', '--experiment', EXPERIMENT);
    expect(code).toBe(0);
    const [header, ...rows] = lines(out);
    expect(header).toBe('run_id,run_name,metric,step,timestamp,value');
    expect(rows).toHaveLength(27);
    expect(rows.filter((r) => r.endsWith(',nan'))).toHaveLength(1);
  });

  it('stops quietly when the reader goes away (rundesk export . | head)', async () => {
    const stdout = new Writable({
      write(_chunk, _encoding, callback) {
        callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await runCli(['export', folder, '--index', index], { stdout, stderr, env: { RUNDESK_DATA_DIR: join(work, 'data') }, cwd: work });
    expect(code).toBe(0);
    expect(err).toBe('');
  });

  it('explains mistakes in one sentence with exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--format', 'xlsx'], /Unknown format 'xlsx': use pandas, mlflow-ui or history\./],
      [['--experiment', 'nope'], /There is no experiment named 'nope' or with id 'nope'\./],
      [['--filter', 'metrics.x <<< 1'], /./],
      [['--time-zone', 'Mars/Base'], /Unknown time zone 'Mars\/Base'/],
      [['--pandas-version', '1'], /--pandas-version takes 3 or 2, not '1'\./],
    ];
    for (const [args, message] of cases) {
      const { code, out, err } = await run('export', folder, '--index', index, ...args);
      expect(code, args.join(' ')).toBe(2);
      expect(out).toBe('');
      expect(err).toMatch(/^rundesk: /);
      expect(err).toMatch(message);
      expect(err.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(join(folder, 'runs.csv'))).toBe(false);
  });
});
