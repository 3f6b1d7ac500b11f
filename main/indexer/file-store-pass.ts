import { join, sep } from 'node:path';
import { readKeyValueTreeSync, type ProblemSink } from '../stores/file-store/key-files.js';
import { META_FILE, REGISTRY_FOLDER } from '../stores/file-store/layout.js';
import { readYamlFileSync } from '../stores/file-store/read-yaml-file.js';
import { parseExperimentMeta } from '../stores/file-store/run-meta.js';
import { readLoggedModelsSync, type DatasetRecord } from '../stores/file-store/run-links.js';
import { listExperiments, type ListedExperiment } from './experiment-listing.js';
import type { IndexWriter, StoredExperiment, StoredRun } from './index-writer.js';
import { underAnyOf, underChildrenOf } from './problem-paths.js';
import type { Pass, PassEnv } from './pass-context.js';
import { indexRegistrySync } from './registry-indexer.js';
import type { ReadAheadRequest, ReadAheadResult } from './read-ahead/read-run-ahead.js';
import { RunReadAhead } from './read-ahead/run-read-ahead.js';
import { indexRunSync, type ReadRun } from './run-indexer.js';

export interface FileStoreRef {
  storeId: number;
  /** Absolute mlruns root. */
  path: string;
}

/** Limits a pass to some experiment folders (a live update); the registry is then left alone. */
export interface PassScope {
  experimentDirs: ReadonlySet<string>;
}

/** The runs of the index a pass compares an experiment folder with, by run folder. */
type StoredRuns = Map<string, StoredRun>;

/**
 * One pass over a file store. Incremental unless `full`: every run's meta.yaml is stat'ed first.
 * An experiment whose folder hashes to the digest stored by an earlier pass (migration 0040) is
 * known to be current, so only its RUNNING runs are read again; in any other experiment each run's
 * meta.yaml signature is compared with runs.meta_sig, and new runs, runs whose meta changed and
 * RUNNING runs are read (their metric files from the stored offsets). Runs and experiments gone
 * from disk are removed.
 */
export function* fileStorePass(env: PassEnv, store: FileStoreRef, scope?: PassScope): Pass {
  const { writer: w, tracker, batch, options } = env;
  const storeId = store.storeId;
  const report: ProblemSink = (path, reason) => {
    w.addProblem(storeId, path, reason);
    tracker.problemCount++;
  };
  const now = Date.now();

  // Listing first, so the progress has a total before the slow part starts.
  const inScope = (dir: string | null) => !scope || (dir !== null && scope.experimentDirs.has(dir));
  // Listing problems are held back until the old problems of the same folders have been cleared.
  const rootProblems: [string, string][] = [];
  const listed = yield* listExperiments(store.path, inScope, (path, reason) => rootProblems.push([path, reason]));

  batch.begin();
  if (!scope) {
    w.clearProblemsUnder(store.path, underAnyOf(new Set([...listed.map((e) => e.dir), join(store.path, REGISTRY_FOLDER)])));
    for (const [path, reason] of rootProblems) report(path, reason);
  }
  tracker.runsTotal = (tracker.runsTotal ?? 0) + listed.reduce((n, e) => n + e.runNames.length, 0);
  tracker.filesSeen += listed.length;

  const storedExperiments = new Map(
    w
      .experimentsOfStore(storeId)
      .filter((e) => inScope(e.dirPath))
      .map((e) => [e.experimentId, e]),
  );
  const compared = compareWithIndex(w, listed, storedExperiments, options.full);
  const readAhead = startReadAhead(env, compared, now);
  try {
    yield* indexListedExperiments(env, store, compared, storedExperiments, readAhead, report, now);
  } finally {
    readAhead?.close();
  }
  if (!scope) indexRegistrySync(env, storeId, store.path, report);
  batch.commit();
  yield;
}

interface ComparedExperiment {
  exp: ListedExperiment;
  /** The folder hashes to the stored digest: its run rows are current but for RUNNING runs. */
  current: boolean;
  /** The run rows compared with the folder: all of them, or only the RUNNING ones when current. */
  stored: StoredRuns;
}

/**
 * Loads the run rows each listed experiment must be compared with. An experiment id listed twice
 * (active and in .trash) is never current, and both listings share one map of all its rows, so the
 * one that ends up indexed compares with every row and a run is never deleted for one listing while
 * the other still holds it.
 */
function compareWithIndex(w: IndexWriter, listed: ListedExperiment[], storedExperiments: Map<string, StoredExperiment>, full: boolean): ComparedExperiment[] {
  const listings = new Map<string, number>();
  for (const exp of listed) listings.set(exp.folderId, (listings.get(exp.folderId) ?? 0) + 1);
  const loaded = new Map<number, StoredRuns>();
  return listed.map((exp) => {
    const kept = storedExperiments.get(exp.folderId);
    if (!kept) return { exp, current: false, stored: new Map() };
    const current = !full && listings.get(exp.folderId) === 1 && kept.runsDigest === exp.digest;
    let stored = loaded.get(kept.expKey);
    if (!stored) {
      stored = new Map();
      for (const run of w.runsOfExperiment(kept.expKey, current)) stored.set(run.dirPath, run);
      loaded.set(kept.expKey, stored);
    }
    return { exp, current, stored };
  });
}

