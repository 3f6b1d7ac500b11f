import { describe, it, expect } from 'vitest';
import { naturalCompare, plotlyLocalTime } from './format.js';

describe('plotlyLocalTime', () => {
  it('writes the local wall-clock time with milliseconds', () => {
    expect(plotlyLocalTime(new Date(2024, 0, 2, 3, 4, 5, 6).getTime())).toBe('2024-01-02 03:04:05.006');
  });
});

describe('naturalCompare', () => {
  it('orders numbered keys naturally and ignores case', () => {
    expect(['layer10', 'layer2', 'Alpha', 'beta'].sort(naturalCompare)).toEqual(['Alpha', 'beta', 'layer2', 'layer10']);
  });
});
