import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mlflowVenvPython } from '../../testing/test-paths.js';

/**
 * Finds a Python that has MLflow installed, for the tests that check RunDesk against the real thing.
 * Test support only: `RUNDESK_MLFLOW_PYTHON` wins, then the venvs set up for this project.
 */
const CANDIDATES = [
  process.env.RUNDESK_MLFLOW_PYTHON,
  mlflowVenvPython('3.18.0'),
  mlflowVenvPython('2.22.4'),
].filter((p): p is string => Boolean(p));

export interface MlflowPython {
  python: string;
  mlflowVersion: string;
}

let cached: MlflowPython | null | undefined;

export function findMlflowPython(): MlflowPython | null {
  if (cached !== undefined) return cached;
  cached = null;
  for (const python of CANDIDATES) {
    if (!existsSync(python)) continue;
    const probe = spawnSync(python, ['-c', 'import mlflow, yaml; print(mlflow.__version__)'], { encoding: 'utf8', timeout: 60_000 });
    if (probe.status === 0) {
      cached = { python, mlflowVersion: probe.stdout.trim() };
      break;
    }
  }
  return cached;
}

export function skipReason(): string {
  return `no Python with MLflow found (tried ${CANDIDATES.join(', ')}; set RUNDESK_MLFLOW_PYTHON)`;
}
