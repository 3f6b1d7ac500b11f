import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RunRow } from '../../../../preload/contract.js';
import { call } from '../../api/bridge.js';
import { useAppStore } from '../../store/app-store.js';
import { childrenFilter } from './filter-text.js';
import { buildRowModel, type ExpandedBase, type RowModel } from './row-model.js';
import type { TableQuery } from './table-query.js';

/** More children than this under one parent are listed up to this many (a filter shows them all). */
const MAX_CHILDREN = 2000;

export interface Expansions {
  model: RowModel;
  isExpanded(runKey: number): boolean;
  /** Expands or collapses a run; `baseIndex` when it is a base row (top-level), null for a child. */
  toggle(run: RunRow, baseIndex: number | null): void;
}

/**
 * Expanded parents and their children. Children are fetched with the parent's filter
 * (`tags.mlflow.parentRunId = <id>`), in the table's sort order, when first expanded, and
 * re-read when runs change. Everything starts over when the query changes.
 */
export function useExpansions(query: TableQuery | null, baseCount: number): Expansions {
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const [bases, setBases] = useState<ExpandedBase[]>([]);
  const [childrenOf, setChildrenOf] = useState<ReadonlyMap<number, RunRow[] | 'loading'>>(() => new Map());
  const runIds = useRef(new Map<number, string>());

  const queryKey = query?.key ?? null;
  useEffect(() => {
    setExpanded(new Set());
    setBases([]);
    setChildrenOf(new Map());
    runIds.current = new Map();
  }, [queryKey]);

  const fetchChildren = useCallback(
    (runKey: number, runId: string) => {
      if (!query) return;
      const { experimentKeys, orderBy, view } = query.rows;
      call('runs:list', { experimentKeys, orderBy, view, filter: childrenFilter(runId), offset: 0, limit: MAX_CHILDREN }).then(
        (page) => setChildrenOf((m) => new Map(m).set(runKey, page.rows)),
        () => setChildrenOf((m) => new Map(m).set(runKey, [])),
      );
    },
    [query],
  );

  // Runs changed on disk: re-read the children on screen.
  const dataVersion = useAppStore((s) => s.runsDataVersion);
  const seen = useRef(dataVersion);
  useEffect(() => {
    if (seen.current === dataVersion) return;
    seen.current = dataVersion;
    for (const key of expanded) {
      const runId = runIds.current.get(key);
      if (runId) fetchChildren(key, runId);
    }
  }, [dataVersion, expanded, fetchChildren]);

  const toggle = useCallback(
    (run: RunRow, baseIndex: number | null) => {
      const isOpen = expanded.has(run.runKey);
      const next = new Set(expanded);
      if (isOpen) next.delete(run.runKey);
      else next.add(run.runKey);
      setExpanded(next);
      if (baseIndex !== null) {
        setBases((list) =>
          isOpen ? list.filter((b) => b.runKey !== run.runKey) : [...list.filter((b) => b.runKey !== run.runKey), { baseIndex, runKey: run.runKey }],
        );
      }
      if (!isOpen && !childrenOf.has(run.runKey)) {
        runIds.current.set(run.runKey, run.runId);
        setChildrenOf((m) => new Map(m).set(run.runKey, 'loading'));
        fetchChildren(run.runKey, run.runId);
      }
    },
    [expanded, childrenOf, fetchChildren],
  );

  const model = useMemo(() => buildRowModel(baseCount, bases, childrenOf, expanded), [baseCount, bases, childrenOf, expanded]);
  const isExpanded = useCallback((runKey: number) => expanded.has(runKey), [expanded]);
  return { model, isExpanded, toggle };
}
