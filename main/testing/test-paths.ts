import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where tests find shared data, wherever the repository is cloned: the real MLflow stores live in
 * `shared/fixtures` beside the clone (or `$RUNDESK_SHARED/fixtures`), and the pinned MLflow reference
 * environments in the cache folder `e2e/conformance/setup-venv.sh` installs into.
 */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
export const SHARED_FIXTURES = join(resolve(process.env.RUNDESK_SHARED ?? join(REPO_ROOT, '..', 'shared')), 'fixtures');
export const MLFLOW_CACHE = resolve(process.env.RUNDESK_CACHE ?? join(homedir(), '.cache', 'rundesk'));

/** The Python of the pinned MLflow venv of that version (it may not exist: callers skip with a reason). */
export function mlflowVenvPython(version: '3.18.0' | '2.22.4'): string {
  return join(MLFLOW_CACHE, `mlflow-${version}`, 'bin', 'python');
}
