/**
 * Index keys are passed to SQL as one JSON array parameter (`IN (SELECT value FROM json_each(?))`):
 * the statement text never changes, so it is prepared once, and no value is spliced into SQL.
 * Lists are still cut into chunks so one query never carries an unbounded parameter.
 */
export const MAX_KEYS_PER_QUERY = 500;

export function keyChunks(keys: readonly number[], size = MAX_KEYS_PER_QUERY): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < keys.length; i += size) chunks.push(JSON.stringify(keys.slice(i, i + size)));
  return chunks;
}

/** SQL for "column is one of the keys in the JSON array parameter". */
export const IN_JSON_KEYS = 'IN (SELECT value FROM json_each(?))';
