import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventChannel, Events, ExportProgress, ExportRequest } from '../../preload/contract.js';
import { openIndex, type IndexDb } from '../db/open-index.js';
import { IndexBuilder } from '../export/testing/index-builder.js';
import { AppError } from './app-error.js';
import { exportHandlers, removePendingDownloads } from './export-handlers.js';
import type { Host, ProjectSession, ServiceContext } from './service-context.js';

let dir: string;
let db: IndexDb;
let events: ExportProgress[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rundesk-export-handler-'));
  db = openIndex(join(dir, 'index.sqlite')).db;
  const b = new IndexBuilder(db);
  const exp = b.experiment('1', 'alpha');
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) b.run({ expKey: exp, runId: `run${String(i).padStart(29, '0')}`, startTime: i, params: { p: String(i) } });
  })();
  events = [];
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function context(host: Partial<Host>, onProgress?: (p: ExportProgress) => void): ServiceContext {
  const session = { db } as unknown as ProjectSession;
  return {
    host: { mode: 'electron', chooseSaveFile: () => Promise.resolve(null), ...host } as Host,
    session: () => session,
    currentSession: () => session,
    openProject: () => Promise.resolve(session),
    emit<K extends EventChannel>(channel: K, payload: Events[K]) {
      if (channel !== 'export:progress') return;
      events.push(payload as ExportProgress);
      onProgress?.(payload as ExportProgress);
    },
  };
}

const request: ExportRequest = {
  query: { experimentKeys: [], filter: '', orderBy: [], view: 'active', offset: 0, limit: 100 },
  format: 'pandas',
  columns: { mode: 'all' },
  metricKeys: [],
};

const exportCsv = (ctx: ServiceContext, req: ExportRequest = request) => Promise.resolve(exportHandlers['export:csv'](ctx, req));

describe('export:csv in the desktop app', () => {
  it('writes the file the user chose and reports it', async () => {
    const target = join(dir, 'out.csv');
    const result = await exportCsv(context({ chooseSaveFile: () => Promise.resolve(target) }));
    expect(result).toMatchObject({ rows: 3000, savedTo: target, downloadUrl: null });
    const text = readFileSync(target, 'utf8');
    expect(text.split('\n')).toHaveLength(3002);
    expect(result.bytes).toBe(Buffer.byteLength(text));
    expect(events[0]).toEqual({ exportId: result.exportId, rowsWritten: 0, rowsTotal: 0, done: false });
    expect(events.at(-1)).toEqual({ exportId: result.exportId, rowsWritten: 3000, rowsTotal: 3000, done: true });
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('does nothing when the save dialog is closed', async () => {
    const result = await exportCsv(context({ chooseSaveFile: () => Promise.resolve(null) }));
    expect(result).toMatchObject({ rows: 0, bytes: 0, savedTo: null, downloadUrl: null });
    expect(events).toEqual([]);
  });

  it('stops on export:cancel and leaves neither the file nor a temporary one', async () => {
    const target = join(dir, 'cancelled.csv');
    writeFileSync(target, 'previous contents');
    const ctx = context({ chooseSaveFile: () => Promise.resolve(target) }, (p) => {
      if (!p.done) void exportHandlers['export:cancel'](ctx, p.exportId);
    });
    await expect(exportCsv(ctx)).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === 'CANCELLED');
    expect(readFileSync(target, 'utf8')).toBe('previous contents');
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(events.at(-1)?.done).toBe(true);
  });

  it('explains an unwritable target in one sentence', async () => {
    writeFileSync(join(dir, 'a-file'), '');
    const target = join(dir, 'a-file', 'out.csv');
    await expect(exportCsv(context({ chooseSaveFile: () => Promise.resolve(target) }))).rejects.toSatisfy(
      (e: unknown) => e instanceof AppError && e.code === 'READ_ONLY' && /does not exist; choose another one\.$/.test(e.message),
    );
  });

  it('reports a filter that does not parse', async () => {
    const target = join(dir, 'bad.csv');
    const bad = { ...request, query: { ...request.query, filter: 'params.p ==== 1' } };
    await expect(exportCsv(context({ chooseSaveFile: () => Promise.resolve(target) }), bad)).rejects.toSatisfy(
      (e: unknown) => e instanceof AppError && e.code === 'PARSE_ERROR',
    );
    expect(existsSync(target)).toBe(false);
  });
});

describe('export:csv in browser mode', () => {
  it('writes a temporary file and returns its download URL', async () => {
    const offered: { filePath: string; fileName: string }[] = [];
    const ctx = context({
      mode: 'browser',
      offerDownload: (filePath, fileName) => {
        offered.push({ filePath, fileName });
        return '/api/download/abc';
      },
    });
    const result = await exportCsv(ctx, { ...request, format: 'history' });
    expect(result).toMatchObject({ savedTo: null, downloadUrl: '/api/download/abc', rows: 0 });
    expect(offered[0]!.fileName).toBe('metric-history.csv');
    expect(readFileSync(offered[0]!.filePath, 'utf8')).toBe('run_id,run_name,metric,step,timestamp,value\n');
    // The folder outlives the export (the browser downloads it later) but not the process.
    removePendingDownloads();
    expect(existsSync(offered[0]!.filePath)).toBe(false);
    expect(process.listeners('exit')).not.toContain(removePendingDownloads);
  });
});
