import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ProblemSink } from '../stores/file-store/key-files.js';
import type { DatasetRecord } from '../stores/file-store/run-links.js';
import { listMetricFilesSync, readRunBodySync, readRunMetaSync, type RunMetaRead } from '../stores/file-store/run-reader.js';
import type { IndexWriter, StoredMetricFile, StoredRun } from './index-writer.js';
import { indexMetricFileSync, type MetricFileOutcome } from './metric-file-indexer.js';
import type { ReadAheadResult } from './read-ahead/read-run-ahead.js';

/** A run a reader thread has read (see read-ahead/). */
export type ReadRun = Extract<ReadAheadResult, { kind: 'read' }>;

export interface RunContext {
  storeId: number;
  expKey: number;
  experimentDir: string;
  /** The experiment folder's name: a run whose meta.yaml names another experiment is ignored. */
  experimentFolderId: string;
  datasetCache: Map<string, DatasetRecord | null>;
  report: ProblemSink;
  settleMs: number;
  now: number;
  /** Re-read metric files from byte 0. */
  full: boolean;
  /**
   * Whether the store's runs may already be in the index under another folder (a moved run). False
   * only on a first index, where deleting a new run's params/tags before inserting them is wasted work.
   */
  mayBeIndexed?: boolean;
}

export type RunIndexResult =
  | {
      kind: 'indexed';
      runKey: number;
      runId: string;
      /** Something visible changed: new run, new meta, points added, series dropped. */
      changed: boolean;
      pointsAdded: number;
      filesRead: number;
      /** Metric files whose last line is still being written: retry once they settle. */
      pendingFiles: string[];
    }
  /** Not a run: MLflow skips folders without meta.yaml (artifact trees may share the folder). */
  | { kind: 'not-a-run' }
  /** meta.yaml is empty or half-written: keep what the index has, retry later. */
  | { kind: 'unsettled' }
  /** meta.yaml is broken for good, or names another experiment (MLflow ignores such runs). */
  | { kind: 'ignored'; reason: 'broken' | 'wrong-experiment' };

const RUN_SUBFOLDERS = ['metrics', 'params', 'tags'];

/**
 * Reads one run folder into the index: meta.yaml, params, tags, dataset inputs, outputs, then each
 * metric file from its stored offset. Params and tags of the run are deleted and re-inserted.
 */
export function indexRunSync(
  w: IndexWriter,
  ctx: RunContext,
  runDir: string,
  folderName: string,
  stored: StoredRun | undefined,
  ahead?: ReadRun,
  /** meta.yaml's signature as the pass listed it (see readRunMetaSync). */
  listedMetaSig?: string | null,
): RunIndexResult {
  const metaRead: RunMetaRead = ahead?.metaRead ?? readRunMetaSync(runDir, folderName, listedMetaSig);
  const metaPath = join(runDir, 'meta.yaml');
  if (!metaRead.ok) {
    if (metaRead.kind === 'missing') {
      if (RUN_SUBFOLDERS.some((name) => existsSync(join(runDir, name)))) {
        ctx.report(runDir, 'Run folder has no meta.yaml; MLflow skips it, so RunDesk does too.');
      }
      return { kind: 'not-a-run' };
    }
    if (metaRead.kind === 'unsettled' && !isSettled(metaPath, ctx)) return { kind: 'unsettled' };
    ctx.report(metaPath, metaRead.reason);
    return { kind: 'ignored', reason: 'broken' };
  }
  const meta = metaRead.meta;
  if (meta.experimentId === null) {
    // A half-written file can parse yet stop before experiment_id: wait for it to settle first.
    if (!isSettled(metaPath, ctx)) return { kind: 'unsettled' };
    ctx.report(metaPath, 'meta.yaml has no experiment_id; MLflow cannot read this run.');
    return { kind: 'ignored', reason: 'broken' };
  }
  if (meta.experimentId !== ctx.experimentFolderId) {
    ctx.report(
      metaPath,
      `meta.yaml names experiment '${meta.experimentId}' but the run is in experiment folder '${ctx.experimentFolderId}'; MLflow ignores this run, so RunDesk does too.`,
    );
    return { kind: 'ignored', reason: 'wrong-experiment' };
  }
  for (const warning of meta.warnings) ctx.report(metaPath, warning);
  if (ahead) for (const [path, reason] of ahead.problems) ctx.report(path, reason);

  const body = ahead?.body ?? readRunBodySync(runDir, meta, ctx.experimentDir, ctx.datasetCache, ctx.report);
  const moved = stored !== undefined && stored.dirPath !== runDir;
  const runKey = w.upsertRun({
    storeId: ctx.storeId,
    expKey: ctx.expKey,
    runId: meta.runId,
    runName: body.runName,
    status: meta.status,
    startTime: meta.startTime,
    endTime: meta.endTime,
    deletedTime: meta.deletedTime,
    lifecycleStage: meta.lifecycleStage,
    userId: meta.userId,
    artifactUri: meta.artifactUri,
    parentRunId: body.parentRunId,
    dirPath: runDir,
    metaSig: metaRead.sig,
  });
  // A run new to the index has nothing to delete first.
  const known = stored !== undefined || ctx.mayBeIndexed !== false;
  const paramsChanged = w.replaceParams(runKey, body.params, known);
  const tagsChanged = w.replaceTags(runKey, body.tags, known);
  w.replaceDatasets(runKey, body.datasets, known);
  for (const modelId of body.outputModelIds) w.linkOutputModel(ctx.storeId, modelId, meta.runId);

  const metrics = ahead ? writeReadMetricsSync(w, runKey, ahead.metrics, ctx) : indexRunMetricsSync(w, runKey, runDir, ctx, ctx.full || moved);
  return {
    kind: 'indexed',
    runKey,
    runId: meta.runId,
    // Params and tags count: a RUNNING run logs them without touching meta.yaml.
    changed: stored === undefined || stored.metaSig !== metaRead.sig || moved || paramsChanged || tagsChanged || metrics.changed,
    pointsAdded: metrics.pointsAdded,
    filesRead: 1 + body.params.size + body.tags.size + metrics.filesRead,
    pendingFiles: metrics.pendingFiles,
  };
}

