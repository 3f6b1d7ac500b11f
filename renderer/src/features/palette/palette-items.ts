import type { ExperimentSummary, RegisteredModelSummary, RunRow } from '../../../../preload/contract.js';
import { fuzzyFilter } from '../../components/fuzzy-match.js';

export type PaletteGroup = 'Actions' | 'Experiments' | 'Runs' | 'Models';

export interface PaletteItem {
  id: string;
  group: PaletteGroup;
  label: string;
  /** Secondary text: an experiment id, a run's experiment, a shortcut's meaning. */
  detail?: string;
  shortcut?: string;
  /** Matched characters of `label`, for highlighting. */
  positions: number[];
  perform: () => void;
}

export interface PaletteAction {
  id: string;
  label: string;
  shortcut?: string;
  perform: () => void;
}

export interface PaletteSources {
  actions: readonly PaletteAction[];
  experiments: readonly ExperimentSummary[];
  models: readonly RegisteredModelSummary[];
  /** Runs found by the index for this query (name or id), already ranked. */
  runs: readonly RunRow[];
  onExperiment: (experiment: ExperimentSummary) => void;
  onModel: (model: RegisteredModelSummary) => void;
  onRun: (run: RunRow) => void;
  experimentName: (experimentKey: number) => string;
}

const LIMITS: Record<PaletteGroup, number> = { Actions: 8, Experiments: 6, Runs: 8, Models: 6 };

/**
 * Everything the palette offers for a query, grouped and ranked: with an empty query, the
 * actions and experiments (a menu of what can be done); with text, fuzzy matches in every
 * group plus the runs the index found.
 */
export function paletteItems(query: string, sources: PaletteSources): PaletteItem[] {
  const q = query.trim();
  const items: PaletteItem[] = [];

  for (const { item, match } of fuzzyFilter(sources.actions, q, (a) => a.label).slice(0, LIMITS.Actions)) {
    items.push({ id: `action:${item.id}`, group: 'Actions', label: item.label, shortcut: item.shortcut, positions: match.positions, perform: item.perform });
  }

  if (q !== '') {
    for (const run of sources.runs.slice(0, LIMITS.Runs)) {
      const label = run.runName || run.runId;
      const match = fuzzyFilter([label], q, (s) => s)[0]?.match;
      items.push({
        id: `run:${run.runKey}`,
        group: 'Runs',
        label,
        detail: `${sources.experimentName(run.experimentKey)} · ${run.runId.slice(0, 8)}`,
        positions: match?.positions ?? [],
        perform: () => sources.onRun(run),
      });
    }
  }

  for (const { item, match } of fuzzyFilter(sources.experiments, q, (e) => e.name).slice(0, LIMITS.Experiments)) {
    items.push({
      id: `experiment:${item.experimentKey}`,
      group: 'Experiments',
      label: item.name || `Experiment ${item.experimentId}`,
      detail: `${item.activeRunCount.toLocaleString()} runs`,
      positions: match.positions,
      perform: () => sources.onExperiment(item),
    });
  }

  if (q !== '') {
    for (const { item, match } of fuzzyFilter(sources.models, q, (m) => m.name).slice(0, LIMITS.Models)) {
      items.push({
        id: `model:${item.storeId}:${item.name}`,
        group: 'Models',
        label: item.name,
        detail: `${item.versionCount} versions`,
        positions: match.positions,
        perform: () => sources.onModel(item),
      });
    }
  }
  return items;
}
