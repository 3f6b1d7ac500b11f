import { useEffect, useRef } from 'react';
import { events } from '../../api/bridge.js';
import { createCoalescer, LIVE_REFRESH_MS } from './live-refresh.js';

/**
 * Calls `onChange` with the runs among `runKeys` that the index reported as changed, at most once
 * per LIVE_REFRESH_MS. With `includeStructural`, a structural change (runs added or removed)
 * reports every watched run, since any of them may be gone; metric histories skip that, as a
 * new run elsewhere changes none of their points.
 */
export function useRunsChanged(runKeys: readonly number[], onChange: (changed: number[]) => void, includeStructural = true): void {
  const callback = useRef(onChange);
  callback.current = onChange;
  const watched = useRef(new Set<number>());
  watched.current = new Set(runKeys);
  const structural = useRef(includeStructural);
  structural.current = includeStructural;

  useEffect(() => {
    const coalescer = createCoalescer<number>(LIVE_REFRESH_MS, (keys) => callback.current([...keys]));
    const unsubscribe = events.onRunsChanged((change) => {
      const hits = change.structural && structural.current ? [...watched.current] : change.runKeys.filter((k) => watched.current.has(k));
      coalescer.add(hits);
    });
    return () => {
      unsubscribe();
      coalescer.cancel();
    };
  }, []);
}
