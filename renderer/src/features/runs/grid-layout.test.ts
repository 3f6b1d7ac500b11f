import { describe, expect, it } from 'vitest';
import { allColumns, EMPTY_COLUMN_PREFS, isVisible, orderColumns } from './column-model.js';
import { CHECK_WIDTH, gridLayout } from './grid-layout.js';

const columns = orderColumns(allColumns({ params: [], metrics: Array.from({ length: 50 }, (_, i) => `m${i}`), tags: [] }), EMPTY_COLUMN_PREFS).filter(
  (c) => isVisible(c, EMPTY_COLUMN_PREFS, 1),
);
const widths = columns.map((c) => c.defaultWidth);

describe('gridLayout', () => {
  it('pins the checkbox, status and name columns at the left', () => {
    const layout = gridLayout(columns, widths, 0, 1200);
    expect(layout.pinned.map((p) => p.column.id)).toEqual(['attr:status', 'attr:name']);
    expect(layout.pinned[0]?.left).toBe(CHECK_WIDTH);
    expect(layout.pinnedWidth).toBe(CHECK_WIDTH + (widths[0] ?? 0) + (widths[1] ?? 0));
    expect(layout.totalWidth).toBe(CHECK_WIDTH + widths.reduce((a, b) => a + b, 0));
    expect(layout.colIndex.get('attr:status')).toBe(2);
  });

  it('renders only the scrolled columns near the viewport, keeping their offset', () => {
    const start = gridLayout(columns, widths, 0, 1200);
    expect(start.leadingSpace).toBe(0);
    expect(start.scrolling.length).toBeLessThan(columns.length - 2);
    const far = gridLayout(columns, widths, 3000, 1200);
    expect(far.scrolling[0]?.index).toBeGreaterThan(0);
    // The leading space is exactly the width of the skipped scrolled columns.
    const skipped = columns.filter((c) => !c.pinned).slice(0, far.scrolling[0]?.index);
    expect(far.leadingSpace).toBe(skipped.reduce((sum, c) => sum + c.defaultWidth, 0));
  });
});
