import yaml from 'js-yaml';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFlatYaml, parseMlflowYaml } from './parse-yaml.js';
import { parseExperimentMeta, parseRunMeta } from './run-meta.js';
import { SHARED_FIXTURES } from '../../testing/test-paths.js';

describe('parseMlflowYaml', () => {
  it('keeps 19-digit unquoted ids exact (as digit strings)', () => {
    const parsed = parseMlflowYaml('experiment_id: 9834233035428797044\nname: x\n');
    expect(parsed).toEqual({ ok: true, value: { experiment_id: '9834233035428797044', name: 'x' } });
  });

  it('reads quoted ids, small unquoted ids, null and the stage string None', () => {
    const parsed = parseMlflowYaml("experiment_id: '983303542879704487'\nold_id: 3\nend_time: null\ncurrent_stage: None\n");
    expect(parsed).toEqual({ ok: true, value: { experiment_id: '983303542879704487', old_id: 3, end_time: null, current_stage: 'None' } });
  });

  it('calls an empty file unsettled-empty and broken YAML invalid', () => {
    expect(parseMlflowYaml('')).toMatchObject({ ok: false, kind: 'empty' });
    expect(parseMlflowYaml('  \n')).toMatchObject({ ok: false, kind: 'empty' });
    expect(parseMlflowYaml('a: [1, 2\n')).toMatchObject({ ok: false, kind: 'invalid' });
    expect(parseMlflowYaml('- a\n- b\n')).toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('reads folded long scalars as PyYAML writes them', () => {
    const parsed = parseMlflowYaml("schema: '{\"a\": 1,\n  \"b\": 2}'\n");
    expect(parsed).toEqual({ ok: true, value: { schema: '{"a": 1, "b": 2}' } });
  });
});

describe('parseRunMeta', () => {
  it('maps status ints to names, missing status to RUNNING, missing lifecycle to active', () => {
    expect(parseRunMeta({ status: 3, experiment_id: '1' }, 'f').status).toBe('FINISHED');
    expect(parseRunMeta({ status: 5, experiment_id: '1' }, 'f').status).toBe('KILLED');
    expect(parseRunMeta({ experiment_id: '1' }, 'f')).toMatchObject({ status: 'RUNNING', lifecycleStage: 'active' });
    expect(parseRunMeta({ status: 9, experiment_id: '1' }, 'f').warnings).toHaveLength(1);
  });

  it('falls back from run_id to run_uuid to the folder name', () => {
    expect(parseRunMeta({ run_uuid: 'abc', experiment_id: 1 }, 'folder')).toMatchObject({ runId: 'abc', experimentId: '1' });
    expect(parseRunMeta({ experiment_id: '1' }, 'folder').runId).toBe('folder');
  });

  it('reads experiment meta with an unquoted big id', () => {
    const parsed = parseMlflowYaml('experiment_id: 983303542879704487\nname: Default\nlifecycle_stage: active\n');
    expect(parsed.ok && parseExperimentMeta(parsed.value).experimentId).toBe('983303542879704487');
  });
});

describe('parseFlatYaml (the fast path) agrees with js-yaml', () => {
  const viaJsYaml = (text: string) => {
    const parsed = parseMlflowYaml(`${text}\n#`); // the comment line forces the js-yaml path
    return parsed.ok ? parsed.value : parsed;
  };

  it.each([
    'a: file:///C:/Users/x y/mlruns/1',
    "a: ''",
    "a: 'it''s'",
    'a: 0123456789abcdef0123456789abcdef',
    'a: 9834233035428797044',
    'a: -12',
    'a: None',
    'a: True',
    'a: ~',
    'a: []',
    'a: {}',
    'a:',
    'a: x:y',
    'a: mlflow-artifacts:/0/models/m-1/artifacts',
  ])('reads %s like js-yaml', (line) => {
    expect(parseFlatYaml(line)).toEqual(viaJsYaml(line));
  });

  it.each(['a: 1.5', 'a: 0x1F', 'a: .inf', 'a: [1]', 'a: "q"', 'a: x # c', 'a: b: c', '  a: 1', 'a: |', "a: 'x' y", 'a: &x 1', 'a: 1e3'])(
    'leaves %s to js-yaml',
    (line) => {
      expect(parseFlatYaml(line)).toBeNull();
    },
  );

  it.runIf(existsSync(SHARED_FIXTURES))('gives js-yaml’s result for every meta.yaml of the real fixtures', () => {
    const files = execFileSync('find', [SHARED_FIXTURES, '-name', 'meta.yaml']).toString().trim().split('\n');
    let fast = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const flat = parseFlatYaml(text);
      if (!flat) continue;
      fast++;
      expect(flat, file).toEqual(yaml.load(text, { schema: yaml.CORE_SCHEMA, json: true }));
    }
    expect(fast).toBeGreaterThan(files.length * 0.8);
  });
});
