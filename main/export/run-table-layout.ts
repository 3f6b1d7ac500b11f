import type { ExportRun } from './run-batches.js';

/** One row-per-run CSV format: its header line and how it spells one run, each ending in `\n`. */
export interface RunTableLayout {
  header: string;
  row(run: ExportRun): string;
}

/**
 * Key → cell position for one group of columns, starting at `offset`. A key listed twice keeps its
 * first position (the second column stays empty), so a repeated visible column cannot shift cells.
 */
export function slotsOf(keys: readonly string[], offset = 0): Map<string, number> {
  const slots = new Map<string, number>();
  keys.forEach((key, i) => {
    if (!slots.has(key)) slots.set(key, offset + i);
  });
  return slots;
}

/** Slot lists remembered per layout; runs that all differ clear it now and then. */
const SLOT_CACHE_LIMIT = 10_000;

/**
 * Where each key of a run's key list goes, computed once per distinct key list (the batch loader
 * shares one array between runs with the same keys, and most runs of an experiment have the same).
 */
export class SlotLists {
  private readonly cache = new Map<readonly string[], Int32Array>();

  constructor(private readonly slotOf: (key: string) => number) {}

  of(keys: readonly string[]): Int32Array {
    let slots = this.cache.get(keys);
    if (slots === undefined) {
      if (this.cache.size >= SLOT_CACHE_LIMIT) this.cache.clear();
      slots = Int32Array.from(keys, this.slotOf);
      this.cache.set(keys, slots);
    }
    return slots;
  }
}

/** A slot function over `slotsOf`: the position, or -1 for a key that is not a column. */
export function columnSlot(slots: Map<string, number>): (key: string) => number {
  return (key) => slots.get(key) ?? -1;
}
