import type { ColumnSet } from '../../../preload/contract.js';
import { EMPTY_SELECTION, type Selection } from '../features/runs/selection.js';
import { DEFAULT_RUNS_VIEW, type RunsView } from './view-persistence.js';

export const EMPTY_COLUMN_SET: ColumnSet = { params: [], metrics: [], tags: [] };

/** The runs table's view of the selected experiments: query, columns, selection. */
export interface RunsViewSlice {
  /** localStorage key of the current view (project + experiments), null without a project. */
  viewKey: string | null;
  runsView: RunsView;
  /** What is typed in the search box; becomes `runsView.filter` once it parses. */
  draftFilter: string;
  filterError: { message: string; position: number | null } | null;
  columnSet: ColumnSet;
  selection: Selection;
  /** Runs matching the filter (all of them, children included); null while counting. */
  matchCount: number | null;
  /** The first page of the current query has answered (or failed): part of `data-app-state`. */
  runsSettled: boolean;
  /** Bumped when the index says runs changed: the table re-reads what is on screen. */
  runsDataVersion: number;
  /** Bumped on structural changes (runs added/removed): counts and columns are re-read too. */
  runsStructureVersion: number;
  /**
   * Whether the index can list top-level runs only (`tags.\`mlflow.parentRunId\` IS NULL`), which
   * nesting child runs under their parents needs; null until asked, per project.
   */
  nestingSupported: boolean | null;
}

export const initialRunsViewState: RunsViewSlice = {
  viewKey: null,
  runsView: DEFAULT_RUNS_VIEW,
  draftFilter: '',
  filterError: null,
  columnSet: EMPTY_COLUMN_SET,
  selection: EMPTY_SELECTION,
  matchCount: null,
  runsSettled: false,
  runsDataVersion: 0,
  runsStructureVersion: 0,
  nestingSupported: null,
};

