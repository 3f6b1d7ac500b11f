/**
 * Coalesces live-update notifications: the first key starts a timer, keys that arrive before it
 * fires join the same batch, and the batch is flushed once. Unlike a plain debounce the timer is
 * not pushed back by later events, so a run that logs every 100 ms still refreshes its charts
 * every `delayMs` instead of never.
 */
export interface Coalescer<T> {
  add(items: Iterable<T>): void;
  cancel(): void;
}

export function createCoalescer<T>(delayMs: number, flush: (items: Set<T>) => void): Coalescer<T> {
  let pending = new Set<T>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  return {
    add(items) {
      for (const item of items) pending.add(item);
      if (timer !== null || pending.size === 0) return;
      timer = setTimeout(() => {
        timer = null;
        const batch = pending;
        pending = new Set();
        flush(batch);
      }, delayMs);
    },
    cancel() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending = new Set();
    },
  };
}

/** Minimum spacing of refetches caused by live updates (the brief asks for at least 250 ms). */
export const LIVE_REFRESH_MS = 300;
