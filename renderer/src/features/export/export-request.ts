import type { ColumnSet, CsvFormat, ExportProgress, ExportRequest, ExportResult, RunQuery } from '../../../../preload/contract.js';
import { formatCount, pluralize } from '../../components/format-number.js';

export type ExportScope = 'all' | 'selected';
export type ColumnsChoice = 'visible' | 'all';

export interface ExportChoices {
  scope: ExportScope;
  columns: ColumnsChoice;
  format: CsvFormat;
}

export const FORMAT_OPTIONS: readonly { format: CsvFormat; label: string; description: string }[] = [
  {
    format: 'mlflow-ui',
    label: 'MLflow UI',
    description: 'Like “Download CSV” in MLflow’s runs table: quoted cells, bare column names, local start times.',
  },
  {
    format: 'pandas',
    label: 'pandas (mlflow experiments csv)',
    description: 'What search_runs().to_csv() writes: metrics.*, params.* and tags.* columns, UTC timestamps.',
  },
  {
    format: 'history',
    label: 'Metric history',
    description: 'One row per logged point: run, metric, step, timestamp and value, for every step.',
  },
];

/**
 * The request for the chosen options. An export is never a page, so offset and limit are reset;
 * "selected runs" narrows the query to them (keeping its experiments, view and filter). For the
 * history format the column choice picks the metrics: the visible metric columns, or every metric.
 */
export function buildExportRequest(query: RunQuery, selectedRunKeys: readonly number[], visible: ColumnSet, choices: ExportChoices): ExportRequest {
  const base: RunQuery = { ...query, offset: 0, limit: 0 };
  return {
    query: choices.scope === 'selected' ? { ...base, runKeys: [...selectedRunKeys] } : base,
    format: choices.format,
    columns: choices.columns === 'all' ? { mode: 'all' } : { mode: 'visible', params: [...visible.params], metrics: [...visible.metrics], tags: [...visible.tags] },
    metricKeys: choices.format === 'history' && choices.columns === 'visible' ? [...visible.metrics] : [],
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}

/** The sentence shown when the export is done. */
export function resultMessage(result: ExportResult, format: CsvFormat): string {
  const what = format === 'history' ? pluralize(result.rows, 'metric point') : pluralize(result.rows, 'run');
  if (result.savedTo) return `Saved ${what} to ${result.savedTo}.`;
  return `Downloading ${what} (${formatSize(result.bytes)}).`;
}

/** Progress as a whole percentage, or null while the total is not known yet. */
export function progressPercent(progress: Pick<ExportProgress, 'rowsWritten' | 'rowsTotal'> | null): number | null {
  if (!progress || progress.rowsTotal <= 0) return null;
  return Math.min(100, Math.floor((progress.rowsWritten / progress.rowsTotal) * 100));
}

export function progressLabel(progress: Pick<ExportProgress, 'rowsWritten' | 'rowsTotal'> | null): string {
  if (!progress || progress.rowsTotal <= 0) return 'Preparing…';
  return `${formatCount(progress.rowsWritten)} of ${pluralize(progress.rowsTotal, 'run')}`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Browser mode: the server wants its per-start token on every /api request, and a download link
 * cannot send a header, so the token goes in the query string (the HTTP bridge keeps it in
 * sessionStorage under 'rundesk-token').
 */
export function downloadHref(downloadUrl: string, token: string | null): string {
  if (!token) return downloadUrl;
  return `${downloadUrl}${downloadUrl.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`;
}
