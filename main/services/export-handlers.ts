import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CsvFormat, ExportProgress, ExportRequest, ExportResult } from '../../preload/contract.js';
import { AtomicFile } from '../export/atomic-file.js';
import { cancelled, writeCsvExport } from '../export/csv-export.js';
import { openExportSnapshot } from '../export/export-snapshot.js';
import { AppError } from './app-error.js';
import type { Handlers, ServiceContext } from './service-context.js';
import { requireSession } from './service-context.js';

/** Exports in progress, by id, so `export:cancel` can stop one. */
const running = new Map<string, AbortController>();

/** Progress events at most this often: enough for a smooth bar, few enough not to flood the bridge. */
const PROGRESS_INTERVAL_MS = 100;

/** Browser mode: finished files wait this long for the page to download them. */
const DOWNLOAD_LIFETIME_MS = 60 * 60 * 1000;

export function defaultFileName(format: CsvFormat): string {
  return format === 'history' ? 'metric-history.csv' : 'runs.csv';
}

/**
 * `export:csv`: asks where to save (desktop: the native save dialog; browser mode: a temporary
 * file the page then downloads), streams the CSV there under a temporary name, and renames it
 * when complete. Progress goes out as `export:progress` events carrying the export id, the first
 * one right away, so the renderer can cancel before the export ends.
 */
async function exportCsv(ctx: ServiceContext, request: ExportRequest): Promise<ExportResult> {
  const session = requireSession(ctx);
  const exportId = randomUUID();
  const fileName = defaultFileName(request.format);
  const browser = ctx.host.mode === 'browser';
  let downloadDir: string | null = null;
  let target: string;
  if (browser) {
    if (!ctx.host.offerDownload) throw new AppError('INTERNAL', 'This RunDesk server cannot offer downloads.');
    downloadDir = mkdtempSync(join(tmpdir(), 'rundesk-export-'));
    target = join(downloadDir, fileName);
  } else {
    const chosen = await ctx.host.chooseSaveFile(fileName);
    // The user closed the save dialog: nothing was written, nothing to report.
    if (chosen === null) return { exportId, rows: 0, bytes: 0, savedTo: null, downloadUrl: null };
    target = chosen;
  }

  const controller = new AbortController();
  running.set(exportId, controller);
  let lastEmit = 0;
  const emit = (progress: Omit<ExportProgress, 'exportId'>, force = false) => {
    const now = Date.now();
    if (!force && now - lastEmit < PROGRESS_INTERVAL_MS) return;
    lastEmit = now;
    ctx.emit('export:progress', { exportId, ...progress });
  };
  emit({ rowsWritten: 0, rowsTotal: 0, done: false }, true);

  let snapshot: ReturnType<typeof openExportSnapshot> | null = null;
  let file: AtomicFile | null = null;
  let runsDone = 0;
  let runsTotal = 0;
  try {
    snapshot = openExportSnapshot(session.db);
    file = AtomicFile.open(target);
    const summary = await writeCsvExport(snapshot.db, request, file.stream, {
      signal: controller.signal,
      timeZone: request.timeZone,
      onProgress: (p) => {
        runsDone = p.runsDone;
        runsTotal = p.runsTotal;
        emit({ rowsWritten: p.runsDone, rowsTotal: p.runsTotal, done: false });
      },
    });
    if (controller.signal.aborted) throw cancelled();
    await file.commit();
    if (downloadDir) scheduleRemoval(downloadDir);
    return {
      exportId,
      rows: summary.rows,
      bytes: summary.bytes,
      savedTo: browser ? null : target,
      downloadUrl: browser ? ctx.host.offerDownload!(target, fileName) : null,
    };
  } catch (error) {
    await file?.abort();
    if (downloadDir) rmSync(downloadDir, { recursive: true, force: true });
    throw error;
  } finally {
    running.delete(exportId);
    snapshot?.close();
    emit({ rowsWritten: runsDone, rowsTotal: runsTotal, done: true }, true);
  }
}

/** Download folders waiting for their timer: also removed when the process exits, so a stopped server leaves nothing behind. */
const pendingDownloads = new Set<string>();

function scheduleRemoval(dir: string): void {
  if (pendingDownloads.size === 0) process.once('exit', removePendingDownloads);
  pendingDownloads.add(dir);
  setTimeout(() => {
    pendingDownloads.delete(dir);
    rmSync(dir, { recursive: true, force: true });
  }, DOWNLOAD_LIFETIME_MS).unref();
}

/** Removes every download folder not yet removed by its timer (run at process exit). */
export function removePendingDownloads(): void {
  for (const dir of pendingDownloads) rmSync(dir, { recursive: true, force: true });
  pendingDownloads.clear();
  process.off('exit', removePendingDownloads);
}

export const exportHandlers: Pick<Handlers, 'export:csv' | 'export:cancel'> = {
  'export:csv': exportCsv,
  'export:cancel': (_ctx, exportId) => {
    // An unknown id is an export that has just finished: nothing to stop.
    running.get(exportId)?.abort();
  },
};
