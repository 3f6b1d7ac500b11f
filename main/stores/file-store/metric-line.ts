/**
 * Metric files: one appended line per logged value, fields separated by single spaces.
 *   `ts value`                        0.x (step 0)
 *   `ts value step`                   1.0+
 *   `ts value step dataset digest`    3.0+ dataset-scoped metrics
 * MLflow reads the 5-field form with step 0 (`_get_metric_from_line` only takes the step from a
 * 3-field line), and RunDesk mirrors what MLflow reports.
 */

/** A step or timestamp: a number when it fits a double exactly, else a BigInt (SQLite INTEGER is 64-bit). */
export type IntValue = number | bigint;

export interface MetricPoint {
  timestamp: IntValue;
  step: IntValue;
  /** NaN and ±Infinity as JS numbers. */
  value: number;
}

export type MetricLineResult = MetricPoint | { error: string };

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Python's int() for the digit strings MLflow writes; null if it is not an integer. */
export function parsePyInt(text: string): IntValue | null {
  // Hand-rolled (no regex, no Number()): this runs twice for every point of every metric file.
  const n = text.length;
  if (n === 0) return null;
  let i = 0;
  let negative = false;
  const first = text.charCodeAt(0);
  if (first === 43 /* + */ || first === 45 /* - */) {
    negative = first === 45;
    i = 1;
    if (n === 1) return null;
  }
  let value = 0;
  let underscore = false;
  for (let j = i; j < n; j++) {
    const c = text.charCodeAt(j);
    if (isDigit(c)) {
      value = value * 10 + (c - 48);
      continue;
    }
    // Python allows single underscores between digits (1_000).
    if (c === 95 && j > i && j < n - 1 && isDigit(text.charCodeAt(j - 1)) && isDigit(text.charCodeAt(j + 1))) {
      underscore = true;
      continue;
    }
    return null;
  }
  if (Number.isSafeInteger(value)) return negative ? -value : value;
  // Past 2^53 the running double is inexact: redo it exactly.
  const digits = (underscore ? text.replace(/_/g, '') : text).replace(/^\+/, '');
  const exact = BigInt(digits);
  return exact >= BigInt(Number.MIN_SAFE_INTEGER) && exact <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(exact) : exact;
}

/**
 * Python's float() for metric values: `nan`, `inf`, `-inf`, `Infinity`, `NaN` in any case.
 * JS parseFloat('inf') is NaN, so the special words are mapped by hand.
 */
export function parsePyFloat(text: string): number | null {
  const n = text.length;
  if (n === 0) return null;
  // Fast path: plain decimal/exponent notation (what str(float) writes).
  let plain = true;
  let digits = 0;
  for (let j = 0; j < n; j++) {
    const c = text.charCodeAt(j);
    if (isDigit(c)) digits++;
    else if (c !== 46 /* . */ && c !== 101 /* e */ && c !== 69 /* E */ && c !== 43 /* + */ && c !== 45 /* - */) {
      plain = false;
      break;
    }
  }
  if (plain && digits > 0) {
    const value = Number(text);
    return Number.isNaN(value) ? null : value;
  }
  const lower = text.toLowerCase();
  const sign = lower.startsWith('-') ? -1 : 1;
  const bare = lower.startsWith('-') || lower.startsWith('+') ? lower.slice(1) : lower;
  if (bare === 'nan') return Number.NaN;
  if (bare === 'inf' || bare === 'infinity') return sign * Number.POSITIVE_INFINITY;
  if (!/^(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:e[+-]?\d+)?$/.test(bare)) return null;
  const value = Number(lower.replace(/_/g, ''));
  return Number.isNaN(value) ? null : value;
}

