import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatMetric, formatMetricExact, pluralize } from './format-number.js';

describe('formatMetric', () => {
  it('keeps up to six significant digits and drops trailing zeros', () => {
    expect(formatMetric(0.123456789)).toBe('0.123457');
    expect(formatMetric(1234.5678)).toBe('1234.57');
    expect(formatMetric(0.5)).toBe('0.5');
    expect(formatMetric(2.1)).toBe('2.1');
    expect(formatMetric(-0.000123456)).toBe('-0.000123456');
  });

  it('shows integers as they are', () => {
    expect(formatMetric(42)).toBe('42');
    expect(formatMetric(0)).toBe('0');
    expect(formatMetric(-7)).toBe('-7');
    expect(formatMetric(1_000_000)).toBe('1000000');
  });

  it('switches to scientific notation for very large and very small magnitudes', () => {
    expect(formatMetric(123_456_789)).toBe('1.235e+8');
    expect(formatMetric(0.0000123456)).toBe('1.235e-5');
    expect(formatMetric(1e-9)).toBe('1e-9');
  });

  it('shows NaN and infinities as such, and nothing for a missing value', () => {
    expect(formatMetric(Number.NaN)).toBe('NaN');
    expect(formatMetric(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatMetric(Number.NEGATIVE_INFINITY)).toBe('-∞');
    expect(formatMetric(undefined)).toBe('');
    expect(formatMetric(null)).toBe('');
  });

  it('gives the exact value for tooltips', () => {
    expect(formatMetricExact(0.123456789)).toBe('0.123456789');
    expect(formatMetricExact(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
  });
});

describe('counts and sizes', () => {
  it('groups thousands in the given locale', () => {
    expect(formatCount(1234, 'en-US')).toBe('1,234');
    expect(pluralize(1, 'run', 'runs', 'en-US')).toBe('1 run');
    expect(pluralize(100_000, 'run', 'runs', 'en-US')).toBe('100,000 runs');
    expect(pluralize(0, 'problem', undefined, 'en-US')).toBe('0 problems');
  });

  it('formats byte sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MB');
    expect(formatBytes(-1)).toBe('');
  });
});
