import { describe, it, expect } from 'vitest';
import { buildScatter, categoryOrder } from './scatter.js';
import { testRun } from '../../testing/test-run.js';

const runs = [
  testRun(1, { runName: 'run 1', color: '#f00', params: { lr: '0.1', opt: 'sgd' }, metrics: { acc: 0.9 } }),
  testRun(2, { runName: 'run 2', color: '#0f0', params: { lr: '0.01', opt: 'adam' }, metrics: { acc: 0.8 } }),
  testRun(3, { color: '#00f', params: { opt: 'adam' }, metrics: { acc: 0.7 } }),
];

describe('buildScatter', () => {
  it('places each run at its two values in its colour', () => {
    const m = buildScatter(runs, { kind: 'param', key: 'lr' }, { kind: 'metric', key: 'acc' }, (r) => r.runName);
    expect(m.x).toEqual([0.1, 0.01]);
    expect(m.y).toEqual([0.9, 0.8]);
    expect(m.colors).toEqual(['#f00', '#0f0']);
    expect(m.names).toEqual(['run 1', 'run 2']);
    expect(m.missing).toBe(1);
    expect(m.xType).toBe('linear');
  });

  it('uses a category axis for text params', () => {
    const m = buildScatter(runs, { kind: 'param', key: 'opt' }, { kind: 'metric', key: 'acc' }, (r) => r.runName);
    expect(m.xType).toBe('category');
    expect(m.x).toEqual(['sgd', 'adam', 'adam']);
    expect(categoryOrder(runs, { kind: 'param', key: 'opt' })).toEqual(['adam', 'sgd']);
    expect(categoryOrder(runs, { kind: 'metric', key: 'acc' })).toBeNull();
  });
});
