import type { ExperimentSummary } from '../../../preload/contract.js';
import { call } from '../api/bridge.js';
import { EMPTY_SELECTION, type Selection } from '../features/runs/selection.js';
import { useAppStore } from './app-store.js';
import {
  browserStorage,
  DEFAULT_RUNS_VIEW,
  loadView,
  saveSelectedExperiments,
  saveView,
  viewStorageKey,
  type RunsView,
} from './view-persistence.js';

const { getState, setState } = useAppStore;

/** Shows these experiments' runs, with the view the user last had for exactly this selection. */
export async function selectExperiments(keys: readonly number[]): Promise<void> {
  const { project, experiments } = getState();
  const byKey = new Map(experiments.map((e) => [e.experimentKey, e]));
  const chosen = keys.map((k) => byKey.get(k)).filter((e): e is ExperimentSummary => e !== undefined);
  const viewKey = project && chosen.length > 0 ? viewStorageKey(project.projectId, chosen) : null;
  const runsView = viewKey ? loadView(browserStorage(), viewKey) : DEFAULT_RUNS_VIEW;
  setState({
    selectedExperimentKeys: chosen.map((e) => e.experimentKey),
    viewKey,
    runsView,
    draftFilter: runsView.filter,
    filterError: null,
    selection: EMPTY_SELECTION,
    matchCount: null,
    runsSettled: chosen.length === 0,
  });
  if (project && chosen.length > 0) saveSelectedExperiments(browserStorage(), project.projectId, chosen);
  await reloadColumns();
}

let columnsRequest = 0;

/** The param/metric/tag keys of the selected experiments: the table's possible columns. */
export async function reloadColumns(): Promise<void> {
  const request = ++columnsRequest;
  const keys = getState().selectedExperimentKeys;
  if (keys.length === 0) {
    setState({ columnSet: { params: [], metrics: [], tags: [] } });
    return;
  }
  try {
    const columnSet = await call('runs:columns', keys);
    if (request === columnsRequest) setState({ columnSet });
  } catch {
    // The table still works with the attribute columns; the next change event retries.
  }
}

/** Changes the current view and remembers it for this experiment selection. */
export function updateRunsView(patch: Partial<RunsView>): void {
  const runsView = { ...getState().runsView, ...patch };
  setState({ runsView });
  const { viewKey } = getState();
  if (viewKey) saveView(browserStorage(), viewKey, runsView);
}

let checkRequest = 0;

/**
 * The search box's text settled: check it and, when it parses, make it the table's filter.
 * A filter that does not parse leaves the table showing the last good results, with the
 * message and the position of the mistake shown in place.
 */
export async function commitFilter(text: string): Promise<void> {
  const request = ++checkRequest;
  setState({ draftFilter: text });
  if (text.trim() === '') {
    setState({ filterError: null });
    updateRunsView({ filter: '' });
    return;
  }
  try {
    const check = await call('search:check', text);
    if (request !== checkRequest) return;
    if (check.ok) {
      setState({ filterError: null });
      updateRunsView({ filter: text });
    } else {
      setState({ filterError: { message: check.message ?? 'This filter does not parse.', position: check.position ?? null } });
    }
  } catch {
    if (request !== checkRequest) return;
    // Checking is unavailable: let the query itself report a PARSE_ERROR (see reportFilterError).
    setState({ filterError: null });
    updateRunsView({ filter: text });
  }
}

/** `runs:list` refused the filter: show it like a failed check. */
export function reportFilterError(message: string, position: number | null): void {
  setState({ filterError: { message, position } });
}

export function setSelection(selection: Selection): void {
  setState({ selection });
}

/** The filter that lists top-level runs only, when nesting child runs under their parents. */
export const TOP_LEVEL_FILTER = 'tags.`mlflow.parentRunId` IS NULL';

/** Asks the index once per project whether it understands TOP_LEVEL_FILTER. */
export async function detectNesting(): Promise<void> {
  if (getState().nestingSupported !== null) return;
  try {
    const check = await call('search:check', TOP_LEVEL_FILTER);
    setState({ nestingSupported: check.ok });
  } catch {
    setState({ nestingSupported: false });
  }
}
