import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { ApiError, call } from '../../api/bridge.js';
import { useAppStore } from '../../store/app-store.js';
import { errorMessage } from '../../store/error-message.js';
import { reportFilterError } from '../../store/runs-actions.js';
import { RunPageCache } from './run-page-cache.js';
import type { TableQuery } from './table-query.js';

export const PAGE_SIZE = 200;

/**
 * The page cache of the current query: a new one whenever the query changes, refreshed in place
 * when the index reports changed runs. Reports the count, the first answer (`data-app-state`)
 * and filter errors to the store.
 */
export function useRunPages(query: TableQuery | null): { cache: RunPageCache | null; version: number; error: string | null } {
  const cache = useMemo(
    () =>
      query
        ? new RunPageCache((offset, limit) => call('runs:list', { ...query.rows, offset, limit }), { pageSize: PAGE_SIZE })
        : null,
    // The key is the query's identity; `query` itself is a new object on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [query?.key],
  );
  useEffect(() => () => cache?.dispose(), [cache]);

  const version = useSyncExternalStore(
    (listener) => (cache ? cache.subscribe(listener) : () => undefined),
    () => cache?.version ?? -1,
  );

  // Runs changed on disk: re-read what is on screen (not on the first render of a cache).
  const dataVersion = useAppStore((s) => s.runsDataVersion);
  const seenVersion = useRef(dataVersion);
  useEffect(() => {
    if (seenVersion.current === dataVersion) return;
    seenVersion.current = dataVersion;
    cache?.refresh();
  }, [dataVersion, cache]);

  // The count: the cache's total, or a separate count of all matches when children are nested.
  const structureVersion = useAppStore((s) => s.runsStructureVersion);
  const countKey = query?.count ? JSON.stringify(query.count) : null;
  useEffect(() => {
    if (!query?.count) return;
    let live = true;
    call('runs:list', { ...query.count, offset: 0, limit: 0 }).then(
      (page) => live && useAppStore.setState({ matchCount: page.total }),
      () => undefined,
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [countKey, structureVersion]);

  const error = cache?.error ?? null;
  useEffect(() => {
    if (!cache?.settled) return;
    useAppStore.setState({ runsSettled: true, ...(query?.count ? {} : { matchCount: cache.total }) });
    if (error instanceof ApiError && error.code === 'PARSE_ERROR') reportFilterError(error.message, error.position ?? null);
  }, [cache, version, error, query?.count]);

  return { cache, version, error: error === null ? null : errorMessage(error) };
}