export interface RunMetricsResult {
  changed: boolean;
  pointsAdded: number;
  filesRead: number;
  pendingFiles: string[];
}

/** Every metric file of a run, each from its stored offset; series whose file vanished are dropped. */
export function indexRunMetricsSync(w: IndexWriter, runKey: number, runDir: string, ctx: RunContext, full: boolean): RunMetricsResult {
  const options = { settleMs: ctx.settleMs, now: ctx.now, full };
  return updateRunSeries(w, runKey, ctx, listMetricFilesSync(runDir, ctx.report), (file, stored) =>
    indexMetricFileSync(w, runKey, file.key, file.path, stored, ctx.report, options),
  );
}

/**
 * Writes metric files a reader thread read whole (from byte 0): a series the index already holds for
 * the run (a moved run) is replaced, and files too large to read whole are streamed here.
 */
function writeReadMetricsSync(w: IndexWriter, runKey: number, metrics: ReadRun['metrics'], ctx: RunContext): RunMetricsResult {
  const streamed = { settleMs: ctx.settleMs, now: ctx.now, full: true };
  return updateRunSeries(w, runKey, ctx, metrics, (m, stored) => {
    if ('left' in m) return indexMetricFileSync(w, runKey, m.key, m.path, stored, ctx.report, streamed);
    if (stored) w.deleteSeries(runKey, m.key);
    if (m.packed) {
      // Structured clone delivers the packed bytes as a Uint8Array; SQLite binds a Buffer view of them.
      const bytes = m.packed.points;
      w.insertPacked(runKey, m.key, { ...m.packed, points: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
      w.writeLatest(runKey, m.key, m.summary);
    }
    w.writeMetricFile(runKey, m.file);
    return { added: m.packed?.count ?? 0, reset: stored !== undefined, pending: m.pending };
  });
}

/**
 * Brings a run's series up to date, one metric file at a time through `update`, and drops the series
 * whose file is gone. What the two ways of reading a run's metrics (from stored offsets, or read
 * whole on a reader thread) share.
 */
function updateRunSeries<F extends { key: string; path: string }>(
  w: IndexWriter,
  runKey: number,
  ctx: RunContext,
  files: readonly F[],
  update: (file: F, stored: StoredMetricFile | undefined) => MetricFileOutcome,
): RunMetricsResult {
  // A run new to a new index has no stored files: skip the lookup on a first index.
  const storedFiles = new Map(ctx.mayBeIndexed === false ? [] : w.metricFilesOf(runKey).map((f) => [f.key, f]));
  let changed = false;
  let pointsAdded = 0;
  const pendingFiles: string[] = [];
  for (const file of files) {
    const outcome = update(file, storedFiles.get(file.key));
    storedFiles.delete(file.key);
    pointsAdded += outcome.added;
    if (outcome.added > 0 || outcome.reset) changed = true;
    if (outcome.pending) pendingFiles.push(file.path);
  }
  for (const gone of storedFiles.keys()) {
    w.deleteSeries(runKey, gone);
    changed = true;
  }
  return { changed, pointsAdded, filesRead: files.length, pendingFiles };
}

function isSettled(path: string, ctx: { settleMs: number; now: number }): boolean {
  try {
    return ctx.now - statSync(path).mtimeMs >= ctx.settleMs;
  } catch {
    return true;
  }
}
