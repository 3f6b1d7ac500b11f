import { useEffect, useId, useRef, useState } from 'react';
import type { ColumnSet, CsvFormat, ExportProgress, RunQuery } from '../../../../preload/contract.js';
import { ApiError, call, events } from '../../api/bridge.js';
import { serverToken } from '../../api/http-bridge.js';
import { Dialog } from '../../components/dialog.js';
import { formatCount } from '../../components/format-number.js';
import {
  FORMAT_OPTIONS,
  buildExportRequest,
  downloadHref,
  progressLabel,
  progressPercent,
  resultMessage,
  type ColumnsChoice,
  type ExportScope,
} from './export-request.js';
import './export.css';

export interface ExportDialogProps {
  /** The runs table's query; its offset and limit are ignored. */
  query: RunQuery;
  selectedRunKeys: number[];
  /** Visible param/metric/tag columns, in table order. */
  visibleColumns: ColumnSet;
  onClose: () => void;
}

type Phase =
  | { name: 'choosing'; message: string | null; error: boolean }
  | { name: 'running'; progress: ExportProgress | null }
  | { name: 'done'; message: string };

const FORMAT_MEMORY = 'rundesk.export.format';

/**
 * "Export CSV": which runs (every match or the selection), which columns, which format; then a
 * progress bar fed by `export:progress` events with a Cancel that stops the export in main, and a
 * line saying where the file went (desktop) or a download of it (browser mode).
 */
