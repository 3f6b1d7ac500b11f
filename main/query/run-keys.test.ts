import { afterAll, describe, expect, it } from 'vitest';
import type { RunQuery } from '../../preload/contract.js';
import { AppError } from '../services/app-error.js';
import { allRunKeys, compileRunQuery, queryRunKeys } from './run-keys.js';
import { tinyIndex } from './testing/tiny-index.js';
import { fillSearchIndex } from './testing/synthetic-search-index.js';
import { openIndex } from '../db/open-index.js';

const db = tinyIndex([
  { runId: 'a', name: 'ResNet-50', status: 'FINISHED', start: 5000, end: 6000, params: { model: 'resnet', lr: '0.1' }, metrics: { rmse: 0.2, acc: 0.9 }, tags: { team: 'Vision', note: 'line one\nLINE two' }, datasets: [{ name: 'train-set', context: 'training' }, { name: 'eval-set', context: 'eval' }] },
  { runId: 'b', name: 'vgg_16', status: 'FAILED', start: 5000, end: null, params: { model: 'vgg' }, metrics: { rmse: Number.NaN }, tags: { team: 'nlp' } },
  { runId: 'c', name: 'bert%base', status: 'FINISHED', start: 7000, end: 9000, params: { model: 'bert', lr: '0.01' }, metrics: { rmse: 0.7, acc: 0.5 }, datasets: [{ name: 'train-set', context: null }] },
  { runId: 'd', name: 'xgb', status: 'KILLED', start: null, params: { model: 'xgb' }, metrics: { rmse: Number.POSITIVE_INFINITY } },
  { runId: 'e', name: 'deleted-one', stage: 'deleted', start: 9000, params: { model: 'resnet' }, metrics: { rmse: 0.1 } },
  { runId: 'f', exp: 2, name: 'in-deleted-exp', stage: 'deleted', start: 8000, metrics: { rmse: 0.3 } },
]);
afterAll(() => db.close());

function ids(filter: string, orderBy: string[] = [], view: RunQuery['view'] = 'active'): string[] {
  const keys = allRunKeys(db, { experimentKeys: [], view, filter, orderBy });
  return keys.map((k) => db.prepare('SELECT run_id FROM runs WHERE run_key = ?').pluck().get(k) as string);
}

