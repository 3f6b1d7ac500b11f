import type { RunRow } from '../../../../preload/contract.js';
import { naturalCompare } from '../charts/format.js';

/** A column of the runs table a chart can plot: a param or a metric. */
export interface ColumnRef {
  kind: 'param' | 'metric';
  key: string;
}

export const columnId = (c: ColumnRef) => `${c.kind}:${c.key}`;

export function parseColumnId(id: string): ColumnRef | null {
  const colon = id.indexOf(':');
  const kind = id.slice(0, colon);
  if ((kind !== 'param' && kind !== 'metric') || colon < 0) return null;
  return { kind, key: id.slice(colon + 1) };
}

export const columnLabel = (c: ColumnRef) => (c.kind === 'param' ? `params.${c.key}` : `metrics.${c.key}`);

/** A param value that reads as a number ("0.01", "1e-3", "32"); "", "nan", "True" do not. */
export function numericParam(value: string): number | null {
  const t = value.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

export type ColumnValues =
  | { type: 'numeric'; values: (number | null)[] }
  | { type: 'categorical'; values: (string | null)[]; categories: string[] };

/**
 * A column's values for each run. Metrics are numeric (NaN/±Infinity count as missing: no axis
 * can place them). A param is numeric when every run that has it holds a number, otherwise its
 * values are categories in natural order.
 */
export function columnValues(runs: readonly RunRow[], column: ColumnRef): ColumnValues {
  if (column.kind === 'metric') {
    return {
      type: 'numeric',
      values: runs.map((r) => {
        const v = r.metrics[column.key];
        return v !== undefined && Number.isFinite(v) ? v : null;
      }),
    };
  }
  const raw = runs.map((r) => (Object.prototype.hasOwnProperty.call(r.params, column.key) ? r.params[column.key]! : null));
  const present = raw.filter((v): v is string => v !== null);
  if (present.length > 0 && present.every((v) => numericParam(v) !== null)) {
    return { type: 'numeric', values: raw.map((v) => (v === null ? null : numericParam(v))) };
  }
  return { type: 'categorical', values: raw, categories: [...new Set(present)].sort(naturalCompare) };
}
