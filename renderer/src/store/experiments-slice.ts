import type { ExperimentSummary } from '../../../preload/contract.js';

/** The experiments sidebar: the list, which are shown together, and whether deleted ones are listed. */
export interface ExperimentsSlice {
  experiments: ExperimentSummary[];
  experimentsLoaded: boolean;
  experimentsError: string | null;
  showDeletedExperiments: boolean;
  /** Experiments whose runs the table shows, in sidebar order. */
  selectedExperimentKeys: number[];
}

export const initialExperimentsState: ExperimentsSlice = {
  experiments: [],
  experimentsLoaded: false,
  experimentsError: null,
  showDeletedExperiments: false,
  selectedExperimentKeys: [],
};


/** Click selects one experiment; Ctrl/Cmd+click or the checkbox adds/removes it (never the last one). */
export function nextExperimentSelection(current: readonly number[], key: number, additive: boolean, order: readonly number[]): number[] {
  if (!additive) return [key];
  const set = new Set(current);
  if (set.has(key)) {
    if (set.size === 1) return [...current];
    set.delete(key);
  } else set.add(key);
  return order.filter((k) => set.has(k));
}

/**
 * The experiment to open when nothing is remembered: the most recently active one with runs
 * (MLflow's "Default" experiment is often empty), else the first listed.
 */
export function defaultExperimentKey(experiments: readonly ExperimentSummary[]): number | null {
  const active = experiments.filter((e) => e.lifecycleStage === 'active');
  const pool = active.length > 0 ? active : experiments;
  const withRuns = pool.filter((e) => e.activeRunCount > 0 || e.runCount > 0);
  const candidates = withRuns.length > 0 ? withRuns : pool;
  let best: ExperimentSummary | null = null;
  for (const e of candidates) {
    if (!best) best = e;
    else if (activity(e) > activity(best)) best = e;
  }
  return best?.experimentKey ?? null;
}

function activity(e: ExperimentSummary): number {
  return e.lastUpdateTime ?? e.creationTime ?? 0;
}
