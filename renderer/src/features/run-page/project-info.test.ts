import { describe, it, expect } from 'vitest';
import { parseMlproject, projectTags } from './project-info.js';

describe('projectTags', () => {
  it('is null for a run that was not an MLflow Project', () => {
    expect(projectTags({ 'mlflow.source.type': 'LOCAL', 'mlflow.user': 'ann' })).toBeNull();
  });
  it('reads the project tags MLflow writes', () => {
    expect(
      projectTags({
        'mlflow.project.entryPoint': 'main',
        'mlflow.project.env': 'conda',
        'mlflow.project.backend': 'local',
        'mlflow.source.type': 'PROJECT',
        'mlflow.gitRepoURL': 'https://github.com/mlflow/mlflow-example',
      }),
    ).toEqual({ entryPoint: 'main', env: 'conda', backend: 'local', dockerImage: null, repoUrl: 'https://github.com/mlflow/mlflow-example' });
  });
});

const EXAMPLE = `name: tutorial

python_env: python_env.yaml

entry_points:
  main:
    parameters:
      alpha: {type: float, default: 0.5}
      l1_ratio: float
      data: path
    command: "python train.py {alpha} {l1_ratio}"
  validate:
    command: "python validate.py"
`;

describe('parseMlproject', () => {
  it('reads entry points, parameters with shorthand types, and the environment file', () => {
    const spec = parseMlproject(EXAMPLE);
    expect(spec.name).toBe('tutorial');
    expect(spec.environment).toEqual({ kind: 'python_env', file: 'python_env.yaml', implicit: false });
    expect(spec.entryPoints.map((e) => e.name)).toEqual(['main', 'validate']);
    expect(spec.entryPoints[0]!.parameters).toEqual([
      { name: 'alpha', type: 'float', default: '0.5' },
      { name: 'l1_ratio', type: 'float', default: null },
      { name: 'data', type: 'path', default: null },
    ]);
    expect(spec.entryPoints[1]).toEqual({ name: 'validate', command: 'python validate.py', parameters: [] });
  });

  it('puts docker_env first, as MLflow does', () => {
    expect(parseMlproject('docker_env:\n  image: my-image\nconda_env: conda.yaml').environment).toEqual({ kind: 'docker', image: 'my-image' });
  });

  it('falls back to a conda.yaml beside the MLproject', () => {
    expect(parseMlproject('name: x', ['MLproject', 'conda.yaml']).environment).toEqual({ kind: 'conda_env', file: 'conda.yaml', implicit: true });
    expect(parseMlproject('name: x', []).environment).toBeNull();
  });

  it('explains broken YAML instead of crashing', () => {
    expect(() => parseMlproject('entry_points: [unclosed')).toThrow(/not valid YAML/);
    expect(() => parseMlproject('- a\n- b')).toThrow(/mapping/);
  });

  it('reads an empty file as an empty project', () => {
    expect(parseMlproject('')).toEqual({ name: null, entryPoints: [], environment: null });
  });
});
