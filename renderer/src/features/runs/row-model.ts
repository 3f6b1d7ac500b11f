import type { RunRow } from '../../../../preload/contract.js';

/**
 * What each line of the table shows, when nested runs are expanded in place.
 *
 * The table's "base" rows come from the index page by page (top-level runs, sorted and filtered
 * by the index); an expanded parent's children are fetched separately (they are few) and listed
 * right after it, recursively. Mapping a display line to a base index or a child therefore only
 * needs the expanded base rows, kept sorted: no need to hold all 100,000 base rows.
 */

export type DisplayRow =
  | { kind: 'base'; baseIndex: number }
  | { kind: 'child'; run: RunRow; depth: number }
  | { kind: 'loading'; depth: number; parentKey: number };

/** A child run's line within an expanded subtree. */
export type SubtreeLine = { kind: 'child'; run: RunRow; depth: number } | { kind: 'loading'; depth: number; parentKey: number };

export interface ExpandedBase {
  baseIndex: number;
  runKey: number;
}

export interface RowModel {
  count: number;
  at(displayIndex: number): DisplayRow | undefined;
  /** Display index of a base row (for scrolling to it). */
  displayIndexOfBase(baseIndex: number): number;
}

/** The lines under an expanded run: its children, each followed by its own subtree when expanded. */
export function flattenSubtree(
  parentKey: number,
  childrenOf: ReadonlyMap<number, readonly RunRow[] | 'loading'>,
  expanded: ReadonlySet<number>,
  depth = 1,
  seen: Set<number> = new Set(),
): SubtreeLine[] {
  const children = childrenOf.get(parentKey);
  if (children === undefined || children === 'loading') return [{ kind: 'loading', depth, parentKey }];
  // A cycle of parentRunId tags (hand-edited stores) must not recurse forever.
  seen.add(parentKey);
  const lines: SubtreeLine[] = [];
  for (const run of children) {
    lines.push({ kind: 'child', run, depth });
    if (expanded.has(run.runKey) && !seen.has(run.runKey) && run.childCount > 0) {
      lines.push(...flattenSubtree(run.runKey, childrenOf, expanded, depth + 1, seen));
    }
  }
  return lines;
}

export function buildRowModel(
  baseCount: number,
  expandedBases: readonly ExpandedBase[],
  childrenOf: ReadonlyMap<number, readonly RunRow[] | 'loading'>,
  expanded: ReadonlySet<number>,
): RowModel {
  const sorted = expandedBases
    .filter((e) => e.baseIndex >= 0 && e.baseIndex < baseCount && expanded.has(e.runKey))
    .slice()
    .sort((a, b) => a.baseIndex - b.baseIndex);
  const subtrees = sorted.map((e) => flattenSubtree(e.runKey, childrenOf, expanded));
  // starts[k]: display index of the k-th expanded base row.
  const starts: number[] = [];
  let extra = 0;
  sorted.forEach((e, k) => {
    starts.push(e.baseIndex + extra);
    extra += subtrees[k]?.length ?? 0;
  });
  const count = baseCount + extra;

  const at = (d: number): DisplayRow | undefined => {
    if (d < 0 || d >= count || !Number.isInteger(d)) return undefined;
    // Largest k with starts[k] <= d.
    let lo = 0;
    let hi = starts.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((starts[mid] as number) <= d) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (k < 0) return { kind: 'base', baseIndex: d };
    const start = starts[k] as number;
    const base = sorted[k] as ExpandedBase;
    const sub = subtrees[k] as SubtreeLine[];
    if (d === start) return { kind: 'base', baseIndex: base.baseIndex };
    if (d - start <= sub.length) return sub[d - start - 1];
    return { kind: 'base', baseIndex: base.baseIndex + (d - start - sub.length) };
  };

  const displayIndexOfBase = (baseIndex: number): number => {
    let added = 0;
    sorted.forEach((e, k) => {
      if (e.baseIndex < baseIndex) added += subtrees[k]?.length ?? 0;
    });
    return baseIndex + added;
  };

  return { count, at, displayIndexOfBase };
}
