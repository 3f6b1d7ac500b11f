import type { Comparator, ComparisonNode, FilterNode, Operand, ParsedFilter, Scalar } from './ast.js';
import { asciiLower, likeToGlob } from './like-pattern.js';
import { parseError } from './lexer.js';
import { fragment, joinFragments, placeholders, type SqlFragment } from './sql-fragment.js';

/**
 * Filter tree → parameterised SQL over the index, with the semantics of MLflow's SQL store
 * (`sqlalchemy_store._get_sqlalchemy_filter_clauses`):
 * - a metric/param/tag condition matches when the run HAS that key and its value satisfies it;
 *   a run without the key never matches (not even `!=`), except for IS NULL;
 * - NaN metrics (value NULL, is_nan 1 in the index) satisfy only `!=` (and NOT IN, NOT BETWEEN),
 *   as in MLflow 3.x, where every other comparison with NaN is false;
 * - LIKE is case-sensitive, ILIKE ignores ASCII case (SQLite's lower());
 * - a dataset condition matches when ANY of the run's dataset inputs satisfies it.
 * Each key condition is an `IN (SELECT run_key …)` subquery that starts from the
 * `<table>_by_key_value` index, so a selective condition never scans all runs.
 */

const RUN_COLUMNS: Record<string, string> = {
  run_id: 'r.run_id',
  run_name: 'r.run_name',
  status: 'r.status',
  user_id: 'r.user_id',
  artifact_uri: 'r.artifact_uri',
  start_time: 'r.start_time',
  end_time: 'r.end_time',
};

const EXPERIMENT_COLUMNS: Record<string, string> = {
  name: 'e.name',
  experiment_id: 'e.experiment_id',
  creation_time: 'e.creation_time',
  last_update_time: 'e.last_update_time',
};

const DATASET_COLUMNS: Record<string, string> = { name: 'name', digest: 'digest', context: 'context' };

function scalars(operand: Operand): Scalar[] {
  switch (operand.kind) {
    case 'scalar':
      return [operand.value];
    case 'list':
      return operand.values;
    case 'range':
      return [operand.low, operand.high];
    case 'none':
      return [];
  }
}

/** `column <comparator> operand`; NULL columns never satisfy it. */
export function valuePredicate(column: string, comparator: Comparator, operand: Operand): SqlFragment {
  const values = scalars(operand);
  switch (comparator) {
    case '=':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=':
      return fragment(`${column} ${comparator} ?`, values[0]);
    case 'LIKE':
      return fragment(`${column} GLOB ?`, likeToGlob(String(values[0])));
    case 'NOT LIKE':
      return fragment(`NOT (${column} GLOB ?)`, likeToGlob(String(values[0])));
    case 'ILIKE':
      return fragment(`lower(${column}) GLOB ?`, likeToGlob(asciiLower(String(values[0]))));
    case 'NOT ILIKE':
      return fragment(`NOT (lower(${column}) GLOB ?)`, likeToGlob(asciiLower(String(values[0]))));
    case 'IN':
      return fragment(`${column} IN ${placeholders(values.length)}`, ...values);
    case 'NOT IN':
      return fragment(`${column} NOT IN ${placeholders(values.length)}`, ...values);
    case 'BETWEEN':
      return fragment(`${column} BETWEEN ? AND ?`, values[0], values[1]);
    case 'NOT BETWEEN':
      return fragment(`${column} NOT BETWEEN ? AND ?`, values[0], values[1]);
    case 'IS NULL':
      return fragment(`${column} IS NULL`);
    case 'IS NOT NULL':
      return fragment(`${column} IS NOT NULL`);
  }
}

/** The negative comparisons a NaN metric satisfies (NaN differs from every number). */
const NAN_MATCHES: ReadonlySet<Comparator> = new Set(['!=', 'NOT IN', 'NOT BETWEEN']);

function keyedCondition(table: 'params' | 'tags' | 'latest_metrics', owner: string, node: ComparisonNode): SqlFragment {
  const { field, comparator, operand } = node;
  if (comparator === 'IS NULL') return fragment(`${owner} NOT IN (SELECT run_key FROM ${table} WHERE key = ?)`, field.key);
  if (comparator === 'IS NOT NULL') return fragment(`${owner} IN (SELECT run_key FROM ${table} WHERE key = ?)`, field.key);
  let predicate = valuePredicate('value', comparator, operand);
  if (table === 'latest_metrics' && NAN_MATCHES.has(comparator)) predicate = fragment(`(${predicate.sql} OR is_nan = 1)`, ...predicate.params);
  return fragment(`${owner} IN (SELECT run_key FROM ${table} WHERE key = ? AND ${predicate.sql})`, field.key, ...predicate.params);
}

