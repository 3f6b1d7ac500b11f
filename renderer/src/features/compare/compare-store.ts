import { create } from 'zustand';
import type { HistoryXAxis } from '../../../../preload/contract.js';
import { DEFAULT_DENSITY } from '../charts/density.js';

/**
 * View settings of the compare page. They outlive the page, so going back to the runs table and
 * comparing another selection keeps the axis, smoothing and density the user chose. Metric
 * arrays are not kept here: each chart fetches its own series.
 */
export interface CompareSettings {
  /** Metrics picked for history charts; null until the user picks (then the defaults apply). */
  pickedKeys: string[] | null;
  xAxis: HistoryXAxis;
  smoothing: number;
  logY: boolean;
  /** `HistoryQuery.maxPoints`; 0 = all points. */
  density: number;
  differencesOnly: boolean;
  showSystemTags: boolean;
  parallelMetric: string | null;
  parallelParams: string[] | null;
  scatterX: string | null;
  scatterY: string | null;
}

export interface CompareActions {
  set<K extends keyof CompareSettings>(key: K, value: CompareSettings[K]): void;
  toggleKey(key: string, current: readonly string[]): void;
  reset(): void;
}

export const DEFAULT_COMPARE_SETTINGS: CompareSettings = {
  pickedKeys: null,
  xAxis: 'step',
  smoothing: 0,
  logY: false,
  density: DEFAULT_DENSITY,
  differencesOnly: false,
  showSystemTags: false,
  parallelMetric: null,
  parallelParams: null,
  scatterX: null,
  scatterY: null,
};

export const useCompareStore = create<CompareSettings & CompareActions>()((set) => ({
  ...DEFAULT_COMPARE_SETTINGS,
  set: (key, value) => set({ [key]: value } as Partial<CompareSettings>),
  toggleKey: (key, current) => set({ pickedKeys: current.includes(key) ? current.filter((k) => k !== key) : [...current, key] }),
  reset: () => set(DEFAULT_COMPARE_SETTINGS),
}));
