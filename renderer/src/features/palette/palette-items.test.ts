import { describe, expect, it, vi } from 'vitest';
import type { ExperimentSummary, RegisteredModelSummary } from '../../../../preload/contract.js';
import { testRun } from '../../testing/test-run.js';
import { paletteItems, type PaletteSources } from './palette-items.js';

const experiment = (key: number, name: string) =>
  ({ experimentKey: key, storeId: 1, experimentId: String(key), name, activeRunCount: 3 }) as ExperimentSummary;

function sources(overrides: Partial<PaletteSources> = {}): PaletteSources {
  return {
    actions: [
      { id: 'export', label: 'Export CSV…', perform: vi.fn() },
      { id: 'problems', label: 'Show problems', perform: vi.fn() },
    ],
    experiments: [experiment(1, 'Default'), experiment(2, '/wine-quality')],
    models: [{ storeId: 1, name: 'wine-quality', versionCount: 2 } as RegisteredModelSummary],
    runs: [],
    onExperiment: vi.fn(),
    onModel: vi.fn(),
    onRun: vi.fn(),
    experimentName: () => 'Default',
    ...overrides,
  };
}

describe('paletteItems', () => {
  it('offers actions and experiments with an empty query', () => {
    const items = paletteItems('', sources());
    expect(items.map((i) => i.group)).toEqual(['Actions', 'Actions', 'Experiments', 'Experiments']);
  });

  it('finds actions, experiments and models by fuzzy text', () => {
    const items = paletteItems('wine', sources());
    expect(items.map((i) => `${i.group}:${i.label}`)).toEqual(['Experiments:/wine-quality', 'Models:wine-quality']);
    expect(paletteItems('exp csv', sources())[0]?.label).toBe('Export CSV…');
  });

  it('lists the runs the index found, and performs the chosen item', () => {
    const s = sources({ runs: [testRun(7, { runName: 'wine-run' })] });
    const items = paletteItems('wine', s);
    const run = items.find((i) => i.group === 'Runs');
    expect(run?.label).toBe('wine-run');
    expect(run?.detail).toContain('Default');
    run?.perform();
    expect(s.onRun).toHaveBeenCalledWith(expect.objectContaining({ runKey: 7 }));
  });
});
