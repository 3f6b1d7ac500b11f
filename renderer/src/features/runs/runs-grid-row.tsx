import { memo, type MouseEvent } from 'react';
import type { RunRow } from '../../../../preload/contract.js';
import { CellContent, type NameCellState } from './run-cells.js';
import type { ColumnDef } from './column-model.js';
import { CHECK_WIDTH, ROW_HEIGHT, type GridLayout } from './grid-layout.js';

export interface RowHandlers {
  onRowClick(index: number, run: RunRow, event: MouseEvent): void;
  onCheck(index: number, run: RunRow): void;
  onOpen(run: RunRow): void;
  onContextMenu(index: number, run: RunRow, event: MouseEvent): void;
  onToggleExpand(index: number, run: RunRow): void;
}

export interface GridRowProps {
  index: number;
  /** Null while the row's page is loading. */
  run: RunRow | null;
  depth: number;
  layout: GridLayout;
  selected: boolean;
  focused: boolean;
  expandable: boolean;
  expanded: boolean;
  now: number;
  experimentName: (experimentKey: number) => string;
  handlers: RowHandlers;
}

/** `grid-cell grid-cell--metric grid-cell--right`; attribute cells also name their attribute (`grid-cell--attr-start`). */
function cellClass(column: ColumnDef): string {
  return `grid-cell grid-cell--${column.kind}${column.kind === 'attr' ? ` grid-cell--attr-${column.key}` : ''}${
    column.align === 'right' ? ' grid-cell--right' : ''
  }`;
}

export function rowDomId(index: number): string {
  return `runs-row-${index}`;
}

/**
 * One line of the runs grid, absolutely positioned. Memoised: scrolling re-renders only the
 * rows that enter the window, not the ones already on screen.
 */
export const GridRow = memo(function GridRow({
  index,
  run,
  depth,
  layout,
  selected,
  focused,
  expandable,
  expanded,
  now,
  experimentName,
  handlers,
}: GridRowProps) {
  const style = { top: index * ROW_HEIGHT, width: layout.totalWidth };
  // A row whose page is still loading keeps the same structure (empty cells, a placeholder bar
  // in the name): when its data arrives, or the slot is reused, React only fills in content.
  const nameState: NameCellState | null = run
    ? { depth, expandable, expanded, onToggle: () => handlers.onToggleExpand(index, run) }
    : null;
  const className = run
    ? `grid-row${selected ? ' grid-row--selected' : ''}${focused ? ' grid-row--focused' : ''}${depth > 0 ? ' grid-row--child' : ''}${
        run.lifecycleStage === 'deleted' ? ' grid-row--deleted' : ''
      }`
    : 'grid-row grid-row--loading';
  const cell = (column: ColumnDef) =>
    run && nameState ? (
      <CellContent column={column} run={run} now={now} experimentName={experimentName} nameState={nameState} />
    ) : column.id === 'attr:name' ? (
      <span className="skeleton" style={{ marginLeft: depth * 16 + 21 }} />
    ) : null;
  // Pinned and scrolling columns render the same cell; only the strip they sit in differs.
  const gridCell = ({ column, width }: { column: ColumnDef; width: number }) => (
    <div key={column.id} className={cellClass(column)} role="gridcell" aria-colindex={layout.colIndex.get(column.id)} style={{ width }}>
      {cell(column)}
    </div>
  );
  return (
    <div
      className={className}
      role="row"
      id={rowDomId(index)}
      aria-rowindex={index + 1}
      aria-busy={run ? undefined : true}
      aria-selected={run ? selected : undefined}
      aria-level={depth + 1}
      aria-expanded={run && expandable ? expanded : undefined}
      data-run-key={run?.runKey}
      style={style}
      onClick={run ? (event) => handlers.onRowClick(index, run, event) : undefined}
      onDoubleClick={run ? () => handlers.onOpen(run) : undefined}
      onContextMenu={run ? (event) => handlers.onContextMenu(index, run, event) : undefined}
    >
      <div className="grid-pinned" style={{ width: layout.pinnedWidth }}>
        <div className="grid-cell grid-cell--check" role="gridcell" aria-colindex={1} style={{ width: CHECK_WIDTH }}>
          {run ? (
            <input
              type="checkbox"
              className="checkbox"
              tabIndex={-1}
              checked={selected}
              aria-label={`Select ${run.runName || run.runId}`}
              onClick={(event) => event.stopPropagation()}
              onChange={() => handlers.onCheck(index, run)}
            />
          ) : null}
        </div>
        {layout.pinned.map(gridCell)}
      </div>
      <div className="grid-lead" style={{ width: layout.leadingSpace }} />
      {layout.scrolling.map(gridCell)}
    </div>
  );
});
