import { describe, it, expect } from 'vitest';
import { columnId, columnValues, numericParam, parseColumnId } from './column-values.js';
import { testRun } from '../../testing/test-run.js';

describe('numericParam', () => {
  it('reads numbers the way Python wrote them', () => {
    expect(numericParam('0.01')).toBe(0.01);
    expect(numericParam('1e-05')).toBe(1e-5);
    expect(numericParam(' 32 ')).toBe(32);
  });
  it('refuses what is not a number', () => {
    expect(numericParam('')).toBeNull();
    expect(numericParam('nan')).toBeNull();
    expect(numericParam('True')).toBeNull();
    expect(numericParam('None')).toBeNull();
  });
});

describe('columnValues', () => {
  const runs = [testRun(1, { params: { lr: '0.1', opt: 'adam' }, metrics: { acc: 0.9 } }), testRun(2, { params: { opt: 'sgd' }, metrics: { acc: Number.NaN } })];

  it('reads metrics as numbers, with non-finite values missing', () => {
    expect(columnValues(runs, { kind: 'metric', key: 'acc' })).toEqual({ type: 'numeric', values: [0.9, null] });
  });
  it('reads a numeric param as numbers', () => {
    expect(columnValues(runs, { kind: 'param', key: 'lr' })).toEqual({ type: 'numeric', values: [0.1, null] });
  });
  it('reads a text param as categories', () => {
    expect(columnValues(runs, { kind: 'param', key: 'opt' })).toEqual({ type: 'categorical', values: ['adam', 'sgd'], categories: ['adam', 'sgd'] });
  });
});

describe('column ids', () => {
  it('round-trips keys with colons', () => {
    expect(parseColumnId(columnId({ kind: 'metric', key: 'val:loss' }))).toEqual({ kind: 'metric', key: 'val:loss' });
    expect(parseColumnId('tag:x')).toBeNull();
  });
});
