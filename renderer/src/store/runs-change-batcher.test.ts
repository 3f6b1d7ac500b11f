import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunsChanged } from '../../../preload/contract.js';
import { createRunsChangeBatcher } from './runs-change-batcher.js';

describe('runs change batcher', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('merges the events of one window into one', () => {
    const flushed: RunsChanged[] = [];
    const batcher = createRunsChangeBatcher(300, (c) => flushed.push(c));
    batcher.add({ runKeys: [1, 2], structural: false });
    batcher.add({ runKeys: [2, 3], structural: true });
    batcher.add({ runKeys: [], structural: false });
    expect(flushed).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(flushed).toEqual([{ runKeys: [1, 2, 3], structural: true }]);
    batcher.add({ runKeys: [9], structural: false });
    vi.advanceTimersByTime(300);
    expect(flushed[1]).toEqual({ runKeys: [9], structural: false });
  });

  it('drops pending events when cancelled', () => {
    const flush = vi.fn();
    const batcher = createRunsChangeBatcher(300, flush);
    batcher.add({ runKeys: [1], structural: true });
    batcher.cancel();
    vi.advanceTimersByTime(1000);
    expect(flush).not.toHaveBeenCalled();
  });
});
