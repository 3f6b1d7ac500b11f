import type { Writable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ColumnSet, ExportRequest } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { AppError } from '../services/app-error.js';
import { byFirstAppearance, byName, discoverKeys, type DiscoveredKeys } from './column-discovery.js';
import { CsvSink } from './csv-sink.js';
import { HISTORY_HEADER, HistoryPages } from './history-format.js';
import { MLFLOW_INTERNAL_PREFIX, mlflowUiLayout } from './mlflow-ui-format.js';
import { millisecondColumns, pandasLayout } from './pandas-format.js';
import type { PandasVersion } from './pandas-timestamp.js';
import { RunBatchLoader } from './run-batches.js';
import { orderedRunKeys } from './run-selection.js';
import type { RunTableLayout } from './run-table-layout.js';

export interface CsvExportOptions {
  /** IANA zone for the MLflow UI format's Start Time; the process's local zone when absent. */
  timeZone?: string;
  /**
   * The pandas whose `to_csv` the pandas format reproduces: 3 (default; what MLflow 3 installs) or 2.
   * They differ only in how start and end times print (see pandas-timestamp.ts).
   */
  pandasVersion?: PandasVersion;
  signal?: AbortSignal;
  /** Called after each batch of runs; `rowsWritten` counts CSV rows (metric points for the history format). */
  onProgress?: (progress: { runsDone: number; runsTotal: number; rowsWritten: number }) => void;
}

export interface CsvExportSummary {
  /** CSV data rows written (runs, or metric points for the history format). */
  rows: number;
  runs: number;
  bytes: number;
}

/** Runs per batch: big enough that SQLite does the work in few statements, small enough to stay flat in memory. */
export const RUN_BATCH = 1000;

/**
 * Streams one export to `stream`. Memory stays flat whatever the number of runs: only the run
 * keys are held (8 bytes each); rows are loaded, formatted and written a batch at a time, and each
 * write waits for the stream to drain. Between batches the event loop runs, so a cancel request
 * (`signal`) and other IPC calls get through.
 */
export async function writeCsvExport(
  db: IndexDb,
  request: ExportRequest,
  stream: Writable,
  options: CsvExportOptions = {},
): Promise<CsvExportSummary> {
  const sink = new CsvSink(stream);
  const checkpoint = async () => {
    await yieldToEventLoop();
    if (options.signal?.aborted) throw cancelled();
  };
  const runKeys = orderedRunKeys(db, request.query);
  await checkpoint();
  if (request.format === 'history') return writeHistory(db, request.metricKeys, runKeys, sink, checkpoint, options);

  const columns =
    request.columns.mode === 'all'
      ? allColumns(request.format, await discoverKeys(db, runKeys, checkpoint))
      : { params: request.columns.params, metrics: request.columns.metrics, tags: request.columns.tags };
  const pandasVersion = options.pandasVersion ?? 3;
  const layout: RunTableLayout =
    request.format === 'pandas'
      ? pandasLayout(columns, {
          version: pandasVersion,
          ...(pandasVersion === 3 ? millisecondColumns(db, runKeys) : { startFraction: true, endFraction: true }),
        })
      : mlflowUiLayout(columns, { timeZone: options.timeZone });

  await sink.write(layout.header);
  const loader = new RunBatchLoader(db);
  let rows = 0;
  for (let start = 0; start < runKeys.length; start += RUN_BATCH) {
    const batch = loader.load(runKeys.slice(start, start + RUN_BATCH));
    let text = '';
    for (const run of batch) text += layout.row(run);
    await sink.write(text);
    rows += batch.length;
    options.onProgress?.({ runsDone: Math.min(start + RUN_BATCH, runKeys.length), runsTotal: runKeys.length, rowsWritten: rows });
    await checkpoint();
  }
  sink.check();
  return { rows, runs: rows, bytes: sink.bytes };
}

/**
 * Column order when every column is exported.
 * - pandas: keys in the order `search_runs` discovers them, run by run in export order. Within one
 *   run MLflow iterates a Python `set`, whose order changes from process to process (string hashes
 *   are randomised), so no order is "the" order there; RunDesk sorts those keys by name.
 * - MLflow UI: params and metrics sorted by name (the UI sorts its key lists); tag keys in order of
 *   first appearance, without `mlflow.*` tags.
 */
export function allColumns(format: 'pandas' | 'mlflow-ui', keys: DiscoveredKeys): ColumnSet {
  if (format === 'pandas') {
    return { metrics: byFirstAppearance(keys.metrics), params: byFirstAppearance(keys.params), tags: byFirstAppearance(keys.tags) };
  }
  return {
    params: byName(keys.params),
    metrics: byName(keys.metrics),
    tags: byFirstAppearance(keys.tags).filter((k) => !k.startsWith(MLFLOW_INTERNAL_PREFIX)),
  };
}

async function writeHistory(
  db: IndexDb,
  metricKeys: readonly string[],
  runKeys: readonly number[],
  sink: CsvSink,
  checkpoint: () => Promise<void>,
  options: CsvExportOptions,
): Promise<CsvExportSummary> {
  await sink.write(HISTORY_HEADER);
  const pages = new HistoryPages(db, metricKeys);
  let rows = 0;
  let pending = '';
  let runsDone = 0;
  for (const runKey of runKeys) {
    for (const page of pages.linesOf(runKey)) {
      pending += page.text;
      rows += page.rows;
      if (pending.length >= 1 << 20) {
        await sink.write(pending);
        pending = '';
        await checkpoint();
      }
    }
    runsDone += 1;
    if (runsDone % RUN_BATCH === 0) {
      options.onProgress?.({ runsDone, runsTotal: runKeys.length, rowsWritten: rows });
      await checkpoint();
    }
  }
  await sink.write(pending);
  options.onProgress?.({ runsDone, runsTotal: runKeys.length, rowsWritten: rows });
  sink.check();
  return { rows, runs: runKeys.length, bytes: sink.bytes };
}

export function cancelled(): AppError {
  return new AppError('CANCELLED', 'The export was cancelled.');
}
