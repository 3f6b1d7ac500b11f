import type { RunRow } from '../../../../preload/contract.js';
import { columnValues, type ColumnValues } from './column-values.js';

/** What Plotly's parcoords trace takes per axis. */
export interface ParcoordsDimension {
  label: string;
  values: number[];
  range?: [number, number];
  tickvals?: number[];
  ticktext?: string[];
}

export interface ParcoordsModel {
  dimensions: ParcoordsDimension[];
  /** The chosen metric per drawn run: the line colour. */
  colorValues: number[];
  /** Runs drawn, in the order of the dimension values. */
  runs: RunRow[];
  /** Runs left out because they have no finite value of the metric. */
  withoutMetric: number;
}

/** Text shown on a categorical axis for a run that lacks the param. */
export const MISSING_LABEL = '(none)';

/**
 * Dimensions for a parallel-coordinates plot of `params` against `metric`: numeric params become
 * numeric axes; text params (and numeric ones some runs lack) become categorical axes whose ticks
 * are the values, because parcoords only draws numbers. The metric is the last axis and colours
 * the lines. Runs without the metric are left out and counted, never dropped silently.
 */
export function buildParcoords(runs: readonly RunRow[], params: readonly string[], metric: string): ParcoordsModel {
  const metricValues = columnValues(runs, { kind: 'metric', key: metric }).values as (number | null)[];
  const kept: RunRow[] = [];
  const colorValues: number[] = [];
  runs.forEach((r, i) => {
    const v = metricValues[i];
    if (v !== null && v !== undefined) {
      kept.push(r);
      colorValues.push(v);
    }
  });

  const dimensions = params.map((key) => paramDimension(key, columnValues(kept, { kind: 'param', key })));
  if (kept.length > 0) dimensions.push({ label: metric, values: colorValues.slice() });
  return { dimensions, colorValues, runs: kept, withoutMetric: runs.length - kept.length };
}

function paramDimension(key: string, column: ColumnValues): ParcoordsDimension {
  if (column.type === 'numeric' && column.values.every((v) => v !== null)) {
    const values = column.values as number[];
    const min = Math.min(...values);
    const max = Math.max(...values);
    // A constant axis would have a zero range, which parcoords draws as nothing.
    return min === max ? { label: key, values, range: [min - 1, max + 1] } : { label: key, values };
  }
  const labels = column.values.map((v) => (v === null ? MISSING_LABEL : String(v)));
  const hasMissing = labels.includes(MISSING_LABEL);
  const categories =
    column.type === 'categorical' ? column.categories : [...new Set(column.values.filter((v): v is number => v !== null))].sort((a, b) => a - b).map(String);
  const ticktext = hasMissing ? [MISSING_LABEL, ...categories] : categories;
  const index = new Map(ticktext.map((t, i) => [t, i]));
  return {
    label: key,
    values: labels.map((l) => index.get(l)!),
    tickvals: ticktext.map((_, i) => i),
    ticktext,
    range: [0, Math.max(ticktext.length - 1, 1)],
  };
}

/** Params worth an axis by default: those whose values differ between runs, at most `limit`. */
export function defaultParcoordsParams(runs: readonly RunRow[], limit = 8): string[] {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.params)))].sort();
  const varying = keys.filter((k) => new Set(runs.map((r) => r.params[k] ?? '\u0000missing')).size > 1);
  return (varying.length > 0 ? varying : keys).slice(0, limit);
}
