import type { IndexProgress, RunsChanged } from '../../../preload/contract.js';
import { events } from '../api/bridge.js';
import { useAppStore } from './app-store.js';
import { applyProject, loadProblems, reloadExperiments, runMenuCommand } from './project-actions.js';
import { reloadColumns } from './runs-actions.js';
import { createRunsChangeBatcher } from './runs-change-batcher.js';

const { getState, setState } = useAppStore;

/** Change events are merged over this window: indexing 100,000 runs must not re-query per run. */
const COALESCE_MS = 300;

/**
 * The one place where main's events enter the store. Returns a function that unsubscribes
 * everything (App calls it on unmount).
 */
export function startIpcSync(): () => void {
  const pending = createRunsChangeBatcher(COALESCE_MS, applyRunsChanged);
  const unsubscribers = [
    events.onIndexProgress((progress) => onProgress(progress)),
    events.onRunsChanged((change) => pending.add(change)),
    events.onProjectChanged((project) => void applyProject(project)),
    events.onMenuCommand((command) => runMenuCommand(command)),
    events.onRegistryChanged(({ storeId, names }) =>
      setState((s) => ({ registryChange: { seq: (s.registryChange?.seq ?? 0) + 1, storeId, names } })),
    ),
    events.onExportProgress((exportProgress) => setState({ exportProgress })),
  ];
  return () => {
    pending.cancel();
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}

function onProgress(progress: IndexProgress): void {
  const previous = getState().progress;
  setState({ progress });
  const finished = (progress.phase === 'ready' || progress.phase === 'watching') && previous !== null && (previous.phase === 'indexing' || previous.phase === 'discovering');
  if (finished) applyRunsChanged({ runKeys: [], structural: true });
  if (previous && progress.problemCount !== previous.problemCount && getState().overlay === 'problems') void loadProblems();
}

function applyRunsChanged(change: RunsChanged): void {
  setState((s) => ({
    runsDataVersion: s.runsDataVersion + 1,
    runsStructureVersion: change.structural ? s.runsStructureVersion + 1 : s.runsStructureVersion,
  }));
  if (change.structural) {
    void reloadExperiments();
    void reloadColumns();
  }
}
