import type { RunQuery } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { parseOrderByList, runOrderToSql, type OrderKey } from '../search/order-by.js';
import { parseRunFilter } from '../search/parser.js';
import { fragment, joinFragments, type SqlFragment } from '../search/sql-fragment.js';
import { runFilterToSql } from '../search/to-sql.js';
import { dataVersion } from './data-version.js';
import { LruMap } from './lru-map.js';
import { prepared } from './prepared.js';
import { scopeToSql, type RunScope } from './run-scope.js';

/**
 * Run keys for a query, in MLflow's order, one page at a time, plus the total.
 *
 * Speed at 100,000 runs: the default order reads `runs_by_stage_start` / `runs_by_exp_stage_start`
 * and stops after the page; a sort on one metric, param or tag walks that key's
 * `<table>_by_key_value` index in value order and stops after the page too, when the filter keeps
 * enough runs for that to beat sorting (see SORT_INDEX_MIN_TOTAL); other sorts let SQLite choose.
 */

export interface RunKeyPage {
  /** Run keys of the page, in MLflow's order. */
  keys: number[];
  /** Runs matching the query across all pages. */
  total: number;
}

export type RunKeyQuery = Pick<RunQuery, 'filter' | 'orderBy' | 'experimentKeys' | 'view' | 'runKeys'>;

export interface CompiledRunQuery {
  /** Scope and filter over `runs r`. */
  where: SqlFragment;
  /** The same, with key conditions probed per row by primary key (for the first pages of a sort index walk). */
  probeWhere: SqlFragment;
  /** The same, with key conditions built once as lists and probed per row (for deep pages of a walk). */
  listProbeWhere: SqlFragment;
  orderKeys: OrderKey[];
}

/** With one sort key on a table, and at least this many matches, walk the key's index in order. */
const SORT_INDEX_MIN_TOTAL = 2000;
/**
 * A walk that stops within this many rows checks the filter with per-row primary-key lookups;
 * deeper pages build each key condition's run list once (cheaper per row, ~14 ms to set up for a
 * broad condition at 100,000 runs).
 */
const EXISTS_PROBE_MAX_ROWS = 1000;

function walkWhere(compiled: CompiledRunQuery, limit: number, offset: number): SqlFragment {
  return offset + limit <= EXISTS_PROBE_MAX_ROWS ? compiled.probeWhere : compiled.listProbeWhere;
}

const TABLES = { metric: 'latest_metrics', param: 'params', tag: 'tags' } as const;

/** Parses filter and sort and builds the SQL; throws AppError('PARSE_ERROR') for a bad filter or sort. */
export function compileRunQuery(query: RunKeyQuery, db?: IndexDb): CompiledRunQuery {
  const parsed = parseRunFilter(query.filter);
  const orderKeys = parseOrderByList(query.orderBy);
  const scope = scopeToSql(db ? simplifyScope(db, query) : query);
  const combine = (filter: SqlFragment | null) => joinFragments(filter ? [scope, fragment(`(${filter.sql})`, ...filter.params)] : [scope], ' AND ');
  return {
    where: combine(runFilterToSql(parsed)),
    probeWhere: combine(runFilterToSql(parsed, { probe: 'exists' })),
    listProbeWhere: combine(runFilterToSql(parsed, { probe: 'list-probe' })),
    orderKeys,
  };
}

/** Selecting every experiment is the same as selecting none, and lets SQLite skip the list. */
function simplifyScope(db: IndexDb, scope: RunScope): RunScope {
  if (scope.experimentKeys.length === 0) return scope;
  const all = prepared(db, 'SELECT count(*) FROM experiments').pluck().get() as number;
  if (new Set(scope.experimentKeys).size < all) return scope;
  const listed = prepared(db, 'SELECT count(*) FROM experiments WHERE exp_key IN (SELECT value FROM json_each(?))')
    .pluck()
    .get(JSON.stringify(scope.experimentKeys)) as number;
  return listed === all ? { ...scope, experimentKeys: [] } : scope;
}

/** One page of run keys plus the total, for `runs:list` and the CLI. */
export function queryRunKeys(db: IndexDb, query: RunQuery): RunKeyPage {
  const compiled = compileRunQuery(query, db);
  const limit = Math.max(0, Math.floor(query.limit));
  const offset = Math.max(0, Math.floor(query.offset));
  const total = countMatches(db, compiled.where);
  if (limit === 0 || offset >= total) return { keys: [], total };
  const [single] = compiled.orderKeys;
  const keys =
    compiled.orderKeys.length === 1 && single!.field.kind !== 'attribute' && single!.field.kind !== 'dataset'
      ? pageBySortIndex(db, compiled, single!, total, limit, offset)
      : pageGeneral(db, compiled, total, limit, offset);
  return { keys, total };
}

