import { useCallback, useEffect, useState } from 'react';
import type { ExperimentSummary, RunDetail } from '../../../../preload/contract.js';
import { call } from '../../api/bridge.js';
import { useRunsChanged } from '../charts/use-runs-changed.js';

export interface RunDetailState {
  detail: RunDetail | null;
  error: { code: string; message: string } | null;
}

/**
 * `runs:get` for the page's run, refetched (at most every 300 ms) while the index reports changes
 * to it. The previous detail stays on screen during a refetch, so scroll and selection survive.
 */
export function useRunDetail(runKey: number): RunDetailState {
  const [state, setState] = useState<RunDetailState & { runKey: number }>({ runKey, detail: null, error: null });

  const load = useCallback(() => {
    let current = true;
    call('runs:get', runKey)
      .then((detail) => current && setState({ runKey, detail, error: null }))
      .catch((e: unknown) => {
        if (!current) return;
        const error = { code: (e as { code?: string }).code ?? 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
        // A failed refresh keeps what is on screen; only a first load shows the error alone.
        setState((prev) => ({ runKey, detail: prev.runKey === runKey ? prev.detail : null, error }));
      });
    return () => {
      current = false;
    };
  }, [runKey]);

  useEffect(load, [load]);
  useRunsChanged([runKey], () => load());

  return state.runKey === runKey ? state : { detail: null, error: null };
}

/** The name of an experiment by index key (the run row carries only its id). */
export function useExperimentName(experimentKey: number | undefined): string | null {
  const [experiments, setExperiments] = useState<ExperimentSummary[] | null>(null);
  useEffect(() => {
    if (experimentKey === undefined) return;
    let current = true;
    call('experiments:list', 'all')
      .then((list) => current && setExperiments(list))
      .catch(() => current && setExperiments([]));
    return () => {
      current = false;
    };
  }, [experimentKey]);
  return experiments?.find((e) => e.experimentKey === experimentKey)?.name ?? null;
}
