import { useRef, useState, type MouseEvent, type PointerEvent } from 'react';
import { clampWidth, type ColumnDef, type SortSpec } from './column-model.js';
import { CHECK_WIDTH, HEADER_HEIGHT, type GridLayout } from './grid-layout.js';

const DRAG_TYPE = 'application/x-rundesk-column';
const KIND_WORD = { attr: '', metric: 'Metric', param: 'Parameter', tag: 'Tag' } as const;

export interface GridHeaderProps {
  layout: GridLayout;
  sort: SortSpec | null;
  /** 'all' | 'some' | 'none' of the loaded rows selected: the header checkbox. */
  checkState: 'all' | 'some' | 'none';
  onToggleAll(): void;
  onSort(column: ColumnDef): void;
  /** While dragging a resize handle (`commit` false) and when it is released (`commit` true). */
  onResize(columnId: string, width: number, commit: boolean): void;
  /** Drop `columnId` before `beforeId` (null: after the last column). */
  onMove(columnId: string, beforeId: string | null): void;
  /** Id of the scrolled column after this one (for "drop after"), null for the last. */
  nextColumnId(columnId: string): string | null;
  onHeaderMenu(column: ColumnDef, event: MouseEvent): void;
}

/**
 * The grid's header row: click to sort (by the index), drag the right edge to resize, drag a
 * header to move its column, right-click for the column menu. Pinned columns (status, name)
 * can be resized and sorted but not moved.
 */
export function GridHeader(props: GridHeaderProps) {
  const { layout, checkState, onToggleAll } = props;
  const [dropTarget, setDropTarget] = useState<{ id: string; side: 'before' | 'after' } | null>(null);

  return (
    <div className="grid-header" role="row" style={{ width: layout.totalWidth, height: HEADER_HEIGHT }}>
      <div className="grid-pinned grid-pinned--header" style={{ width: layout.pinnedWidth }}>
        <div className="grid-hcell grid-hcell--check" role="columnheader" aria-colindex={1} style={{ width: CHECK_WIDTH }}>
          <input
            type="checkbox"
            className="checkbox"
            aria-label={checkState === 'all' ? 'Deselect all runs' : 'Select all loaded runs'}
            checked={checkState === 'all'}
            ref={(el) => {
              if (el) el.indeterminate = checkState === 'some';
            }}
            onChange={onToggleAll}
          />
        </div>
        {layout.pinned.map(({ column, width }) => (
          <HeaderCell key={column.id} {...props} column={column} width={width} movable={false} dropTarget={null} setDropTarget={setDropTarget} />
        ))}
      </div>
      <div className="grid-lead" style={{ width: layout.leadingSpace }} />
      {layout.scrolling.map(({ column, width }) => (
        <HeaderCell
          key={column.id}
          {...props}
          column={column}
          width={width}
          movable
          dropTarget={dropTarget?.id === column.id ? dropTarget.side : null}
          setDropTarget={setDropTarget}
        />
      ))}
    </div>
  );
}

function HeaderCell({
  column,
  width,
  movable,
  dropTarget,
  setDropTarget,
  layout,
  sort,
  onSort,
  onResize,
  onMove,
  nextColumnId,
  onHeaderMenu,
}: GridHeaderProps & {
  column: ColumnDef;
  width: number;
  movable: boolean;
  dropTarget: 'before' | 'after' | null;
  setDropTarget(target: { id: string; side: 'before' | 'after' } | null): void;
}) {
  const resize = useRef<{ startX: number; startWidth: number; width: number } | null>(null);
  const sorted = sort?.columnId === column.id ? sort : null;
  const ariaSort = sorted ? (sorted.desc ? 'descending' : 'ascending') : undefined;
  const kindWord = KIND_WORD[column.kind];

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    resize.current = { startX: event.clientX, startWidth: width, width };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!resize.current) return;
    const next = clampWidth(resize.current.startWidth + event.clientX - resize.current.startX);
    if (next !== resize.current.width) {
      resize.current.width = next;
      onResize(column.id, next, false);
    }
  };
  const onPointerUp = () => {
    if (!resize.current) return;
    onResize(column.id, resize.current.width, true);
    resize.current = null;
  };

  return (
    <div
      className={`grid-hcell grid-hcell--${column.kind}${column.align === 'right' ? ' grid-hcell--right' : ''}${
        dropTarget ? ` grid-hcell--drop-${dropTarget}` : ''
      }`}
      role="columnheader"
      aria-colindex={layout.colIndex.get(column.id)}
      aria-sort={ariaSort}
      data-column-id={column.id}
      style={{ width }}
      draggable={movable}
      onDragStart={(event) => {
        event.dataTransfer.setData(DRAG_TYPE, column.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
      onDragOver={(event) => {
        if (!movable || !event.dataTransfer.types.includes(DRAG_TYPE)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        const box = event.currentTarget.getBoundingClientRect();
        const side = event.clientX < box.left + box.width / 2 ? 'before' : 'after';
        if (dropTarget !== side) setDropTarget({ id: column.id, side });
      }}
      onDragLeave={() => setDropTarget(null)}
      onDrop={(event) => {
        event.preventDefault();
        setDropTarget(null);
        const moved = event.dataTransfer.getData(DRAG_TYPE);
        if (!moved || moved === column.id) return;
        const box = event.currentTarget.getBoundingClientRect();
        const before = event.clientX < box.left + box.width / 2 ? column.id : nextColumnId(column.id);
        onMove(moved, before);
      }}
      onDragEnd={() => setDropTarget(null)}
      onContextMenu={(event) => onHeaderMenu(column, event)}
    >
      <button
        type="button"
        className="grid-hcell__button"
        title={column.sortExpr ? `${column.title}: click to sort` : column.title}
        onClick={() => onSort(column)}
        disabled={!column.sortExpr}
        tabIndex={-1}
      >
        {kindWord ? <span className="visually-hidden">{kindWord} </span> : null}
        {column.label === '' ? <span className="visually-hidden">{column.title}</span> : <span className="grid-hcell__label">{column.label}</span>}
        {sorted ? (
          <span className="grid-hcell__sort" aria-hidden="true">
            {sorted.desc ? '↓' : '↑'}
          </span>
        ) : null}
      </button>
      {/* Pointer-only affordance; widths can also be reset from the header menu. */}
      <div
        className="grid-hcell__resize"
        aria-hidden="true"
        title="Drag to resize, double-click to reset"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onClick={(event) => event.stopPropagation()}
        onDoubleClick={(event) => {
          event.stopPropagation();
          onResize(column.id, column.defaultWidth, true);
        }}
      />
    </div>
  );
}
