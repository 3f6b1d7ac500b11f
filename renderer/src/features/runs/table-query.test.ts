import { describe, expect, it } from 'vitest';
import { childrenFilter, looksLikeRunId, nameContainsFilter, quoteValue, runIdPrefixFilter } from './filter-text.js';
import { tableQuery } from './table-query.js';

const input = {
  experimentKeys: [3, 1],
  filter: '',
  sort: null,
  runView: 'active' as const,
  nestingSupported: true,
  topLevelFilter: 'TOP',
};

describe('tableQuery', () => {
  it('waits until experiments are chosen and nesting support is known', () => {
    expect(tableQuery({ ...input, experimentKeys: [] })).toBeNull();
    expect(tableQuery({ ...input, nestingSupported: null })).toBeNull();
  });

  it('nests children under top-level runs when not searching, and counts every run', () => {
    const q = tableQuery(input)!;
    expect(q.nested).toBe(true);
    expect(q.rows.filter).toBe('TOP');
    expect(q.count?.filter).toBe('');
  });

  it('lists every match flat while searching, sorted by the chosen column', () => {
    const q = tableQuery({ ...input, filter: ' metrics.acc > 0.5 ', sort: { columnId: 'metric:acc', desc: true } })!;
    expect(q.nested).toBe(false);
    expect(q.count).toBeNull();
    expect(q.rows).toEqual({ experimentKeys: [3, 1], filter: 'metrics.acc > 0.5', orderBy: ['metrics.`acc` DESC'], view: 'active' });
  });

  it('lists flat when the index cannot tell top-level runs apart', () => {
    expect(tableQuery({ ...input, nestingSupported: false })!.nested).toBe(false);
  });

  it('has a key that changes with the query', () => {
    expect(tableQuery(input)!.key).not.toBe(tableQuery({ ...input, runView: 'all' })!.key);
    expect(tableQuery(input)!.key).toBe(tableQuery({ ...input })!.key);
  });
});

describe('filter text', () => {
  it('quotes values so quotes in names cannot break the filter', () => {
    expect(quoteValue('bert')).toBe("'bert'");
    expect(quoteValue("bert's")).toBe('"bert\'s"');
    expect(quoteValue(`a'b"c`)).toBe("'ab\"c'");
  });

  it('writes the filters the app needs', () => {
    expect(childrenFilter('abc123')).toBe("tags.`mlflow.parentRunId` = 'abc123'");
    expect(nameContainsFilter('bert')).toBe("attributes.run_name ILIKE '%bert%'");
    expect(nameContainsFilter(' rf  d4 ')).toBe("attributes.run_name ILIKE '%rf%d4%'");
    expect(runIdPrefixFilter('ABCDEF1')).toBe("attributes.run_id LIKE 'abcdef1%'");
  });

  it('recognises run ids', () => {
    expect(looksLikeRunId('0a1b2c3d')).toBe(true);
    expect(looksLikeRunId('bert-large')).toBe(false);
    expect(looksLikeRunId('abc')).toBe(false);
  });
});
