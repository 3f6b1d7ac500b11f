/**
 * Formatting the charts need beyond `components/format-number.ts` and `components/format-time.ts`.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Epoch milliseconds → local wall-clock text (`2024-01-02 03:04:05.006`). Plotly reads numbers on
 * a date axis as UTC; a local string shows the times the user saw while training.
 */
export function plotlyLocalTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** Sorts keys the way people read them: `layer2` before `layer10`. */
export const naturalCompare = new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare;
