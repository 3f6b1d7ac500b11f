import type { RunQuery, ViewType } from '../../../../preload/contract.js';
import { orderByFor, type SortSpec } from './column-model.js';

/** A runs query without its page window. */
export type BaseQuery = Omit<RunQuery, 'offset' | 'limit'>;

export interface TableQuery {
  /** The rows the table pages through. */
  rows: BaseQuery;
  /** Whether top-level runs are listed with their children expandable under them. */
  nested: boolean;
  /** All matching runs (children too) when nested: the count shown to the user. */
  count: BaseQuery | null;
  /** Identity: the page cache, expansions and selection start over when it changes. */
  key: string;
}

export interface TableQueryInput {
  experimentKeys: readonly number[];
  filter: string;
  sort: SortSpec | null;
  runView: ViewType;
  /** The index understands `topLevelFilter`; null: not known yet (no query until it is). */
  nestingSupported: boolean | null;
  topLevelFilter: string;
}

/**
 * What the table asks the index for. Child runs are nested under their parent only when the
 * user is not searching: a search lists every matching run, children included, so a match is
 * never hidden inside a collapsed parent.
 */
export function tableQuery(input: TableQueryInput): TableQuery | null {
  if (input.experimentKeys.length === 0 || input.nestingSupported === null) return null;
  const filter = input.filter.trim();
  const orderBy = orderByFor(input.sort);
  const base: BaseQuery = { experimentKeys: [...input.experimentKeys], filter, orderBy, view: input.runView };
  const nested = input.nestingSupported && filter === '';
  const rows = nested ? { ...base, filter: input.topLevelFilter } : base;
  return {
    rows,
    nested,
    count: nested ? base : null,
    key: JSON.stringify(rows),
  };
}
