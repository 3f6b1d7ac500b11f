import type { IndexProgress } from '../../../../preload/contract.js';
import { formatCount, pluralize } from '../../components/format-number.js';
import { formatEta } from '../../components/format-time.js';
import { useAppStore } from '../../store/app-store.js';
import { openProblems } from '../../store/project-actions.js';

/**
 * The bottom line: what the indexer is doing (a progress bar with runs indexed / total and an
 * ETA while it works), how many runs are selected, and the problems count that opens the list
 * of files RunDesk could not read.
 */
export function StatusBar() {
  const progress = useAppStore((s) => s.progress);
  const project = useAppStore((s) => s.project);
  const selectedCount = useAppStore((s) => s.selection.keys.size);
  const problemCount = progress?.problemCount ?? 0;

  return (
    <footer className="status-bar" aria-label="Status">
      <div className="status-bar__index">{project ? <IndexStatus progress={progress} /> : <span>No project open</span>}</div>
      <div className="status-bar__spacer" />
      {selectedCount > 0 ? <span className="status-bar__item">{pluralize(selectedCount, 'run')} selected</span> : null}
      {project ? (
        <button
          type="button"
          className={`status-bar__problems${problemCount > 0 ? ' status-bar__problems--some' : ''}`}
          onClick={openProblems}
          title="Files RunDesk could not read"
        >
          <span aria-hidden="true">{problemCount > 0 ? '⚠' : '✓'}</span>
          {pluralize(problemCount, 'problem')}
        </button>
      ) : null}
    </footer>
  );
}

function IndexStatus({ progress }: { progress: IndexProgress | null }) {
  if (!progress) return <span className="muted">Connecting…</span>;
  switch (progress.phase) {
    case 'discovering':
      return (
        <span className="status-bar__progress">
          <span className="status-bar__spinner" aria-hidden="true" />
          Looking for runs… {progress.filesSeen > 0 ? `${formatCount(progress.filesSeen)} files seen` : ''}
        </span>
      );
    case 'indexing': {
      const total = progress.runsTotal;
      const ratio = total && total > 0 ? Math.min(1, progress.runsIndexed / total) : null;
      const eta = formatEta(progress.etaMs);
      return (
        <span className="status-bar__progress">
          <span>Indexing</span>
          <progress
            className="status-bar__bar"
            aria-label="Indexing progress"
            max={total ?? undefined}
            value={ratio === null ? undefined : progress.runsIndexed}
          />
          <span>
            {formatCount(progress.runsIndexed)}
            {total !== null ? ` / ${formatCount(total)}` : ''} runs
          </span>
          {eta ? <span className="muted">· {eta}</span> : null}
        </span>
      );
    }
    case 'error':
      return <span className="error-text">Indexing failed: {progress.message ?? 'unknown error'}</span>;
    case 'watching':
      return (
        <span className="status-bar__progress" title="RunDesk updates the table as runs change on disk">
          <span className="status-bar__dot" aria-hidden="true" />
          {pluralize(progress.runsIndexed, 'run')} indexed · watching for changes
        </span>
      );
    case 'ready':
      return <span className="status-bar__progress">{pluralize(progress.runsIndexed, 'run')} indexed</span>;
  }
}
