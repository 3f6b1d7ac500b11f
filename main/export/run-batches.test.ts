import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openIndex, type IndexDb } from '../db/open-index.js';
import { BATCH_METRIC_VALUES_SQL, BATCH_RUNS_SQL, RunBatchLoader } from './run-batches.js';
import { IndexBuilder } from './testing/index-builder.js';

let db: IndexDb;
let keys: number[];

beforeEach(() => {
  db = openIndex(':memory:').db;
  const b = new IndexBuilder(db);
  const exp = b.experiment('1', 'e');
  keys = [
    b.run({ expKey: exp, runId: 'a'.repeat(32), params: { lr: '0.1', opt: 'adam' }, tags: { t: 'x' }, metrics: { loss: 0.5, acc: Number.NaN } }),
    b.run({ expKey: exp, runId: 'b'.repeat(32), params: { lr: '0.2', opt: 'sgd' }, metrics: { loss: 0.25 } }),
    b.run({ expKey: exp, runId: 'c'.repeat(32), params: { odd: 'a\x1eb\x1dc' }, tags: { t: 'y' } }),
  ];
});

afterEach(() => db.close());

function plan(sql: string): string[] {
  return db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all('[]')
    .map((row) => (row as { detail: string }).detail);
}

describe('RunBatchLoader', () => {
  it('loads runs in the order asked, with params, tags and metrics lined up', () => {
    const [first, second, third] = new RunBatchLoader(db).load([keys[2]!, keys[0]!, keys[1]!]);
    expect(first!.runId).toBe('c'.repeat(32));
    expect(first!.params).toEqual({ keys: ['odd'], values: ['a\x1eb\x1dc'] });
    expect(second!.params).toEqual({ keys: ['lr', 'opt'], values: ['0.1', 'adam'] });
    expect(second!.tags).toEqual({ keys: ['t'], values: ['x'] });
    expect(second!.metricKeys).toEqual(['acc', 'loss']);
    expect([0, 1].map((i) => second!.metricValues[second!.metricStart + i])).toEqual([null, 0.5]);
    expect(third!.metricKeys).toEqual(['loss']);
    expect(third!.metricValues[third!.metricStart]).toBe(0.25);
    expect(third!.tags).toEqual({ keys: [], values: [] });
  });

  it('shares one key list between runs with the same keys', () => {
    const [a, b] = new RunBatchLoader(db).load([keys[0]!, keys[1]!]);
    expect(a!.params.keys).toBe(b!.params.keys);
  });

  it('skips runs that left the index', () => {
    expect(new RunBatchLoader(db).load([keys[0]!, 9999, keys[1]!]).map((r) => r.runKey)).toEqual([keys[0], keys[1]]);
  });
});

// The loader relies on nested-loop order instead of ORDER BY (see run-batches.ts): pin the plans.
describe('query plans of the export statements', () => {
  it('walks the batch in array order and each run by primary key, without sorting', () => {
    const runs = plan(BATCH_RUNS_SQL);
    expect(runs[0]).toMatch(/^SCAN j VIRTUAL TABLE/);
    expect(runs.join('\n')).toMatch(/SEARCH r USING INTEGER PRIMARY KEY/);
    expect(runs.filter((line) => /SEARCH [xm] USING PRIMARY KEY \(run_key=\?\)/.test(line))).toHaveLength(3);
    expect(runs.join('\n')).not.toMatch(/TEMP B-TREE/);

    const values = plan(BATCH_METRIC_VALUES_SQL);
    expect(values).toEqual([expect.stringMatching(/^SCAN j VIRTUAL TABLE/), 'SEARCH m USING PRIMARY KEY (run_key=?)']);
  });
});
