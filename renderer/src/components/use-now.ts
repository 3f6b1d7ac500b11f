import { useSyncExternalStore } from 'react';

/**
 * One shared clock for every relative time on screen ("5 min ago", running durations), ticking
 * every 30 s. A timer per cell would mean thousands of timers in a long table.
 */
const TICK_MS = 30_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const snapshot = (): number => now;

/** The current time, refreshed every 30 s while anything on screen uses it. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot);
}
