import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { filterCliArgs, generateFilters, quoteKey, quoteValue } from './filters.js';
import type { FilterSpec, RunJson } from './types.js';

const here = dirname(fileURLToPath(import.meta.url));

function run(id: string, i: number): RunJson {
  return {
    info: { run_id: id, run_name: `run-${i}`, status: i % 2 ? 'FAILED' : 'FINISHED', user_id: 'alice', start_time: 1000 + i },
    data: {
      metrics: [{ key: 'val loss', value: i / 10, step: 0, timestamp: 1 }],
      params: [{ key: 'lr', value: i % 2 ? '0.1' : "it's" }],
      tags: [{ key: 'team', value: 'a' }, { key: 'mlflow.user', value: 'alice' }],
    },
    inputs: { dataset_inputs: [{ dataset: { name: 'iris' }, tags: [{ key: 'mlflow.data.context', value: 'training' }] }] },
  };
}

describe('generateFilters', () => {
  const runs = [run('c', 3), run('a', 1), run('b', 2), run('d', 4)];

  it('is deterministic and numbered', () => {
    const a = generateFilters({ runs });
    expect(generateFilters({ runs: [...runs].reverse() })).toEqual(a);
    expect(a[0]?.id).toBe('G001');
    expect(new Set(a.map((f) => f.id)).size).toBe(a.length);
  });

  it('quotes keys with backticks and never emits a value with a quote', () => {
    const filters = generateFilters({ runs }).map((f) => f.filter);
    expect(filters).toContain('metrics.`val loss` > 0.3');
    expect(filters).toContain("params.`lr` = '0.1'");
    expect(filters.some((f) => f.includes("it's"))).toBe(false);
    expect(filters).toContain("attributes.status = 'FAILED'");
    expect(filters).toContain("datasets.name = 'iris'");
    expect(filters.some((f) => f.startsWith("attributes.run_id IN ('a', 'c', 'd')"))).toBe(true);
  });

  it('returns nothing for a store without runs', () => {
    expect(generateFilters({ runs: [] })).toEqual([]);
  });
});

describe('filter helpers', () => {
  it('builds rundesk runs arguments', () => {
    expect(filterCliArgs({ filter: '', order_by: ['metrics.a DESC', 'params.b'], view: 'ALL' })).toEqual([
      '--order-by', 'metrics.a DESC', '--order-by', 'params.b', '--view', 'all',
    ]);
    expect(filterCliArgs({ filter: 'x = 1', order_by: [], view: 'DELETED_ONLY' }, ['1', '2'])).toEqual([
      '--filter', 'x = 1', '--view', 'deleted', '--experiment', '1', '--experiment', '2',
    ]);
  });

  it('quotes', () => {
    expect(quoteKey('a b')).toBe('`a b`');
    expect(quoteKey('a`b')).toBeUndefined();
    expect(quoteValue("a'b")).toBeUndefined();
  });

  it('filters.json is well formed (unique ids, known views, ~100+ entries)', () => {
    const list = JSON.parse(readFileSync(join(here, 'filters.json'), 'utf8')) as FilterSpec[];
    expect(list.length).toBeGreaterThanOrEqual(100);
    expect(new Set(list.map((f) => f.id)).size).toBe(list.length);
    for (const f of list) {
      expect(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']).toContain(f.view);
      expect(Array.isArray(f.order_by)).toBe(true);
      expect(typeof f.filter).toBe('string');
    }
  });
});
