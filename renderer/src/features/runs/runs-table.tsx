import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import type { RunRow } from '../../../../preload/contract.js';
import { Menu, type MenuItem } from '../../components/menu.js';
import { useNow } from '../../components/use-now.js';
import { navigate } from '../../navigation.js';
import { useAppStore } from '../../store/app-store.js';
import { showToast } from '../../store/project-actions.js';
import { setSelection, updateRunsView } from '../../store/runs-actions.js';
import { nextSort, uniformColumns, type ColumnDef, type ColumnPrefs, type SortSpec } from './column-model.js';
import { gridLayout, HEADER_HEIGHT, OVERSCAN_ROWS, ROW_HEIGHT } from './grid-layout.js';
import type { DisplayRow } from './row-model.js';
import { GridHeader } from './runs-grid-header.js';
import { GridRow, rowDomId, type RowHandlers } from './runs-grid-row.js';
import { addKeys, clickRow, toggleKey } from './selection.js';
import type { TableQuery } from './table-query.js';
import { useExpansions } from './use-expansions.js';
import { useRunPages } from './use-run-pages.js';
import { rowWindow, rowWindowLength } from './virtual-window.js';

export interface RunsTableProps {
  query: TableQuery | null;
  /** Visible columns in display order (pinned first), before "only columns that differ". */
  columns: ColumnDef[];
  prefs: ColumnPrefs;
  sort: SortSpec | null;
  onlyDiffering: boolean;
  experimentName: (experimentKey: number) => string;
  /** Opens the column picker (header menu). */
  onPickColumns(): void;
  /** A header was dragged onto another: move `columnId` before `beforeId` (null: to the end). */
  onMoveColumn(columnId: string, beforeId: string | null): void;
  emptyMessage: string;
}

const PREFETCH_ROWS = 100;

interface ResolvedRow {
  run: RunRow | null;
  depth: number;
  baseIndex: number | null;
}

/**
 * The runs grid: virtualised rows (fixed height, only what is on screen plus overscan) and
 * columns, pages fetched by offset as the user scrolls, sorting done by the index, nested runs
 * expandable in place, mouse and keyboard selection, copy and context menus.
 */
