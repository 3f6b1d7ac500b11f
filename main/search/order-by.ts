import type { Field } from './ast.js';
import { resolveRunField } from './fields.js';
import { Lexer, describeToken, isKeyword, parseError } from './lexer.js';
import { AppError } from '../services/app-error.js';
import { fragment, type SqlFragment } from './sql-fragment.js';

/**
 * MLflow order-by clauses: `<identifier> [ASC|DESC]`, ASC by default, one key per clause
 * (`SearchUtils._parse_order_by_string`). Sorting follows the SQL store
 * (`sqlalchemy_store._get_orderby_clauses`): per key, present values first in the asked
 * direction, then NaN metrics, then runs without the key (in either direction); after the keys,
 * `start_time DESC` unless start_time was a key, then `run_id`.
 */

export interface OrderKey {
  field: Field;
  ascending: boolean;
}

export function parseOrderBy(clause: string): OrderKey {
  const lexer = new Lexer(clause);
  try {
    const token = lexer.next();
    let field: Field;
    if (token.kind === 'ident') {
      field = resolveRunField({ parts: token.parts!, raw: token.raw, start: token.start }, 'order');
    } else if (token.kind === 'string' && token.quote === '"') {
      field = resolveRunField({ parts: [{ raw: token.raw, text: token.text!, quote: '"' }], raw: token.raw, start: token.start }, 'order');
    } else {
      throw parseError(`Expected a column to sort by, such as metrics.rmse DESC or start_time, found ${describeToken(token)}`, token.start);
    }
    if (field.kind === 'dataset') throw parseError('Runs cannot be sorted by a dataset field', token.start);
    let ascending = true;
    const direction = lexer.next();
    if (direction.kind !== 'end') {
      if (!isKeyword(direction, 'ASC', 'DESC')) throw parseError(`Expected ASC or DESC after '${token.raw}', found ${describeToken(direction)}`, direction.start);
      ascending = direction.raw.toUpperCase() === 'ASC';
      const rest = lexer.next();
      if (rest.kind !== 'end') throw parseError(`Expected the end of the sort clause after ${direction.raw}, found ${describeToken(rest)}`, rest.start);
    }
    return { field, ascending };
  } catch (error) {
    if (error instanceof AppError && error.code === 'PARSE_ERROR') {
      throw new AppError('PARSE_ERROR', `In sort '${clause}': ${error.message}`, error.position);
    }
    throw error;
  }
}

/** Parses every clause and rejects a key given twice, as MLflow's SQL store does. */
export function parseOrderByList(clauses: readonly string[]): OrderKey[] {
  const keys = clauses.map(parseOrderBy);
  const seen = new Set<string>();
  for (const [i, key] of keys.entries()) {
    const id = `${key.field.kind}\u0000${key.field.key}`;
    if (seen.has(id)) throw new AppError('PARSE_ERROR', `The sort lists ${clauses[i]} twice; give each column once.`, 0);
    seen.add(id);
  }
  return keys;
}

const RUN_ORDER_COLUMNS: Record<string, string> = {
  run_id: 'r.run_id',
  run_name: 'r.run_name',
  status: 'r.status',
  user_id: 'r.user_id',
  artifact_uri: 'r.artifact_uri',
  start_time: 'r.start_time',
  end_time: 'r.end_time',
};

const TABLES = { metric: 'latest_metrics', param: 'params', tag: 'tags' } as const;

export interface RunOrderSql {
  /** LEFT JOINs that bring the sorted values; their parameters come before the WHERE's. */
  joins: SqlFragment;
  orderBy: string;
}

export function runOrderToSql(keys: readonly OrderKey[]): RunOrderSql {
  const joins: string[] = [];
  const params: unknown[] = [];
  const terms: string[] = [];
  let hasStartTime = false;
  keys.forEach(({ field, ascending }, i) => {
    const direction = ascending ? 'ASC' : 'DESC';
    if (field.kind === 'attribute') {
      const column = RUN_ORDER_COLUMNS[field.key]!;
      if (field.key === 'start_time') hasStartTime = true;
      terms.push(`(${column} IS NULL)`, `${column} ${direction}`);
      return;
    }
    if (field.kind === 'dataset') return;
    const alias = `o${i}`;
    joins.push(`LEFT JOIN ${TABLES[field.kind]} ${alias} ON ${alias}.run_key = r.run_key AND ${alias}.key = ?`);
    params.push(field.key);
    if (field.kind === 'metric') {
      terms.push(`(CASE WHEN ${alias}.is_nan = 1 THEN 1 WHEN ${alias}.value IS NULL THEN 2 ELSE 0 END)`, `${alias}.value ${direction}`);
    } else {
      terms.push(`(${alias}.value IS NULL)`, `${alias}.value ${direction}`);
    }
  });
  if (!hasStartTime) terms.push('r.start_time DESC');
  terms.push('r.run_id', 'r.run_key');
  return { joins: fragment(joins.join(' '), ...params), orderBy: terms.join(', ') };
}
