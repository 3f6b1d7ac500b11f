import { describe, expect, it } from 'vitest';
import { MIN_DOWNSAMPLE_POINTS, downsampleIndices } from './downsample.js';

/** A deterministic pseudo-random series (no Math.random: failures must reproduce). */
function noisy(n: number, seed = 7): number[] {
  let x = seed;
  return Array.from({ length: n }, (_, i) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.sin(i / 50) + (x / 2147483648 - 0.5) * 0.2;
  });
}

const pick = (values: number[], indices: number[]) => indices.map((i) => values[i]!);

describe('downsampleIndices', () => {
  it('keeps every point when the series fits, or when maxPoints is 0', () => {
    expect(downsampleIndices([1, 2, 3], 10)).toEqual([0, 1, 2]);
    expect(downsampleIndices(noisy(50), 0)).toHaveLength(50);
    expect(downsampleIndices([], 10)).toEqual([]);
  });

  it('bounds the count, keeps first and last, and returns ascending indices', () => {
    for (const [n, max] of [
      [10_000, 500],
      [10_000, 7],
      [1001, 1000],
      [100, 5],
      [100_000, 2000],
    ] as const) {
      const values = noisy(n);
      const kept = downsampleIndices(values, max);
      expect(kept.length).toBeLessThanOrEqual(max);
      expect(kept.length).toBeGreaterThan(Math.min(max, n) / 2);
      expect(kept[0]).toBe(0);
      expect(kept.at(-1)).toBe(n - 1);
      for (let i = 1; i < kept.length; i++) expect(kept[i]!).toBeGreaterThan(kept[i - 1]!);
    }
  });

  it('always keeps the global minimum and maximum, even single-point spikes', () => {
    const values = noisy(10_000);
    values[4321] = 50; // a spike a naive stride would miss
    values[777] = -50;
    const kept = pick(values, downsampleIndices(values, 100));
    expect(Math.max(...kept)).toBe(50);
    expect(Math.min(...kept)).toBe(-50);
  });

  it('keeps infinities as extremes', () => {
    const values = noisy(1000);
    values[500] = Number.POSITIVE_INFINITY;
    values[600] = Number.NEGATIVE_INFINITY;
    const kept = pick(values, downsampleIndices(values, 50));
    expect(kept).toContain(Number.POSITIVE_INFINITY);
    expect(kept).toContain(Number.NEGATIVE_INFINITY);
  });

  it('keeps NaN gaps without going over the budget', () => {
    const values = noisy(5000);
    for (let i = 2000; i < 2100; i++) values[i] = Number.NaN;
    values[3000] = 99;
    const indices = downsampleIndices(values, 60);
    expect(indices.length).toBeLessThanOrEqual(60);
    const kept = pick(values, indices);
    expect(kept.some(Number.isNaN)).toBe(true);
    expect(Math.max(...kept.filter((v) => !Number.isNaN(v)))).toBe(99);
  });

  it('raises a tiny budget to the minimum that still holds the extremes', () => {
    const values = noisy(1000);
    const kept = downsampleIndices(values, 1);
    expect(kept.length).toBeLessThanOrEqual(MIN_DOWNSAMPLE_POINTS);
    const picked = pick(values, kept);
    expect(Math.max(...picked)).toBe(Math.max(...values));
    expect(Math.min(...picked)).toBe(Math.min(...values));
  });
});
