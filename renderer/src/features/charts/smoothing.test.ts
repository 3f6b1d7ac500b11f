import { describe, it, expect } from 'vitest';
import { smoothEma } from './smoothing.js';

describe('smoothEma', () => {
  it('leaves the series alone at weight 0', () => {
    expect(smoothEma([1, 5, 2], 0)).toEqual([1, 5, 2]);
  });

  it('starts at the first value (debiased) and follows TensorBoard', () => {
    const out = smoothEma([1, 2, 3], 0.5);
    expect(out[0]).toBeCloseTo(1);
    // last = 0.5*0.5 + 0.5*2 = 1.25, debias 1 - 0.25 = 0.75 → 1.6667
    expect(out[1]).toBeCloseTo(1.25 / 0.75);
    // last = 1.25*0.5 + 1.5 = 2.125, debias 1 - 0.125 → 2.4286
    expect(out[2]).toBeCloseTo(2.125 / 0.875);
  });

  it('damps noise more as the weight grows', () => {
    const noisy = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const spread = (xs: number[]) => Math.max(...xs.slice(100)) - Math.min(...xs.slice(100));
    expect(spread(smoothEma(noisy, 0.9))).toBeLessThan(spread(smoothEma(noisy, 0.5)));
    expect(spread(smoothEma(noisy, 0.5))).toBeLessThan(spread(noisy));
  });

  it('passes NaN and infinities through without breaking the average', () => {
    const out = smoothEma([1, Number.NaN, 3, Number.POSITIVE_INFINITY, 3], 0.5);
    expect(out[1]).toBeNaN();
    expect(out[3]).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isFinite(out[4]!)).toBe(true);
    expect(out[2]).toBeCloseTo((0.5 * 0.5 + 0.5 * 3) / 0.75);
  });

  it('keeps a constant series exactly', () => {
    expect(smoothEma([0.1, 0.1, 0.1], 0.99)).toEqual([0.1, 0.1, 0.1]);
  });

  it('clamps the weight so 1 cannot freeze the curve', () => {
    const out = smoothEma([0, 10], 1);
    expect(out[1]).toBeGreaterThan(0);
  });
});
