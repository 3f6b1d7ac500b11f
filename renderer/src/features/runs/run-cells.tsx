import type { CSSProperties } from 'react';
import type { RunRow } from '../../../../preload/contract.js';
import { formatMetric, formatMetricExact } from '../../components/format-number.js';
import { formatDuration, runDuration } from '../../components/format-time.js';
import { RelativeTimeAt } from '../../components/relative-time.js';
import { RunStatusIcon } from '../../components/run-status.js';
import { routeToHash } from '../../navigation.js';
import type { AttrKey, ColumnDef } from './column-model.js';

export interface NameCellState {
  depth: number;
  /** Has children and the table nests them. */
  expandable: boolean;
  expanded: boolean;
  onToggle: () => void;
}

/** One cell's content. Text cells carry their full value as a tooltip (columns are narrow). */
export function CellContent({
  column,
  run,
  now,
  experimentName,
  nameState,
}: {
  column: ColumnDef;
  run: RunRow;
  now: number;
  experimentName: (experimentKey: number) => string;
  nameState: NameCellState;
}) {
  switch (column.kind) {
    case 'metric': {
      const value = run.metrics[column.key];
      if (value === undefined) return null;
      return (
        <span className="cell-num" title={formatMetricExact(value)}>
          {formatMetric(value)}
        </span>
      );
    }
    case 'param':
      return <TextValue text={run.params[column.key]} />;
    case 'tag':
      return <TextValue text={run.tags[column.key]} />;
    case 'attr':
      return <AttrContent attr={column.key as AttrKey} run={run} now={now} experimentName={experimentName} nameState={nameState} />;
  }
}

function TextValue({ text, className }: { text: string | undefined; className?: string }) {
  if (text === undefined || text === '') return null;
  return (
    <span className={className} title={text.length > 12 ? text : undefined}>
      {text}
    </span>
  );
}

function AttrContent({
  attr,
  run,
  now,
  experimentName,
  nameState,
}: {
  attr: AttrKey;
  run: RunRow;
  now: number;
  experimentName: (experimentKey: number) => string;
  nameState: NameCellState;
}) {
  switch (attr) {
    case 'status':
      return <RunStatusIcon status={run.status} />;
    case 'name':
      return <NameContent run={run} state={nameState} />;
    case 'start':
      return <RelativeTimeAt timestamp={run.startTime} now={now} />;
    case 'end':
      return <RelativeTimeAt timestamp={run.endTime} now={now} />;
    case 'duration': {
      const ms = runDuration(run.startTime, run.endTime, run.status === 'RUNNING', now);
      return ms === null ? null : <span className="cell-num">{formatDuration(ms)}</span>;
    }
    case 'user':
      return <TextValue text={run.userId} />;
    case 'source': {
      if (!run.sourceName) return null;
      // Long script paths: the file name is what tells runs apart; the full path is in the tooltip.
      const short = run.sourceName.split(/[\\/]/).filter(Boolean).pop() ?? run.sourceName;
      return <span title={run.sourceName}>{short}</span>;
    }
    case 'commit':
      return run.gitCommit ? (
        <span className="mono" title={run.gitCommit}>
          {run.gitCommit.slice(0, 7)}
        </span>
      ) : null;
    case 'runId':
      return <span className="mono">{run.runId}</span>;
    case 'experiment':
      return <TextValue text={experimentName(run.experimentKey)} />;
  }
}

function NameContent({ run, state }: { run: RunRow; state: NameCellState }) {
  const name = run.runName || run.runId.slice(0, 12);
  return (
    <span className="name-cell" style={{ paddingLeft: state.depth * 16 }}>
      {state.expandable ? (
        <button
          type="button"
          className="name-cell__toggle"
          aria-label={`${state.expanded ? 'Collapse' : 'Expand'} ${run.childCount} child runs`}
          aria-expanded={state.expanded}
          tabIndex={-1}
          onClick={(event) => {
            event.stopPropagation();
            state.onToggle();
          }}
          onDoubleClick={(event) => event.stopPropagation()}
        >
          {state.expanded ? '▾' : '▸'}
        </button>
      ) : (
        <span className="name-cell__toggle-space" aria-hidden="true">
          {state.depth > 0 ? '↳' : ''}
        </span>
      )}
      <span className="name-cell__swatch" style={{ background: run.color }} aria-hidden="true" />
      <a
        className="name-cell__link"
        href={routeToHash({ name: 'run', runKey: run.runKey })}
        style={{ '--run-color': run.color } as CSSProperties}
        tabIndex={-1}
        title={run.runName ? `${run.runName}\n${run.runId}` : run.runId}
        onClick={(event) => {
          // Modified clicks select (like anywhere on the row); a plain click opens the run.
          if (event.shiftKey || event.ctrlKey || event.metaKey) event.preventDefault();
        }}
      >
        {name}
      </a>
      {state.expandable ? <span className="name-cell__children">{run.childCount}</span> : null}
    </span>
  );
}
