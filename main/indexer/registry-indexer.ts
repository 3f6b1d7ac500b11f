import { join } from 'node:path';
import type { ProblemSink } from '../stores/file-store/key-files.js';
import { REGISTRY_FOLDER } from '../stores/file-store/layout.js';
import { listRegisteredModelFoldersSync, readRegisteredModelSync, registryRoot, type RegisteredModelRecord } from '../stores/file-store/registry-reader.js';
import type { PassEnv } from './pass-context.js';

/** Content fingerprint of a registered model, to tell the UI only about models that really changed. */
function modelFingerprint(m: RegisteredModelRecord): string {
  return JSON.stringify(m, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v));
}

/**
 * Reads the registry under `<root>/models/` and replaces its rows: models, versions (including
 * Deleted_Internal ones; the query layer hides them), tags, aliases from the aliases/ folder.
 * The registry is small, so every pass reads it whole. `only` limits the pass to some model folders.
 */
export function indexRegistrySync(env: PassEnv, storeId: number, storeRoot: string, report: ProblemSink, only?: ReadonlySet<string>): void {
  const w = env.writer;
  // Per connection: what the index last got, so a re-read that finds nothing new writes nothing and
  // stays quiet. The first pass of a connection does not announce anything (nothing is shown yet).
  const lastFingerprints = w.registryFingerprints;
  const announce = w.registryStoresSeen.has(storeId) || only !== undefined;
  w.registryStoresSeen.add(storeId);
  const root = registryRoot(storeRoot);
  const folders = only ? [...only] : listRegisteredModelFoldersSync(storeRoot, report);
  if (!only) w.clearProblemsUnder(join(storeRoot, REGISTRY_FOLDER));
  const present = new Set<string>();
  const stillThere = new Set<string>();
  for (const folder of folders) {
    const dir = join(root, folder);
    if (only) w.clearProblemsUnder(dir);
    const read = readRegisteredModelSync(dir, report);
    env.tracker.filesSeen++;
    if (!read.ok) {
      // A model folder being rewritten keeps its rows until the file settles.
      if (read.unsettled) {
        stillThere.add(folder);
        env.changes.pending.add(join(dir, 'meta.yaml'));
      }
      continue;
    }
    present.add(read.model.name);
    const key = `${storeId}\0${read.model.name}`;
    const fingerprint = modelFingerprint(read.model);
    if (lastFingerprints.get(key) === fingerprint && !env.options.full) continue;
    w.replaceRegisteredModel(storeId, read.model);
    if (announce) env.changes.addRegistry(storeId, read.model.name);
    lastFingerprints.set(key, fingerprint);
  }
  const existing = w.modelNamesOfStore(storeId);
  for (const name of existing) {
    if (present.has(name) || stillThere.has(name)) continue;
    // With `only`, a model outside it was not looked at; only the named folders can have vanished.
    if (only && !only.has(name)) continue;
    w.deleteRegisteredModel(storeId, name);
    lastFingerprints.delete(`${storeId}\0${name}`);
    env.changes.addRegistry(storeId, name);
  }
}
