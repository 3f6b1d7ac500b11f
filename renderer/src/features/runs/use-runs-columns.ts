import { useCallback, useMemo } from 'react';
import type { ColumnSet, RunQuery } from '../../../../preload/contract.js';
import { useAppStore } from '../../store/app-store.js';
import { TOP_LEVEL_FILTER } from '../../store/runs-actions.js';
import { allColumns, isVisible, orderColumns, type ColumnDef } from './column-model.js';
import { tableQuery, type TableQuery } from './table-query.js';

/** Every column for the current experiments in display order, and the visible ones. */
export function useRunsColumns(): { all: ColumnDef[]; visible: ColumnDef[] } {
  const columnSet = useAppStore((s) => s.columnSet);
  const prefs = useAppStore((s) => s.runsView.columns);
  const experimentCount = useAppStore((s) => s.selectedExperimentKeys.length);
  return useMemo(() => {
    const all = orderColumns(allColumns(columnSet), prefs);
    return { all, visible: all.filter((c) => isVisible(c, prefs, experimentCount)) };
  }, [columnSet, prefs, experimentCount]);
}

/** The table's query, rebuilt only when one of its inputs changes. */
export function useTableQuery(): TableQuery | null {
  const experimentKeys = useAppStore((s) => s.selectedExperimentKeys);
  const filter = useAppStore((s) => s.runsView.filter);
  const sort = useAppStore((s) => s.runsView.sort);
  const runView = useAppStore((s) => s.runsView.runView);
  const nestingSupported = useAppStore((s) => s.nestingSupported);
  return useMemo(
    () => tableQuery({ experimentKeys, filter, sort, runView, nestingSupported, topLevelFilter: TOP_LEVEL_FILTER }),
    [experimentKeys, filter, sort, runView, nestingSupported],
  );
}

/** Experiment key → name, for the Experiment column and the palette. */
export function useExperimentName(): (experimentKey: number) => string {
  const experiments = useAppStore((s) => s.experiments);
  const names = useMemo(() => new Map(experiments.map((e) => [e.experimentKey, e.name])), [experiments]);
  return useCallback((key: number) => names.get(key) ?? '', [names]);
}

export interface ExportContext {
  /** Every run the table's filter matches (children included), for "all matching runs". */
  query: RunQuery;
  selectedRunKeys: number[];
  /** Visible param/metric/tag columns, in table order. */
  visibleColumns: ColumnSet;
}

/** What "Export CSV" hands the export dialog: the current query, selection and visible columns. */
export function useExportContext(): ExportContext | null {
  const query = useTableQuery();
  const { visible } = useRunsColumns();
  const selection = useAppStore((s) => s.selection);
  return useMemo(() => {
    if (!query) return null;
    const base = query.count ?? query.rows;
    const pick = (kind: ColumnDef['kind']) => visible.filter((c) => c.kind === kind).map((c) => c.key);
    return {
      query: { ...base, offset: 0, limit: 0 },
      selectedRunKeys: [...selection.keys],
      visibleColumns: { params: pick('param'), metrics: pick('metric'), tags: pick('tag') },
    };
  }, [query, visible, selection]);
}
