import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndex, type IndexDb } from '../db/open-index.js';
import { runOrderToSql } from '../search/order-by.js';
import { compileRunQuery } from './run-keys.js';
import { fillSearchIndex } from './testing/synthetic-search-index.js';

/** The hot queries of `runs:list` read indexes, not whole tables (style guide rule 19). */

let db: IndexDb;
beforeAll(() => {
  db = openIndex(':memory:').db;
  fillSearchIndex(db, { runs: 2000, experiments: 3 });
});
afterAll(() => db.close());

function plan(sql: string, params: unknown[]): string {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');
}

function pagePlan(filter: string, experimentKeys: number[] = [], probe = false): string {
  const compiled = compileRunQuery({ filter, orderBy: [], experimentKeys, view: 'active' }, db);
  const where = probe ? compiled.probeWhere : compiled.where;
  const order = runOrderToSql([]);
  return plan(`SELECT r.run_key FROM runs r WHERE ${where.sql} ORDER BY ${order.orderBy} LIMIT 100`, where.params);
}

describe('query plans', () => {
  it('reads the default page of all experiments in index order, without sorting', () => {
    const p = pagePlan('');
    expect(p).toMatch(/USING COVERING INDEX runs_by_stage_start/);
    expect(p).not.toMatch(/TEMP B-TREE/);
  });

  it('reads the default page of one experiment in index order, without sorting', () => {
    const p = pagePlan('', [1]);
    expect(p).toMatch(/runs_by_exp_stage_start/);
    expect(p).not.toMatch(/TEMP B-TREE/);
  });

  it('counts a view from an index', () => {
    const compiled = compileRunQuery({ filter: '', orderBy: [], experimentKeys: [2], view: 'active' }, db);
    expect(plan(`SELECT count(*) FROM runs r WHERE ${compiled.where.sql}`, compiled.where.params)).toMatch(/COVERING INDEX runs_by_exp_stage_start/);
  });

  it('starts key conditions from the key/value indexes', () => {
    expect(pagePlan('metrics.rmse < 0.1')).toMatch(/latest_metrics_by_key_value \(key=\? AND value<\?\)/);
    expect(pagePlan("params.model = 'vgg16'")).toMatch(/params_by_key_value \(key=\? AND value=\?\)/);
    expect(pagePlan("tags.team = 'nlp'")).toMatch(/tags_by_key_value \(key=\? AND value=\?\)/);
    expect(pagePlan("params.model LIKE 'vgg%'")).toMatch(/params_by_key_value \(key=\?/);
  });

  it('counts runs by status, and finds them by name prefix, from their indexes', () => {
    const compiled = compileRunQuery({ filter: "attributes.status = 'FAILED'", orderBy: [], experimentKeys: [], view: 'active' }, db);
    expect(plan(`SELECT count(*) FROM runs r WHERE ${compiled.where.sql}`, compiled.where.params)).toMatch(/COVERING INDEX runs_by_stage_status/);
    expect(pagePlan("attributes.run_name LIKE 'vgg16-run-1%'")).toMatch(/runs_by_name \(run_name>\? AND run_name<\?\)/);
  });

  it('checks the filter of a first page walked in index order by primary-key lookups, with nothing built first', () => {
    const p = pagePlan("params.optimizer IN ('adam', 'sgd') OR metrics.loss < 0.1", [], true);
    expect(p).toMatch(/USING COVERING INDEX runs_by_stage_start/);
    expect(p).toMatch(/SEARCH params USING PRIMARY KEY \(run_key=\? AND key=\?\)/);
    expect(p).toMatch(/SEARCH latest_metrics USING PRIMARY KEY \(run_key=\? AND key=\?\)/);
    expect(p).not.toMatch(/LIST SUBQUERY|TEMP B-TREE/);
  });

  it('walks a metric index in value order for a one-key sort', () => {
    const compiled = compileRunQuery({ filter: '', orderBy: ['metrics.rmse DESC'], experimentKeys: [], view: 'active' }, db);
    const p = plan(
      `SELECT r.run_key FROM latest_metrics o CROSS JOIN runs r ON r.run_key = o.run_key WHERE o.key = ? AND o.value IS NOT NULL AND ${compiled.probeWhere.sql} ORDER BY o.value DESC, r.start_time DESC, r.run_id, r.run_key LIMIT 100`,
      ['rmse', ...compiled.probeWhere.params],
    );
    expect(p).toMatch(/SEARCH o USING COVERING INDEX latest_metrics_by_key_value/);
    expect(p).toMatch(/LAST 3 TERMS OF ORDER BY/);
  });
});
