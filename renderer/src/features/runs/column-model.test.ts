import { describe, expect, it } from 'vitest';
import {
  allColumns,
  cellText,
  columnFromId,
  EMPTY_COLUMN_PREFS,
  isVisible,
  moveColumn,
  nextSort,
  orderByFor,
  orderColumns,
  quoteKey,
  setColumnVisible,
  uniformColumns,
  type ColumnPrefs,
} from './column-model.js';
import { testRun } from '../../testing/test-run.js';

const SET = { params: ['lr', 'optimizer'], metrics: ['acc', 'val loss'], tags: ['team', 'mlflow.runName'] };
const ctx = { now: 1_800_000_000_000, experimentName: () => 'exp' };
const ids = (cols: { id: string }[]) => cols.map((c) => c.id);

describe('columns', () => {
  it('lists attributes, then metrics, params and tags', () => {
    const cols = allColumns(SET);
    expect(ids(cols).slice(0, 2)).toEqual(['attr:status', 'attr:name']);
    expect(ids(cols).filter((id) => !id.startsWith('attr:'))).toEqual([
      'metric:acc',
      'metric:val loss',
      'param:lr',
      'param:optimizer',
      'tag:team',
      'tag:mlflow.runName',
    ]);
  });

  it('hides mlflow.* tags, the run id and the end time by default; the experiment only for one experiment', () => {
    const cols = allColumns(SET);
    const visible = (id: string, n = 1) => isVisible(cols.find((c) => c.id === id)!, EMPTY_COLUMN_PREFS, n);
    expect(visible('tag:team')).toBe(true);
    expect(visible('tag:mlflow.runName')).toBe(false);
    expect(visible('attr:runId')).toBe(false);
    expect(visible('attr:experiment')).toBe(false);
    expect(visible('attr:experiment', 2)).toBe(true);
    expect(visible('metric:acc')).toBe(true);
  });

  it('records only departures from the defaults when showing and hiding', () => {
    const cols = allColumns(SET);
    const tag = cols.find((c) => c.id === 'tag:mlflow.runName')!;
    const acc = cols.find((c) => c.id === 'metric:acc')!;
    let prefs = setColumnVisible(EMPTY_COLUMN_PREFS, tag, true, 1);
    prefs = setColumnVisible(prefs, acc, false, 1);
    expect(prefs.shown).toEqual(['tag:mlflow.runName']);
    expect(prefs.hidden).toEqual(['metric:acc']);
    prefs = setColumnVisible(prefs, acc, true, 1);
    expect(prefs.hidden).toEqual([]);
    // The name column is pinned: it cannot be hidden.
    const name = cols.find((c) => c.id === 'attr:name')!;
    expect(setColumnVisible(prefs, name, false, 1)).toBe(prefs);
  });
});

describe('column order', () => {
  it('keeps pinned columns first and follows the user arrangement', () => {
    const cols = allColumns(SET);
    const prefs: ColumnPrefs = { ...EMPTY_COLUMN_PREFS, order: ['param:lr', 'metric:acc', 'attr:status'] };
    const ordered = ids(orderColumns(cols, prefs));
    expect(ordered.slice(0, 3)).toEqual(['attr:status', 'attr:name', 'param:lr']);
    // A column the user never placed joins its kind: right after the last placed param.
    expect(ordered[3]).toBe('param:optimizer');
    expect(ordered[4]).toBe('metric:acc');
    expect(new Set(ordered).size).toBe(cols.length);
  });

  it('slots a newly logged key after the last placed column of its kind', () => {
    const before = allColumns({ params: ['lr'], metrics: ['acc'], tags: [] });
    const order = moveColumn(orderColumns(before, EMPTY_COLUMN_PREFS), 'metric:acc', 'attr:start');
    const after = allColumns({ params: ['lr'], metrics: ['acc', 'f1'], tags: [] });
    const ordered = ids(orderColumns(after, { ...EMPTY_COLUMN_PREFS, order }));
    expect(ordered.indexOf('metric:f1')).toBe(ordered.indexOf('metric:acc') + 1);
  });

  it('moves a column before another, or to the end', () => {
    const cols = orderColumns(allColumns({ params: ['a', 'b'], metrics: [], tags: [] }), EMPTY_COLUMN_PREFS);
    const moved = moveColumn(cols, 'param:b', 'param:a');
    expect(moved.indexOf('param:b')).toBe(moved.indexOf('param:a') - 1);
    expect(moveColumn(cols, 'param:a', null).at(-1)).toBe('param:a');
    expect(moved).not.toContain('attr:name');
  });
});

describe('sorting', () => {
  it('quotes keys so spaces and dots survive', () => {
    expect(quoteKey('val loss')).toBe('`val loss`');
    expect(columnFromId('metric:val loss')?.sortExpr).toBe('metrics.`val loss`');
    expect(columnFromId('attr:start')?.sortExpr).toBe('attributes.start_time');
    expect(columnFromId('bogus')).toBeNull();
  });

  it('builds order-by clauses the index understands', () => {
    expect(orderByFor({ columnId: 'metric:acc', desc: true })).toEqual(['metrics.`acc` DESC']);
    expect(orderByFor({ columnId: 'param:lr', desc: false })).toEqual(['params.`lr` ASC']);
    expect(orderByFor({ columnId: 'attr:start', desc: true })).toEqual(['attributes.start_time DESC']);
    expect(orderByFor({ columnId: 'attr:duration', desc: true })).toEqual([]);
    expect(orderByFor(null)).toEqual([]);
  });

  it('cycles natural direction → reverse → none', () => {
    const acc = columnFromId('metric:acc')!;
    const s1 = nextSort(null, acc);
    expect(s1).toEqual({ columnId: 'metric:acc', desc: true });
    const s2 = nextSort(s1, acc);
    expect(s2).toEqual({ columnId: 'metric:acc', desc: false });
    expect(nextSort(s2, acc)).toBeNull();
    const name = columnFromId('attr:name')!;
    expect(nextSort(s1, name)).toEqual({ columnId: 'attr:name', desc: false });
  });
});

describe('only columns that differ', () => {
  it('finds columns with the same value in every loaded run', () => {
    const cols = allColumns({ params: ['lr', 'seed'], metrics: ['acc'], tags: [] });
    const rows = [
      testRun(1, { params: { lr: '0.1', seed: '1' }, metrics: { acc: 0.5 } }),
      testRun(2, { params: { lr: '0.1', seed: '2' }, metrics: { acc: 0.5 } }),
    ];
    const uniform = uniformColumns(cols, rows, ctx);
    expect(uniform.has('param:lr')).toBe(true);
    expect(uniform.has('metric:acc')).toBe(true);
    expect(uniform.has('param:seed')).toBe(false);
    expect(uniform.has('attr:user')).toBe(true);
    expect(uniform.has('attr:name')).toBe(false);
  });

  it('treats a missing value as different from a present one, and hides nothing for one run', () => {
    const cols = allColumns({ params: ['lr'], metrics: [], tags: [] });
    const rows = [testRun(1, { params: { lr: '0.1' } }), testRun(2)];
    expect(uniformColumns(cols, rows, ctx).has('param:lr')).toBe(false);
    expect(uniformColumns(cols, rows.slice(0, 1), ctx).size).toBe(0);
  });

  it('compares NaN metrics by their text', () => {
    const acc = columnFromId('metric:acc')!;
    expect(cellText(acc, testRun(1, { metrics: { acc: Number.NaN } }), ctx)).toBe('NaN');
  });
});
