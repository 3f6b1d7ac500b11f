import type { RunQuery } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { allRunKeys } from '../query/run-keys.js';

/**
 * The runs an export covers, in the order they are written: every run matching the query's
 * experiments, view, filter and sort (its offset and limit are ignored: an export is never one
 * page), or only `query.runKeys` when the user exported a selection. With no sort, MLflow's default
 * order, `start_time DESC, run_id ASC`, which is what `mlflow.search_runs` and so
 * `mlflow experiments csv` return. A filter that does not parse is an AppError('PARSE_ERROR').
 */
export function orderedRunKeys(db: IndexDb, query: RunQuery): number[] {
  return allRunKeys(db, {
    experimentKeys: query.experimentKeys,
    view: query.view,
    filter: query.filter,
    orderBy: query.orderBy,
    ...(query.runKeys !== undefined ? { runKeys: query.runKeys } : {}),
  });
}
