import { describe, expect, it } from 'vitest';
import { formatDuration, formatEta, formatRelativeTime, runDuration } from './format-time.js';

const NOW = Date.UTC(2024, 5, 15, 12, 0, 0);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('formatRelativeTime', () => {
  it('reads like speech for recent times', () => {
    expect(formatRelativeTime(NOW - 10_000, NOW, 'en-US')).toBe('now');
    expect(formatRelativeTime(NOW - 5 * MIN, NOW, 'en-US')).toBe('5 min. ago');
    expect(formatRelativeTime(NOW - 3 * HOUR, NOW, 'en-US')).toBe('3 hr. ago');
    expect(formatRelativeTime(NOW - DAY, NOW, 'en-US')).toBe('yesterday');
    expect(formatRelativeTime(NOW - 3 * DAY, NOW, 'en-US')).toBe('3 days ago');
  });

  it('gives a date for older times, with the year when it differs', () => {
    expect(formatRelativeTime(Date.UTC(2024, 2, 4, 12), NOW, 'en-US')).toBe('Mar 4');
    expect(formatRelativeTime(Date.UTC(2021, 2, 4, 12), NOW, 'en-US')).toBe('Mar 4, 2021');
  });

  it('is empty for a missing time', () => {
    expect(formatRelativeTime(null, NOW)).toBe('');
    expect(formatRelativeTime(Number.NaN, NOW)).toBe('');
  });
});

describe('durations', () => {
  it('picks the units that matter', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(1234)).toBe('1.2s');
    expect(formatDuration(42_000)).toBe('42s');
    expect(formatDuration(4 * MIN + 5_000)).toBe('4m 05s');
    expect(formatDuration(2 * HOUR + 13 * MIN)).toBe('2h 13m');
    expect(formatDuration(3 * DAY + 4 * HOUR)).toBe('3d 4h');
    expect(formatDuration(-5)).toBe('');
  });

  it('runs until now only while RUNNING', () => {
    expect(runDuration(1000, 4000, false, NOW)).toBe(3000);
    expect(runDuration(NOW - 5000, null, true, NOW)).toBe(5000);
    expect(runDuration(NOW - 5000, null, false, NOW)).toBeNull();
    expect(runDuration(null, 4000, false, NOW)).toBeNull();
    expect(runDuration(5000, 4000, false, NOW)).toBeNull();
  });

  it('phrases the indexing ETA', () => {
    expect(formatEta(2000)).toBe('a few seconds left');
    expect(formatEta(30_000)).toBe('about 30 s left');
    expect(formatEta(5 * MIN)).toBe('about 5 min left');
    expect(formatEta(null)).toBe('');
  });
});
