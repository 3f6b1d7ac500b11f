import type { ColumnSet } from '../../preload/contract.js';
import { mlflowUiCell } from './csv-cells.js';
import { runDuration, startTimeFormatter } from './mlflow-ui-cells.js';
import type { ExportRun } from './run-batches.js';
import { columnSlot, SlotLists, slotsOf, type RunTableLayout } from './run-table-layout.js';

const FIXED_COLUMNS = ['Start Time', 'Duration', 'Run ID', 'Name', 'Source Type', 'Source Name', 'User', 'Status'];

/** Tags the UI keeps out of its tag columns (`MLFLOW_INTERNAL_PREFIX`). */
export const MLFLOW_INTERNAL_PREFIX = 'mlflow.';

const EMPTY_CELL = mlflowUiCell('');

// Slot codes of the tags that fill fixed columns (column slots are >= 0; -1 is "not exported").
const RUN_NAME = -2;
const SOURCE_TYPE = -3;
const SOURCE_NAME = -4;
const USER = -5;
const FIXED_TAGS = new Map([
  ['mlflow.runName', RUN_NAME],
  ['mlflow.source.type', SOURCE_TYPE],
  ['mlflow.source.name', SOURCE_NAME],
  ['mlflow.user', USER],
]);

/**
 * The MLflow UI's "Download CSV" of the runs table (`runInfosToCsv` in `CsvUtils.ts`): eight fixed
 * columns, then params, metrics and tags under their bare keys (so a param and a metric with the
 * same key give two columns of the same name, as in the UI), every cell quoted.
 *
 * Cells as the UI fills them: Name is the run name or the `mlflow.runName` tag; Source Type, Source
 * Name and User come from the `mlflow.source.type`, `mlflow.source.name` and `mlflow.user` tags. The
 * UI falls back to a `user_id` field its run objects do not have, so a run without an `mlflow.user`
 * tag gets an empty, unquoted User cell there and here. Metric cells hold the latest value as
 * JavaScript prints a number (`0.1`, `1e-7`, `NaN`, `Infinity`).
 */
export function mlflowUiLayout(columns: ColumnSet, options: { timeZone?: string } = {}): RunTableLayout {
  const tagColumns = columns.tags.filter((k) => !k.startsWith(MLFLOW_INTERNAL_PREFIX));
  const paramSlots = new SlotLists(columnSlot(slotsOf(columns.params)));
  const metricSlots = new SlotLists(columnSlot(slotsOf(columns.metrics, columns.params.length)));
  const tagColumnSlot = columnSlot(slotsOf(tagColumns, columns.params.length + columns.metrics.length));
  const tagSlots = new SlotLists((key) => FIXED_TAGS.get(key) ?? tagColumnSlot(key));
  const header = [...FIXED_COLUMNS, ...columns.params, ...columns.metrics, ...tagColumns];
  const startTime = startTimeFormatter(options.timeZone);
  const cells = new Array<string>(columns.params.length + columns.metrics.length + tagColumns.length);
  return {
    header: `${header.map(mlflowUiCell).join(',')}\n`,
    row(run: ExportRun): string {
      cells.fill(EMPTY_CELL);
      const pSlots = paramSlots.of(run.params.keys);
      const params = run.params.values;
      for (let i = 0; i < pSlots.length; i++) if (pSlots[i]! >= 0) cells[pSlots[i]!] = mlflowUiCell(params[i]!);
      const { metricValues, metricStart } = run;
      const mSlots = metricSlots.of(run.metricKeys);
      for (let i = 0; i < mSlots.length; i++) {
        const value = metricValues[metricStart + i];
        if (mSlots[i]! >= 0) cells[mSlots[i]!] = mlflowUiCell(value === null ? 'NaN' : String(value));
      }
      let runNameTag = '';
      let sourceType = '';
      let sourceName = '';
      let user: string | undefined;
      const tSlots = tagSlots.of(run.tags.keys);
      const tags = run.tags.values;
      for (let i = 0; i < tSlots.length; i++) {
        const slot = tSlots[i]!;
        if (slot >= 0) cells[slot] = mlflowUiCell(tags[i]!);
        else if (slot === RUN_NAME) runNameTag = tags[i]!;
        else if (slot === SOURCE_TYPE) sourceType = tags[i]!;
        else if (slot === SOURCE_NAME) sourceName = tags[i]!;
        else if (slot === USER) user = tags[i]!;
      }
      const fixed =
        `${mlflowUiCell(startTime(run.startTime))},${mlflowUiCell(runDuration(run.startTime, run.endTime))},` +
        `${mlflowUiCell(run.runId)},${mlflowUiCell(run.runName || runNameTag)},${mlflowUiCell(sourceType)},` +
        `${mlflowUiCell(sourceName)},${mlflowUiCell(user)},${mlflowUiCell(run.status)}`;
      return cells.length === 0 ? `${fixed}\n` : `${fixed},${cells.join(',')}\n`;
    },
  };
}
