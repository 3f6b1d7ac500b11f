import { describe, expect, it } from 'vitest';
import { pandasUtcTimestamp } from './pandas-timestamp.js';

// Reference strings printed by to_csv of pd.to_datetime(ms, unit="ms", utc=True) columns:
// pandas 2.3.3 (MLflow 2.22.4's environment) and pandas 3.1.1 (MLflow 3.18.0's).
describe('pandasUtcTimestamp, pandas 2 (value by value)', () => {
  it('prints milliseconds padded to microseconds', () => {
    expect(pandasUtcTimestamp(1765034574785, 2)).toBe('2025-12-06 15:22:54.785000+00:00');
    expect(pandasUtcTimestamp(1765034574001, 2)).toBe('2025-12-06 15:22:54.001000+00:00');
  });

  it('drops the fraction of a whole second', () => {
    expect(pandasUtcTimestamp(1765034574000, 2)).toBe('2025-12-06 15:22:54+00:00');
    expect(pandasUtcTimestamp(0, 2)).toBe('1970-01-01 00:00:00+00:00');
  });

  it('handles times before the epoch', () => {
    expect(pandasUtcTimestamp(-1, 2)).toBe('1969-12-31 23:59:59.999000+00:00');
  });
});

describe('pandasUtcTimestamp, pandas 3 (one precision per column)', () => {
  it('prints milliseconds on every value of a column that has any', () => {
    expect(pandasUtcTimestamp(1765034574785, 3, true)).toBe('2025-12-06 15:22:54.785+00:00');
    expect(pandasUtcTimestamp(1765034574000, 3, true)).toBe('2025-12-06 15:22:54.000+00:00');
    expect(pandasUtcTimestamp(1765034574100, 3, true)).toBe('2025-12-06 15:22:54.100+00:00');
    expect(pandasUtcTimestamp(-1, 3, true)).toBe('1969-12-31 23:59:59.999+00:00');
  });

  it('prints whole seconds when the whole column is', () => {
    expect(pandasUtcTimestamp(1765034574000, 3, false)).toBe('2025-12-06 15:22:54+00:00');
  });
});
