import type { ExperimentSummary, MenuCommand, ProjectInfo } from '../../../preload/contract.js';
import { call } from '../api/bridge.js';
import { navigate } from '../navigation.js';
import { useAppStore } from './app-store.js';
import { errorMessage } from './error-message.js';
import { defaultExperimentKey } from './experiments-slice.js';
import { initialExperimentsState } from './experiments-slice.js';
import { initialRunsViewState } from './runs-view-slice.js';
import { detectNesting, reloadColumns, selectExperiments } from './runs-actions.js';
import { browserStorage, loadSelectedExperiments } from './view-persistence.js';

const { getState, setState } = useAppStore;

/** First thing the app does: who we are, which project is open, how far indexing is. */
export async function startApp(): Promise<void> {
  const [info, project] = await Promise.allSettled([call('app:info'), call('project:current')]);
  if (info.status === 'fulfilled') setState({ appInfo: info.value });
  if (project.status === 'rejected') {
    setState({ projectChecked: true, connectionError: errorMessage(project.reason) });
    return;
  }
  await applyProject(project.value);
}

/** A project was opened (or closed): reset everything that belonged to the previous one. */
export async function applyProject(project: ProjectInfo | null): Promise<void> {
  const previous = getState().project;
  const same = previous !== null && project !== null && previous.projectId === project.projectId;
  setState({
    project,
    projectChecked: true,
    connectionError: null,
    ...(same ? {} : { ...initialExperimentsState, ...initialRunsViewState, problems: null, problemsError: null }),
  });
  if (!project) {
    call('project:recent').then(
      (recentProjects) => setState({ recentProjects }),
      () => setState({ recentProjects: [] }),
    );
    return;
  }
  call('index:progress').then(
    (progress) => setState({ progress }),
    () => undefined,
  );
  await Promise.all([detectNesting(), reloadExperiments()]);
}

let experimentsRequest = 0;

/** Re-reads the experiment list (counts change while indexing) and keeps the selection valid. */
export async function reloadExperiments(): Promise<void> {
  const request = ++experimentsRequest;
  const { showDeletedExperiments, project } = getState();
  if (!project) return;
  let experiments: ExperimentSummary[];
  try {
    experiments = await call('experiments:list', showDeletedExperiments ? 'all' : 'active');
  } catch (error) {
    if (request !== experimentsRequest) return;
    setState({ experimentsLoaded: true, experimentsError: errorMessage(error) });
    return;
  }
  if (request !== experimentsRequest) return;
  setState({ experiments, experimentsLoaded: true, experimentsError: null });

  const known = new Set(experiments.map((e) => e.experimentKey));
  const current = getState().selectedExperimentKeys.filter((k) => known.has(k));
  if (current.length > 0 && current.length === getState().selectedExperimentKeys.length) return;
  if (current.length > 0) {
    await selectExperiments(current);
    return;
  }
  // Nothing selected yet (or it vanished): what the user had last time, else the liveliest one.
  const remembered = loadSelectedExperiments(browserStorage(), project.projectId);
  const restored = experiments
    .filter((e) => remembered.some((r) => r.storeId === e.storeId && r.experimentId === e.experimentId))
    .map((e) => e.experimentKey);
  const fallback = defaultExperimentKey(experiments);
  const keys = restored.length > 0 ? restored : fallback === null ? [] : [fallback];
  await selectExperiments(keys);
}

export async function setShowDeletedExperiments(show: boolean): Promise<void> {
  setState({ showDeletedExperiments: show });
  await reloadExperiments();
}

export async function loadProblems(): Promise<void> {
  try {
    setState({ problems: await call('problems:list'), problemsError: null });
  } catch (error) {
    setState({ problemsError: errorMessage(error) });
  }
}

export function openProblems(): void {
  setState({ overlay: 'problems' });
  void loadProblems();
}

export async function openProjectFolder(): Promise<void> {
  try {
    const project = await call('project:open');
    if (project && project.projectId !== getState().project?.projectId) {
      navigate({ name: 'runs' });
      await applyProject(project);
    }
  } catch (error) {
    showToast(errorMessage(error), 'error');
  }
}

export async function openRecentProject(projectId: string): Promise<void> {
  try {
    const project = await call('project:openRecent', projectId);
    navigate({ name: 'runs' });
    await applyProject(project);
  } catch (error) {
    showToast(errorMessage(error), 'error');
  }
}

export async function reindexProject(): Promise<void> {
  if (!getState().project) return;
  showToast('Re-indexing the project…');
  try {
    await call('project:reindex');
    await reloadExperiments();
    await reloadColumns();
    setState((s) => ({ runsDataVersion: s.runsDataVersion + 1, runsStructureVersion: s.runsStructureVersion + 1 }));
  } catch (error) {
    showToast(errorMessage(error), 'error');
  }
}

/** The native menu (desktop) and the command palette both end up here. */
export function runMenuCommand(command: MenuCommand): void {
  switch (command) {
    case 'open-project':
      void openProjectFolder();
      return;
    case 'export-csv':
      if (!getState().project) return;
      if (getState().selectedExperimentKeys.length === 0) showToast('Select an experiment to export its runs.');
      else setState({ overlay: 'export' });
      return;
    case 'reindex':
      void reindexProject();
      return;
    case 'command-palette':
      setState({ overlay: 'palette' });
      return;
    case 'show-problems':
      openProblems();
      return;
    case 'about':
      setState({ overlay: 'about' });
      return;
  }
}

let toastSeq = 0;
let toastTimer: ReturnType<typeof setTimeout> | null = null;

/** A short notice at the bottom of the window ("Copied run ID"). */
export function showToast(text: string, tone: 'info' | 'error' = 'info'): void {
  toastSeq += 1;
  const id = toastSeq;
  setState({ toast: { id, text, tone } });
  if (toastTimer) clearTimeout(toastTimer);
  toastTimer = setTimeout(
    () => {
      if (getState().toast?.id === id) setState({ toast: null });
    },
    tone === 'error' ? 6000 : 2500,
  );
}

export function closeOverlay(): void {
  setState({ overlay: null });
}
