import { describe, expect, it } from 'vitest';
import { parseMetricChunk, parseMetricLine, parsePyFloat, parsePyInt } from './metric-line.js';

describe('parseMetricLine', () => {
  it('reads the 3-field form of MLflow 1.0+', () => {
    expect(parseMetricLine('1700000000000 0.6390613982965708 12')).toEqual({ timestamp: 1700000000000, value: 0.6390613982965708, step: 12 });
  });

  it('reads the 2-field form of 0.x with step 0', () => {
    expect(parseMetricLine('1565000000000 1.5')).toEqual({ timestamp: 1565000000000, value: 1.5, step: 0 });
  });

  it('reads the 5-field dataset form with step 0, as MLflow does', () => {
    // MLflow's _get_metric_from_line takes the step only from 3-field lines.
    expect(parseMetricLine('1700000000000 0.25 7 eval_ds 1f1484c1')).toEqual({ timestamp: 1700000000000, value: 0.25, step: 0 });
  });

  it('rejects 1, 4 and 6 fields', () => {
    expect(parseMetricLine('1700000000000')).toHaveProperty('error');
    expect(parseMetricLine('1 2 3 4')).toEqual({ error: 'has 4 fields, expected 2, 3 or 5' });
    expect(parseMetricLine('1 2 3 4 5 6')).toEqual({ error: 'has 6 fields, expected 2, 3 or 5' });
  });

  it('maps nan, inf, -inf, Infinity and NaN in any case', () => {
    expect(parseMetricLine('1 nan 0')).toMatchObject({ value: Number.NaN });
    expect(parseMetricLine('1 NaN 0')).toMatchObject({ value: Number.NaN });
    expect(parseMetricLine('1 inf 0')).toMatchObject({ value: Number.POSITIVE_INFINITY });
    expect(parseMetricLine('1 -inf 0')).toMatchObject({ value: Number.NEGATIVE_INFINITY });
    expect(parseMetricLine('1 Infinity 0')).toMatchObject({ value: Number.POSITIVE_INFINITY });
    expect(parseMetricLine('1 -INFINITY 0')).toMatchObject({ value: Number.NEGATIVE_INFINITY });
  });

  it('reads exponents, negative values and negative steps', () => {
    expect(parseMetricLine('5 1e-05 -3')).toEqual({ timestamp: 5, value: 1e-5, step: -3 });
    expect(parseMetricLine('5 -0.5 0')).toEqual({ timestamp: 5, value: -0.5, step: 0 });
  });

  it('strips surrounding whitespace and \\r like Python strip()', () => {
    expect(parseMetricLine('5 1.0 2\r')).toEqual({ timestamp: 5, value: 1, step: 2 });
  });

  it('keeps steps past 2^53 exact as BigInt', () => {
    expect(parseMetricLine('5 1.0 9223372036854775807')).toEqual({ timestamp: 5, value: 1, step: 9223372036854775807n });
  });

  it('rejects words where numbers belong', () => {
    expect(parseMetricLine('abc 1.0 2')).toHaveProperty('error');
    expect(parseMetricLine('5 one 2')).toHaveProperty('error');
    expect(parseMetricLine('5 1.0 2.5')).toHaveProperty('error');
  });
});

describe('Python number parsing', () => {
  it('parsePyInt accepts signs and underscores like int()', () => {
    expect(parsePyInt('+12')).toBe(12);
    expect(parsePyInt('-12')).toBe(-12);
    expect(parsePyInt('1_000')).toBe(1000);
    expect(parsePyInt('1__0')).toBeNull();
    expect(parsePyInt('')).toBeNull();
    expect(parsePyInt('-')).toBeNull();
    expect(parsePyInt('-9223372036854775808')).toBe(-9223372036854775808n);
  });

  it('parsePyFloat rejects what float() rejects', () => {
    expect(parsePyFloat('0x10')).toBeNull();
    expect(parsePyFloat('')).toBeNull();
    expect(parsePyFloat('.')).toBeNull();
    expect(parsePyFloat('.5')).toBe(0.5);
    expect(parsePyFloat('1.')).toBe(1);
  });
});

describe('parseMetricChunk', () => {
  it('leaves a trailing fragment without newline for later', () => {
    const text = '1 0.5 0\n2 0.6 1\n3 0.';
    const parsed = parseMetricChunk(Buffer.from(text), false);
    expect(parsed.points).toHaveLength(2);
    expect(parsed.consumed).toBe(text.indexOf('3 0.'));
  });

  it('takes the fragment as a line once the file has settled', () => {
    const parsed = parseMetricChunk(Buffer.from('1 0.5 0\n2 0.6 1'), true);
    expect(parsed.points.map((p) => p.step)).toEqual([0, 1]);
    expect(parsed.consumed).toBe(15);
  });

  it('reports malformed lines and keeps the good ones', () => {
    const parsed = parseMetricChunk(Buffer.from('1 0.5 0\ngarbage\n\n2 nan 1\n'), false);
    expect(parsed.points).toHaveLength(2);
    expect(parsed.errors).toEqual([{ line: 2, reason: 'has 1 field, expected 2, 3 or 5' }]);
  });
});

describe('parseMetricChunk fast path', () => {
  // The common-line path must give exactly what parseMetricLine gives, line for line.
  const lines = [
    '1700000000000 0.6390613982965708 12',
    '1565000000000 1.5',
    '5 1e-05 -3',
    '5 -0.5 0',
    '5 .5 007',
    '5 +1 1',
    '5 1. 1',
    '5 1E+5 1',
    '1700000000000 0.25 7 eval_ds 1f1484c1',
    '1 nan 0',
    '1 -inf 0',
    '5 1.0 2\r',
    '  5 1.0 2',
    '5 1.0 2 ',
    '5 1e 1',
    '5 1-2 1',
    '5 1.0 -',
    '5 1.0 1_000',
    '-5 1.0 1',
    '99999999999999999999 1 1',
    '5 1 99999999999999999999',
    '5 1 -9007199254740993',
    '1234567890123456 1 2',
    '5 0x10 1',
    '5  1 1',
    '5 1  1',
    '5',
    '5 1 2 3',
  ];
  it.each(lines)('%j', (line) => {
    const parsed = parseMetricChunk(Buffer.from(`${line}\n`), true);
    const expected = parseMetricLine(line);
    if ('error' in expected) {
      expect(parsed.points).toEqual([]);
      expect(parsed.errors).toEqual([{ line: 1, reason: expected.error }]);
    } else {
      expect(parsed.points).toEqual([expected]);
    }
  });
});
