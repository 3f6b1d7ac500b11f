import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { MlModelInfo, ModelVersionInfo } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { localPathOfUri, mlflowArtifactsPath } from '../run-detail/artifact-location.js';
import { locateRunArtifacts } from '../run-detail/artifact-roots.js';
import { parseMlModel } from '../run-detail/mlmodel.js';
import type { RegistryStore } from './registry-editor.js';

/**
 * Finds and parses the MLmodel file of a registry version (spec §6): `storage_location`, else
 * `source`, resolved as `runs:/<run>/<path>` (through the run's artifact folder), `models:/m-…`
 * (through the logged model), or a `file:` / `mlflow-artifacts:` / plain path; when a recorded
 * path belongs to another machine, the part after `<run id>/artifacts/` is tried under the run's
 * artifact folder here. Null when none of those places holds an MLmodel (artifacts not copied).
 */
const MAX_MLMODEL_BYTES = 1024 * 1024;

export function versionMlModel(db: IndexDb, store: RegistryStore, version: ModelVersionInfo, storageLocation: string | null, modelId: string | null): MlModelInfo | null {
  const base = dirname(store.path);
  const candidates: (string | null)[] = [];
  const runRoot = (runId: string | null): string | null => {
    const runKey = version.runKey ?? (runId ? lookupRunKey(db, store.storeId, runId) : null);
    if (runKey === null) return null;
    try {
      return locateRunArtifacts(db, runKey).run;
    } catch {
      return null;
    }
  };
  for (const location of [storageLocation, version.source]) {
    if (!location) continue;
    const runs = /^runs:\/([^/]+)\/?(.*)$/.exec(location);
    const models = /^models:\/(m-[0-9a-f]+)\/?$/.exec(location);
    if (runs) {
      const root = runRoot(runs[1]!);
      if (root) candidates.push(inside(root, runs[2]!));
    } else if (models) {
      candidates.push(...loggedModelRoots(db, store, models[1]!, base));
    } else {
      candidates.push(localPathOfUri(location, base), mlflowArtifactsPath(location, base));
      const tail = version.runId ? new RegExp(`/${version.runId}/artifacts/?(.*)$`).exec(location.replaceAll('\\', '/')) : null;
      const root = tail ? runRoot(version.runId) : null;
      if (root && tail) candidates.push(inside(root, decodeURIComponentSafe(tail[1]!)));
    }
  }
  if (modelId) candidates.push(...loggedModelRoots(db, store, modelId, base));
  for (const dir of candidates) {
    if (!dir) continue;
    const file = join(dir, 'MLmodel');
    const text = readCapped(file, MAX_MLMODEL_BYTES);
    if (text === null) continue;
    try {
      return parseMlModel(text.text, (relative, maxBytes) => {
        const sibling = inside(dir, relative);
        return sibling ? readCapped(sibling, maxBytes) : null;
      });
    } catch {
      return null;
    }
  }
  return null;
}

function lookupRunKey(db: IndexDb, storeId: number, runId: string): number | null {
  const row = db.prepare('SELECT run_key FROM runs WHERE store_id = ? AND run_id = ?').get(storeId, runId) as { run_key: number } | undefined;
  return row?.run_key ?? null;
}

function loggedModelRoots(db: IndexDb, store: RegistryStore, modelId: string, base: string): (string | null)[] {
  const row = db
    .prepare(
      `SELECT m.artifact_location, e.experiment_id, e.dir_path AS experiment_dir FROM logged_models m
       LEFT JOIN experiments e ON e.exp_key = m.exp_key WHERE m.store_id = ? AND m.model_id = ?`,
    )
    .get(store.storeId, modelId) as { artifact_location: string | null; experiment_id: string | null; experiment_dir: string | null } | undefined;
  if (!row) return [];
  const out: (string | null)[] = [];
  if (row.artifact_location) out.push(localPathOfUri(row.artifact_location, base), mlflowArtifactsPath(row.artifact_location, base));
  if (row.experiment_dir) out.push(join(row.experiment_dir, 'models', modelId, 'artifacts'));
  if (row.experiment_id) out.push(join(base, 'mlruns', row.experiment_id, 'models', modelId, 'artifacts'), join(base, 'mlartifacts', row.experiment_id, 'models', modelId, 'artifacts'));
  return out;
}

/** `root/relative`, or null when `relative` would escape `root`. */
function inside(root: string, relative: string): string | null {
  const target = resolve(root, ...relative.split('/').filter((s) => s !== ''));
  return target === root || target.startsWith(root.endsWith(sep) ? root : root + sep) ? target : null;
}

function readCapped(path: string, maxBytes: number): { text: string; truncated: boolean } | null {
  try {
    if (!statSync(path).isFile()) return null;
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(maxBytes + 1);
      const read = readSync(fd, buffer, 0, buffer.length, 0);
      return { text: buffer.subarray(0, Math.min(read, maxBytes)).toString('utf8'), truncated: read > maxBytes };
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
