/**
 * A piece of SQL and the values bound to its `?` placeholders, in order. Values never enter the
 * text: the translator writes only fixed table and column names and placeholders.
 */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

export function fragment(sql: string, ...params: unknown[]): SqlFragment {
  return { sql, params };
}

/** Joins fragments with a separator, keeping the parameters in order. */
export function joinFragments(parts: SqlFragment[], separator: string): SqlFragment {
  return { sql: parts.map((p) => p.sql).join(separator), params: parts.flatMap((p) => p.params) };
}

/** `(?, ?, ?)` for a list of values. */
export function placeholders(count: number): string {
  return `(${Array.from({ length: count }, () => '?').join(', ')})`;
}

/**
 * Binds a list of integer keys as one JSON parameter: no limit on the number of SQLite variables,
 * and the same statement text whatever the list length (so the statement cache works).
 */
export function keyList(column: string, keys: readonly number[]): SqlFragment {
  return fragment(`${column} IN (SELECT value FROM json_each(?))`, JSON.stringify(keys));
}
