import { describe, it, expect } from 'vitest';
import { densityLabel, isDownsampled } from './density.js';

const s = (shown: number, total: number) => ({ steps: new Array<number>(shown).fill(0), totalPoints: total });

describe('densityLabel', () => {
  it('says how much of the history is drawn', () => {
    expect(densityLabel([s(1000, 10000), s(1000, 8000)])).toBe('Showing 1,000 of 10,000 points per run');
  });
  it('says so when nothing was dropped', () => {
    expect(densityLabel([s(55, 55), s(20, 20)])).toBe('Showing all 55 points per run');
    expect(densityLabel([s(1, 1)])).toBe('Showing all 1 point per run');
  });
  it('is empty without data', () => {
    expect(densityLabel([])).toBe('');
  });
  it('detects downsampling in any series', () => {
    expect(isDownsampled([s(10, 10), s(500, 501)])).toBe(true);
    expect(isDownsampled([s(10, 10)])).toBe(false);
  });
});
