import { describe, it, expect } from 'vitest';
import type { RunRow } from '../../../../preload/contract.js';
import { buildCompareSections, valuesDiffer, visibleRows } from './differences.js';
import { testRun } from '../../testing/test-run.js';

const row = (runKey: number, data: Partial<RunRow>) => testRun(runKey, data);

describe('valuesDiffer', () => {
  it('sees equal values as equal, NaN included', () => {
    expect(valuesDiffer(['0.1', '0.1'])).toBe(false);
    expect(valuesDiffer([Number.NaN, Number.NaN])).toBe(false);
    expect(valuesDiffer([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY])).toBe(false);
  });
  it('sees different or missing values as differences', () => {
    expect(valuesDiffer(['0.1', '0.10'])).toBe(true);
    expect(valuesDiffer([1, Number.NaN])).toBe(true);
    expect(valuesDiffer(['a', undefined])).toBe(true);
  });
  it('treats a single run as having no differences', () => {
    expect(valuesDiffer(['x'])).toBe(false);
  });
});

describe('buildCompareSections', () => {
  const rows = [
    row(1, { params: { lr: '0.1', layers10: '1', layers2: 'a' }, metrics: { rmse: 0.5 }, tags: { team: 'x', 'mlflow.user': 'ann' } }),
    row(2, { params: { lr: '0.1', layers2: 'b' }, metrics: { rmse: 0.7, mae: 1 }, tags: { team: 'x', 'mlflow.user': 'bob' } }),
  ];
  const sections = buildCompareSections(rows);

  it('lists every key of any run, naturally sorted, one value per run', () => {
    expect(sections.params.map((r) => r.key)).toEqual(['layers2', 'layers10', 'lr']);
    expect(sections.params.find((r) => r.key === 'layers10')!.values).toEqual(['1', undefined]);
    expect(sections.metrics.map((r) => r.key)).toEqual(['mae', 'rmse']);
  });

  it('marks which rows differ', () => {
    const differs = Object.fromEntries(sections.params.map((r) => [r.key, r.differs]));
    expect(differs).toEqual({ layers2: true, layers10: true, lr: false });
  });

  it('keeps system tags apart from user tags', () => {
    expect(sections.tags.map((r) => r.key)).toEqual(['team']);
    expect(sections.systemTags.map((r) => r.key)).toEqual(['mlflow.user']);
  });

  it('hides equal rows when asked for differences only', () => {
    expect(visibleRows(sections.params, true).map((r) => r.key)).toEqual(['layers2', 'layers10']);
    expect(visibleRows(sections.params, false)).toHaveLength(3);
  });

  it('does not mistake inherited object keys for values', () => {
    const s = buildCompareSections([row(1, { params: { constructor: 'x' } }), row(2, {})]);
    expect(s.params[0]!.values).toEqual(['x', undefined]);
  });
});
