import type { ViewType } from '../../../preload/contract.js';
import { EMPTY_COLUMN_PREFS, type ColumnPrefs, type SortSpec } from '../features/runs/column-model.js';

/**
 * Each experiment selection's table view (columns, widths, order, sort, filter) is remembered on
 * this computer, in localStorage, keyed by project id and the experiments' own ids. It is never
 * written into the user's store: RunDesk does not touch their mlruns for its own settings.
 */

export interface RunsView {
  filter: string;
  sort: SortSpec | null;
  columns: ColumnPrefs;
  onlyDiffering: boolean;
  /** Active runs, deleted runs, or both. */
  runView: ViewType;
}

export const DEFAULT_RUNS_VIEW: RunsView = {
  filter: '',
  sort: null,
  columns: EMPTY_COLUMN_PREFS,
  onlyDiffering: false,
  runView: 'active',
};

/** The part of localStorage we use; a parameter so tests can pass a Map-backed fake. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const PREFIX = 'rundesk.v1';

export interface ExperimentRef {
  storeId: number;
  experimentId: string;
}

/** Same experiments in any order → same key. */
export function viewStorageKey(projectId: string, experiments: readonly ExperimentRef[]): string {
  const ids = experiments.map((e) => `${e.storeId}/${e.experimentId}`).sort();
  return `${PREFIX}.view:${projectId}:${ids.join(',')}`;
}

export function selectionStorageKey(projectId: string): string {
  return `${PREFIX}.experiments:${projectId}`;
}

export function loadView(storage: KeyValueStorage | null, key: string): RunsView {
  const raw = readJson(storage, key);
  if (!isRecord(raw)) return DEFAULT_RUNS_VIEW;
  // Anything malformed (an older version, a hand edit) falls back field by field, never throws.
  const columns = isRecord(raw.columns) ? raw.columns : {};
  return {
    filter: typeof raw.filter === 'string' ? raw.filter : '',
    sort: isSort(raw.sort) ? { columnId: raw.sort.columnId, desc: raw.sort.desc } : null,
    columns: {
      order: stringArray(columns.order),
      hidden: stringArray(columns.hidden),
      shown: stringArray(columns.shown),
      widths: numberRecord(columns.widths),
    },
    onlyDiffering: raw.onlyDiffering === true,
    runView: raw.runView === 'deleted' || raw.runView === 'all' ? raw.runView : 'active',
  };
}

export function saveView(storage: KeyValueStorage | null, key: string, view: RunsView): void {
  writeJson(storage, key, view);
}

export function loadSelectedExperiments(storage: KeyValueStorage | null, projectId: string): ExperimentRef[] {
  const raw = readJson(storage, selectionStorageKey(projectId));
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (r): r is ExperimentRef => isRecord(r) && typeof r.storeId === 'number' && typeof r.experimentId === 'string',
  );
}

export function saveSelectedExperiments(storage: KeyValueStorage | null, projectId: string, refs: readonly ExperimentRef[]): void {
  writeJson(storage, selectionStorageKey(projectId), refs.map((r) => ({ storeId: r.storeId, experimentId: r.experimentId })));
}

/** localStorage when the page has it (it can be disabled, or throw in private modes). */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function readJson(storage: KeyValueStorage | null, key: string): unknown {
  if (!storage) return null;
  try {
    const text = storage.getItem(key);
    return text === null ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}

function writeJson(storage: KeyValueStorage | null, key: string, value: unknown): void {
  if (!storage) return;
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Quota exceeded or storage disabled: the view simply is not remembered.
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isSort(v: unknown): v is SortSpec {
  return isRecord(v) && typeof v.columnId === 'string' && typeof v.desc === 'boolean';
}

function stringArray(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function numberRecord(v: unknown): Record<string, number> {
  if (!isRecord(v)) return {};
  const out: Record<string, number> = {};
  for (const [k, n] of Object.entries(v)) if (typeof n === 'number' && Number.isFinite(n)) out[k] = n;
  return out;
}
