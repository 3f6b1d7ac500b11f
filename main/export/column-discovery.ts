import type { IndexDb } from '../db/open-index.js';

export type KeyKind = 'params' | 'metrics' | 'tags';

/** A key and the position (in export order) of the first run that has it. */
export interface DiscoveredKey {
  key: string;
  firstRun: number;
}

export interface DiscoveredKeys {
  params: DiscoveredKey[];
  metrics: DiscoveredKey[];
  tags: DiscoveredKey[];
}

// Table and index names come from this fixed map, never from a request.
const TABLE: Record<KeyKind, string> = { params: 'params', metrics: 'latest_metrics', tags: 'tags' };

/** Runs per discovery statement; grows while keys are still missing (most exports find them all in the first). */
const FIRST_CHUNK = 1_000;
const MAX_CHUNK = 50_000;

/**
 * The column pass that must finish before the first CSV row: which keys the exported runs have,
 * and where each first appears.
 *
 * It starts from the keys the whole table has, read by a loose scan of the `(key, value)` index
 * (one seek per distinct key, however many rows), then walks the exported runs in order asking only
 * for keys not yet placed. Usually every key turns up in the first runs and the walk stops there;
 * a key that only runs outside the export have costs a full walk, restricted to the missing keys.
 */
export async function discoverKeys(
  db: IndexDb,
  runKeys: readonly number[],
  between: () => Promise<void> = () => Promise.resolve(),
): Promise<DiscoveredKeys> {
  const result = {} as DiscoveredKeys;
  for (const kind of ['params', 'metrics', 'tags'] as const) {
    const table = TABLE[kind];
    const candidates = db
      .prepare<[], string>(
        `WITH RECURSIVE k(key) AS (
           SELECT (SELECT MIN(key) FROM ${table})
           UNION ALL
           SELECT (SELECT MIN(key) FROM ${table} WHERE key > k.key) FROM k WHERE k.key IS NOT NULL)
         SELECT key FROM k WHERE key IS NOT NULL`,
      )
      .pluck()
      .all();
    const firstPlaces = db.prepare<[{ runs: string; missing: string }], [string, number]>(firstPlacesSql(kind)).raw();
    const missing = new Set(candidates);
    const firstRun = new Map<string, number>();
    let chunk = FIRST_CHUNK;
    for (let start = 0; start < runKeys.length && missing.size > 0; start += chunk, chunk = Math.min(chunk * 4, MAX_CHUNK)) {
      const runs = JSON.stringify(runKeys.slice(start, start + chunk));
      for (const [key, position] of firstPlaces.all({ runs, missing: JSON.stringify([...missing]) })) {
        firstRun.set(key, start + position);
        missing.delete(key);
      }
      await between();
    }
    result[kind] = [...firstRun].map(([key, first]) => ({ key, firstRun: first }));
  }
  return result;
}

/**
 * Where each still-missing key first appears among some runs. CROSS JOIN keeps the runs as the
 * outer loop, so each (run, key) pair is one primary-key seek; left to itself, SQLite may start from
 * the key index and probe the run list for every row, which is a thousand times slower.
 */
export function firstPlacesSql(kind: KeyKind): string {
  return `SELECT x.key, MIN(j.key) FROM json_each(@runs) j
            CROSS JOIN ${TABLE[kind]} x ON x.run_key = j.value AND x.key IN (SELECT value FROM json_each(@missing))
           GROUP BY x.key`;
}

/** JavaScript's default sort order (UTF-16 code units), which the MLflow UI uses for its key lists. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Keys by the run that introduced them, then by name: the stable form of pandas' discovery order. */
export function byFirstAppearance(keys: readonly DiscoveredKey[]): string[] {
  return [...keys].sort((a, b) => a.firstRun - b.firstRun || compareKeys(a.key, b.key)).map((k) => k.key);
}

export function byName(keys: readonly DiscoveredKey[]): string[] {
  return keys.map((k) => k.key).sort(compareKeys);
}
