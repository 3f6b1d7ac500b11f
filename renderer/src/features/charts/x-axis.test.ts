import { describe, it, expect } from 'vitest';
import type { MetricSeries } from '../../../../preload/contract.js';
import { RELATIVE_UNITS, relativeOrigins, relativeUnit, xAxisLayout, xValues } from './x-axis.js';

const series = (runKey: number, timestamps: number[], steps = timestamps.map((_, i) => i)): MetricSeries => ({
  runKey,
  key: 'loss',
  steps,
  timestamps,
  values: timestamps.map(() => 1),
  totalPoints: timestamps.length,
});

describe('xValues', () => {
  it('uses the steps as they are', () => {
    expect(xValues(series(1, [10, 20], [5, 7]), 'step')).toEqual([5, 7]);
  });

  it('counts seconds from the first point for relative time', () => {
    expect(xValues(series(1, [2000, 1000, 4500]), 'relative')).toEqual([1, 0, 3.5]);
  });

  it('counts from a given origin so every metric of a run shares one zero', () => {
    expect(xValues(series(1, [3000]), 'relative', 1000)).toEqual([2]);
  });

  it('gives local wall-clock strings for a date axis', () => {
    const t = new Date(2024, 0, 2, 3, 4, 5, 6).getTime();
    expect(xValues(series(1, [t]), 'time')).toEqual(['2024-01-02 03:04:05.006']);
  });
});

describe('relativeOrigins', () => {
  it('takes the earliest point of each run across its series', () => {
    const origins = relativeOrigins([series(1, [500, 900]), series(1, [300]), series(2, [7000])]);
    expect(origins.get(1)).toBe(300);
    expect(origins.get(2)).toBe(7000);
  });
  it('ignores empty series', () => {
    expect(relativeOrigins([series(3, [])]).has(3)).toBe(false);
  });
});

describe('xAxisLayout', () => {
  it('switches to a date axis for wall time', () => {
    expect(xAxisLayout('time').type).toBe('date');
    expect(xAxisLayout('step')).toEqual({ type: 'linear', title: 'Step' });
  });
});

describe('relativeUnit', () => {
  it('picks minutes or hours for long runs so ticks stay readable', () => {
    const origins = new Map([[1, 0]]);
    expect(relativeUnit([series(1, [0, 90_000])], origins).name).toBe('s');
    expect(relativeUnit([series(1, [0, 10 * 60_000])], origins).name).toBe('min');
    expect(relativeUnit([series(1, [0, 20 * 3_600_000])], origins).name).toBe('h');
  });
  it('scales relative x values to the unit', () => {
    expect(xValues(series(1, [0, 7_200_000]), 'relative', 0, RELATIVE_UNITS[2])).toEqual([0, 2]);
    expect(xAxisLayout('relative', RELATIVE_UNITS[1]).title).toBe('Relative time (min)');
  });
});
