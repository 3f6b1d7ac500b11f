import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MetricSeries } from '../../../../preload/contract.js';
import { call } from '../../api/bridge.js';
import { HistoryCache } from './history-cache.js';
import { useRunsChanged } from './use-runs-changed.js';

export interface MetricHistory {
  series: MetricSeries[];
  /** True while a request is in flight (old points stay visible meanwhile). */
  loading: boolean;
  error: string | null;
  /** Metrics answered for every run: their charts can be drawn (others show a placeholder). */
  answeredKeys: ReadonlySet<string>;
}

/**
 * Metric histories of `runKeys` × `keys` at `maxPoints` per series, fetched lazily through
 * `runs:history` and refreshed when the index reports that one of the runs changed.
 */
export function useMetricHistory(runKeys: readonly number[], keys: readonly string[], maxPoints: number): MetricHistory {
  const cacheRef = useRef<HistoryCache | null>(null);
  if (cacheRef.current === null || cacheRef.current.maxPoints !== maxPoints) cacheRef.current = new HistoryCache(maxPoints);
  const cache = cacheRef.current;
  const [version, setVersion] = useState(0);
  const [inFlight, setInFlight] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const runSig = runKeys.join(',');
  const keySig = JSON.stringify(keys);

  const fetchMissing = useCallback(() => {
    for (const request of cache.plan(runKeys, keys)) {
      setInFlight((n) => n + 1);
      call('runs:history', request.query)
        .then((result) => {
          cache.store(request, result);
          setError(null);
        })
        .catch((e: unknown) => {
          cache.forget(request);
          setError(e instanceof Error ? e.message : String(e));
        })
        .finally(() => {
          setInFlight((n) => n - 1);
          setVersion((v) => v + 1);
        });
    }
    // runSig/keySig stand for runKeys/keys, which callers may rebuild on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cache, runSig, keySig]);

  useEffect(fetchMissing, [fetchMissing]);

  useRunsChanged(
    runKeys,
    (changed) => {
      cache.invalidateRuns(changed);
      fetchMissing();
    },
    false,
  );

  const series = useMemo(
    () => cache.select(runKeys, keys),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cache, runSig, keySig, version],
  );
  const answeredKeys = useMemo(
    () => new Set(keys.filter((k) => cache.isAnswered(runKeys, k))),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cache, runSig, keySig, version],
  );
  return { series, loading: inFlight > 0, error, answeredKeys };
}
