import { realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { IndexDb } from '../db/open-index.js';
import { AppError } from '../services/app-error.js';
import { localPathOfUri, mlflowArtifactsPath } from './artifact-location.js';
import { statementCache } from './statement-cache.js';

/** A 3.x logged model of the run whose artifacts were found; shown under `models/<label>/`. */
export interface LoggedModelArtifacts {
  modelId: string;
  name: string;
  /** Folder name under the virtual `models/` folder: the model's name, or its id when names clash. */
  label: string;
  /** Real path of the model's artifact folder. */
  root: string;
}

export interface RunArtifactRoots {
  /** Real path of the run's artifact folder, or null when it is not on this machine. */
  run: string | null;
  models: LoggedModelArtifacts[];
}

/** The folder (virtual) under which a run's logged models' artifacts appear. */
export const LOGGED_MODELS_FOLDER = 'models';

interface RunLocationRecord {
  run_id: string;
  store_id: number;
  artifact_uri: string | null;
  run_dir: string | null;
  experiment_id: string;
  experiment_dir: string | null;
  kind: string;
  store_path: string;
}

interface ModelLocationRecord {
  model_id: string;
  name: string;
  artifact_location: string | null;
  experiment_id: string | null;
  experiment_dir: string | null;
}

const statements = statementCache((db: IndexDb) => ({
  run: db.prepare<[number], RunLocationRecord>(
    `SELECT r.run_id, r.store_id, r.artifact_uri, r.dir_path AS run_dir, e.experiment_id, e.dir_path AS experiment_dir,
            s.kind, s.path AS store_path
     FROM runs r JOIN experiments e ON e.exp_key = r.exp_key JOIN stores s ON s.store_id = r.store_id
     WHERE r.run_key = ?`,
  ),
  models: db.prepare<[number, string], ModelLocationRecord>(
    `SELECT m.model_id, m.name, m.artifact_location, e.experiment_id, e.dir_path AS experiment_dir
     FROM logged_models m LEFT JOIN experiments e ON e.exp_key = m.exp_key
     WHERE m.store_id = ? AND m.source_run_id = ?
     ORDER BY m.creation_time, m.model_id`,
  ),
}));

/**
 * Finds a run's artifacts on this machine. The recorded URI is tried first; when it does not exist
 * here (a store copied from another machine, Windows paths, `mlflow server` layouts) the places
 * MLflow would have used relative to the store are tried: `<run folder>/artifacts` for file stores,
 * `<folder of mlflow.db>/mlruns/<exp>/<run>/artifacts` for SQL stores, and `mlartifacts/…` for
 * `mlflow-artifacts:` URIs. Throws NOT_FOUND when the run is not in the index.
 */
export function locateRunArtifacts(db: IndexDb, runKey: number): RunArtifactRoots {
  const s = statements(db);
  const run = s.run.get(runKey);
  if (!run) throw new AppError('NOT_FOUND', 'That run is no longer in the index; it may have been deleted.');
  // The folder MLflow ran in: the parent of mlruns/ for a file store, the folder of mlflow.db for SQL.
  const base = dirname(run.store_path);
  const runRoot = firstDirectory([
    ...fromUri(run.artifact_uri, base),
    run.kind === 'file' && run.run_dir ? join(run.run_dir, 'artifacts') : null,
    join(base, 'mlruns', run.experiment_id, run.run_id, 'artifacts'),
    join(base, 'mlartifacts', run.experiment_id, run.run_id, 'artifacts'),
  ]);

  const found: Omit<LoggedModelArtifacts, 'label'>[] = [];
  for (const model of s.models.all(run.store_id, run.run_id)) {
    const experimentId = model.experiment_id ?? run.experiment_id;
    const experimentDir = model.experiment_dir ?? run.experiment_dir;
    const root = firstDirectory([
      ...fromUri(model.artifact_location, base),
      run.kind === 'file' && experimentDir ? join(experimentDir, 'models', model.model_id, 'artifacts') : null,
      join(base, 'mlruns', experimentId, 'models', model.model_id, 'artifacts'),
      join(base, 'mlartifacts', experimentId, 'models', model.model_id, 'artifacts'),
    ]);
    if (root) found.push({ modelId: model.model_id, name: model.name, root });
  }
  return { run: runRoot, models: labelModels(found) };
}

function fromUri(uri: string | null, base: string): (string | null)[] {
  if (!uri) return [];
  return [localPathOfUri(uri, base), mlflowArtifactsPath(uri, base)];
}

function firstDirectory(candidates: (string | null)[]): string | null {
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      if (statSync(candidate).isDirectory()) return realpathSync(candidate);
    } catch {
      // Not on this machine: try the next place.
    }
  }
  return null;
}

/** A model's name is its folder name when it is unique and a safe single path segment, else its id. */
function labelModels(models: Omit<LoggedModelArtifacts, 'label'>[]): LoggedModelArtifacts[] {
  const uses = new Map<string, number>();
  for (const model of models) uses.set(model.name, (uses.get(model.name) ?? 0) + 1);
  return models.map((model) => {
    const safeName = model.name !== '' && model.name !== '.' && model.name !== '..' && !/[/\\\0]/.test(model.name);
    const clashesWithId = models.some((other) => other.modelId === model.name);
    return { ...model, label: safeName && uses.get(model.name) === 1 && !clashesWithId ? model.name : model.modelId };
  });
}
