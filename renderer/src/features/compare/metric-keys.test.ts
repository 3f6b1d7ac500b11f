import { describe, it, expect } from 'vitest';
import { allMetricKeys, defaultMetricKeys, effectiveMetricKeys } from './metric-keys.js';
import { testRun } from '../../testing/test-run.js';

const m = (...keys: string[]) => Object.fromEntries(keys.map((k) => [k, 1]));

describe('defaultMetricKeys', () => {
  it('takes the first four metrics every run has', () => {
    const rows = [testRun(1, { metrics: m('e', 'a', 'b', 'c', 'd', 'only1') }), testRun(2, { metrics: m('a', 'b', 'c', 'd', 'e') })];
    expect(defaultMetricKeys(rows)).toEqual(['a', 'b', 'c', 'd']);
  });
  it('tops up with keys only some runs have', () => {
    const rows = [testRun(1, { metrics: m('loss', 'x') }), testRun(2, { metrics: m('loss', 'y') })];
    expect(defaultMetricKeys(rows)).toEqual(['loss', 'x', 'y']);
  });
  it('sorts step10 after step2', () => {
    expect(allMetricKeys([testRun(1, { metrics: m('step10', 'step2') })])).toEqual(['step2', 'step10']);
  });
});

describe('effectiveMetricKeys', () => {
  const rows = [testRun(1, { metrics: m('a', 'b', 'c') })];
  it('keeps the user picks that exist, in their order', () => {
    expect(effectiveMetricKeys(['c', 'zzz', 'a'], rows)).toEqual(['c', 'a']);
  });
  it('respects an explicit empty pick', () => {
    expect(effectiveMetricKeys([], rows)).toEqual([]);
  });
  it('falls back to the defaults when no pick applies', () => {
    expect(effectiveMetricKeys(null, rows)).toEqual(['a', 'b', 'c']);
    expect(effectiveMetricKeys(['gone'], rows)).toEqual(['a', 'b', 'c']);
  });
});
