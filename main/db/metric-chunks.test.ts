import { describe, expect, it } from 'vitest';
import { ENCODING_FLOAT, ENCODING_INT64, columnsToPoints, packPoints, sortSeries, unpackChunks, type ChunkRow } from './metric-chunks.js';

const row = (c: ReturnType<typeof packPoints>): ChunkRow => [c.count, c.encoding, c.points];

describe('metric chunks', () => {
  it('round-trips steps, timestamps and values, NaN and infinities included', () => {
    const points = [
      { step: 0, timestamp: 1_700_000_000_000, value: 0.1 },
      { step: 1, timestamp: 1_700_000_000_001, value: Number.NaN },
      { step: -5, timestamp: 0, value: Number.POSITIVE_INFINITY },
      { step: 2, timestamp: 3, value: Number.NEGATIVE_INFINITY },
      { step: 3, timestamp: 4, value: -0 },
    ];
    const packed = packPoints(points);
    expect(packed).toMatchObject({ count: 5, encoding: ENCODING_FLOAT });
    expect(packed.points.length).toBe(5 * 24);
    const columns = unpackChunks([row(packed)]);
    expect(columns.exact).toBeNull();
    expect(columnsToPoints(columns)).toEqual(points);
  });

  it('keeps steps past 2^53 exact in int64 chunks, and mixes them with float chunks', () => {
    const big = 2n ** 60n + 1n;
    const first = packPoints([{ step: 1, timestamp: 10, value: 1 }]);
    const second = packPoints([{ step: big, timestamp: 11, value: 2 }]);
    expect(second.encoding).toBe(ENCODING_INT64);
    const columns = unpackChunks([row(first), row(second)]);
    expect(columns.count).toBe(2);
    expect([...columns.exact!.steps]).toEqual([1n, big]);
    expect(columns.steps[1]).toBe(Number(big));
    expect(columnsToPoints(columns).map((p) => p.step)).toEqual([1, big]);
  });

  it('refuses a step past 64 bits rather than wrapping it', () => {
    expect(() => packPoints([{ step: 2n ** 64n, timestamp: 0, value: 0 }])).toThrow(/64 bits/);
  });

  it('reads a chunk at any byte offset (a Buffer slice of a pool)', () => {
    const packed = packPoints([{ step: 7, timestamp: 8, value: 9.5 }]);
    const shifted = Buffer.alloc(packed.points.length + 3);
    packed.points.copy(shifted, 3);
    const columns = unpackChunks([[1, ENCODING_FLOAT, shifted.subarray(3)]]);
    expect([columns.steps[0], columns.timestamps[0], columns.values[0]]).toEqual([7, 8, 9.5]);
  });

  it('names a damaged chunk instead of reading garbage', () => {
    const packed = packPoints([{ step: 1, timestamp: 1, value: 1 }]);
    expect(() => unpackChunks([[2, ENCODING_FLOAT, packed.points]])).toThrow(/damaged/);
    expect(() => unpackChunks([[1, 9, packed.points]])).toThrow(/damaged/);
  });

  it('sorts by step and timestamp keeping logging order, or by value with NaN first', () => {
    const columns = unpackChunks([
      row(
        packPoints([
          { step: 2, timestamp: 30, value: 0.3 },
          { step: 1, timestamp: 20, value: 0.5 },
          { step: 1, timestamp: 20, value: Number.NaN },
          { step: 1, timestamp: 20, value: 0.4 },
          { step: 0, timestamp: 10, value: 1 },
        ]),
      ),
    ]);
    const byLog = sortSeries(columns, false);
    expect([...byLog.values]).toEqual([1, 0.5, Number.NaN, 0.4, 0.3]);
    const byValue = sortSeries(columns, true);
    expect([...byValue.values]).toEqual([1, Number.NaN, 0.4, 0.5, 0.3]);
    expect([...byValue.steps]).toEqual([0, 1, 1, 1, 2]);
    // Already in order: the same columns come back, nothing is copied.
    expect(sortSeries(byLog, false)).toBe(byLog);
  });

  it('sorts exact steps that are equal as doubles by their exact value', () => {
    const big = 2n ** 60n;
    const columns = unpackChunks([row(packPoints([{ step: big + 1n, timestamp: 0, value: 2 }, { step: big, timestamp: 0, value: 1 }]))]);
    expect(columns.steps[0]).toBe(columns.steps[1]);
    expect([...sortSeries(columns, false).values]).toEqual([1, 2]);
  });
});
