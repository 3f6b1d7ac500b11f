import { create } from 'zustand';
import { initialExperimentsState, type ExperimentsSlice } from './experiments-slice.js';
import { initialProjectState, type ProjectSlice } from './project-slice.js';
import { initialRunsViewState, type RunsViewSlice } from './runs-view-slice.js';
import { initialUiState, type UiSlice } from './ui-slice.js';

/**
 * The renderer's one store, made of slices. It holds ids, selections and view settings; rows
 * and metric arrays stay with the components that fetch them (the runs page cache, charts).
 * Actions are plain functions in modules beside it (`project-actions.ts`, `runs-actions.ts`)
 * that call the bridge and `setState`, so components only read through selectors.
 */
export type AppState = ProjectSlice & ExperimentsSlice & RunsViewSlice & UiSlice;

function initialState(): AppState {
  return { ...initialProjectState, ...initialExperimentsState, ...initialRunsViewState, ...initialUiState };
}

export const useAppStore = create<AppState>()(() => initialState());

/** Everything back to how the app starts (tests; a different project). */
export function resetAppStore(): void {
  useAppStore.setState(initialState(), true);
}
