import type { RunRow } from '../../../../preload/contract.js';
import { columnValues, type ColumnRef } from './column-values.js';

export interface ScatterModel {
  x: (number | string)[];
  y: (number | string)[];
  xType: 'linear' | 'category';
  yType: 'linear' | 'category';
  names: string[];
  colors: string[];
  runKeys: number[];
  /** Runs left out because they lack one of the two columns. */
  missing: number;
}

/**
 * One point per run at (x column, y column), in the run's colour. Text params give a category
 * axis ordered naturally; runs missing either value are counted, not silently dropped.
 */
export function buildScatter(runs: readonly RunRow[], x: ColumnRef, y: ColumnRef, nameOf: (r: RunRow) => string): ScatterModel {
  const xs = columnValues(runs, x);
  const ys = columnValues(runs, y);
  const model: ScatterModel = {
    x: [],
    y: [],
    xType: xs.type === 'numeric' ? 'linear' : 'category',
    yType: ys.type === 'numeric' ? 'linear' : 'category',
    names: [],
    colors: [],
    runKeys: [],
    missing: 0,
  };
  runs.forEach((r, i) => {
    const xv = xs.values[i];
    const yv = ys.values[i];
    if (xv === null || xv === undefined || yv === null || yv === undefined) {
      model.missing += 1;
      return;
    }
    model.x.push(xv);
    model.y.push(yv);
    model.names.push(nameOf(r));
    model.colors.push(r.color);
    model.runKeys.push(r.runKey);
  });
  return model;
}

/** Category order for a text axis, so "8" sits before "16". */
export function categoryOrder(runs: readonly RunRow[], column: ColumnRef): string[] | null {
  const values = columnValues(runs, column);
  return values.type === 'categorical' ? values.categories : null;
}