export function parseMetricLine(line: string): MetricLineResult {
  // MLflow: line.strip().split(" ") — surrounding whitespace goes, inner fields are single-space separated.
  const last = line.charCodeAt(line.length - 1);
  const text = last === 13 || last === 32 || last === 9 || line.charCodeAt(0) === 32 ? line.trim() : line;
  const s1 = text.indexOf(' ');
  if (s1 === -1) return { error: 'has 1 field, expected 2, 3 or 5' };
  const s2 = text.indexOf(' ', s1 + 1);
  const tsText = text.slice(0, s1);
  const valueText = s2 === -1 ? text.slice(s1 + 1) : text.slice(s1 + 1, s2);
  let stepText: string | null = null;
  if (s2 !== -1) {
    const s3 = text.indexOf(' ', s2 + 1);
    if (s3 === -1) stepText = text.slice(s2 + 1);
    else {
      const fields = text.split(' ').length;
      if (fields !== 5) return { error: `has ${fields} fields, expected 2, 3 or 5` };
    }
  }
  const timestamp = parsePyInt(tsText);
  if (timestamp === null) return { error: `has a timestamp that is not an integer ('${clip(tsText)}')` };
  const value = parsePyFloat(valueText);
  if (value === null) return { error: `has a value that is not a number ('${clip(valueText)}')` };
  let step: IntValue = 0;
  if (stepText !== null) {
    const parsed = parsePyInt(stepText);
    if (parsed === null) return { error: `has a step that is not an integer ('${clip(stepText)}')` };
    step = parsed;
  }
  return { timestamp, step, value };
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** Digits of an integer that is always a safe integer (10^15 < 2^53). */
const SAFE_DIGITS = 15;

/**
 * The line MLflow writes nearly always, `<ts> <float> <step>` or `<ts> <float>`, read in place
 * without slicing fields: about half the cost of parseMetricLine, which runs on every point of a
 * cold index. Returns null for anything else (signs on the timestamp, long integers, nan/inf,
 * underscores, extra spaces, \r, 5 fields), which then takes the general path with the same result.
 */
function parseCommonLine(text: string, start: number, stop: number): MetricPoint | null {
  let i = start;
  let timestamp = 0;
  while (i < stop) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    timestamp = timestamp * 10 + (c - 48);
    i++;
  }
  if (i === start || i - start > SAFE_DIGITS || i >= stop || text.charCodeAt(i) !== 32) return null;
  const valueStart = ++i;
  let digits = 0;
  while (i < stop) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 32) break;
    else if (c !== 46 && c !== 101 && c !== 69 && c !== 43 && c !== 45) return null;
    i++;
  }
  if (digits === 0) return null;
  // Number() and Python's float() agree on plain decimal/exponent text (see parsePyFloat).
  const value = Number(text.slice(valueStart, i));
  if (Number.isNaN(value)) return null;
  if (i === stop) return { timestamp, value, step: 0 };
  const stepStart = ++i;
  const negative = i < stop && text.charCodeAt(i) === 45;
  if (negative) i++;
  const digitsStart = i;
  let step = 0;
  while (i < stop) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    step = step * 10 + (c - 48);
    i++;
  }
  if (i === digitsStart || i - digitsStart > SAFE_DIGITS || stepStart === stop) return null;
  return { timestamp, value, step: negative ? -step : step };
}

export interface ChunkParse {
  points: MetricPoint[];
  /** Bytes of `buffer` consumed: up to and including the last '\n' (or everything when `final`). */
  consumed: number;
  /** Malformed lines: 1-based line number within the chunk, and why. */
  errors: { line: number; reason: string }[];
  /** Lines seen (including malformed ones). */
  lines: number;
}

const NEWLINE = 0x0a;

/**
 * Parses complete lines of a chunk of a metric file. A trailing fragment without '\n' is left
 * unconsumed (MLflow may be mid-append) unless `final` says the file has settled.
 */
export function parseMetricChunk(buffer: Buffer, final: boolean): ChunkParse {
  const lastNewline = buffer.lastIndexOf(NEWLINE);
  const end = final ? buffer.length : lastNewline + 1;
  const points: MetricPoint[] = [];
  const errors: { line: number; reason: string }[] = [];
  let lines = 0;
  let start = 0;
  // Metric files are ASCII (except dataset names), so latin1 decoding per line is exact and cheap;
  // non-ASCII bytes only ever end up in dataset-name fields, which are not used.
  const text = buffer.toString('latin1', 0, end);
  while (start < text.length) {
    let stop = text.indexOf('\n', start);
    if (stop === -1) stop = text.length;
    const fast = stop > start ? parseCommonLine(text, start, stop) : null;
    if (fast) {
      start = stop + 1;
      lines++;
      points.push(fast);
      continue;
    }
    const line = text.slice(start, stop);
    start = stop + 1;
    if (line.trim() === '') continue;
    lines++;
    const parsed = parseMetricLine(line);
    if ('error' in parsed) errors.push({ line: lines, reason: parsed.error });
    else points.push(parsed);
  }
  return { points, consumed: end, errors, lines };
}
