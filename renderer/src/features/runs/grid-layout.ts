import type { ColumnDef } from './column-model.js';
import { columnOffsets, columnWindow } from './virtual-window.js';

export const ROW_HEIGHT = 26;
export const HEADER_HEIGHT = 30;
/** The selection checkbox column, left of every other column. */
export const CHECK_WIDTH = 30;
export const OVERSCAN_ROWS = 8;
const OVERSCAN_PX = 240;

/** Where every column sits: pinned ones at the left edge, the rest scrolled and windowed. */
export interface GridLayout {
  pinned: { column: ColumnDef; width: number; left: number }[];
  pinnedWidth: number;
  scrolling: { column: ColumnDef; width: number; index: number }[];
  /** Width of the scrolled columns left of the first rendered one. */
  leadingSpace: number;
  totalWidth: number;
  /** Column index (1-based, for aria-colindex) of each column id. */
  colIndex: Map<string, number>;
  columnCount: number;
}

export function gridLayout(columns: readonly ColumnDef[], widths: readonly number[], scrollLeft: number, viewportWidth: number): GridLayout {
  const pinned: GridLayout['pinned'] = [];
  const rest: ColumnDef[] = [];
  const restWidths: number[] = [];
  let pinnedWidth = CHECK_WIDTH;
  const colIndex = new Map<string, number>();
  columns.forEach((column, i) => {
    colIndex.set(column.id, i + 2);
    const width = widths[i] ?? column.defaultWidth;
    if (column.pinned) {
      pinned.push({ column, width, left: pinnedWidth });
      pinnedWidth += width;
    } else {
      rest.push(column);
      restWidths.push(width);
    }
  });
  const { offsets, total } = columnOffsets(restWidths);
  const window = columnWindow(offsets, restWidths, scrollLeft, viewportWidth, pinnedWidth, OVERSCAN_PX);
  const scrolling: GridLayout['scrolling'] = [];
  for (let i = window.start; i < window.end; i++) scrolling.push({ column: rest[i] as ColumnDef, width: restWidths[i] as number, index: i });
  return {
    pinned,
    pinnedWidth,
    scrolling,
    leadingSpace: offsets[window.start] ?? 0,
    totalWidth: pinnedWidth + total,
    colIndex,
    columnCount: columns.length + 1,
  };
}
