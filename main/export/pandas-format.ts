import type { ColumnSet } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { pandasCell } from './csv-cells.js';
import { pandasUtcTimestamp, type PandasVersion } from './pandas-timestamp.js';
import { pythonFloatRepr } from './python-float.js';
import type { ExportRun } from './run-batches.js';
import { columnSlot, SlotLists, slotsOf, type RunTableLayout } from './run-table-layout.js';

const INFO_COLUMNS = ['run_id', 'experiment_id', 'status', 'artifact_uri', 'start_time', 'end_time'];

export interface PandasTimeOptions {
  version: PandasVersion;
  /** pandas 3: whether any exported start time / end time has milliseconds (see pandas-timestamp.ts). */
  startFraction: boolean;
  endFraction: boolean;
}

/**
 * What `mlflow experiments csv` writes: the `mlflow.search_runs()` DataFrame through
 * `to_csv(index=False)`. Six run-info columns, then `metrics.*`, `params.*` and `tags.*` (every
 * tag, `mlflow.*` included). Missing values, NaN metrics and a missing end time are empty cells;
 * infinities are `inf`/`-inf`; floats print as Python's repr; times as UTC pandas Timestamps.
 */
export function pandasLayout(columns: ColumnSet, time: PandasTimeOptions = { version: 3, startFraction: true, endFraction: true }): RunTableLayout {
  const metricSlots = new SlotLists(columnSlot(slotsOf(columns.metrics)));
  const paramSlots = new SlotLists(columnSlot(slotsOf(columns.params, columns.metrics.length)));
  const tagSlots = new SlotLists(columnSlot(slotsOf(columns.tags, columns.metrics.length + columns.params.length)));
  const header = [
    ...INFO_COLUMNS,
    ...columns.metrics.map((k) => `metrics.${k}`),
    ...columns.params.map((k) => `params.${k}`),
    ...columns.tags.map((k) => `tags.${k}`),
  ];
  const cells = new Array<string>(columns.metrics.length + columns.params.length + columns.tags.length);
  return {
    header: `${header.map(pandasCell).join(',')}\n`,
    row(run: ExportRun): string {
      cells.fill('');
      const { metricValues, metricStart } = run;
      const mSlots = metricSlots.of(run.metricKeys);
      for (let i = 0; i < mSlots.length; i++) {
        const slot = mSlots[i]!;
        const value = metricValues[metricStart + i];
        // NaN is stored as null and pandas writes it as an empty cell, like a missing metric.
        if (slot >= 0 && value !== null && value !== undefined && !Number.isNaN(value)) cells[slot] = pythonFloatRepr(value);
      }
      const pSlots = paramSlots.of(run.params.keys);
      const params = run.params.values;
      for (let i = 0; i < pSlots.length; i++) if (pSlots[i]! >= 0) cells[pSlots[i]!] = pandasCell(params[i]!);
      const tSlots = tagSlots.of(run.tags.keys);
      const tags = run.tags.values;
      for (let i = 0; i < tSlots.length; i++) if (tSlots[i]! >= 0) cells[tSlots[i]!] = pandasCell(tags[i]!);
      const info =
        `${pandasCell(run.runId)},${pandasCell(run.experimentId)},${pandasCell(run.status)},` +
        `${run.artifactUri === null ? '' : pandasCell(run.artifactUri)},` +
        `${run.startTime === null ? '' : pandasUtcTimestamp(run.startTime, time.version, time.startFraction)},` +
        `${run.endTime === null ? '' : pandasUtcTimestamp(run.endTime, time.version, time.endFraction)}`;
      return cells.length === 0 ? `${info}\n` : `${info},${cells.join(',')}\n`;
    },
  };
}

/**
 * For pandas 3's column-wide precision: whether any exported run starts or ends off a whole second.
 * One primary-key read per run, in chunks, before the first row is written.
 */
export function millisecondColumns(db: IndexDb, runKeys: readonly number[]): { startFraction: boolean; endFraction: boolean } {
  const statement = db
    .prepare<[string], [number | null, number | null]>(
      `SELECT max(r.start_time % 1000 <> 0), max(r.end_time % 1000 <> 0)
         FROM json_each(?) j CROSS JOIN runs r ON r.run_key = j.value`,
    )
    .raw();
  let startFraction = false;
  let endFraction = false;
  for (let at = 0; at < runKeys.length && !(startFraction && endFraction); at += 20_000) {
    const [start, end] = statement.get(JSON.stringify(runKeys.slice(at, at + 20_000)))!;
    startFraction ||= start === 1;
    endFraction ||= end === 1;
  }
  return { startFraction, endFraction };
}
