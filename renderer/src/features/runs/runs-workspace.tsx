import { useRef, useState } from 'react';
import type { ViewType } from '../../../../preload/contract.js';
import { pluralize } from '../../components/format-number.js';
import { Popover } from '../../components/popover.js';
import { navigate } from '../../navigation.js';
import { useAppStore } from '../../store/app-store.js';
import { runMenuCommand } from '../../store/project-actions.js';
import { updateRunsView } from '../../store/runs-actions.js';
import { ColumnPicker } from './column-picker.js';
import { moveColumn } from './column-model.js';
import { ExperimentsSidebar } from './experiments-sidebar.js';
import { RunsTable } from './runs-table.js';
import { FilterErrorBar, SearchBox } from './search-box.js';
import { useExperimentName, useRunsColumns, useTableQuery } from './use-runs-columns.js';
import './runs.css';

/** The main view: experiments on the left, the search box, toolbar and runs table on the right. */
export function RunsWorkspace() {
  const project = useAppStore((s) => s.project);
  const experimentsLoaded = useAppStore((s) => s.experimentsLoaded);
  const experimentCount = useAppStore((s) => s.experiments.length);

  if (project && project.stores.every((s) => s.kind === 'artifacts') && experimentsLoaded && experimentCount === 0) {
    return (
      <div className="empty-state">
        <h2>No MLflow tracking store in this folder</h2>
        <p>{project.notice ?? 'RunDesk looks for an mlruns/ folder or an mlflow.db file in the project folder and its subfolders.'}</p>
        <button type="button" className="button" onClick={() => runMenuCommand('open-project')}>
          Open another folder…
        </button>
      </div>
    );
  }

  return (
    <div className="runs-workspace">
      <ExperimentsSidebar />
      <section className="runs-main" aria-label="Runs of the selected experiments">
        {project?.notice ? <div className="runs-main__notice">{project.notice}</div> : null}
        <RunsToolbarAndTable />
      </section>
    </div>
  );
}

function RunsToolbarAndTable() {
  const query = useTableQuery();
  const { all, visible } = useRunsColumns();
  const experimentName = useExperimentName();
  const view = useAppStore((s) => s.runsView);
  const matchCount = useAppStore((s) => s.matchCount);
  const selectedKeys = useAppStore((s) => s.selection.keys);
  const experimentCount = useAppStore((s) => s.selectedExperimentKeys.length);
  const [pickerOpen, setPickerOpen] = useState(false);
  const columnsButton = useRef<HTMLButtonElement>(null);

  const emptyMessage = !query
    ? experimentCount === 0
      ? 'Select an experiment on the left.'
      : 'Loading…'
    : view.filter
      ? 'No runs match this search.'
      : view.runView === 'deleted'
        ? 'No deleted runs in the selected experiments.'
        : 'No runs in the selected experiments yet.';

  return (
    <>
      <div className="runs-toolbar">
        <SearchBox />
        <span className="runs-toolbar__count" role="status" aria-live="polite" aria-label="Matching runs">
          {matchCount === null ? '' : pluralize(matchCount, 'run')}
        </span>
        <select
          className="select"
          aria-label="Which runs"
          value={view.runView}
          onChange={(event) => updateRunsView({ runView: event.target.value as ViewType })}
        >
          <option value="active">Active runs</option>
          <option value="deleted">Deleted runs</option>
          <option value="all">All runs</option>
        </select>
        <button
          type="button"
          className="button"
          aria-pressed={view.onlyDiffering}
          title="Hide columns whose value is the same in every loaded run"
          onClick={() => updateRunsView({ onlyDiffering: !view.onlyDiffering })}
        >
          Only differences
        </button>
        <button
          ref={columnsButton}
          type="button"
          className="button"
          aria-expanded={pickerOpen}
          aria-haspopup="dialog"
          onClick={() => setPickerOpen((o) => !o)}
        >
          Columns <span className="muted">{visible.length}</span>
        </button>
        <span className="runs-toolbar__divider" />
        <button
          type="button"
          className="button button--primary"
          disabled={selectedKeys.size < 2}
          title={selectedKeys.size < 2 ? 'Select two or more runs to compare them' : `Compare ${selectedKeys.size} runs`}
          onClick={() => navigate({ name: 'compare', runKeys: [...selectedKeys] })}
        >
          Compare
        </button>
        <button type="button" className="button" disabled={!query} onClick={() => runMenuCommand('export-csv')}>
          Export CSV
        </button>
      </div>
      <FilterErrorBar />
      <Popover open={pickerOpen} anchor={columnsButton} onClose={() => setPickerOpen(false)} label="Columns" align="end">
        <ColumnPicker
          columns={all}
          prefs={view.columns}
          experimentCount={experimentCount}
          onChange={(columns) => updateRunsView({ columns })}
        />
      </Popover>
      <RunsTable
        query={query}
        columns={visible}
        prefs={view.columns}
        sort={view.sort}
        onlyDiffering={view.onlyDiffering}
        experimentName={experimentName}
        onPickColumns={() => setPickerOpen(true)}
        onMoveColumn={(id, beforeId) => updateRunsView({ columns: { ...view.columns, order: moveColumn(all, id, beforeId) } })}
        emptyMessage={emptyMessage}
      />
    </>
  );
}
