import { describe, expect, it } from 'vitest';
import { addKeys, clickRow, EMPTY_SELECTION, toggleKey } from './selection.js';

// Display index i shows run key 100 + i; indices 5..6 are not loaded.
const keyAt = (i: number) => (i === 5 || i === 6 ? undefined : 100 + i);
const plain = { shift: false, toggle: false };

describe('row selection', () => {
  it('selects one row on a plain click', () => {
    const { selection } = clickRow(EMPTY_SELECTION, 2, 102, plain, keyAt);
    expect([...selection.keys]).toEqual([102]);
    expect(selection.anchor).toBe(2);
  });

  it('toggles with Ctrl/Cmd', () => {
    let s = clickRow(EMPTY_SELECTION, 2, 102, plain, keyAt).selection;
    s = clickRow(s, 4, 104, { shift: false, toggle: true }, keyAt).selection;
    expect([...s.keys].sort()).toEqual([102, 104]);
    s = clickRow(s, 2, 102, { shift: false, toggle: true }, keyAt).selection;
    expect([...s.keys]).toEqual([104]);
  });

  it('selects the range from the anchor with Shift, in either direction', () => {
    const s = clickRow(EMPTY_SELECTION, 3, 103, plain, keyAt).selection;
    const down = clickRow(s, 1, 101, { shift: true, toggle: false }, keyAt);
    expect([...down.selection.keys].sort()).toEqual([101, 102, 103]);
    expect(down.selection.anchor).toBe(3);
  });

  it('reports rows of the range that are not loaded yet', () => {
    const s = clickRow(EMPTY_SELECTION, 4, 104, plain, keyAt).selection;
    const result = clickRow(s, 7, 107, { shift: true, toggle: false }, keyAt);
    expect([...result.selection.keys].sort()).toEqual([104, 107]);
    expect(result.pending).toEqual([5, 6]);
    expect([...addKeys(result.selection, [105, 106]).keys].sort()).toEqual([104, 105, 106, 107]);
  });

  it('adds the range to the selection with Ctrl/Cmd+Shift', () => {
    let s = clickRow(EMPTY_SELECTION, 9, 109, plain, keyAt).selection;
    s = clickRow(s, 2, 102, { shift: false, toggle: true }, keyAt).selection;
    s = clickRow(s, 3, 103, { shift: true, toggle: true }, keyAt).selection;
    expect([...s.keys].sort()).toEqual([102, 103, 109]);
  });

  it('toggles the focused row with Space', () => {
    const s = toggleKey(EMPTY_SELECTION, 0, 100);
    expect(s.keys.has(100)).toBe(true);
    expect(toggleKey(s, 0, 100).keys.size).toBe(0);
  });
});
