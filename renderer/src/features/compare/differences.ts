import type { RunRow } from '../../../../preload/contract.js';
import { naturalCompare } from '../charts/format.js';

export type CellValue = string | number | undefined;

export interface CompareRow {
  key: string;
  /** One value per run, in column order; undefined where the run lacks the key. */
  values: CellValue[];
  differs: boolean;
}

export interface CompareSections {
  params: CompareRow[];
  metrics: CompareRow[];
  /** User tags. */
  tags: CompareRow[];
  /** `mlflow.*` tags, shown apart (MLflow's UI hides them from tag columns). */
  systemTags: CompareRow[];
}

/** Same value in the sense a person comparing runs means it: NaN equals NaN, missing equals only missing. */
export function sameValue(a: CellValue, b: CellValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || (Number.isNaN(a) && Number.isNaN(b));
  return a === b;
}

/** Whether the runs disagree on a value; a key some runs lack and others have differs. */
export function valuesDiffer(values: readonly CellValue[]): boolean {
  for (let i = 1; i < values.length; i++) if (!sameValue(values[0], values[i])) return true;
  return false;
}

export const isSystemTag = (key: string) => key.startsWith('mlflow.');

/** The side-by-side table: every key any run has, naturally sorted, with its values per run. */
export function buildCompareSections(rows: readonly RunRow[]): CompareSections {
  const section = (pick: (r: RunRow) => Record<string, string | number>, filter: (key: string) => boolean = () => true) => {
    const keys = new Set<string>();
    for (const r of rows) for (const k of Object.keys(pick(r))) if (filter(k)) keys.add(k);
    return [...keys].sort(naturalCompare).map((key): CompareRow => {
      const values = rows.map((r) => {
        const record = pick(r);
        return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
      });
      return { key, values, differs: valuesDiffer(values) };
    });
  };
  return {
    params: section((r) => r.params),
    metrics: section((r) => r.metrics),
    tags: section((r) => r.tags, (k) => !isSystemTag(k)),
    systemTags: section((r) => r.tags, isSystemTag),
  };
}

/** Rows to show: all of them, or only those where the runs disagree. */
export function visibleRows(rows: readonly CompareRow[], differencesOnly: boolean): readonly CompareRow[] {
  return differencesOnly ? rows.filter((r) => r.differs) : rows;
}