/** Runs new to the index are read on reader threads when there are enough of them to be worth it. */
const READ_AHEAD_MIN_RUNS = 32;

function startReadAhead(env: PassEnv, compared: ComparedExperiment[], now: number): RunReadAhead | null {
  if (env.options.readerThreads <= 0) return null;
  // A current experiment has no new runs; elsewhere, too few folders beyond the stored runs to be
  // new runs worth threads: skip building the list.
  const candidates = compared.filter((c) => !c.current);
  if (candidates.reduce((n, c) => n + c.exp.runNames.length - c.stored.size, 0) < READ_AHEAD_MIN_RUNS) return null;
  const requests: ReadAheadRequest[] = [];
  for (const { exp, stored } of candidates) {
    for (let i = 0; i < exp.runNames.length; i++) {
      const name = exp.runNames[i]!;
      const dir = exp.dir + sep + name;
      if (!stored.has(dir)) {
        requests.push({ dir, name, experimentDir: exp.dir, experimentFolderId: exp.folderId, metaSig: exp.metaSigs[i]!, settleMs: env.options.settleMs, now });
      }
    }
  }
  if (requests.length < READ_AHEAD_MIN_RUNS) return null;
  const readAhead = RunReadAhead.start(env.options.readerThreads);
  readAhead?.enqueue(requests);
  return readAhead;
}

function* indexListedExperiments(
  env: PassEnv,
  store: FileStoreRef,
  compared: ComparedExperiment[],
  storedExperiments: Map<string, StoredExperiment>,
  readAhead: RunReadAhead | null,
  report: ProblemSink,
  now: number,
): Pass {
  const { writer: w, tracker, changes, batch, options } = env;
  const storeId = store.storeId;
  const seenRunKeys = new Set<number>();
  const seenExpKeys = new Set<number>();
  const seenExperimentIds = new Set<string>();
  const mayBeIndexed = w.storeHasRuns(storeId);

  for (const { exp, current, stored: storedRuns } of compared) {
    // Decide which runs to read before touching the experiment's problems: unchanged runs keep theirs.
    const unchanged = new Set<string>();
    const toRead: { dir: string; name: string; metaSig: string | null; stored: StoredRun | undefined }[] = [];
    for (let i = 0; i < exp.runNames.length; i++) {
      const name = exp.runNames[i]!;
      if (current && storedRuns.size === 0) {
        unchanged.add(name);
        continue;
      }
      const dir = exp.dir + sep + name;
      const stored = storedRuns.get(dir);
      const metaSig = exp.metaSigs[i]!;
      if (current ? stored === undefined : !options.full && stored && stored.status !== 'RUNNING' && stored.metaSig !== null && metaSig === stored.metaSig) {
        unchanged.add(name);
        if (stored) seenRunKeys.add(stored.runKey);
      } else {
        toRead.push({ dir, name, metaSig, stored });
      }
    }
    w.clearProblemsUnder(exp.dir, underChildrenOf(exp.dir, unchanged));
    for (const [path, reason] of exp.problems) report(path, reason);
    tracker.filesSeen += exp.runNames.length;
    // The listing's stats and the comparison are cheap but not free (~0.5 s for 100,000 runs), so
    // unchanged runs count towards the batch too, which keeps the worker answering between
    // experiments of an unchanged store.
    if (batch.add(unchanged.size / 25)) {
      batch.commit();
      yield;
      batch.begin();
    }

    const expKey = indexExperiment(env, storeId, exp, seenExperimentIds, storedExperiments, report);
    if (expKey === null) {
      // MLflow ignores this experiment (no or wrong meta.yaml): its runs are not listed either. They
      // go with the experiment's row, or with the other listing of the same id (active and .trash).
      for (const name of unchanged) {
        const stored = storedRuns.get(exp.dir + sep + name);
        if (stored) seenRunKeys.delete(stored.runKey);
      }
      tracker.runsIndexed += exp.runNames.length;
      continue;
    }
    if (expKey === 'unsettled') {
      // Half-written experiment meta: keep what the index has until it settles.
      const kept = storedExperiments.get(exp.folderId);
      if (kept) {
        seenExpKeys.add(kept.expKey);
        for (const run of current ? w.runsOfExperiment(kept.expKey) : storedRuns.values()) seenRunKeys.add(run.runKey);
      }
      changes.pending.add(join(exp.dir, META_FILE));
      tracker.runsIndexed += exp.runNames.length;
      continue;
    }
    seenExpKeys.add(expKey);
    for (let i = 0; i < unchanged.size; i++) tracker.skipRun();

    // The digest is stored only if the index ends up holding what the listing saw: a run left as it
    // was (half-written or broken meta.yaml) must be looked at again by the next pass.
    let settled = true;
    const datasetCache = new Map<string, DatasetRecord | null>();
    for (const { dir, name, metaSig, stored } of toRead) {
      const result = indexRunSync(
        w,
        {
          storeId,
          expKey,
          experimentDir: exp.dir,
          experimentFolderId: exp.folderId,
          datasetCache,
          report,
          settleMs: options.settleMs,
          now,
          full: options.full,
          mayBeIndexed,
        },
        dir,
        name,
        stored,
        stored ? undefined : readRunOf(readAhead?.take(dir)),
        metaSig,
      );
      tracker.runsIndexed++;
      let units = 1;
      if (result.kind === 'indexed') {
        if (seenRunKeys.has(result.runKey)) report(dir, `Run id '${result.runId}' is used by another run folder of this store too; only one of them is indexed.`);
        seenRunKeys.add(result.runKey);
        if (result.changed) changes.runKeys.add(result.runKey);
        if (!stored) changes.structural = true;
        for (const path of result.pendingFiles) changes.pending.add(path);
        tracker.filesSeen += result.filesRead;
        units += result.filesRead + result.pointsAdded / 20;
      } else if (result.kind === 'unsettled' || (result.kind === 'ignored' && result.reason === 'broken')) {
        // Never drop a run because its meta.yaml is being rewritten or is damaged: keep the last good copy.
        if (stored) seenRunKeys.add(stored.runKey);
        if (result.kind === 'unsettled') changes.pending.add(join(dir, META_FILE));
        settled = false;
      }
      if (batch.add(units)) {
        batch.commit();
        yield;
        batch.begin();
      }
    }
    // Runs of the experiment gone from its folder (none when it is current: its rows match the folder).
    for (const run of storedRuns.values()) {
      if (!seenRunKeys.has(run.runKey)) {
        w.deleteRun(run.runKey);
        changes.structural = true;
      }
    }
    if (settled) w.setRunsDigest(expKey, exp.digest);
  }

  // Experiments no longer on disk go, with their runs (a cascade).
  for (const exp of storedExperiments.values()) {
    if (!seenExpKeys.has(exp.expKey)) {
      w.deleteExperiment(exp.expKey);
      changes.structural = true;
    }
  }
}

