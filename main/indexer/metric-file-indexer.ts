import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { emptySummary, foldPoints, type MetricSummaryAcc } from '../stores/file-store/latest-metric.js';
import { parseMetricChunk } from '../stores/file-store/metric-line.js';
import { describeFsError, READ_FLAGS } from '../stores/file-store/read-capped.js';
import type { ProblemSink } from '../stores/file-store/key-files.js';
import type { IndexWriter, StoredMetricFile } from './index-writer.js';

/** Metric files are streamed in chunks of this size, so a huge file never sits in memory whole. */
export const METRIC_CHUNK_BYTES = 1024 * 1024;

export interface MetricFileOutcome {
  /** Points added to the index. */
  added: number;
  /** The series was dropped and read again from byte 0 (file shrank or moved). */
  reset: boolean;
  /** A trailing line without '\n' was left for later: the caller should retry once it settles. */
  pending: boolean;
}

export interface MetricReadOptions {
  /** A trailing fragment older than this is taken as a complete line (the writer is gone). */
  settleMs: number;
  now: number;
  /** Ignore the stored offset: read the file again from byte 0. */
  full: boolean;
}

/**
 * Brings one metric series up to date from its file: reads only the bytes after the stored offset
 * (appended lines), or everything again when the file shrank, moved or `full` is set. Updates
 * metric_points, latest_metrics (max of (step, timestamp, value), min/max over non-NaN, count) and
 * metric_files (offset of the last complete line, size, mtime).
 */
export function indexMetricFileSync(
  w: IndexWriter,
  runKey: number,
  key: string,
  path: string,
  stored: StoredMetricFile | undefined,
  report: ProblemSink,
  options: MetricReadOptions,
): MetricFileOutcome {
  let fd: number;
  try {
    fd = openSync(path, READ_FLAGS);
  } catch (error) {
    report(path, `Metric file ${describeFsError(error)}.`);
    return { added: 0, reset: false, pending: false };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      report(path, 'Metric file is not a regular file (a pipe, device or socket); skipped.');
      return { added: 0, reset: false, pending: false };
    }
    const size = stat.size;
    const mtimeMs = Math.trunc(stat.mtimeMs);
    const settled = options.now - stat.mtimeMs >= options.settleMs;
    const canContinue = !options.full && stored !== undefined && stored.path === path && size >= stored.offset;
    const start = canContinue ? stored.offset : 0;
    let acc: MetricSummaryAcc;
    let reset = false;
    if (canContinue) {
      if (size === stored.offset && stored.size === size && stored.mtimeMs === mtimeMs) return { added: 0, reset: false, pending: false };
      acc = (stored.offset > 0 ? w.latestOf(runKey, key) : null) ?? emptySummary();
    } else {
      if (stored !== undefined) {
        w.deleteSeries(runKey, key);
        reset = true;
      }
      acc = emptySummary();
    }

    let added = 0;
    let badLines = 0;
    let firstBad = '';
    let carry: Buffer | null = null;
    let pending = false;
    const chunk = Buffer.allocUnsafe(Math.min(METRIC_CHUNK_BYTES, Math.max(size - start, 1)));
    let position = start;
    while (position < size) {
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, size - position), position);
      if (n === 0) break;
      position += n;
      const data: Buffer = carry ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      const atEnd = position >= size;
      const parsed = parseMetricChunk(data, atEnd && settled);
      if (parsed.points.length > 0) {
        w.insertPoints(runKey, key, parsed.points);
        acc = foldPoints(acc, parsed.points);
        added += parsed.points.length;
      }
      if (parsed.errors.length > 0) {
        if (badLines === 0) firstBad = parsed.errors[0]!.reason;
        badLines += parsed.errors.length;
      }
      const rest = data.subarray(parsed.consumed);
      // Copy the fragment: `chunk` is reused by the next read.
      carry = rest.length > 0 ? Buffer.from(rest) : null;
      if (atEnd && carry) pending = true;
    }
    // Bytes consumed: everything read up to the last complete line.
    const offset = position - (carry ? carry.length : 0);
    if (badLines > 0) {
      report(path, `${badLines} malformed line${badLines === 1 ? '' : 's'} skipped (first: the line ${firstBad}).`);
    }
    if (size === 0 && settled) report(path, 'Metric file is empty; MLflow cannot read this run until it has a value.');
    if (added > 0 || reset) w.writeLatest(runKey, key, acc);
    w.writeMetricFile(runKey, { key, path, offset, size, mtimeMs });
    return { added, reset, pending };
  } catch (error) {
    report(path, `Metric file ${describeFsError(error)}.`);
    return { added: 0, reset: false, pending: false };
  } finally {
    closeSync(fd);
  }
}
