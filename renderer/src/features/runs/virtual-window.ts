/**
 * Which rows and columns to render. The table draws only what is on screen plus a small margin
 * ("overscan"), so its cost per frame is the same at 10 runs and at 100,000.
 */

export interface RowWindow {
  /** First row to render (inclusive). */
  start: number;
  /** Last row to render (exclusive). */
  end: number;
}

export function rowWindow(scrollTop: number, viewportHeight: number, rowHeight: number, count: number, overscan: number): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count - 1, first) - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end: Math.max(start, end) };
}

/** The most rows `rowWindow` returns for this viewport: enough distinct slots for reusing row DOM. */
export function rowWindowLength(viewportHeight: number, rowHeight: number, overscan: number): number {
  if (rowHeight <= 0) return 1;
  return Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1 + 2 * overscan;
}

/** Left edge of each column and the total width: `offsets[i]` is where column i starts. */
export function columnOffsets(widths: readonly number[]): { offsets: number[]; total: number } {
  const offsets: number[] = [];
  let x = 0;
  for (const w of widths) {
    offsets.push(x);
    x += w;
  }
  return { offsets, total: x };
}

export interface ColumnWindow {
  start: number;
  end: number;
}

/**
 * The scrollable (unpinned) columns that intersect the viewport. `offsets` are relative to the
 * start of the scrollable part; the pinned columns cover `pinnedWidth` pixels at the left edge.
 */
export function columnWindow(
  offsets: readonly number[],
  widths: readonly number[],
  scrollLeft: number,
  viewportWidth: number,
  pinnedWidth: number,
  overscanPx: number,
): ColumnWindow {
  const n = widths.length;
  if (n === 0) return { start: 0, end: 0 };
  const left = Math.max(0, scrollLeft - overscanPx);
  const right = scrollLeft + Math.max(0, viewportWidth - pinnedWidth) + overscanPx;
  // Binary search for the first column whose right edge is past `left`.
  let lo = 0;
  let hi = n - 1;
  let start = n;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid] as number) + (widths[mid] as number) > left) {
      start = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  let end = start;
  while (end < n && (offsets[end] as number) < right) end++;
  return { start: Math.min(start, n), end };
}
