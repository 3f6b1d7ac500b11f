import type { ReactNode } from 'react';
import type { RunDetail } from '../../../../preload/contract.js';
import { formatDuration, formatExactTime, runDuration } from '../../components/format-time.js';
import { RunStatusIcon } from '../../components/run-status.js';
import { useNow } from '../../components/use-now.js';
import { navigate } from '../../navigation.js';
import { MarkdownView } from './markdown-view.js';

/** Status, times, who and what ran it, lineage, and the description. */
export function RunOverview({ detail }: { detail: RunDetail }): ReactNode {
  const { row, parent, children } = detail;
  const now = useNow();
  const tags = row.tags;
  const branch = tags['mlflow.source.git.branch'];
  const repo = tags['mlflow.source.git.repoURL'] ?? tags['mlflow.gitRepoURL'];
  const running = row.status === 'RUNNING';
  const duration = formatDuration(runDuration(row.startTime, row.endTime, running, now));

  const link = (runKey: number, label: string) => (
    <a
      href={`#/run/${runKey}`}
      onClick={(e) => {
        e.preventDefault();
        navigate({ name: 'run', runKey });
      }}
    >
      {label}
    </a>
  );

  return (
    <section className="rp-section" aria-labelledby="rp-overview-heading">
      <h2 id="rp-overview-heading">Overview</h2>
      <div className="rp-overview">
        <dl className="rp-facts">
          <Fact label="Status">
            <RunStatusIcon status={row.status} showLabel />
          </Fact>
          <Fact label="Started">{formatExactTime(row.startTime)}</Fact>
          <Fact label="Ended">{row.endTime !== null ? formatExactTime(row.endTime) : running ? 'still running' : ''}</Fact>
          <Fact label="Duration">{duration ? (running ? `${duration} so far` : duration) : ''}</Fact>
          <Fact label="User">{row.userId}</Fact>
          <Fact label="Source">
            {row.sourceName ? <span className="rp-mono" title={row.sourceName}>{row.sourceName}</span> : null}
            {row.sourceType ? <span className="rp-muted"> ({row.sourceType})</span> : null}
          </Fact>
          <Fact label="Entry point">{detail.entryPoint}</Fact>
          <Fact label="Git commit">
            {row.gitCommit ? <code title={row.gitCommit}>{row.gitCommit.slice(0, 12)}</code> : null}
            {branch ? <span className="rp-muted"> on {branch}</span> : null}
            {repo ? <div className="rp-muted rp-ellipsis" title={repo}>{repo}</div> : null}
          </Fact>
          <Fact label="Parent run">{parent ? link(parent.runKey, parent.runName || parent.runId) : row.parentRunId ? <code>{row.parentRunId}</code> : null}</Fact>
          {row.lifecycleStage === 'deleted' ? <Fact label="Deleted">{detail.deletedTime !== null ? formatExactTime(detail.deletedTime) : 'yes'}</Fact> : null}
          <Fact label="Artifact URI">{detail.artifactUri ? <span className="rp-mono rp-ellipsis" title={detail.artifactUri}>{detail.artifactUri}</span> : null}</Fact>
        </dl>
        {children.length > 0 ? (
          <div className="rp-children">
            <h3>Child runs ({children.length})</h3>
            <ul>
              {children.map((c) => (
                <li key={c.runKey}>
                  <RunStatusIcon status={c.status} /> {link(c.runKey, c.runName || c.runId)}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>
      {detail.description.trim() ? (
        <div className="rp-description" aria-label="Description">
          <MarkdownView source={detail.description} />
        </div>
      ) : null}
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }): ReactNode {
  const empty = children === null || children === undefined || children === '' || children === false;
  return (
    <div className="rp-fact">
      <dt>{label}</dt>
      <dd>{empty ? <span className="rp-muted">—</span> : children}</dd>
    </div>
  );
}
