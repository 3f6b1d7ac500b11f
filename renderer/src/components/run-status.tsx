import type { RunStatus } from '../../../preload/contract.js';

const LABELS: Record<RunStatus, string> = {
  RUNNING: 'Running',
  SCHEDULED: 'Scheduled',
  FINISHED: 'Finished',
  FAILED: 'Failed',
  KILLED: 'Killed',
};

const GLYPHS: Record<RunStatus, string> = {
  RUNNING: '●',
  SCHEDULED: '◷',
  FINISHED: '✓',
  FAILED: '✕',
  KILLED: '⊘',
};

export function runStatusLabel(status: RunStatus): string {
  return LABELS[status] ?? status;
}

/**
 * A run's status as a coloured icon; the word is there for screen readers (and shown beside
 * the icon with `showLabel`), so colour is never the only signal.
 */
export function RunStatusIcon({ status, showLabel = false }: { status: RunStatus; showLabel?: boolean }) {
  const label = runStatusLabel(status);
  return (
    <span className={`run-status run-status--${status.toLowerCase()}`} title={label}>
      <span className="run-status__icon" aria-hidden="true">
        {GLYPHS[status] ?? '?'}
      </span>
      <span className={showLabel ? 'run-status__label' : 'visually-hidden'}>{label}</span>
    </span>
  );
}
