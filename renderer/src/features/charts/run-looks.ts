import type { RunRow } from '../../../../preload/contract.js';
import type { RunLook } from './series-traces.js';

/** What a run looks like in every chart and column: its name (or short id) in its colour. */
export function runLooks(rows: readonly RunRow[]): Map<number, RunLook> {
  return new Map(rows.map((r) => [r.runKey, { name: displayName(r), color: r.color }]));
}

export function displayName(row: Pick<RunRow, 'runName' | 'runId'>): string {
  return row.runName.trim() || row.runId.slice(0, 8);
}
