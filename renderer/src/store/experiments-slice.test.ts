import { describe, expect, it } from 'vitest';
import type { ExperimentSummary } from '../../../preload/contract.js';
import { defaultExperimentKey, nextExperimentSelection } from './experiments-slice.js';

function experiment(key: number, overrides: Partial<ExperimentSummary> = {}): ExperimentSummary {
  return {
    experimentKey: key,
    storeId: 1,
    experimentId: String(key),
    name: `exp ${key}`,
    lifecycleStage: 'active',
    artifactLocation: null,
    creationTime: null,
    lastUpdateTime: null,
    runCount: 0,
    activeRunCount: 0,
    tags: {},
    ...overrides,
  };
}

describe('experiment selection', () => {
  const order = [1, 2, 3];

  it('selects one experiment on a plain click', () => {
    expect(nextExperimentSelection([1, 2], 3, false, order)).toEqual([3]);
  });

  it('adds and removes with Ctrl/Cmd-click, in sidebar order, never emptying the selection', () => {
    expect(nextExperimentSelection([3], 1, true, order)).toEqual([1, 3]);
    expect(nextExperimentSelection([1, 3], 3, true, order)).toEqual([1]);
    expect(nextExperimentSelection([1], 1, true, order)).toEqual([1]);
  });

  it('opens the most recently active experiment that has runs', () => {
    const list = [
      experiment(0, { name: 'Default', lastUpdateTime: 900 }),
      experiment(1, { runCount: 5, activeRunCount: 5, lastUpdateTime: 100 }),
      experiment(2, { runCount: 2, activeRunCount: 2, lastUpdateTime: 500 }),
      experiment(3, { runCount: 9, activeRunCount: 9, lastUpdateTime: 999, lifecycleStage: 'deleted' }),
    ];
    expect(defaultExperimentKey(list)).toBe(2);
  });

  it('falls back to the first experiment when none has runs, and to null when there are none', () => {
    expect(defaultExperimentKey([experiment(4), experiment(5)])).toBe(4);
    expect(defaultExperimentKey([])).toBeNull();
  });
});