export function ExportDialog({ query, selectedRunKeys, visibleColumns, onClose }: ExportDialogProps) {
  const [scope, setScope] = useState<ExportScope>(selectedRunKeys.length > 0 ? 'selected' : 'all');
  const [columns, setColumns] = useState<ColumnsChoice>('visible');
  const [format, setFormat] = useState<CsvFormat>(rememberedFormat);
  const [phase, setPhase] = useState<Phase>({ name: 'choosing', message: null, error: false });
  const matching = useMatchingCount(query);
  const exportId = useRef<string | null>(null);
  const formatName = useId();

  useEffect(
    () =>
      events.onExportProgress((progress) => {
        // The export's id arrives with its first event, before `export:csv` returns.
        if (exportId.current === null && !progress.done) exportId.current = progress.exportId;
        if (progress.exportId !== exportId.current) return;
        setPhase((p) => (p.name === 'running' ? { name: 'running', progress } : p));
      }),
    [],
  );

  const running = phase.name === 'running';

  async function start(): Promise<void> {
    localStorage.setItem(FORMAT_MEMORY, format);
    exportId.current = null;
    setPhase({ name: 'running', progress: null });
    try {
      const result = await call('export:csv', buildExportRequest(query, selectedRunKeys, visibleColumns, { scope, columns, format }));
      if (result.downloadUrl) triggerDownload(downloadHref(result.downloadUrl, serverToken()));
      if (!result.savedTo && !result.downloadUrl) setPhase({ name: 'choosing', message: null, error: false }); // save dialog closed
      else setPhase({ name: 'done', message: resultMessage(result, format) });
    } catch (error) {
      const cancelled = error instanceof ApiError && error.code === 'CANCELLED';
      setPhase({ name: 'choosing', message: cancelled ? 'Export cancelled.' : (error as Error).message, error: !cancelled });
    } finally {
      exportId.current = null;
    }
  }

  function cancel(): void {
    if (running && exportId.current) void call('export:cancel', exportId.current).catch(() => undefined);
    else if (!running) onClose();
  }

  const percent = phase.name === 'running' ? progressPercent(phase.progress) : null;
  const footer =
    phase.name === 'done' ? (
      <button type="button" className="button button--primary" onClick={onClose}>
        Close
      </button>
    ) : (
      <>
        <button type="button" className="button" onClick={cancel}>
          Cancel
        </button>
        <button type="button" className="button button--primary" disabled={running || (scope === 'selected' && selectedRunKeys.length === 0)} onClick={() => void start()}>
          Export
        </button>
      </>
    );

  return (
    <Dialog open title="Export CSV" onClose={running ? cancel : onClose} footer={footer} width="600px" className="export-dialog">
      <fieldset className="export-dialog__group" disabled={running || phase.name === 'done'}>
        <legend>Runs</legend>
        <label className="export-dialog__choice">
          <input type="radio" name={`${formatName}-scope`} checked={scope === 'all'} onChange={() => setScope('all')} />
          All matching runs ({matching === null ? '…' : formatCount(matching)})
        </label>
        <label className="export-dialog__choice">
          <input
            type="radio"
            name={`${formatName}-scope`}
            checked={scope === 'selected'}
            disabled={selectedRunKeys.length === 0}
            onChange={() => setScope('selected')}
          />
          Selected runs ({formatCount(selectedRunKeys.length)})
        </label>
      </fieldset>

      <fieldset className="export-dialog__group" disabled={running || phase.name === 'done'}>
        <legend>{format === 'history' ? 'Metrics' : 'Columns'}</legend>
        <label className="export-dialog__choice">
          <input type="radio" name={`${formatName}-columns`} checked={columns === 'visible'} onChange={() => setColumns('visible')} />
          {format === 'history' ? `Visible metric columns (${visibleColumns.metrics.length})` : 'Visible columns'}
        </label>
        <label className="export-dialog__choice">
          <input type="radio" name={`${formatName}-columns`} checked={columns === 'all'} onChange={() => setColumns('all')} />
          {format === 'history' ? 'All metrics' : 'All columns'}
        </label>
      </fieldset>

      <fieldset className="export-dialog__group" disabled={running || phase.name === 'done'}>
        <legend>Format</legend>
        {FORMAT_OPTIONS.map((option) => (
          <label key={option.format} className="export-dialog__choice export-dialog__choice--described">
            <input type="radio" name={`${formatName}-format`} checked={format === option.format} onChange={() => setFormat(option.format)} />
            <span>
              <span className="export-dialog__label">{option.label}</span>
              <span className="export-dialog__description">{option.description}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {phase.name === 'running' ? (
        <div className="export-dialog__progress">
          <div
            role="progressbar"
            aria-label="Export progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent ?? undefined}
            aria-valuetext={progressLabel(phase.progress)}
            className={`export-dialog__bar ${percent === null ? 'export-dialog__bar--waiting' : ''}`}
          >
            <div className="export-dialog__fill" style={{ width: `${percent ?? 0}%` }} />
          </div>
          <span className="export-dialog__progress-text">{progressLabel(phase.progress)}</span>
        </div>
      ) : null}

      {phase.name === 'done' ? (
        <p className="export-dialog__result" role="status">
          {phase.message}
        </p>
      ) : null}
      {phase.name === 'choosing' && phase.message ? (
        <p className={`export-dialog__result ${phase.error ? 'export-dialog__result--error' : ''}`} role={phase.error ? 'alert' : 'status'}>
          {phase.message}
        </p>
      ) : null}
    </Dialog>
  );
}

/** How many runs the query matches (one count request when the dialog opens). */
function useMatchingCount(query: RunQuery): number | null {
  const [count, setCount] = useState<number | null>(null);
  const key = JSON.stringify({ ...query, offset: 0, limit: 0 });
  useEffect(() => {
    let live = true;
    call('runs:list', { ...query, offset: 0, limit: 0 })
      .then((page) => live && setCount(page.total))
      .catch(() => live && setCount(null));
    return () => {
      live = false;
    };
    // The serialized query is the dependency: a new object with the same content needs no recount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return count;
}

function rememberedFormat(): CsvFormat {
  const saved = localStorage.getItem(FORMAT_MEMORY);
  return FORMAT_OPTIONS.some((o) => o.format === saved) ? (saved as CsvFormat) : 'mlflow-ui';
}

/** Browser mode: the server holds the finished file; an `<a download>` click saves it. */
function triggerDownload(href: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.download = '';
  document.body.append(link);
  link.click();
  link.remove();
}
