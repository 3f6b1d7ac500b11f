import type { IntValue, MetricPoint } from '../stores/file-store/metric-line.js';

/**
 * The packed form of a run of metric points (one `metric_chunks` row), columnar so that reading a
 * series is a few typed-array copies instead of a row per point:
 *   steps[count] | timestamps[count] | values[count]   (8 bytes each)
 * Steps and timestamps are float64 when every one of them is a safe integer (encoding 1, nearly
 * always), else int64 (encoding 2), so a step past 2^53 survives exactly. Values are float64 with
 * NaN and ±Infinity as they are. Byte order is the machine's: the index is a local cache, rebuilt
 * rather than moved between machines.
 */
export const ENCODING_FLOAT = 1;
export const ENCODING_INT64 = 2;
export type ChunkEncoding = typeof ENCODING_FLOAT | typeof ENCODING_INT64;

export interface PackedChunk {
  count: number;
  encoding: ChunkEncoding;
  points: Buffer;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function toInt64(value: IntValue): bigint {
  const big = BigInt(value);
  if (big < INT64_MIN || big > INT64_MAX) throw new RangeError(`a step or timestamp (${big}) does not fit in 64 bits`);
  return big;
}

export function packPoints(points: readonly MetricPoint[]): PackedChunk {
  const count = points.length;
  const buffer = new ArrayBuffer(count * 24);
  const values = new Float64Array(buffer, count * 16, count);
  let exact = true;
  for (let i = 0; i < count; i++) {
    const p = points[i]!;
    if (typeof p.step !== 'number' || typeof p.timestamp !== 'number') exact = false;
    values[i] = p.value;
  }
  if (exact) {
    const steps = new Float64Array(buffer, 0, count);
    const timestamps = new Float64Array(buffer, count * 8, count);
    for (let i = 0; i < count; i++) {
      steps[i] = points[i]!.step as number;
      timestamps[i] = points[i]!.timestamp as number;
    }
  } else {
    const steps = new BigInt64Array(buffer, 0, count);
    const timestamps = new BigInt64Array(buffer, count * 8, count);
    for (let i = 0; i < count; i++) {
      steps[i] = toInt64(points[i]!.step);
      timestamps[i] = toInt64(points[i]!.timestamp);
    }
  }
  return { count, encoding: exact ? ENCODING_FLOAT : ENCODING_INT64, points: Buffer.from(buffer) };
}

/** A whole series in columns. `exact` holds the int64 steps and timestamps when any chunk needed them. */
export interface SeriesColumns {
  count: number;
  steps: Float64Array;
  timestamps: Float64Array;
  values: Float64Array;
  exact: { steps: BigInt64Array; timestamps: BigInt64Array } | null;
}

export type ChunkRow = [count: number, encoding: number, points: Buffer];

function float64View(bytes: Buffer, start: number, count: number): Float64Array {
  const offset = bytes.byteOffset + start;
  // A view needs 8-byte alignment; a Buffer from a pool may not have it, so copy then.
  if (offset % 8 === 0) return new Float64Array(bytes.buffer, offset, count);
  return new Float64Array(bytes.buffer.slice(offset, offset + count * 8));
}

function int64View(bytes: Buffer, start: number, count: number): BigInt64Array {
  const offset = bytes.byteOffset + start;
  if (offset % 8 === 0) return new BigInt64Array(bytes.buffer, offset, count);
  return new BigInt64Array(bytes.buffer.slice(offset, offset + count * 8));
}

/** Concatenates a series' chunks (in append order) into columns. */
export function unpackChunks(rows: readonly ChunkRow[]): SeriesColumns {
  let count = 0;
  let needsExact = false;
  for (const [n, encoding, bytes] of rows) {
    if (bytes.length !== n * 24 || (encoding !== ENCODING_FLOAT && encoding !== ENCODING_INT64)) {
      throw new Error(`a metric chunk is damaged (${bytes.length} bytes for ${n} points, encoding ${encoding})`);
    }
    count += n;
    if (encoding === ENCODING_INT64) needsExact = true;
  }
  const steps = new Float64Array(count);
  const timestamps = new Float64Array(count);
  const values = new Float64Array(count);
  const exact = needsExact ? { steps: new BigInt64Array(count), timestamps: new BigInt64Array(count) } : null;
  let at = 0;
  for (const [n, encoding, bytes] of rows) {
    values.set(float64View(bytes, n * 16, n), at);
    if (encoding === ENCODING_FLOAT) {
      const s = float64View(bytes, 0, n);
      const t = float64View(bytes, n * 8, n);
      steps.set(s, at);
      timestamps.set(t, at);
      if (exact) {
        for (let i = 0; i < n; i++) {
          exact.steps[at + i] = BigInt(s[i]!);
          exact.timestamps[at + i] = BigInt(t[i]!);
        }
      }
    } else {
      const s = int64View(bytes, 0, n);
      const t = int64View(bytes, n * 8, n);
      exact!.steps.set(s, at);
      exact!.timestamps.set(t, at);
      for (let i = 0; i < n; i++) {
        steps[at + i] = Number(s[i]!);
        timestamps[at + i] = Number(t[i]!);
      }
    }
    at += n;
  }
  return { count, steps, timestamps, values, exact };
}

/** Back to points (steps and timestamps exact), for merging a small chunk with appended lines. */
export function columnsToPoints(columns: SeriesColumns): MetricPoint[] {
  const points = new Array<MetricPoint>(columns.count);
  for (let i = 0; i < columns.count; i++) {
    points[i] = {
      step: columns.exact ? narrow(columns.exact.steps[i]!) : columns.steps[i]!,
      timestamp: columns.exact ? narrow(columns.exact.timestamps[i]!) : columns.timestamps[i]!,
      value: columns.values[i]!,
    };
  }
  return points;
}

function narrow(value: bigint): IntValue {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/**
 * The point order of a series: by step, then timestamp, then (with `byValue`) value with NaN first
 * (as SQL's ORDER BY puts NULL first); points equal in all of that keep their logging order.
 * Returns the columns themselves when they are already in order (the usual case: training logs
 * steps in order), else a sorted copy.
 */
export function sortSeries(columns: SeriesColumns, byValue: boolean): SeriesColumns {
  const { count } = columns;
  const compare = pointComparator(columns, byValue);
  let sorted = true;
  for (let i = 1; i < count && sorted; i++) sorted = compare(i - 1, i) <= 0;
  if (sorted) return columns;
  const order = Array.from({ length: count }, (_, i) => i);
  order.sort((a, b) => compare(a, b) || a - b);
  const pick = <T extends Float64Array | BigInt64Array>(from: T): T => {
    const to = new (from.constructor as new (n: number) => T)(count);
    for (let i = 0; i < count; i++) to[i] = from[order[i]!]!;
    return to;
  };
  return {
    count,
    steps: pick(columns.steps),
    timestamps: pick(columns.timestamps),
    values: pick(columns.values),
    exact: columns.exact ? { steps: pick(columns.exact.steps), timestamps: pick(columns.exact.timestamps) } : null,
  };
}

function pointComparator(columns: SeriesColumns, byValue: boolean): (a: number, b: number) => number {
  const { values } = columns;
  const byValueThen = (a: number, b: number): number => {
    if (!byValue) return 0;
    const x = values[a]!;
    const y = values[b]!;
    const xNan = Number.isNaN(x);
    const yNan = Number.isNaN(y);
    if (xNan || yNan) return xNan === yNan ? 0 : xNan ? -1 : 1;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  if (columns.exact) {
    const { steps, timestamps } = columns.exact;
    return (a, b) => {
      if (steps[a]! !== steps[b]!) return steps[a]! < steps[b]! ? -1 : 1;
      if (timestamps[a]! !== timestamps[b]!) return timestamps[a]! < timestamps[b]! ? -1 : 1;
      return byValueThen(a, b);
    };
  }
  const { steps, timestamps } = columns;
  return (a, b) => steps[a]! - steps[b]! || timestamps[a]! - timestamps[b]! || byValueThen(a, b);
}
