import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RUNS_VIEW,
  loadSelectedExperiments,
  loadView,
  saveSelectedExperiments,
  saveView,
  viewStorageKey,
  type KeyValueStorage,
} from './view-persistence.js';

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('view persistence', () => {
  it('keys a view by project and the experiments in any order', () => {
    const a = viewStorageKey('p1', [
      { storeId: 1, experimentId: '7' },
      { storeId: 2, experimentId: '0' },
    ]);
    const b = viewStorageKey('p1', [
      { storeId: 2, experimentId: '0' },
      { storeId: 1, experimentId: '7' },
    ]);
    expect(a).toBe(b);
    expect(viewStorageKey('p2', [{ storeId: 1, experimentId: '7' }])).not.toBe(viewStorageKey('p1', [{ storeId: 1, experimentId: '7' }]));
  });

  it('round-trips a view', () => {
    const storage = memoryStorage();
    const view = {
      filter: 'metrics.acc > 0.5',
      sort: { columnId: 'metric:acc', desc: true },
      columns: { order: ['param:lr'], hidden: ['attr:user'], shown: ['tag:mlflow.note'], widths: { 'attr:name': 300 } },
      onlyDiffering: true,
      runView: 'all' as const,
    };
    saveView(storage, 'k', view);
    expect(loadView(storage, 'k')).toEqual(view);
  });

  it('falls back to defaults for missing or malformed data, field by field', () => {
    const storage = memoryStorage();
    expect(loadView(storage, 'nothing')).toEqual(DEFAULT_RUNS_VIEW);
    storage.data.set('bad', '{not json');
    expect(loadView(storage, 'bad')).toEqual(DEFAULT_RUNS_VIEW);
    storage.data.set('partial', JSON.stringify({ filter: 42, sort: { columnId: 'x' }, columns: { order: ['a', 3], widths: { a: 'wide', b: 90 } }, runView: 'sideways' }));
    expect(loadView(storage, 'partial')).toEqual({
      ...DEFAULT_RUNS_VIEW,
      columns: { order: ['a'], hidden: [], shown: [], widths: { b: 90 } },
    });
    expect(loadView(null, 'k')).toEqual(DEFAULT_RUNS_VIEW);
  });

  it('survives a storage that throws on write', () => {
    const storage: KeyValueStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => saveView(storage, 'k', DEFAULT_RUNS_VIEW)).not.toThrow();
  });

  it('remembers the selected experiments per project', () => {
    const storage = memoryStorage();
    saveSelectedExperiments(storage, 'p', [{ storeId: 1, experimentId: '5' }]);
    expect(loadSelectedExperiments(storage, 'p')).toEqual([{ storeId: 1, experimentId: '5' }]);
    expect(loadSelectedExperiments(storage, 'other')).toEqual([]);
  });
});
