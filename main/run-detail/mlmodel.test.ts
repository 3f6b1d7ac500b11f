import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMlModel, type SiblingReader } from './mlmodel.js';
import { SHARED_FIXTURES } from '../testing/test-paths.js';

const FIXTURES = SHARED_FIXTURES;
const realFiles = execFileSync('find', [FIXTURES, '-name', 'MLmodel'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);

function readerFor(path: string): SiblingReader {
  return (relative, maxBytes) => {
    try {
      const bytes = readFileSync(join(dirname(path), relative));
      return { text: bytes.subarray(0, maxBytes).toString('utf8'), truncated: bytes.length > maxBytes };
    } catch {
      return null;
    }
  };
}

describe('parseMlModel on the real MLmodel files of the fixtures', () => {
  it('parses every one of them with flavors and an MLflow version', () => {
    expect(realFiles.length).toBeGreaterThan(40);
    for (const path of realFiles) {
      const model = parseMlModel(readFileSync(path, 'utf8'), readerFor(path));
      expect(model.flavors.length, path).toBeGreaterThan(0);
      expect(model.flavors.some((f) => f.name === 'python_function'), path).toBe(true);
      expect(model.mlflowVersion, path).toMatch(/^\d+\.\d+/);
      expect(model.createdUtc, path).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    }
  });

  it('reads a 1.x sklearn model: flat flavor details, no signature', () => {
    const path = `${FIXTURES}/mlruns-real/AbinavRavi__MlFlow-intro/mlruns/1/f608bed0a01a4dfe96d0182c18e6093e/artifacts/classifier/MLmodel`;
    const model = parseMlModel(readFileSync(path, 'utf8'));
    expect(model).toMatchObject({ mlflowVersion: '1.27.0', runId: 'f608bed0a01a4dfe96d0182c18e6093e', modelId: null, signature: null, inputExample: null });
    expect(model.flavors).toEqual([
      { name: 'python_function', details: { env: 'conda.yaml', loader_module: 'mlflow.sklearn', model_path: 'model.pkl', python_version: '3.9.12' } },
      { name: 'sklearn', details: { code: '', pickled_model: 'model.pkl', serialization_format: 'cloudpickle', sklearn_version: '1.1.1' } },
    ]);
  });

  it('reads tensor signatures of a 2.x model and nested env keys', () => {
    const path = `${FIXTURES}/mlruns-real/JaredTambala__ml-xp/mlruns/423656557908454039/9e141bf858344acb89d163cdda2e44de/artifacts/model/MLmodel`;
    const model = parseMlModel(readFileSync(path, 'utf8'));
    expect(model.signature).toEqual({
      inputs: [{ name: null, type: 'tensor(float64, [-1, 11])', required: true }],
      outputs: [{ name: null, type: 'tensor(int64, [-1])', required: true }],
      params: [],
    });
    expect(model.flavors[0]!.details['env.virtualenv']).toBe('python_env.yaml');
  });

  it('reads a 3.x logged model with its id and input example', () => {
    const path = `${FIXTURES}/mlruns-real/mjm3853__try-mlflow/mlartifacts/974183668076745730/models/m-878ce342540c47b0989b9b3d996b5f67/artifacts/MLmodel`;
    const model = parseMlModel(readFileSync(path, 'utf8'), readerFor(path));
    expect(model.modelId).toBe('m-878ce342540c47b0989b9b3d996b5f67');
    expect(model.signature!.inputs).toEqual([{ name: null, type: 'string', required: true }]);
    expect(model.signature!.outputs[0]!.type).toBe('tensor(float32, [-1, 384])');
    expect(JSON.parse(model.inputExample!)).toEqual(['A sentence to encode.', 'Another sentence to encode.']);
  });

  it('reads a named column signature where required is given', () => {
    const path = realFiles.find((p) => readFileSync(p, 'utf8').includes('"name": "average_temperature"'))!;
    const model = parseMlModel(readFileSync(path, 'utf8'));
    expect(model.signature!.inputs[0]).toEqual({ name: 'average_temperature', type: 'double', required: true });
  });
});

describe('parseMlModel on written examples', () => {
  const yaml = (signature: string) => `flavors:\n  python_function:\n    loader_module: m\nsignature:\n${signature}`;

  it('treats an absent required as true, and reads array/object/map types and params with defaults', () => {
    const inputs = JSON.stringify([
      { type: 'double', name: 'x' },
      { type: 'long', name: 'y', required: false },
      { type: 'array', items: { type: 'string' }, name: 'tags' },
      { type: 'object', properties: { a: { type: 'long', required: true }, b: { type: 'string', required: false } }, name: 'o' },
      { type: 'map', values: { type: 'double' }, name: 'm' },
    ]);
    const params = JSON.stringify([{ name: 'temperature', type: 'float', default: 0.5, shape: null }, { name: 'ids', type: 'long', default: [1], shape: [-1] }]);
    const model = parseMlModel(yaml(`  inputs: '${inputs}'\n  outputs: null\n  params: '${params}'\n`));
    expect(model.signature).toEqual({
      inputs: [
        { name: 'x', type: 'double', required: true },
        { name: 'y', type: 'long', required: false },
        { name: 'tags', type: 'array<string>', required: true },
        { name: 'o', type: 'object{a: long, b?: string}', required: true },
        { name: 'm', type: 'map<double>', required: true },
      ],
      outputs: [],
      params: [
        { name: 'temperature', type: 'float = 0.5', required: false },
        { name: 'ids', type: 'long[-1] = [1]', required: false },
      ],
    });
  });

  it('caps the input example and survives a missing one or broken signature JSON', () => {
    const big: SiblingReader = () => ({ text: '[1, 2, 3', truncated: true });
    const text = 'flavors: {python_function: {}}\nsaved_input_example_info: {artifact_path: input_example.json, type: ndarray}\nsignature: {inputs: "[not json", outputs: null}\n';
    const model = parseMlModel(text, big);
    expect(model.inputExample).toBe('[1, 2, 3\n…');
    expect(model.signature).toEqual({ inputs: [], outputs: [], params: [] });
    expect(parseMlModel(text, () => null).inputExample).toBeNull();
  });

  it('throws on text that is not a YAML mapping', () => {
    expect(() => parseMlModel('- just\n- a list\n')).toThrow(/mapping/);
    expect(() => parseMlModel('key: [unclosed')).toThrow();
  });
});
