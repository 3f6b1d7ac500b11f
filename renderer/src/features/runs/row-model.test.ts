import { describe, expect, it } from 'vitest';
import { buildRowModel, flattenSubtree } from './row-model.js';
import { testRun } from '../../testing/test-run.js';

describe('row model', () => {
  it('is the base rows when nothing is expanded', () => {
    const model = buildRowModel(5, [], new Map(), new Set());
    expect(model.count).toBe(5);
    expect(model.at(3)).toEqual({ kind: 'base', baseIndex: 3 });
    expect(model.at(5)).toBeUndefined();
    expect(model.at(-1)).toBeUndefined();
  });

  it('lists an expanded parent’s children right after it', () => {
    const children = [testRun(10), testRun(11)];
    const model = buildRowModel(5, [{ baseIndex: 1, runKey: 100 }], new Map([[100, children]]), new Set([100]));
    expect(model.count).toBe(7);
    expect(model.at(1)).toEqual({ kind: 'base', baseIndex: 1 });
    expect(model.at(2)).toMatchObject({ kind: 'child', depth: 1, run: { runKey: 10 } });
    expect(model.at(3)).toMatchObject({ kind: 'child', run: { runKey: 11 } });
    expect(model.at(4)).toEqual({ kind: 'base', baseIndex: 2 });
    expect(model.at(6)).toEqual({ kind: 'base', baseIndex: 4 });
    expect(model.displayIndexOfBase(3)).toBe(5);
  });

  it('handles several expansions in any order, and a loading placeholder', () => {
    const model = buildRowModel(
      10,
      [
        { baseIndex: 7, runKey: 200 },
        { baseIndex: 2, runKey: 100 },
      ],
      new Map([[100, [testRun(10)]]]),
      new Set([100, 200]),
    );
    expect(model.count).toBe(12);
    expect(model.at(3)).toMatchObject({ kind: 'child', run: { runKey: 10 } });
    expect(model.at(8)).toEqual({ kind: 'base', baseIndex: 7 });
    expect(model.at(9)).toEqual({ kind: 'loading', depth: 1, parentKey: 200 });
    expect(model.at(10)).toEqual({ kind: 'base', baseIndex: 8 });
  });

  it('nests grandchildren of expanded children and survives parent cycles', () => {
    const child = testRun(10, { childCount: 1 });
    const grandchild = testRun(20, { childCount: 1 });
    const childrenOf = new Map([
      [1, [child]],
      [10, [grandchild]],
      [20, [testRun(1, { childCount: 1 })]],
    ]);
    const lines = flattenSubtree(1, childrenOf, new Set([1, 10, 20]));
    expect(lines.map((l) => (l.kind === 'child' ? [l.run.runKey, l.depth] : l.kind))).toEqual([
      [10, 1],
      [20, 2],
      [1, 3],
    ]);
  });

  it('ignores expansions outside the base rows or no longer expanded', () => {
    const model = buildRowModel(3, [{ baseIndex: 5, runKey: 1 }, { baseIndex: 0, runKey: 2 }], new Map([[2, [testRun(9)]]]), new Set([1]));
    expect(model.count).toBe(3);
  });
});
