import type { ProblemSink } from '../../stores/file-store/key-files.js';
import type { DatasetRecord } from '../../stores/file-store/run-links.js';
import { listMetricFilesSync, readRunBodySync, readRunMetaSync, type RunMetaRead, type RunRecord } from '../../stores/file-store/run-reader.js';
import { readWholeMetricFileSync, type MetricFileRead } from '../metric-file-indexer.js';

/** One run folder for a reader thread to read. */
export interface ReadAheadRequest {
  dir: string;
  name: string;
  experimentDir: string;
  experimentFolderId: string;
  /** meta.yaml's signature as the pass listed it. */
  metaSig: string | null;
  settleMs: number;
  now: number;
}

/** A metric file too large to read whole: the writer streams it itself. */
export interface MetricFileLeft {
  key: string;
  path: string;
  left: true;
}

export type ReadAheadResult =
  | {
      dir: string;
      kind: 'read';
      metaRead: Extract<RunMetaRead, { ok: true }>;
      body: RunRecord;
      metrics: (MetricFileRead | MetricFileLeft)[];
      /** Problems met while reading, reported by the writer in this order. */
      problems: [path: string, reason: string][];
    }
  /** Anything but a plain, settled run of this experiment: the writer reads it itself (run-indexer.ts decides). */
  | { dir: string; kind: 'writer-reads' };

/**
 * Everything the writer needs to index a run that is new to the index, read without touching the
 * index: meta.yaml, params, tags, inputs/outputs and whole metric files (parsed and packed). Runs on
 * a reader thread, so reading and parsing overlap with the writer's SQLite work.
 */
export function readRunAhead(request: ReadAheadRequest, datasetCache: Map<string, DatasetRecord | null>): ReadAheadResult {
  const { dir } = request;
  const metaRead = readRunMetaSync(dir, request.name, request.metaSig);
  if (!metaRead.ok || metaRead.meta.experimentId !== request.experimentFolderId) return { dir, kind: 'writer-reads' };
  const problems: [string, string][] = [];
  const report: ProblemSink = (path, reason) => problems.push([path, reason]);
  const body = readRunBodySync(dir, metaRead.meta, request.experimentDir, datasetCache, report);
  const metrics: (MetricFileRead | MetricFileLeft)[] = [];
  for (const { key, path } of listMetricFilesSync(dir, report)) {
    const read = readWholeMetricFileSync(key, path, report, request);
    if (read === 'too-big') metrics.push({ key, path, left: true });
    else if (read) metrics.push(read);
  }
  return { dir, kind: 'read', metaRead, body, metrics, problems };
}

/** The buffers of a read-ahead result, moved (not copied) to the writer's thread. */
export function transferablesOf(result: ReadAheadResult): ArrayBuffer[] {
  if (result.kind !== 'read') return [];
  const buffers: ArrayBuffer[] = [];
  for (const m of result.metrics) {
    if ('packed' in m && m.packed) buffers.push(m.packed.points.buffer as ArrayBuffer);
  }
  return buffers;
}
