import { describe, expect, it } from 'vitest';
import type { RunQuery } from '../../../../preload/contract.js';
import { buildExportRequest, downloadHref, progressLabel, progressPercent, resultMessage } from './export-request.js';

const query: RunQuery = { experimentKeys: [1, 2], filter: "params.lr = '0.1'", orderBy: ['metrics.rmse ASC'], view: 'active', offset: 200, limit: 100 };
const visible = { params: ['lr'], metrics: ['rmse', 'mae'], tags: ['team'] };

describe('buildExportRequest', () => {
  it('exports every matching run, never one page', () => {
    const request = buildExportRequest(query, [7], visible, { scope: 'all', columns: 'all', format: 'pandas' });
    expect(request).toEqual({
      query: { ...query, offset: 0, limit: 0 },
      format: 'pandas',
      columns: { mode: 'all' },
      metricKeys: [],
      // The MLflow UI format's local times are the viewer's, not the (possibly remote) server's.
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  });

  it('narrows to the selected runs and the visible columns', () => {
    const request = buildExportRequest(query, [7, 3], visible, { scope: 'selected', columns: 'visible', format: 'mlflow-ui' });
    expect(request.query.runKeys).toEqual([7, 3]);
    expect(request.query.filter).toBe(query.filter);
    expect(request.columns).toEqual({ mode: 'visible', params: ['lr'], metrics: ['rmse', 'mae'], tags: ['team'] });
    expect(request.metricKeys).toEqual([]);
  });

  it('turns the column choice into metric keys for the history format', () => {
    expect(buildExportRequest(query, [], visible, { scope: 'all', columns: 'visible', format: 'history' }).metricKeys).toEqual(['rmse', 'mae']);
    expect(buildExportRequest(query, [], visible, { scope: 'all', columns: 'all', format: 'history' }).metricKeys).toEqual([]);
  });
});

describe('messages', () => {
  it('says where the file went', () => {
    const result = { exportId: 'x', rows: 12345, bytes: 10, savedTo: '/home/ann/runs.csv', downloadUrl: null };
    expect(resultMessage(result, 'pandas')).toBe('Saved 12,345 runs to /home/ann/runs.csv.');
    expect(resultMessage({ ...result, rows: 1, savedTo: null, downloadUrl: '/api/download/1', bytes: 3 * 1024 * 1024 }, 'history')).toBe(
      'Downloading 1 metric point (3.0 MB).',
    );
  });

  it('reports progress once the total is known', () => {
    expect(progressPercent(null)).toBeNull();
    expect(progressPercent({ rowsWritten: 0, rowsTotal: 0 })).toBeNull();
    expect(progressPercent({ rowsWritten: 2500, rowsTotal: 10000 })).toBe(25);
    expect(progressLabel({ rowsWritten: 2500, rowsTotal: 10000 })).toBe('2,500 of 10,000 runs');
    expect(progressLabel(null)).toBe('Preparing…');
  });

  it('adds the server token to a browser-mode download link', () => {
    expect(downloadHref('/api/download/abc', 't o')).toBe('/api/download/abc?token=t%20o');
    expect(downloadHref('/api/download/abc', null)).toBe('/api/download/abc');
  });
});
