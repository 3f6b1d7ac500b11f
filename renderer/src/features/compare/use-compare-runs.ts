import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RunDetail } from '../../../../preload/contract.js';
import { ApiError, call } from '../../api/bridge.js';
import { useRunsChanged } from '../charts/use-runs-changed.js';

export interface CompareRuns {
  /** Runs that loaded, in the order of the route. */
  details: RunDetail[];
  /** Runs that could not be loaded, with the reason; the others are still compared. */
  failures: { runKey: number; message: string }[];
  /** True until the first answer for every run. */
  loading: boolean;
}

type Entry = { detail: RunDetail } | { message: string };

/** Details of the compared runs (`runs:get` each), refreshed as the index reports changes. */
export function useCompareRuns(runKeys: readonly number[]): CompareRuns {
  const [entries, setEntries] = useState<ReadonlyMap<number, Entry>>(new Map());
  const live = useRef(true);
  const runSig = runKeys.join(',');

  // One state update per batch: the charts redraw once for all runs, not once per arriving run.
  const load = useCallback((keys: readonly number[]) => {
    void Promise.all(
      keys.map((runKey) =>
        call('runs:get', runKey)
          .then((detail): [number, Entry] => [runKey, { detail }])
          .catch((e: unknown): [number, Entry] => [runKey, { message: e instanceof ApiError || e instanceof Error ? e.message : String(e) }]),
      ),
    ).then((loaded) => {
      if (!live.current) return;
      setEntries((prev) => {
        const next = new Map(prev);
        for (const [runKey, entry] of loaded) next.set(runKey, entry);
        return next;
      });
    });
  }, []);

  useEffect(() => {
    live.current = true;
    load(runKeys);
    return () => {
      live.current = false;
    };
    // runSig stands for runKeys.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [runSig, load]);

  useRunsChanged(runKeys, load);

  return useMemo(() => {
    const details: RunDetail[] = [];
    const failures: { runKey: number; message: string }[] = [];
    let answered = 0;
    for (const runKey of runKeys) {
      const entry = entries.get(runKey);
      if (!entry) continue;
      answered += 1;
      if ('detail' in entry) details.push(entry.detail);
      else failures.push({ runKey, message: entry.message });
    }
    return { details, failures, loading: answered < runKeys.length };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entries, runSig]);
}
