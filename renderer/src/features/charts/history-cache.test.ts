import { describe, it, expect } from 'vitest';
import type { MetricSeries } from '../../../../preload/contract.js';
import { HistoryCache } from './history-cache.js';

const s = (runKey: number, key: string, values: number[] = [1]): MetricSeries => ({
  runKey,
  key,
  steps: values.map((_, i) => i),
  timestamps: values.map(() => 0),
  values,
  totalPoints: values.length,
});

describe('HistoryCache', () => {
  it('asks for everything once, in one request', () => {
    const cache = new HistoryCache(1000);
    const plan = cache.plan([1, 2], ['loss', 'acc']);
    expect(plan.map((r) => r.query)).toEqual([{ runKeys: [1, 2], keys: ['loss', 'acc'], maxPoints: 1000 }]);
    expect(cache.plan([1, 2], ['loss', 'acc'])).toEqual([]);
  });

  it('asks only for a newly picked metric, and only for a newly added run', () => {
    const cache = new HistoryCache(500);
    cache.plan([1, 2], ['loss']);
    expect(cache.plan([1, 2], ['loss', 'acc']).map((r) => r.query)).toEqual([{ runKeys: [1, 2], keys: ['acc'], maxPoints: 500 }]);
    expect(cache.plan([1, 2, 3], ['loss', 'acc']).map((r) => r.query)).toEqual([{ runKeys: [3], keys: ['loss', 'acc'], maxPoints: 500 }]);
  });

  it('returns what was stored, in run then key order', () => {
    const cache = new HistoryCache(0);
    const [req] = cache.plan([1, 2], ['a', 'b']);
    cache.store(req!, [s(2, 'a'), s(1, 'b'), s(1, 'a')]);
    expect(cache.select([1, 2], ['a', 'b']).map((x) => `${x.runKey}${x.key}`)).toEqual(['1a', '1b', '2a']);
  });

  it('keeps old points while a changed run is refetched, then replaces them', () => {
    const cache = new HistoryCache(0);
    const [first] = cache.plan([1], ['loss']);
    cache.store(first!, [s(1, 'loss', [1, 2])]);
    cache.invalidateRuns([1]);
    const [again] = cache.plan([1], ['loss']);
    expect(again!.query.runKeys).toEqual([1]);
    expect(cache.select([1], ['loss'])[0]!.values).toEqual([1, 2]);
    cache.store(again!, [s(1, 'loss', [1, 2, 3])]);
    expect(cache.select([1], ['loss'])[0]!.values).toEqual([1, 2, 3]);
  });

  it('ignores a slow answer that a newer request has overtaken', () => {
    const cache = new HistoryCache(0);
    const [old] = cache.plan([1], ['loss']);
    cache.invalidateRuns([1]);
    const [fresh] = cache.plan([1], ['loss']);
    cache.store(fresh!, [s(1, 'loss', [1, 2, 3])]);
    cache.store(old!, [s(1, 'loss', [1])]);
    expect(cache.select([1], ['loss'])[0]!.values).toEqual([1, 2, 3]);
  });

  it('asks again after a failure', () => {
    const cache = new HistoryCache(0);
    const [req] = cache.plan([1], ['loss']);
    cache.forget(req!);
    expect(cache.plan([1], ['loss'])).toHaveLength(1);
  });

  it('does not invalidate other runs', () => {
    const cache = new HistoryCache(0);
    cache.plan([1, 12], ['loss']);
    cache.invalidateRuns([1]);
    expect(cache.plan([1, 12], ['loss']).map((r) => r.query.runKeys)).toEqual([[1]]);
  });

  it('knows when a metric has been answered for every run, and stays so during refreshes', () => {
    const cache = new HistoryCache(0);
    const [req] = cache.plan([1, 2], ['loss']);
    expect(cache.isAnswered([1, 2], 'loss')).toBe(false);
    cache.store(req!, [s(1, 'loss')]);
    expect(cache.isAnswered([1, 2], 'loss')).toBe(true);
    cache.invalidateRuns([1]);
    cache.plan([1, 2], ['loss']);
    expect(cache.isAnswered([1, 2], 'loss')).toBe(true);
    expect(cache.isAnswered([1, 2, 3], 'loss')).toBe(false);
  });
});
