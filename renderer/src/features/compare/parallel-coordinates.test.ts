import { describe, it, expect } from 'vitest';
import { buildParcoords, defaultParcoordsParams, MISSING_LABEL } from './parallel-coordinates.js';
import { testRun } from '../../testing/test-run.js';

const runs = [
  testRun(1, { params: { lr: '0.1', opt: 'adam', depth: '3' }, metrics: { rmse: 0.5 } }),
  testRun(2, { params: { lr: '0.01', opt: 'sgd', depth: '5' }, metrics: { rmse: 0.7 } }),
  testRun(3, { params: { lr: '1e-3', opt: 'adam' }, metrics: { rmse: 0.6 } }),
  testRun(4, { params: { lr: '0.5', opt: 'sgd', depth: '4' }, metrics: { rmse: Number.NaN } }),
];

describe('buildParcoords', () => {
  const model = buildParcoords(runs, ['lr', 'opt', 'depth'], 'rmse');

  it('leaves out runs without a finite metric value and counts them', () => {
    expect(model.runs.map((r) => r.runKey)).toEqual([1, 2, 3]);
    expect(model.withoutMetric).toBe(1);
    expect(model.colorValues).toEqual([0.5, 0.7, 0.6]);
  });

  it('makes numeric params numeric axes', () => {
    const lr = model.dimensions[0]!;
    expect(lr).toEqual({ label: 'lr', values: [0.1, 0.01, 0.001] });
  });

  it('makes text params categorical axes with the values as tick labels', () => {
    const opt = model.dimensions[1]!;
    expect(opt.ticktext).toEqual(['adam', 'sgd']);
    expect(opt.tickvals).toEqual([0, 1]);
    expect(opt.values).toEqual([0, 1, 0]);
  });

  it('shows a numeric param some runs lack as categories with a "(none)" tick', () => {
    const depth = model.dimensions[2]!;
    expect(depth.ticktext).toEqual([MISSING_LABEL, '3', '5']);
    expect(depth.values).toEqual([1, 2, 0]);
  });

  it('puts the metric last', () => {
    expect(model.dimensions.at(-1)).toEqual({ label: 'rmse', values: [0.5, 0.7, 0.6] });
  });

  it('gives a constant numeric axis a visible range', () => {
    const flat = buildParcoords([testRun(1, { params: { a: '2' }, metrics: { m: 1 } }), testRun(2, { params: { a: '2' }, metrics: { m: 2 } })], ['a'], 'm');
    expect(flat.dimensions[0]!.range).toEqual([1, 3]);
  });

  it('has no axes when no run has the metric', () => {
    const none = buildParcoords(runs, ['lr'], 'missing');
    expect(none.withoutMetric).toBe(4);
    expect(none.dimensions[0]!.values).toEqual([]);
    expect(none.dimensions).toHaveLength(1);
  });
});

describe('defaultParcoordsParams', () => {
  it('prefers params that vary', () => {
    const rs = [testRun(1, { params: { a: '1', same: 'x' } }), testRun(2, { params: { a: '2', same: 'x' } })];
    expect(defaultParcoordsParams(rs)).toEqual(['a']);
  });
  it('falls back to all params when none vary, up to the limit', () => {
    const rs = [testRun(1, { params: { b: '1', a: '1', c: '1' } })];
    expect(defaultParcoordsParams(rs, 2)).toEqual(['a', 'b']);
  });
});
