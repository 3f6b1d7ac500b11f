import { describe, expect, it } from 'vitest';
import { openIndex } from '../db/open-index.js';
import { allMetricPoints } from '../db/testing/metric-points.js';
import { addExperiment, addRun, addStore } from '../run-detail/test-index.js';
import { IndexWriter } from './index-writer.js';

function setup() {
  const { db } = openIndex(':memory:');
  const store = addStore(db, 'file', '/p/mlruns');
  const exp = addExperiment(db, store, { experimentId: '1' });
  const run = addRun(db, { storeId: store, expKey: exp, runId: 'a'.repeat(32) });
  const chunks = () => db.prepare('SELECT seq, count FROM metric_chunks WHERE run_key = ? ORDER BY seq').raw().all(run);
  return { db, w: new IndexWriter(db), run, chunks };
}

const points = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ step: from + i, timestamp: 1000 + from + i, value: (from + i) / 10 }));

describe('IndexWriter.appendPoints', () => {
  it('merges lines appended one at a time into the small last chunk', () => {
    const { db, w, run, chunks } = setup();
    w.appendPoints(run, 'loss', points(0, 1), true);
    for (let i = 1; i < 50; i++) w.appendPoints(run, 'loss', points(i, 1), false);
    expect(chunks()).toEqual([[0, 50]]);
    expect(allMetricPoints(db).map((p) => p.step)).toEqual(points(0, 50).map((p) => p.step));
  });

  it('starts a new chunk once the last one is large, and never rewrites a large one', () => {
    const { db, w, run, chunks } = setup();
    w.appendPoints(run, 'loss', points(0, 5000), true);
    w.appendPoints(run, 'loss', points(5000, 1), false);
    w.appendPoints(run, 'loss', points(5001, 1), false);
    expect(chunks()).toEqual([
      [0, 5000],
      [1, 2],
    ]);
    expect(allMetricPoints(db)).toHaveLength(5002);
  });

  it('takes the next sequence number from the table when told a series is empty that is not', () => {
    const { w, run, chunks } = setup();
    w.appendPoints(run, 'loss', points(0, 3), true);
    w.appendPoints(run, 'loss', points(3, 3), true);
    expect(chunks()).toEqual([
      [0, 3],
      [1, 3],
    ]);
  });

  it('deleteSeries forgets every chunk of the series and nothing else', () => {
    const { db, w, run } = setup();
    w.appendPoints(run, 'loss', points(0, 3), true);
    w.appendPoints(run, 'acc', points(0, 2), true);
    w.deleteSeries(run, 'loss');
    expect(allMetricPoints(db).map((p) => p.key)).toEqual(['acc', 'acc']);
  });
});

describe('IndexWriter.replaceParams and replaceTags', () => {
  it('write only the differences and say whether there were any', () => {
    const { db, w, run } = setup();
    const rows = (table: string) => db.prepare(`SELECT key, value FROM ${table} WHERE run_key = ? ORDER BY key`).raw().all(run);
    expect(w.replaceParams(run, new Map([['lr', '0.1'], ['depth', '3']]))).toBe(true);
    const writes = db.prepare('SELECT total_changes()').pluck();
    const before = writes.get() as number;
    expect(w.replaceParams(run, new Map([['depth', '3'], ['lr', '0.1']]))).toBe(false);
    expect(writes.get()).toBe(before);
    expect(w.replaceParams(run, new Map([['lr', '0.2'], ['batch', '8']]))).toBe(true);
    expect(rows('params')).toEqual([
      ['batch', '8'],
      ['lr', '0.2'],
    ]);
    expect(w.replaceTags(run, new Map([['team', 'a']]))).toBe(true);
    expect(w.replaceTags(run, new Map())).toBe(true);
    expect(rows('tags')).toEqual([]);
    expect(w.replaceTags(run, new Map())).toBe(false);
  });
});
