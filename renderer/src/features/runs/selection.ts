/**
 * Row selection as file managers do it: click selects one, Ctrl/Cmd+click toggles, Shift+click
 * selects the range from the anchor (Ctrl/Cmd+Shift adds the range). Selection is by run key so
 * it survives re-sorting and scrolling; the anchor is a display index because ranges are about
 * what the user sees.
 */

export interface Selection {
  keys: ReadonlySet<number>;
  anchor: number | null;
}

export interface ClickModifiers {
  shift: boolean;
  /** Ctrl on Windows/Linux, Cmd on macOS. */
  toggle: boolean;
}

export const EMPTY_SELECTION: Selection = { keys: new Set(), anchor: null };

export interface ClickResult {
  selection: Selection;
  /** Display indices in the range whose rows are not loaded yet: their keys get added once they are. */
  pending: number[];
}

export function clickRow(
  current: Selection,
  index: number,
  key: number,
  mods: ClickModifiers,
  keyAt: (displayIndex: number) => number | undefined,
): ClickResult {
  if (mods.shift && current.anchor !== null) {
    const keys = new Set(mods.toggle ? current.keys : []);
    const pending: number[] = [];
    const [from, to] = current.anchor <= index ? [current.anchor, index] : [index, current.anchor];
    for (let i = from; i <= to; i++) {
      const k = keyAt(i);
      if (k === undefined) pending.push(i);
      else keys.add(k);
    }
    return { selection: { keys, anchor: current.anchor }, pending };
  }
  if (mods.toggle) {
    const keys = new Set(current.keys);
    if (keys.has(key)) keys.delete(key);
    else keys.add(key);
    return { selection: { keys, anchor: index }, pending: [] };
  }
  return { selection: { keys: new Set([key]), anchor: index }, pending: [] };
}

/** Space on the focused row. */
export function toggleKey(current: Selection, index: number, key: number): Selection {
  const keys = new Set(current.keys);
  if (keys.has(key)) keys.delete(key);
  else keys.add(key);
  return { keys, anchor: index };
}

/** Adds keys that arrived after a Shift+click range was started over unloaded rows. */
export function addKeys(current: Selection, keys: readonly number[]): Selection {
  if (keys.every((k) => current.keys.has(k))) return current;
  const next = new Set(current.keys);
  for (const k of keys) next.add(k);
  return { keys: next, anchor: current.anchor };
}