describe('filter semantics (MLflow SQL store)', () => {
  it('orders by start time descending, then run id, unknown start last', () => {
    expect(ids('')).toEqual(['c', 'a', 'b', 'd']);
    expect(ids('', [], 'all')).toEqual(['e', 'f', 'c', 'a', 'b', 'd']);
    expect(ids('', [], 'deleted')).toEqual(['e', 'f']);
  });

  it('never matches a run without the key, not even with !=', () => {
    expect(ids("params.lr != '0.1'")).toEqual(['c']);
    expect(ids('metrics.acc != 0.9')).toEqual(['c']);
  });

  it('treats NaN as different from every number and equal to none', () => {
    expect(ids('metrics.rmse < 1')).toEqual(['c', 'a']);
    expect(ids('metrics.rmse = 0')).toEqual([]);
    expect(ids('metrics.rmse != 0.2')).toEqual(['c', 'b', 'd']);
    expect(ids('metrics.rmse > 1e308')).toEqual(['d']);
  });

  it('makes LIKE case-sensitive and ILIKE not, with % spanning line breaks', () => {
    expect(ids("tags.team LIKE 'v%'")).toEqual([]);
    expect(ids("tags.team ILIKE 'v%'")).toEqual(['a']);
    expect(ids("tags.note LIKE '%LINE two'")).toEqual(['a']);
    expect(ids("attributes.run_name LIKE 'bert_base'")).toEqual(['c']);
    expect(ids("attributes.run_name LIKE '%\\%%'")).toEqual([]);
    expect(ids("attributes.run_name LIKE '%[%'")).toEqual([]);
    expect(ids("attributes.run_name LIKE '*'")).toEqual([]);
  });

  it('matches a dataset condition when any input matches', () => {
    expect(ids("datasets.name = 'eval-set'")).toEqual(['a']);
    expect(ids("datasets.name != 'eval-set'")).toEqual(['c', 'a']);
    expect(ids("datasets.context != 'eval'")).toEqual(['a']);
    expect(ids("datasets.context IN ('training')")).toEqual(['a']);
  });

  it('supports IS NULL on params and tags, and on metrics as an extension', () => {
    expect(ids('params.lr IS NULL')).toEqual(['b', 'd']);
    expect(ids('tags.team IS NOT NULL')).toEqual(['a', 'b']);
    expect(ids('metrics.acc IS NULL')).toEqual(['b', 'd']);
  });

  it('compares attributes with their columns (NULL end time never matches)', () => {
    expect(ids("status = 'FAILED'")).toEqual(['b']);
    expect(ids('attributes.end_time > 0')).toEqual(['c', 'a']);
    expect(ids('created >= 5000')).toEqual(['c', 'a', 'b']);
    expect(ids("run_id IN ('a', 'd', 'zz')")).toEqual(['a', 'd']);
  });

  it('answers the RunDesk extensions', () => {
    expect(ids("params.model = 'vgg' OR metrics.acc > 0.8")).toEqual(['a', 'b']);
    expect(ids("NOT params.model = 'vgg'")).toEqual(['c', 'a', 'd']);
    expect(ids('NOT attributes.end_time > 0')).toEqual(['b', 'd']);
    expect(ids("(status = 'FAILED' OR status = 'KILLED') AND NOT params.model = 'xgb'")).toEqual(['b']);
    expect(ids('metrics.rmse BETWEEN 0.1 AND 0.5')).toEqual(['a']);
    expect(ids('metrics.rmse NOT BETWEEN 0.1 AND 0.5')).toEqual(['c', 'b', 'd']);
    expect(ids("params.model IN ('vgg', 'xgb')")).toEqual(['b', 'd']);
    expect(ids('metrics.rmse IN (0.2, 0.7)')).toEqual(['c', 'a']);
    expect(ids("params.model NOT LIKE 'r%'")).toEqual(['c', 'b', 'd']);
    expect(ids('resnet')).toEqual(['a']);
    expect(ids('BERT%')).toEqual(['c']);
  });

  it('sorts like the SQL store: values, then NaN, then missing, in both directions', () => {
    expect(ids('', ['metrics.rmse ASC'])).toEqual(['a', 'c', 'd', 'b']);
    expect(ids('', ['metrics.rmse DESC'])).toEqual(['d', 'c', 'a', 'b']);
    expect(ids('', ['metrics.acc DESC'])).toEqual(['a', 'c', 'b', 'd']);
    expect(ids('', ['params.lr'])).toEqual(['c', 'a', 'b', 'd']);
    expect(ids('', ['attributes.end_time DESC'])).toEqual(['c', 'a', 'b', 'd']);
    expect(ids('', ['start_time'])).toEqual(['a', 'b', 'c', 'd']);
    expect(ids('', ['status', 'metrics.rmse DESC'])).toEqual(['b', 'c', 'a', 'd']);
  });

  it('keeps values out of the SQL text', () => {
    const compiled = compileRunQuery({ experimentKeys: [1], view: 'active', filter: "params.model = 'x''); DROP TABLE runs; --' OR tags.`k` LIKE '%v%'", orderBy: ['params.`evil key` DESC'] });
    expect(compiled.where.sql).not.toMatch(/DROP|evil|'x'|%v%/);
    expect(compiled.where.params).toContain("x''); DROP TABLE runs; --");
  });

  it('rejects a bad filter or sort with PARSE_ERROR and a position', () => {
    const attempt = (filter: string, orderBy: string[] = []) => {
      try {
        allRunKeys(db, { experimentKeys: [], view: 'active', filter, orderBy });
        return null;
      } catch (error) {
        return error as AppError;
      }
    };
    const bad = attempt('metrics.rmse > ');
    expect(bad).toBeInstanceOf(AppError);
    expect(bad!.code).toBe('PARSE_ERROR');
    expect(bad!.position).toBe(15);
    expect(attempt('', ['metrics.rmse SIDEWAYS'])!.code).toBe('PARSE_ERROR');
    expect(attempt('', ['metrics.rmse', 'metrics.rmse DESC'])!.message).toMatch(/twice/);
  });
});

describe('paging', () => {
  it('gives pages that add up to the full ordered list, with the total', () => {
    const query: RunQuery = { experimentKeys: [1], view: 'all', filter: '', orderBy: ['metrics.rmse DESC'], offset: 0, limit: 2 };
    const all = allRunKeys(db, query);
    const pages: number[] = [];
    for (let offset = 0; offset < all.length + 2; offset += 2) {
      const page = queryRunKeys(db, { ...query, offset });
      expect(page.total).toBe(all.length);
      pages.push(...page.keys);
    }
    expect(pages).toEqual(all);
  });

  it('walks the sort index in order with many matches and agrees with the general plan', () => {
    const { db: big } = openIndex(':memory:');
    fillSearchIndex(big, { runs: 3000, experiments: 3 });
    try {
      for (const orderBy of [[], ['metrics.rmse ASC'], ['metrics.acc DESC'], ['params.lr DESC'], ['tags.priority'], ['metrics.rmse', 'run_id']]) {
        // Pages up to row 1000 probe key conditions per row (EXISTS); deeper ones probe built lists.
        for (const filter of [
          '',
          "params.optimizer = 'adam'",
          "tags.team != 'nlp' OR metrics.f1 < 0.5",
          "params.optimizer IS NULL OR NOT tags.team = 'nlp'",
          "datasets.context = 'training' OR metrics.rmse > 0.5",
        ]) {
          const base = { experimentKeys: [1, 2], view: 'active' as const, filter, orderBy };
          // allRunKeys always sorts with the general plan: the reference order.
          const reference = allRunKeys(big, base);
          const collected: number[] = [];
          for (const [offset, limit] of [[0, 100], [100, 900], [1000, 2500]] as const) {
            const page = queryRunKeys(big, { ...base, offset, limit });
            expect(page.total).toBe(reference.length);
            collected.push(...page.keys);
          }
          expect(collected).toEqual(reference.slice(0, collected.length));
          expect(collected.length).toBe(Math.min(reference.length, 3500));
        }
      }
    } finally {
      big.close();
    }
  });
});
