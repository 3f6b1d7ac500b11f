import { describe, it, expect, vi, afterEach } from 'vitest';
import { createCoalescer } from './live-refresh.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('createCoalescer', () => {
  it('flushes every key of a burst once, after the delay', () => {
    vi.useFakeTimers();
    const batches: number[][] = [];
    const c = createCoalescer<number>(300, (items) => batches.push([...items].sort()));
    c.add([1]);
    vi.advanceTimersByTime(100);
    c.add([2, 1]);
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(200);
    expect(batches).toEqual([[1, 2]]);
  });

  it('keeps refreshing during a steady stream instead of waiting for silence', () => {
    vi.useFakeTimers();
    let flushes = 0;
    const c = createCoalescer<number>(300, () => flushes++);
    for (let i = 0; i < 10; i++) {
      c.add([1]);
      vi.advanceTimersByTime(100);
    }
    expect(flushes).toBe(3);
  });

  it('drops pending work when cancelled', () => {
    vi.useFakeTimers();
    let flushes = 0;
    const c = createCoalescer<number>(300, () => flushes++);
    c.add([1]);
    c.cancel();
    vi.advanceTimersByTime(1000);
    expect(flushes).toBe(0);
  });

  it('does nothing for an empty batch', () => {
    vi.useFakeTimers();
    let flushes = 0;
    const c = createCoalescer<number>(300, () => flushes++);
    c.add([]);
    vi.advanceTimersByTime(1000);
    expect(flushes).toBe(0);
  });
});