function runComparison(owner: string): (node: ComparisonNode) => SqlFragment {
  return (node) => {
    const { field, comparator, operand } = node;
    switch (field.kind) {
      case 'attribute':
        return valuePredicate(RUN_COLUMNS[field.key]!, comparator, operand);
      case 'metric':
        return keyedCondition('latest_metrics', owner, node);
      case 'param':
        return keyedCondition('params', owner, node);
      case 'tag':
        return keyedCondition('tags', owner, node);
      case 'dataset': {
        const predicate = valuePredicate(DATASET_COLUMNS[field.key]!, comparator, operand);
        return fragment(`${owner} IN (SELECT run_key FROM dataset_inputs WHERE ${predicate.sql})`, ...predicate.params);
      }
    }
  };
}

function experimentComparison(node: ComparisonNode): SqlFragment {
  const { field, comparator, operand } = node;
  if (field.kind === 'tag') {
    if (comparator === 'IS NULL') return fragment('e.exp_key NOT IN (SELECT exp_key FROM experiment_tags WHERE key = ?)', field.key);
    if (comparator === 'IS NOT NULL') return fragment('e.exp_key IN (SELECT exp_key FROM experiment_tags WHERE key = ?)', field.key);
    const predicate = valuePredicate('value', comparator, operand);
    return fragment(`e.exp_key IN (SELECT exp_key FROM experiment_tags WHERE key = ? AND ${predicate.sql})`, field.key, ...predicate.params);
  }
  if (field.valueType === 'number') {
    // MLflow's SQL store binds these as integers and rejects a fractional value.
    for (const value of scalars(operand)) {
      if (!Number.isInteger(value)) throw parseError(`${field.label} takes whole milliseconds, not ${value}`, node.start);
    }
  }
  return valuePredicate(EXPERIMENT_COLUMNS[field.key]!, comparator, operand);
}

function translate(node: FilterNode, comparison: (node: ComparisonNode) => SqlFragment, textColumn: string): SqlFragment {
  switch (node.type) {
    case 'comparison':
      return comparison(node);
    case 'text':
      return fragment(`instr(lower(${textColumn}), ?) > 0`, asciiLower(node.text));
    case 'not': {
      const inner = translate(node.item, comparison, textColumn);
      // A NULL inner result (a NULL column) means "does not match"; NOT must then match.
      return fragment(`NOT coalesce((${inner.sql}), 0)`, ...inner.params);
    }
    case 'and':
    case 'or':
      return balanced(
        node.items.map((item) => translate(item, comparison, textColumn)),
        node.type === 'and' ? ' AND ' : ' OR ',
      );
  }
}

/** `(a AND b) AND (c AND d)`: a long chain would pass SQLite's expression depth limit (1000). */
function balanced(parts: SqlFragment[], separator: string): SqlFragment {
  if (parts.length <= 4) {
    const joined = joinFragments(parts, separator);
    return fragment(`(${joined.sql})`, ...joined.params);
  }
  const middle = Math.ceil(parts.length / 2);
  const joined = joinFragments([balanced(parts.slice(0, middle), separator), balanced(parts.slice(middle), separator)], separator);
  return fragment(`(${joined.sql})`, ...joined.params);
}

/**
 * WHERE condition over `runs r` (null when the filter is empty). With `probeOnly`, key conditions
 * test `+r.run_key`, which keeps SQLite from starting the query at them: the caller wants the rows
 * in the order of a sort index and only checks the filter per row.
 */
export function runFilterToSql(parsed: ParsedFilter, options: { probeOnly?: boolean } = {}): SqlFragment | null {
  return parsed.root ? translate(parsed.root, runComparison(options.probeOnly ? '+r.run_key' : 'r.run_key'), 'r.run_name') : null;
}

/** WHERE condition over `experiments e`. */
export function experimentFilterToSql(parsed: ParsedFilter): SqlFragment | null {
  return parsed.root ? translate(parsed.root, experimentComparison, 'e.name') : null;
}
