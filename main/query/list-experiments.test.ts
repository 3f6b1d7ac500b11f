import { afterAll, describe, expect, it } from 'vitest';
import { listExperiments } from './list-experiments.js';
import { listRunColumns } from './run-columns.js';
import { tinyIndex } from './testing/tiny-index.js';

const db = tinyIndex([
  { runId: 'a', params: { lr: '1', model: 'x' }, metrics: { rmse: 1 }, tags: { team: 't' } },
  { runId: 'b', stage: 'deleted', params: { lr: '2' } },
  { runId: 'c', exp: 2, stage: 'deleted', params: { only_in_two: 'y' }, metrics: { acc: 1 } },
]);
afterAll(() => db.close());

describe('experiments:list', () => {
  it('lists a view newest first with run counts and tags', () => {
    expect(listExperiments(db, { view: 'active' }).map((e) => [e.name, e.runCount, e.activeRunCount, e.tags])).toEqual([['exp-one', 2, 1, { team: 'vision' }]]);
    expect(listExperiments(db, { view: 'all' }).map((e) => e.experimentId)).toEqual(['2', '1']);
    expect(listExperiments(db, { view: 'deleted' }).map((e) => e.experimentId)).toEqual(['2']);
  });

  it('filters with the experiment language', () => {
    expect(listExperiments(db, { view: 'all', filter: "name LIKE '%two'" }).map((e) => e.name)).toEqual(['exp-two']);
    expect(listExperiments(db, { view: 'all', filter: "tags.team = 'vision'" }).map((e) => e.name)).toEqual(['exp-one']);
    expect(listExperiments(db, { view: 'all', filter: 'tags.team IS NULL' }).map((e) => e.name)).toEqual(['exp-two']);
    expect(listExperiments(db, { view: 'all', filter: 'creation_time > 150' }).map((e) => e.name)).toEqual(['exp-two']);
    expect(listExperiments(db, { view: 'all', filter: 'one' }).map((e) => e.name)).toEqual(['exp-one']);
    expect(() => listExperiments(db, { view: 'all', filter: 'creation_time > 1.5' })).toThrow(/whole milliseconds/);
  });
});

describe('runs:columns', () => {
  it('gives the keys of the selected experiments, or of all', () => {
    expect(listRunColumns(db, [])).toEqual({ params: ['lr', 'model', 'only_in_two'], metrics: ['acc', 'rmse'], tags: ['team'] });
    expect(listRunColumns(db, [1])).toEqual({ params: ['lr', 'model'], metrics: ['rmse'], tags: ['team'] });
    expect(listRunColumns(db, [2])).toEqual({ params: ['only_in_two'], metrics: ['acc'], tags: [] });
  });

  it('sees new keys once the index changes', () => {
    expect(listRunColumns(db, [2]).tags).toEqual([]);
    db.prepare("INSERT INTO tags (run_key, key, value) VALUES (3, 'fresh', 'v')").run();
    expect(listRunColumns(db, [2]).tags).toEqual(['fresh']);
  });
});
