import { statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { TRASH_FOLDER } from '../../stores/file-store/layout.js';
import type { ProblemSink } from '../../stores/file-store/key-files.js';
import type { DatasetRecord } from '../../stores/file-store/run-links.js';
import { fileStorePass } from '../file-store-pass.js';
import type { StoredRun } from '../index-writer.js';
import { indexMetricFileSync } from '../metric-file-indexer.js';
import type { Pass, PassEnv } from '../pass-context.js';
import { indexRegistrySync } from '../registry-indexer.js';
import { indexRunMetricsSync, indexRunSync, type RunContext } from '../run-indexer.js';
import { sqlStorePass } from '../sql-store-pass.js';
import type { DirtySet, WatchedStore } from './change-router.js';

interface RunLookup extends StoredRun {
  experimentFolderId: string;
  experimentDir: string;
}

/**
 * Applies what the file events said, as narrowly as possible: appended metric lines are read from
 * the stored offset, a changed run is re-read alone, a changed experiment listing gets a scoped
 * pass, a store-level change a store pass. Project-level changes (a new store) are handled by the
 * caller with a full project pass.
 */
export function* applyDirty(env: PassEnv, dirty: DirtySet, stores: readonly WatchedStore[]): Pass {
  const { db, writer: w, tracker, changes, batch, options } = env;
  const byId = new Map(stores.map((s) => [s.storeId, s]));
  const reportFor =
    (storeId: number): ProblemSink =>
    (path, reason) => {
      w.addProblem(storeId, path, reason);
      tracker.problemCount++;
    };
  const now = Date.now();
  const lookupByRunId = db.prepare(`SELECT r.run_key AS runKey, r.run_id AS runId, r.exp_key AS expKey, r.dir_path AS dirPath,
      r.meta_sig AS metaSig, r.status, e.experiment_id AS experimentFolderId, e.dir_path AS experimentDir
    FROM runs r JOIN experiments e USING (exp_key) WHERE r.store_id = @storeId AND r.run_id = @runId AND r.dir_path = @dir`);
  const lookupByDir = db.prepare(`SELECT r.run_key AS runKey, r.run_id AS runId, r.exp_key AS expKey, r.dir_path AS dirPath,
      r.meta_sig AS metaSig, r.status, e.experiment_id AS experimentFolderId, e.dir_path AS experimentDir
    FROM runs r JOIN experiments e USING (exp_key) WHERE r.store_id = @storeId AND r.dir_path = @dir`);
  // Run folders are named by run id, so the run_id index finds them; other names fall back to a scan.
  const findRun = (storeId: number, dir: string): RunLookup | undefined =>
    (lookupByRunId.get({ storeId, runId: basename(dir), dir }) ?? lookupByDir.get({ storeId, dir })) as RunLookup | undefined;

  const storePasses = new Set(dirty.stores);
  for (const storeId of storePasses) {
    const store = byId.get(storeId);
    if (store?.kind === 'file') yield* fileStorePass(env, { storeId, path: store.path });
  }

  const scoped = new Map<number, Set<string>>();
  const addScope = (storeId: number, experimentDir: string) => {
    if (storePasses.has(storeId)) return;
    let set = scoped.get(storeId);
    if (!set) scoped.set(storeId, (set = new Set()));
    set.add(experimentDir);
  };
  for (const [storeId, dirs] of dirty.experiments) for (const dir of dirs) addScope(storeId, dir);

  // Runs re-read alone (their metric files included, from the stored offsets).
  const runsDone = new Set<string>();
  batch.begin();
  for (const [storeId, runDirs] of dirty.runs) {
    if (storePasses.has(storeId)) continue;
    for (const runDir of runDirs) {
      if (scoped.get(storeId)?.has(dirname(runDir))) continue;
      runsDone.add(runDir);
      const stored = findRun(storeId, runDir);
      if (!stored) {
        addScope(storeId, dirname(runDir)); // a new run: the experiment listing pass reads it
        continue;
      }
      const report = reportFor(storeId);
      w.clearProblemsUnder(runDir);
      const result = indexRunSync(w, runContext(env, storeId, stored, report, now), runDir, basename(runDir), stored);
      if (result.kind === 'indexed') {
        if (result.changed) changes.runKeys.add(result.runKey);
        for (const path of result.pendingFiles) changes.pending.add(path);
      } else if (result.kind === 'unsettled') {
        changes.pending.add(join(runDir, 'meta.yaml'));
      } else if (result.kind === 'not-a-run' || (result.kind === 'ignored' && result.reason === 'wrong-experiment')) {
        // meta.yaml (or the whole folder) is gone, or now names another experiment: MLflow drops the run.
        if (result.kind === 'ignored' || !exists(join(runDir, 'meta.yaml'))) {
          w.deleteRun(stored.runKey);
          changes.structural = true;
        }
      }
    }
  }

  // Appended metric lines: only the new bytes are read.
  const runsForMetrics = new Map<string, number>();
  for (const path of dirty.metricFiles) {
    const store = stores.find((s) => s.kind === 'file' && path.startsWith(s.path + sep));
    if (!store || storePasses.has(store.storeId)) continue;
    const runDir = runDirOfMetricPath(store.path, path);
    if (!runDir || runsDone.has(runDir) || scoped.get(store.storeId)?.has(dirname(runDir))) continue;
    const known = w.metricFileByPath(path);
    if (known && isFile(path)) {
      const report = reportFor(store.storeId);
      const outcome = indexMetricFileSync(w, known.runKey, known.key, path, known, report, { settleMs: options.settleMs, now, full: false });
      if (outcome.added > 0 || outcome.reset) changes.runKeys.add(known.runKey);
      if (outcome.pending) changes.pending.add(path);
      tracker.filesSeen++;
    } else {
      // A new metric file, a new nested folder, or a removed file: list the run's metrics again.
      runsForMetrics.set(runDir, store.storeId);
    }
  }
  for (const [runDir, storeId] of runsForMetrics) {
    const stored = findRun(storeId, runDir);
    if (!stored) {
      addScope(storeId, dirname(runDir));
      continue;
    }
    const result = indexRunMetricsSync(w, stored.runKey, runDir, runContext(env, storeId, stored, reportFor(storeId), now), false);
    if (result.changed) changes.runKeys.add(stored.runKey);
    for (const path of result.pendingFiles) changes.pending.add(path);
  }

  for (const [storeId, names] of dirty.registry) {
    const store = byId.get(storeId);
    if (!store || store.kind !== 'file' || storePasses.has(storeId)) continue;
    indexRegistrySync(env, storeId, store.path, reportFor(storeId), names);
  }
  batch.commit();

  for (const [storeId, experimentDirs] of scoped) {
    const store = byId.get(storeId);
    if (store?.kind === 'file') yield* fileStorePass(env, { storeId, path: store.path }, { experimentDirs });
  }

  for (const storeId of dirty.sqlStores) {
    const store = byId.get(storeId);
    if (!store || store.kind !== 'sql') continue;
    const row = db.prepare(`SELECT schema_version AS schemaVersion, fingerprint FROM stores WHERE store_id = ?`).get(storeId) as
      | { schemaVersion: string | null; fingerprint: string | null }
      | undefined;
    if (!row) continue;
    yield* sqlStorePass(env, { storeId, path: store.path, schemaVersion: row.schemaVersion, fingerprint: row.fingerprint });
  }
  batch.commit();
}

function runContext(env: PassEnv, storeId: number, run: RunLookup, report: ProblemSink, now: number): RunContext {
  return {
    storeId,
    expKey: run.expKey,
    experimentDir: run.experimentDir,
    experimentFolderId: run.experimentFolderId,
    datasetCache: new Map<string, DatasetRecord | null>(),
    report,
    settleMs: env.options.settleMs,
    now,
    full: false,
  };
}

/** `<root>/[.trash/]<exp>/<run>/metrics/a/b` → `<root>/[.trash/]<exp>/<run>`. */
export function runDirOfMetricPath(storeRoot: string, path: string): string | null {
  const parts = relative(storeRoot, path).split(sep);
  const skip = parts[0] === TRASH_FOLDER ? 1 : 0;
  if (parts.length < skip + 4 || parts[skip + 2] !== 'metrics') return null;
  return join(storeRoot, ...parts.slice(0, skip + 2));
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
