import { describe, expect, it } from 'vitest';
import { emptySummary, foldPoints, replacesLatest } from './latest-metric.js';
import type { MetricPoint } from './metric-line.js';

const p = (step: number, timestamp: number, value: number): MetricPoint => ({ step, timestamp, value });
/** What MLflow's max(points, key=(step, timestamp, value)) returns, scanning in file order. */
const latest = (points: MetricPoint[]) => foldPoints(emptySummary(), points).latest;

describe('latest value (MLflow _get_metric_from_file)', () => {
  it('is the max (step, timestamp, value), not the last line', () => {
    expect(latest([p(5, 10, 1), p(3, 20, 2)])).toEqual(p(5, 10, 1));
    expect(latest([p(1, 20, 1), p(1, 10, 2)])).toEqual(p(1, 20, 1));
    expect(latest([p(1, 10, 3), p(1, 10, 2)])).toEqual(p(1, 10, 3));
  });

  // Each case checked against Python 3.11: max([...]) over tuples.
  it('follows Python tuple comparison with NaN', () => {
    expect(latest([p(0, 1, NaN), p(0, 1, 5)])!.value).toBeNaN(); // (0, 1, nan)
    expect(latest([p(0, 1, 5), p(0, 1, NaN)])).toEqual(p(0, 1, 5)); // (0, 1, 5.0)
    expect(latest([p(0, 1, 5), p(0, 2, NaN)])!.value).toBeNaN(); // later timestamp wins
    expect(latest([p(0, 1, NaN), p(0, 1, 7), p(0, 1, 9)])!.value).toBeNaN();
    expect(latest([p(1, 5, 3), p(1, 5, NaN), p(1, 5, 4)])).toEqual(p(1, 5, 4));
  });

  it('orders infinities and negative steps like numbers', () => {
    expect(latest([p(0, 1, Infinity), p(0, 1, 3)])).toEqual(p(0, 1, Infinity));
    expect(latest([p(-1, 9, 1), p(0, 0, 0.5)])).toEqual(p(0, 0, 0.5));
  });

  it('compares BigInt steps exactly', () => {
    expect(replacesLatest({ step: 9007199254740993n, timestamp: 1, value: 0 }, { step: 9007199254740992, timestamp: 1, value: 5 })).toBe(true);
  });

  it('keeps min/max over non-NaN values and counts every point, across appends', () => {
    const first = foldPoints(emptySummary(), [p(0, 1, 2), p(1, 2, NaN)]);
    const both = foldPoints(first, [p(2, 3, -1), p(3, 4, Infinity)]);
    expect(both).toMatchObject({ min: -1, max: Infinity, count: 4, latest: p(3, 4, Infinity) });
  });
});
