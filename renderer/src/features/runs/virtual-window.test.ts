import { describe, expect, it } from 'vitest';
import { columnOffsets, columnWindow, rowWindow, rowWindowLength } from './virtual-window.js';

describe('rowWindow', () => {
  it('covers the visible rows plus overscan', () => {
    expect(rowWindow(0, 260, 26, 100_000, 5)).toEqual({ start: 0, end: 16 });
    expect(rowWindow(26 * 1000, 260, 26, 100_000, 5)).toEqual({ start: 995, end: 1016 });
  });

  it('stays inside the rows that exist', () => {
    expect(rowWindow(26 * 99_995, 260, 26, 100_000, 5)).toEqual({ start: 99_990, end: 100_000 });
    expect(rowWindow(0, 260, 26, 3, 5)).toEqual({ start: 0, end: 3 });
    expect(rowWindow(500, 260, 26, 0, 5)).toEqual({ start: 0, end: 0 });
  });
});

describe('rowWindowLength', () => {
  it('bounds every window for the height, so slots i % length never collide', () => {
    const length = rowWindowLength(260, 26, 5);
    for (const top of [0, 13, 26 * 500 + 7, 26 * 99_990]) {
      const w = rowWindow(top, 260, 26, 100_000, 5);
      expect(w.end - w.start).toBeLessThanOrEqual(length);
      const slots = new Set(Array.from({ length: w.end - w.start }, (_, k) => (w.start + k) % length));
      expect(slots.size).toBe(w.end - w.start);
    }
  });
});

describe('columnWindow', () => {
  const widths = [100, 100, 100, 100, 100, 100, 100, 100];
  const { offsets, total } = columnOffsets(widths);

  it('computes offsets and the total width', () => {
    expect(offsets).toEqual([0, 100, 200, 300, 400, 500, 600, 700]);
    expect(total).toBe(800);
  });

  it('renders only columns that intersect the viewport (plus overscan)', () => {
    expect(columnWindow(offsets, widths, 0, 350, 50, 0)).toEqual({ start: 0, end: 3 });
    expect(columnWindow(offsets, widths, 250, 350, 50, 0)).toEqual({ start: 2, end: 6 });
    expect(columnWindow(offsets, widths, 250, 350, 50, 100)).toEqual({ start: 1, end: 7 });
    expect(columnWindow([], [], 0, 500, 0, 0)).toEqual({ start: 0, end: 0 });
  });
});
