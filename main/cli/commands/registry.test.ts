import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError } from '../cli-command.js';
import { FILE_FIXTURE, SQL_FIXTURE, removeCopies, tempDir } from '../../registry/testing/fixture-copies.js';
import { parseYamlMap } from '../../registry/yaml/yaml-read.js';
import { registryCommand } from './registry.js';

afterEach(removeCopies);

function setup(): { cwd: string; data: string } {
  const cwd = tempDir('rundesk-cli-');
  cpSync(FILE_FIXTURE('silver6wings__MLFlowSample'), join(cwd, 'proj', 'mlruns'), { recursive: true });
  cpSync(SQL_FIXTURE, join(cwd, 'proj', 'mlflow.db'));
  return { cwd, data: tempDir('rundesk-cli-data-') };
}

async function rundesk(env: { cwd: string; data: string }, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  try {
    const code = await registryCommand.run(argv, { stdout, stderr, cwd: env.cwd, env: { RUNDESK_DATA_DIR: env.data } });
    return { code, out, err: '' };
  } catch (error) {
    if (error instanceof CliError) return { code: error.exitCode, out, err: error.message };
    throw error;
  }
}

describe('rundesk registry', () => {
  it('lists models and versions as MLflow REST JSON, across stores', async () => {
    const env = setup();
    const list = JSON.parse((await rundesk(env, 'proj', 'list', '--format', 'json')).out) as { registered_models: Record<string, unknown>[] };
    expect(list.registered_models.map((m) => [m.store, m.name])).toEqual([
      ['mlruns', 'ElasticnetWineModel'],
      ['mlflow.db', 'nyc-taxi-model'],
      ['mlruns', 'sk-learn-random-forest-reg'],
      ['mlruns', 'sk-learn-random-forest-reg-model'],
      ['mlruns', 'test_r_m'],
    ]);
    expect(list.registered_models[1]).toMatchObject({ aliases: [{ alias: 'in-preview', version: '1' }, { alias: 'staging', version: '1' }] });
    const versions = JSON.parse((await rundesk(env, 'proj', 'versions', '--name', 'test_r_m', '--format', 'json')).out) as { model_versions: Record<string, unknown>[] };
    expect(versions.model_versions).toEqual([
      expect.objectContaining({ store: 'mlruns', name: 'test_r_m', version: '1', current_stage: 'Archived', status: 'READY', tags: [], aliases: [] }),
    ]);
  });

  it('needs --yes for Production, then transitions, records history, and undoes', async () => {
    const env = setup();
    const refused = await rundesk(env, 'proj', 'transition', 'test_r_m', '1', 'production');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/needs confirmation.*--yes/);
    const done = await rundesk(env, 'proj', 'transition', 'test_r_m', '1', 'production', '--yes');
    expect(done.code).toBe(0);
    expect(done.out).toMatch(/Change #1: Version 1: Archived → Production/);
    const meta = join(env.cwd, 'proj', 'mlruns', 'models', 'test_r_m', 'version-1', 'meta.yaml');
    expect(parseYamlMap(readFileSync(meta, 'utf8')).current_stage).toBe('Production');
    expect((await rundesk(env, 'proj', 'history', 'test_r_m')).out).toMatch(/#1 .* Version 1: Archived → Production/);
    expect((await rundesk(env, 'proj', 'undo', '1')).out).toMatch(/Undid change #1/);
    expect(parseYamlMap(readFileSync(meta, 'utf8')).current_stage).toBe('Archived');
  });

  it('sets aliases and tags, describes, and explains mistakes in one sentence', async () => {
    const env = setup();
    expect((await rundesk(env, 'proj', 'alias', 'set', 'nyc-taxi-model', 'champion', '1')).code).toBe(0);
    expect((await rundesk(env, 'proj', 'tag', 'set', 'test_r_m', '--version', '1', 'owner', 'me')).code).toBe(0);
    expect(readFileSync(join(env.cwd, 'proj', 'mlruns', 'models', 'test_r_m', 'version-1', 'tags', 'owner'), 'utf8')).toBe('me');
    expect((await rundesk(env, 'proj', 'describe', 'test_r_m', 'A', 'test', 'model')).code).toBe(0);
    expect(parseYamlMap(readFileSync(join(env.cwd, 'proj', 'mlruns', 'models', 'test_r_m', 'meta.yaml'), 'utf8')).description).toBe('A test model');
    const bad = await rundesk(env, 'proj', 'alias', 'set', 'test_r_m', 'latest', '1');
    expect([bad.code, bad.err]).toEqual([2, "The alias 'latest' is reserved (it always means the newest version)."]);
    const missing = await rundesk(env, 'proj', 'alias', 'delete', 'nope', 'x');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/no registered model 'nope'/);
    const store = await rundesk(env, 'proj', 'list', '--store', 'elsewhere');
    expect(store.err).toMatch(/No store 'elsewhere'.*mlflow.db, mlruns|No store 'elsewhere'.*mlruns, mlflow.db/);
  });
});