export function RunsTable({
  query,
  columns,
  prefs,
  sort,
  onlyDiffering,
  experimentName,
  onPickColumns,
  onMoveColumn,
  emptyMessage,
}: RunsTableProps) {
  const { cache, version, error } = useRunPages(query);
  const baseCount = cache?.total ?? 0;
  const expansions = useExpansions(query, baseCount);
  const model = expansions.model;
  const selection = useAppStore((s) => s.selection);
  const now = useNow();

  // ── viewport and scroll position
  const viewportRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ width: 1200, height: 600 });
  const [scroll, setScroll] = useState({ top: 0, left: 0 });
  useLayoutEffect(() => {
    const el = viewportRef.current;
    if (!el) return;
    const measure = () => setViewport({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const [focusIndex, setFocusIndex] = useState(0);
  // A new query starts at the top.
  useEffect(() => {
    viewportRef.current?.scrollTo({ top: 0 });
    setFocusIndex(0);
  }, [query?.key]);

  const bodyHeight = Math.max(0, viewport.height - HEADER_HEIGHT);
  const rows = rowWindow(scroll.top, bodyHeight, ROW_HEIGHT, model.count, OVERSCAN_ROWS);
  // The longest window rowWindow returns for this height: row i renders in slot i % rowSlots.
  const rowSlots = rowWindowLength(bodyHeight, ROW_HEIGHT, OVERSCAN_ROWS);

  // Only re-render when the rendered window changes, not for every scrolled pixel; and then at
  // once (flushSync), so the frame that shows the new scroll position also shows its rows.
  const scrollRef = useRef(scroll);
  scrollRef.current = scroll;
  const onScroll = () => {
    const el = viewportRef.current;
    if (!el) return;
    const top = el.scrollTop;
    const left = el.scrollLeft;
    const s = scrollRef.current;
    const a = rowWindow(s.top, bodyHeight, ROW_HEIGHT, model.count, OVERSCAN_ROWS);
    const b = rowWindow(top, bodyHeight, ROW_HEIGHT, model.count, OVERSCAN_ROWS);
    const sameRows = a.start === b.start && a.end === b.end;
    const sameCols = Math.abs(s.left - left) < 80 && !(left === 0 && s.left !== 0);
    if (!sameRows || !sameCols) flushSync(() => setScroll({ top, left }));
  };

  // ── resolve display rows → runs, and tell the cache what is wanted
  const resolve = useCallback(
    (index: number): ResolvedRow | null => {
      const line: DisplayRow | undefined = model.at(index);
      if (!line) return null;
      if (line.kind === 'base') return { run: cache?.row(line.baseIndex) ?? null, depth: 0, baseIndex: line.baseIndex };
      if (line.kind === 'child') return { run: line.run, depth: line.depth, baseIndex: null };
      return { run: null, depth: line.depth, baseIndex: null };
    },
    // `version` changes whenever the cache receives rows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [model, cache, version],
  );

  useEffect(() => {
    if (!cache) return;
    if (cache.total === null) {
      // Nothing known yet: ask for the first screenful.
      cache.want(0, Math.ceil(bodyHeight / ROW_HEIGHT) + OVERSCAN_ROWS);
      return;
    }
    // The base rows in the window (expanded children in between are already loaded).
    let lo = Number.POSITIVE_INFINITY;
    let hi = -1;
    for (let i = rows.start; i < rows.end; i++) {
      const line = model.at(i);
      if (line?.kind === 'base') {
        lo = Math.min(lo, line.baseIndex);
        hi = Math.max(hi, line.baseIndex);
      }
    }
    // Half a page beyond each edge: the next page is often on its way before it scrolls into view.
    if (hi >= 0) cache.want(Math.max(0, lo - PREFETCH_ROWS), hi + 1 + PREFETCH_ROWS);
    // `version`: after the first page answers, the window is known and the rest can be asked for.
  }, [cache, model, rows.start, rows.end, bodyHeight, version]);

  // ── columns: widths (live while resizing), only-differing, layout
  const [liveWidth, setLiveWidth] = useState<{ id: string; width: number } | null>(null);
  const uniform = useMemo(
    () => (onlyDiffering && cache ? uniformColumns(columns, cache.loadedRows(), { now, experimentName }) : null),
    // Recomputed as pages arrive (`version`).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [onlyDiffering, cache, version, columns, experimentName],
  );
  const shownColumns = useMemo(() => (uniform ? columns.filter((c) => !uniform.has(c.id)) : columns), [columns, uniform]);
  const widths = useMemo(
    () => shownColumns.map((c) => (liveWidth?.id === c.id ? liveWidth.width : (prefs.widths[c.id] ?? c.defaultWidth))),
    [shownColumns, prefs.widths, liveWidth],
  );
  const layout = useMemo(() => gridLayout(shownColumns, widths, scroll.left, viewport.width), [shownColumns, widths, scroll.left, viewport.width]);

  // ── selection and focus
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  const clickGeneration = useRef(0);

  const keyAt = useCallback((i: number) => resolve(i)?.run?.runKey, [resolve]);

  const selectWithMods = useCallback(
    (index: number, run: RunRow, mods: { shift: boolean; toggle: boolean }) => {
      const result = clickRow(selectionRef.current, index, run.runKey, mods, keyAt);
      setSelection(result.selection);
      setFocusIndex(index);
      const generation = ++clickGeneration.current;
      if (result.pending.length > 0 && cache) {
        // A Shift+click range over rows never scrolled to: add them as their pages arrive.
        const pending = result.pending;
        const baseIndices = pending.map((i) => model.at(i)).flatMap((line) => (line?.kind === 'base' ? [line.baseIndex] : []));
        void cache.ensure(baseIndices).then(() => {
          if (generation !== clickGeneration.current) return;
          const keys = pending.map((i) => keyAt(i)).filter((k): k is number => k !== undefined);
          setSelection(addKeys(selectionRef.current, keys));
        });
      }
    },
    [cache, keyAt, model],
  );

  const openRun = useCallback((run: RunRow) => navigate({ name: 'run', runKey: run.runKey }), []);

  const copyIds = useCallback(
    (runs: RunRow[]) => {
      if (runs.length === 0) return;
      const text = runs.map((r) => r.runId).join('\n');
      navigator.clipboard.writeText(text).then(
        () => showToast(runs.length === 1 ? 'Copied run ID' : `Copied ${runs.length} run IDs`),
        () => showToast('Could not copy to the clipboard', 'error'),
      );
    },
    [],
  );

  /** Selected runs that are loaded (in display order), else the focused run. */
  const targetRuns = useCallback((): RunRow[] => {
    const keys = selectionRef.current.keys;
    const found: RunRow[] = [];
    if (keys.size > 0) {
      for (let i = 0; i < model.count && found.length < keys.size; i++) {
        const run = resolve(i)?.run;
        if (run && keys.has(run.runKey)) found.push(run);
        if (i > 20_000) break;
      }
    }
    if (found.length > 0) return found;
    const focused = resolve(focusIndex)?.run;
    return focused ? [focused] : [];
  }, [model, resolve, focusIndex]);

  // ── context menus
  const [menu, setMenu] = useState<{ at: { x: number; y: number }; items: MenuItem[]; label: string } | null>(null);

  const rowMenu = useCallback(
    (index: number, run: RunRow, at: { x: number; y: number }) => {
      if (!selectionRef.current.keys.has(run.runKey)) selectWithMods(index, run, { shift: false, toggle: false });
      else setFocusIndex(index);
      const count = Math.max(1, selectionRef.current.keys.size);
      const resolved = resolve(index);
      const items: MenuItem[] = [
        { label: 'Open run', shortcut: 'Enter', onSelect: () => openRun(run) },
        { label: count > 1 ? `Copy ${count} run IDs` : 'Copy run ID', shortcut: 'Ctrl+C', onSelect: () => copyIds(targetRuns()) },
        { label: 'Copy run name', onSelect: () => void navigator.clipboard.writeText(run.runName).then(() => showToast('Copied run name')) },
        { kind: 'separator' },
        {
          label: count < 2 ? 'Compare (select two or more runs)' : `Compare ${count} runs`,
          disabled: count < 2,
          onSelect: () => navigate({ name: 'compare', runKeys: [...selectionRef.current.keys] }),
        },
      ];
      if (query?.nested && run.childCount > 0 && resolved) {
        items.push({
          label: expansions.isExpanded(run.runKey) ? 'Collapse child runs' : `Expand ${run.childCount} child runs`,
          onSelect: () => expansions.toggle(run, resolved.baseIndex),
        });
      }
      setMenu({ at, items, label: `Run ${run.runName || run.runId}` });
    },
    [copyIds, expansions, openRun, query?.nested, resolve, selectWithMods, targetRuns],
  );

  const handlersRef = useRef<RowHandlers>(null as unknown as RowHandlers);
  handlersRef.current = {
    onRowClick: (index, run, event) => {
      viewportRef.current?.focus({ preventScroll: true });
      selectWithMods(index, run, { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey });
    },
    onCheck: (index, run) => selectWithMods(index, run, { shift: false, toggle: true }),
    onOpen: openRun,
    onContextMenu: (index, run, event) => {
      event.preventDefault();
      rowMenu(index, run, { x: event.clientX, y: event.clientY });
    },
    onToggleExpand: (index, run) => expansions.toggle(run, resolve(index)?.baseIndex ?? null),
  };
  // Stable identity for the memoised rows; calls go to the latest handlers.
  const handlers = useMemo<RowHandlers>(
    () => ({
      onRowClick: (...a) => handlersRef.current.onRowClick(...a),
      onCheck: (...a) => handlersRef.current.onCheck(...a),
      onOpen: (...a) => handlersRef.current.onOpen(...a),
      onContextMenu: (...a) => handlersRef.current.onContextMenu(...a),
      onToggleExpand: (...a) => handlersRef.current.onToggleExpand(...a),
    }),
    [],
  );

  const headerMenu = (column: ColumnDef, event: MouseEvent) => {
    event.preventDefault();
    const items: MenuItem[] = [];
    if (column.sortExpr) {
      items.push(
        { label: 'Sort ascending', onSelect: () => updateRunsView({ sort: { columnId: column.id, desc: false } }) },
        { label: 'Sort descending', onSelect: () => updateRunsView({ sort: { columnId: column.id, desc: true } }) },
      );
    }
    if (sort) items.push({ label: 'Clear sort', onSelect: () => updateRunsView({ sort: null }) });
    if (items.length > 0) items.push({ kind: 'separator' });
    items.push({
      label: 'Reset width',
      onSelect: () => {
        const widthsPref = { ...prefs.widths };
        delete widthsPref[column.id];
        updateRunsView({ columns: { ...prefs, widths: widthsPref } });
      },
    });
    if (!column.pinned) {
      items.push({
        label: 'Hide column',
        onSelect: () => updateRunsView({ columns: { ...prefs, hidden: [...prefs.hidden.filter((id) => id !== column.id), column.id], shown: prefs.shown.filter((id) => id !== column.id) } }),
      });
    }
    items.push({ label: 'Choose columns…', onSelect: onPickColumns });
    setMenu({ at: { x: event.clientX, y: event.clientY }, items, label: `Column ${column.title}` });
  };

  // ── keyboard
  const scrollToIndex = useCallback(
    (index: number) => {
      const el = viewportRef.current;
      if (!el) return;
      const top = index * ROW_HEIGHT;
      const visibleTop = el.scrollTop;
      const visibleBottom = el.scrollTop + el.clientHeight - HEADER_HEIGHT;
      if (top < visibleTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > visibleBottom) el.scrollTop = top + ROW_HEIGHT - (el.clientHeight - HEADER_HEIGHT);
    },
    [],
  );

  const moveFocus = (to: number, extend: boolean) => {
    if (model.count === 0) return;
    const index = Math.max(0, Math.min(model.count - 1, to));
    setFocusIndex(index);
    scrollToIndex(index);
    if (extend) {
      const run = resolve(index)?.run;
      if (run) {
        const anchor = selectionRef.current.anchor ?? focusIndex;
        const result = clickRow({ ...selectionRef.current, anchor }, index, run.runKey, { shift: true, toggle: false }, keyAt);
        setSelection(result.selection);
      }
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const mod = event.ctrlKey || event.metaKey;
    const page = Math.max(1, Math.floor(bodyHeight / ROW_HEIGHT) - 1);
    const focused = resolve(focusIndex);
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        moveFocus(focusIndex + 1, event.shiftKey);
        return;
      case 'ArrowUp':
        event.preventDefault();
        moveFocus(focusIndex - 1, event.shiftKey);
        return;
      case 'PageDown':
        event.preventDefault();
        moveFocus(focusIndex + page, event.shiftKey);
        return;
      case 'PageUp':
        event.preventDefault();
        moveFocus(focusIndex - page, event.shiftKey);
        return;
      case 'Home':
        event.preventDefault();
        moveFocus(0, event.shiftKey);
        return;
      case 'End':
        event.preventDefault();
        moveFocus(model.count - 1, event.shiftKey);
        return;
      case ' ':
        event.preventDefault();
        if (focused?.run) setSelection(toggleKey(selectionRef.current, focusIndex, focused.run.runKey));
        return;
      case 'Enter':
        event.preventDefault();
        if (focused?.run) openRun(focused.run);
        return;
      case 'ArrowRight':
      case 'ArrowLeft': {
        const run = focused?.run;
        if (!query?.nested || !run || run.childCount === 0) return;
        const open = expansions.isExpanded(run.runKey);
        if ((event.key === 'ArrowRight') !== open) {
          event.preventDefault();
          expansions.toggle(run, focused.baseIndex);
        }
        return;
      }
      case 'Escape':
        if (selectionRef.current.keys.size > 0) {
          event.preventDefault();
          setSelection({ keys: new Set(), anchor: null });
        }
        return;
      case 'ContextMenu':
      case 'F10':
        if (event.key === 'F10' && !event.shiftKey) return;
        event.preventDefault();
        if (focused?.run) {
          const rowEl = document.getElementById(rowDomId(focusIndex));
          const box = rowEl?.getBoundingClientRect();
          rowMenu(focusIndex, focused.run, { x: (box?.left ?? 0) + 60, y: box?.bottom ?? 0 });
        }
        return;
    }
    if (mod && (event.key === 'c' || event.key === 'C')) {
      event.preventDefault();
      copyIds(targetRuns());
    } else if (mod && (event.key === 'a' || event.key === 'A')) {
      event.preventDefault();
      const keys = new Set<number>();
      for (let i = 0; i < model.count; i++) {
        const run = resolve(i)?.run;
        if (run) keys.add(run.runKey);
      }
      setSelection({ keys, anchor: 0 });
      if (keys.size < model.count) showToast(`Selected the ${keys.size.toLocaleString()} loaded runs`);
    }
  };

  // ── header checkbox
  const loadedKeys = useMemo(() => {
    const keys: number[] = [];
    for (let i = rows.start; i < rows.end; i++) {
      const run = resolve(i)?.run;
      if (run) keys.push(run.runKey);
    }
    return keys;
  }, [resolve, rows.start, rows.end]);
  const checkState: 'all' | 'some' | 'none' =
    selection.keys.size === 0 ? 'none' : loadedKeys.length > 0 && loadedKeys.every((k) => selection.keys.has(k)) ? 'all' : 'some';
  const toggleAll = () => {
    if (checkState !== 'none') {
      setSelection({ keys: new Set(), anchor: null });
      return;
    }
    const keys = new Set<number>();
    for (let i = 0; i < model.count; i++) {
      const run = resolve(i)?.run;
      if (run) keys.add(run.runKey);
    }
    setSelection({ keys, anchor: 0 });
  };

  // ── render
  // In slot order, not row order: rows are absolutely positioned (and carry aria-rowindex), and a
  // stable DOM order means React never has to move row elements while scrolling.
  const rendered: ReactNode[] = new Array<ReactNode>(rowSlots).fill(null);
  for (let i = rows.start; i < rows.end; i++) {
    const r = resolve(i);
    if (!r) continue;
    const run = r.run;
    rendered[i % rowSlots] = (
      <GridRow
        // Keyed by slot, not by run: a row scrolling in takes the slot (and the DOM) of the row
        // that just scrolled out at the other end, so scrolling updates text instead of rebuilding rows.
        key={`slot-${i % rowSlots}`}
        index={i}
        run={run}
        depth={r.depth}
        layout={layout}
        selected={run ? selection.keys.has(run.runKey) : false}
        focused={i === focusIndex}
        expandable={Boolean(query?.nested && run && run.childCount > 0)}
        expanded={run ? expansions.isExpanded(run.runKey) : false}
        now={now}
        experimentName={experimentName}
        handlers={handlers}
      />
    );
  }

  const settled = cache?.settled ?? false;
  const empty = settled && model.count === 0 && !error;

  return (
    <div className="runs-grid">
      <div
        ref={viewportRef}
        className="runs-grid__viewport"
        role="grid"
        aria-label="Runs"
        aria-rowcount={model.count}
        aria-colcount={layout.columnCount}
        aria-multiselectable="true"
        aria-busy={!settled}
        aria-activedescendant={model.count > 0 ? rowDomId(focusIndex) : undefined}
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={onKeyDown}
      >
        <div className="runs-grid__canvas" style={{ width: layout.totalWidth, height: HEADER_HEIGHT + model.count * ROW_HEIGHT }}>
          <GridHeader
            layout={layout}
            sort={sort}
            checkState={checkState}
            onToggleAll={toggleAll}
            onSort={(column) => updateRunsView({ sort: nextSort(sort, column) })}
            onResize={(id, width, commit) => {
              if (!commit) {
                setLiveWidth({ id, width });
                return;
              }
              setLiveWidth(null);
              updateRunsView({ columns: { ...prefs, widths: { ...prefs.widths, [id]: width } } });
            }}
            onMove={onMoveColumn}
            nextColumnId={(id) => {
              const movable = columns.filter((c) => !c.pinned);
              const i = movable.findIndex((c) => c.id === id);
              return movable[i + 1]?.id ?? null;
            }}
            onHeaderMenu={headerMenu}
          />
          <div className="runs-grid__body" role="rowgroup">
            {rendered}
          </div>
        </div>
        {empty ? <div className="runs-grid__message">{emptyMessage}</div> : null}
        {error ? (
          <div className="runs-grid__message runs-grid__message--error" role="alert">
            {error}
          </div>
        ) : null}
      </div>
      {menu ? <Menu at={menu.at} items={menu.items} label={menu.label} onClose={() => setMenu(null)} /> : null}
    </div>
  );
}
