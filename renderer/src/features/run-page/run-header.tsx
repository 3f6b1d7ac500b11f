import { useState, type CSSProperties, type ReactNode } from 'react';
import type { RunDetail } from '../../../../preload/contract.js';
import { RunStatusIcon } from '../../components/run-status.js';
import { navigate } from '../../navigation.js';
import { displayName } from '../charts/run-looks.js';

/** Run name in its colour, status, experiment, copyable run id, and the way back. */
export function RunHeader({ detail, experimentName }: { detail: RunDetail; experimentName: string | null }): ReactNode {
  const { row } = detail;
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard
      ?.writeText(row.runId)
      .then(() => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      })
      .catch(() => setCopied(false));
  };
  return (
    <header className="rp-header">
      <button type="button" className="rp-back" onClick={() => navigate({ name: 'runs' })}>
        ← Back to runs
      </button>
      <div className="rp-title">
        <span className="rp-swatch" style={{ background: row.color }} aria-hidden="true" />
        <h1 className="rp-run-name" style={{ '--run-color': row.color } as CSSProperties}>
          {displayName(row)}
        </h1>
        <RunStatusIcon status={row.status} showLabel />
        {row.lifecycleStage === 'deleted' ? <span className="rp-badge rp-badge--danger">Deleted</span> : null}
      </div>
      <div className="rp-subtitle">
        <span>
          Experiment <strong>{experimentName ?? row.experimentId}</strong>
          {experimentName !== null ? <span className="rp-muted"> ({row.experimentId})</span> : null}
        </span>
        <span className="rp-runid">
          Run ID <code>{row.runId}</code>
          <button type="button" className="rp-icon-button" onClick={copy} aria-label="Copy run ID">
            {copied ? 'Copied' : 'Copy'}
          </button>
        </span>
      </div>
    </header>
  );
}
