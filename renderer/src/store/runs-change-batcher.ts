import type { RunsChanged } from '../../../preload/contract.js';

export interface RunsChangeBatcher {
  add(change: RunsChanged): void;
  cancel(): void;
}

/** Merges change events arriving within `windowMs` into one (union of run keys, structural if any was). */
export function createRunsChangeBatcher(windowMs: number, flush: (change: RunsChanged) => void): RunsChangeBatcher {
  let keys = new Set<number>();
  let structural = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    add(change) {
      for (const k of change.runKeys) keys.add(k);
      structural ||= change.structural;
      if (timer !== null) return;
      timer = setTimeout(() => {
        const merged: RunsChanged = { runKeys: [...keys], structural };
        keys = new Set();
        structural = false;
        timer = null;
        flush(merged);
      }, windowMs);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