function pageGeneral(db: IndexDb, compiled: CompiledRunQuery, total: number, limit: number, offset: number): number[] {
  const order = runOrderToSql(compiled.orderKeys);
  // In the default order with many matches, reading runs in index order and testing the filter
  // per run stops after the page; starting from the filter's matches would sort all of them.
  const where = compiled.orderKeys.length === 0 && total >= SORT_INDEX_MIN_TOTAL ? walkWhere(compiled, limit, offset) : compiled.where;
  return prepared(db, `SELECT r.run_key FROM runs r ${order.joins.sql} WHERE ${where.sql} ORDER BY ${order.orderBy} LIMIT ? OFFSET ?`)
    .pluck()
    .all(...order.joins.params, ...where.params, limit, offset) as number[];
}

/**
 * MLflow's order for one key: runs with a value (by value, then start time DESC, run id), then
 * NaN metrics, then runs without the key. Each group is its own query; a page that spans groups
 * reads the next one, and the size of a skipped group is counted only when the page starts past it.
 */
function pageBySortIndex(db: IndexDb, compiled: CompiledRunQuery, key: OrderKey, total: number, limit: number, offset: number): number[] {
  const kind = key.field.kind as keyof typeof TABLES;
  const table = TABLES[kind];
  const walkIndex = total >= SORT_INDEX_MIN_TOTAL;
  const where = walkIndex ? walkWhere(compiled, limit, offset) : compiled.where;
  const join = walkIndex ? 'CROSS JOIN' : 'JOIN';
  const tail = 'r.start_time DESC, r.run_id, r.run_key';
  const groups: { from: string; condition: string; params: unknown[]; order: string }[] = [
    {
      from: `${table} o ${join} runs r ON r.run_key = o.run_key`,
      condition: 'o.key = ? AND o.value IS NOT NULL',
      params: [key.field.key],
      order: `o.value ${key.ascending ? 'ASC' : 'DESC'}, ${tail}`,
    },
  ];
  if (kind === 'metric') {
    groups.push({
      from: 'latest_metrics o JOIN runs r ON r.run_key = o.run_key',
      condition: 'o.key = ? AND o.value IS NULL AND o.is_nan = 1',
      params: [key.field.key],
      order: tail,
    });
  }
  groups.push({ from: 'runs r', condition: `r.run_key NOT IN (SELECT run_key FROM ${table} WHERE key = ?)`, params: [key.field.key], order: tail });

  const keys: number[] = [];
  let skip = offset;
  for (const group of groups) {
    const base = `FROM ${group.from} WHERE ${group.condition} AND ${where.sql}`;
    const params = [...group.params, ...where.params];
    const rows = prepared(db, `SELECT r.run_key ${base} ORDER BY ${group.order} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...params, limit - keys.length, skip) as number[];
    keys.push(...rows);
    if (keys.length >= limit) break;
    if (rows.length > 0) skip = 0;
    else if (skip > 0) skip = Math.max(0, skip - (prepared(db, `SELECT count(*) ${base}`).pluck().get(...params) as number));
  }
  return keys;
}

/** Totals by query and index version: scrolling re-asks the same count for every page. */
const totals = new WeakMap<IndexDb, LruMap<string, number>>();

function countMatches(db: IndexDb, where: SqlFragment): number {
  let cache = totals.get(db);
  if (!cache) {
    cache = new LruMap(50);
    totals.set(db, cache);
  }
  const cacheKey = `${dataVersion(db)}\u0000${where.sql}\u0000${JSON.stringify(where.params)}`;
  const cached = cache.get(cacheKey);
  if (cached !== undefined) return cached;
  const total = prepared(db, `SELECT count(*) FROM runs r WHERE ${where.sql}`).pluck().get(...where.params) as number;
  cache.set(cacheKey, total);
  return total;
}

/** Forgets cached totals (benchmarks measure uncached queries). */
export function clearRunTotals(db: IndexDb): void {
  totals.get(db)?.clear();
}

/** Every matching run key in order (exports, the CLI): no paging, no count. */
export function allRunKeys(db: IndexDb, query: RunKeyQuery): number[] {
  const compiled = compileRunQuery(query, db);
  const order = runOrderToSql(compiled.orderKeys);
  return db
    .prepare(`SELECT r.run_key FROM runs r ${order.joins.sql} WHERE ${compiled.where.sql} ORDER BY ${order.orderBy}`)
    .pluck()
    .all(...order.joins.params, ...compiled.where.params) as number[];
}
