import type { ViewType } from '../../preload/contract.js';
import { fragment, joinFragments, keyList, type SqlFragment } from '../search/sql-fragment.js';

/** Which runs a query may return before its filter applies. */
export interface RunScope {
  /** Experiments to look in; empty means every experiment of the project. */
  experimentKeys: readonly number[];
  view: ViewType;
  /** Restrict to these runs (compare view, "selected runs" exports); undefined means no restriction. */
  runKeys?: readonly number[] | undefined;
}

/** WHERE conditions over `runs r` for the scope (never empty: at least the lifecycle). */
export function scopeToSql(scope: RunScope): SqlFragment {
  const parts: SqlFragment[] = [];
  if (scope.experimentKeys.length === 1) parts.push(fragment('r.exp_key = ?', scope.experimentKeys[0]));
  else if (scope.experimentKeys.length > 1) parts.push(keyList('r.exp_key', scope.experimentKeys));
  // likelihood(): most runs are active, so SQLite should prefer a selective index (run name,
  // status) over this condition, while still using it to read runs in start-time order.
  if (scope.view === 'active') parts.push(fragment("likelihood(r.lifecycle_stage = 'active', 0.9)"));
  else if (scope.view === 'deleted') parts.push(fragment("r.lifecycle_stage = 'deleted'"));
  if (scope.runKeys !== undefined) parts.push(keyList('r.run_key', scope.runKeys));
  if (parts.length === 0) parts.push(fragment('1'));
  return joinFragments(parts, ' AND ');
}
