import { describe, it, expect, beforeEach } from 'vitest';
import { DEFAULT_COMPARE_SETTINGS, useCompareStore } from './compare-store.js';

beforeEach(() => useCompareStore.getState().reset());

describe('useCompareStore', () => {
  it('starts from the defaults: step axis, no smoothing, 1,000 points', () => {
    const s = useCompareStore.getState();
    expect(s.xAxis).toBe('step');
    expect(s.smoothing).toBe(0);
    expect(s.density).toBe(1000);
    expect(s.pickedKeys).toBeNull();
  });

  it('adds and removes a metric from the charted ones', () => {
    const { toggleKey } = useCompareStore.getState();
    toggleKey('acc', ['loss']);
    expect(useCompareStore.getState().pickedKeys).toEqual(['loss', 'acc']);
    toggleKey('loss', ['loss', 'acc']);
    expect(useCompareStore.getState().pickedKeys).toEqual(['acc']);
  });

  it('sets one setting without touching the others', () => {
    useCompareStore.getState().set('smoothing', 0.6);
    const s = useCompareStore.getState();
    expect(s.smoothing).toBe(0.6);
    expect(s.xAxis).toBe(DEFAULT_COMPARE_SETTINGS.xAxis);
  });
});
