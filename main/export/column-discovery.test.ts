import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openIndex, type IndexDb } from '../db/open-index.js';
import { byFirstAppearance, byName, discoverKeys, firstPlacesSql } from './column-discovery.js';
import { IndexBuilder } from './testing/index-builder.js';

let db: IndexDb;
let runs: number[];

beforeEach(() => {
  db = openIndex(':memory:').db;
  const b = new IndexBuilder(db);
  const exp = b.experiment('1', 'e');
  runs = [];
  // 3000 runs: keys appear at run 0, run 1500 (past the first discovery chunk) and never (a run not exported).
  db.transaction(() => {
    for (let i = 0; i < 3000; i++) {
      runs.push(
        b.run({
          expKey: exp,
          runId: `run${String(i).padStart(29, '0')}`,
          params: i === 1500 ? { late: 'x', b: '1', a: '2' } : { b: '1', a: '2' },
          metrics: { m: i },
          tags: i === 0 ? { first: 't' } : {},
        }),
      );
    }
  })();
  b.run({ expKey: exp, runId: 'z'.repeat(32), params: { 'not-exported': 'x' } });
});

afterEach(() => db.close());

describe('discoverKeys', () => {
  it('finds every key of the exported runs and the first run that has it', async () => {
    const keys = await discoverKeys(db, runs);
    expect(keys.params.sort((x, y) => x.firstRun - y.firstRun || (x.key < y.key ? -1 : 1))).toEqual([
      { key: 'a', firstRun: 0 },
      { key: 'b', firstRun: 0 },
      { key: 'late', firstRun: 1500 },
    ]);
    expect(keys.metrics).toEqual([{ key: 'm', firstRun: 0 }]);
    expect(keys.tags).toEqual([{ key: 'first', firstRun: 0 }]);
  });

  it('counts positions in export order, not index order', async () => {
    const keys = await discoverKeys(db, [...runs].reverse());
    expect(keys.params.find((k) => k.key === 'late')!.firstRun).toBe(1499);
    expect(keys.tags).toEqual([{ key: 'first', firstRun: 2999 }]);
  });

  it('orders blocks by first run, then by name; or by name alone', async () => {
    const keys = await discoverKeys(db, runs);
    expect(byFirstAppearance(keys.params)).toEqual(['a', 'b', 'late']);
    expect(byName([{ key: 'b', firstRun: 0 }, { key: 'B', firstRun: 9 }, { key: 'a', firstRun: 1 }])).toEqual(['B', 'a', 'b']);
  });

  it.each(['params', 'metrics', 'tags'] as const)('asks SQLite to walk the runs and seek each %s key, not to scan the key index', (kind) => {
    const detail = db
      .prepare(`EXPLAIN QUERY PLAN ${firstPlacesSql(kind)}`)
      .all({ runs: '[]', missing: '[]' })
      .map((row) => (row as { detail: string }).detail);
    expect(detail[0]).toMatch(/^SCAN j VIRTUAL TABLE/);
    expect(detail.join('\n')).toMatch(/SEARCH x USING PRIMARY KEY \(run_key=\? AND key=\?\)/);
  });
});
