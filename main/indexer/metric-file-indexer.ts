import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { packPoints, type PackedChunk } from '../db/metric-chunks.js';
import { emptySummary, foldPoints, type MetricSummaryAcc } from '../stores/file-store/latest-metric.js';
import { parseMetricChunk, type MetricPoint } from '../stores/file-store/metric-line.js';
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

interface ScanResult {
  /** Bytes consumed: everything read up to the last complete line. */
  offset: number;
  pending: boolean;
  added: number;
}

/**
 * Reads `[start, size)` of an open metric file a megabyte at a time and hands each run of parsed
 * points to `onPoints` (in file order). A trailing fragment without '\n' is left unread unless the
 * file has settled. Malformed lines and an empty settled file are reported once per file.
 */
function scanMetricFile(
  fd: number,
  path: string,
  start: number,
  size: number,
  settled: boolean,
  report: ProblemSink,
  onPoints: (points: MetricPoint[]) => void,
): ScanResult {
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
      onPoints(parsed.points);
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
  if (badLines > 0) {
    report(path, `${badLines} malformed line${badLines === 1 ? '' : 's'} skipped (first: the line ${firstBad}).`);
  }
  if (size === 0 && settled) report(path, 'Metric file is empty; MLflow cannot read this run until it has a value.');
  return { offset: position - (carry ? carry.length : 0), pending, added };
}

/** Opens a metric file for reading; null (after reporting why) when it cannot be read as one. */
function openMetricFile(path: string, report: ProblemSink): { fd: number; size: number; mtimeMs: number } | null {
  let fd: number;
  try {
    fd = openSync(path, READ_FLAGS);
  } catch (error) {
    report(path, `Metric file ${describeFsError(error)}.`);
    return null;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      report(path, 'Metric file is not a regular file (a pipe, device or socket); skipped.');
      closeSync(fd);
      return null;
    }
    return { fd, size: stat.size, mtimeMs: stat.mtimeMs };
  } catch (error) {
    closeSync(fd);
    report(path, `Metric file ${describeFsError(error)}.`);
    return null;
  }
}

/**
 * Brings one metric series up to date from its file: reads only the bytes after the stored offset
 * (appended lines), or everything again when the file shrank, moved or `full` is set. Updates
 * metric_chunks, latest_metrics (max of (step, timestamp, value), min/max over non-NaN, count) and
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
  const file = openMetricFile(path, report);
  if (!file) return { added: 0, reset: false, pending: false };
  const { fd, size } = file;
  try {
    const mtimeMs = Math.trunc(file.mtimeMs);
    const settled = options.now - file.mtimeMs >= options.settleMs;
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
    // Nothing of the series is stored when reading from byte 0 (new file, or just reset above).
    let seriesIsEmpty = start === 0;
    const scan = scanMetricFile(fd, path, start, size, settled, report, (points) => {
      w.appendPoints(runKey, key, points, seriesIsEmpty);
      seriesIsEmpty = false;
      acc = foldPoints(acc, points);
    });
    if (scan.added > 0 || reset) w.writeLatest(runKey, key, acc);
    w.writeMetricFile(runKey, { key, path, offset: scan.offset, size, mtimeMs });
    return { added: scan.added, reset, pending: scan.pending };
  } catch (error) {
    report(path, `Metric file ${describeFsError(error)}.`);
    return { added: 0, reset: false, pending: false };
  } finally {
    closeSync(fd);
  }
}

/** A metric file read whole, off the writer's thread (see run-prefetch.ts), ready to be written. */
export interface MetricFileRead {
  key: string;
  path: string;
  /** All points in file order, packed; null when the file had none. */
  packed: PackedChunk | null;
  summary: MetricSummaryAcc;
  file: StoredMetricFile;
  pending: boolean;
}

/** Files above this are left to the writer, which streams them into the index a megabyte at a time. */
export const WHOLE_READ_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Reads a metric file from byte 0 into one packed chunk and its summary, without touching the
 * index. 'too-big' for files the writer should stream itself; null when unreadable (reported).
 */
export function readWholeMetricFileSync(key: string, path: string, report: ProblemSink, options: Omit<MetricReadOptions, 'full'>): MetricFileRead | 'too-big' | null {
  const file = openMetricFile(path, report);
  if (!file) return null;
  const { fd, size } = file;
  try {
    if (size > WHOLE_READ_MAX_BYTES) return 'too-big';
    const settled = options.now - file.mtimeMs >= options.settleMs;
    let points: MetricPoint[] = [];
    const scan = scanMetricFile(fd, path, 0, size, settled, report, (more) => {
      points = points.length === 0 ? more : points.concat(more);
    });
    return {
      key,
      path,
      packed: points.length > 0 ? packPoints(points) : null,
      summary: foldPoints(emptySummary(), points),
      file: { key, path, offset: scan.offset, size, mtimeMs: Math.trunc(file.mtimeMs) },
      pending: scan.pending,
    };
  } catch (error) {
    report(path, `Metric file ${describeFsError(error)}.`);
    return null;
  } finally {
    closeSync(fd);
  }
}
