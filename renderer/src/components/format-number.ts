/**
 * Number formatting for metric and count columns. Metrics get up to 6 significant digits so a
 * table of losses stays readable and aligned; NaN and ±Infinity are real values in MLflow
 * (SQLite cannot store NaN, the index keeps it as a flag) and must show as such, never as blanks.
 */

const MAX_SIGNIFICANT = 6;
const EXP_SIGNIFICANT = 4;

/** `0.123457`, `1234.57`, `42`, `1.235e+7`, `NaN`, `∞`, `-∞`. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '∞';
  if (value === Number.NEGATIVE_INFINITY) return '-∞';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  // Very large or very small magnitudes: scientific notation keeps the column narrow.
  if (abs >= 1e7 || abs < 1e-4) return trimExponential(value.toExponential(EXP_SIGNIFICANT - 1));
  if (Number.isInteger(value)) return String(value);
  return trimFraction(value.toPrecision(MAX_SIGNIFICANT));
}

/** Full precision for tooltips and copy: what the store holds, without rounding. */
export function formatMetricExact(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return String(value);
}

const countFormats = new Map<string, Intl.NumberFormat>();

/** Counts in the user's locale: `1,234 runs`. */
export function formatCount(value: number, locale?: string): string {
  let format = countFormats.get(locale ?? '');
  if (!format) {
    format = new Intl.NumberFormat(locale);
    countFormats.set(locale ?? '', format);
  }
  return format.format(value);
}

/** `1 run`, `1,234 runs`. */
export function pluralize(count: number, singular: string, plural = `${singular}s`, locale?: string): string {
  return `${formatCount(count, locale)} ${count === 1 ? singular : plural}`;
}

/** File sizes: `512 B`, `1.5 KB`, `12 MB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

function trimFraction(text: string): string {
  // toPrecision may itself switch to exponent form; leave that alone.
  if (text.includes('e')) return trimExponential(text);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function trimExponential(text: string): string {
  const [mantissa = text, exponent] = text.split('e');
  const m = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return exponent === undefined ? m : `${m}e${exponent}`;
}