function readRunOf(result: ReadAheadResult | undefined): ReadRun | undefined {
  return result?.kind === 'read' ? result : undefined;
}

/**
 * Reads an experiment's meta.yaml, tags and logged models. Returns its key, null when MLflow would
 * ignore it (no meta.yaml, wrong id), or 'unsettled' when meta.yaml is being rewritten.
 */
function indexExperiment(
  env: PassEnv,
  storeId: number,
  exp: ListedExperiment,
  seenIds: Set<string>,
  stored: Map<string, { expKey: number }>,
  report: ProblemSink,
): number | null | 'unsettled' {
  const w = env.writer;
  const metaPath = join(exp.dir, META_FILE);
  const read = readYamlFileSync(metaPath);
  if (!read.ok) {
    if (read.kind === 'missing') {
      const runs = exp.runNames.length;
      report(
        exp.dir,
        `Experiment folder has no meta.yaml; MLflow ignores it${runs > 0 ? ` and the ${runs} run folder${runs === 1 ? '' : 's'} in it` : ''}.`,
      );
      return null;
    }
    if (read.kind === 'unsettled' && stored.has(exp.folderId)) return 'unsettled';
    report(metaPath, read.reason);
    return null;
  }
  const meta = parseExperimentMeta(read.value);
  if (meta.experimentId !== exp.folderId) {
    report(
      metaPath,
      `meta.yaml names experiment '${meta.experimentId ?? ''}' but the folder is '${exp.folderId}'; MLflow ignores this experiment, so RunDesk does too.`,
    );
    return null;
  }
  if (seenIds.has(exp.folderId)) {
    report(exp.dir, `Experiment ${exp.folderId} is both active and in .trash; the active one is indexed.`);
    return null;
  }
  seenIds.add(exp.folderId);
  const expKey = w.upsertExperiment({
    storeId,
    experimentId: exp.folderId,
    name: meta.name,
    artifactLocation: meta.artifactLocation,
    // The folder's place decides: MLflow lists .trash/ folders only as deleted experiments.
    lifecycleStage: exp.trashed ? 'deleted' : meta.lifecycleStage,
    creationTime: meta.creationTime,
    lastUpdateTime: meta.lastUpdateTime,
    dirPath: exp.dir,
  });
  if (!stored.has(exp.folderId)) env.changes.structural = true;
  w.replaceExperimentTags(expKey, readKeyValueTreeSync(join(exp.dir, 'tags'), report));
  w.replaceLoggedModels(storeId, expKey, readLoggedModelsSync(exp.dir, report));
  return expKey;
}
