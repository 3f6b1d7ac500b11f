import type { RunPage, RunQuery } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { buildRunRows } from '../run-detail/run-rows.js';
import { queryRunKeys } from './run-keys.js';

/**
 * `runs:list`: the filter (MLflow's language plus RunDesk extensions), the sort (MLflow's order-by
 * clauses, then start time descending, then run id), the view, and one page of table rows with the
 * total. An empty `experimentKeys` means every experiment; `runKeys` narrows to those runs.
 * Throws AppError('PARSE_ERROR', sentence, position) for a filter or sort that does not parse.
 */
export function listRuns(db: IndexDb, query: RunQuery): RunPage {
  const page = queryRunKeys(db, query);
  return { rows: buildRunRows(db, page.keys), total: page.total };
}
