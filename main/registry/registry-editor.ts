import type { RegistryChange, RegistryEdit } from '../../preload/contract.js';
import { AppError } from '../services/app-error.js';
import type { FacetChange } from './edit-model.js';
import { inverseEdits, summarize } from './edit-model.js';
import type { CommitHooks } from './file-store/atomic-files.js';
import { applyFileEdit } from './file-store/file-store-writer.js';
import type { HistoryEntry, HistoryStore } from './history/history-store.js';
import { applySqlEdit } from './sql-store/sql-store-writer.js';

/** A store of the open project, as the index knows it. */
export interface RegistryStore {
  storeId: number;
  kind: 'file' | 'sql' | 'artifacts';
  /** Absolute path: the mlruns root or the .db file. */
  path: string;
  label: string;
}

export interface EditOptions {
  now?: number;
  hooks?: CommitHooks;
  busyTimeoutMs?: number;
}

/** Applies an edit to its store (re-reading everything from disk first) and records it. */
export function applyRegistryEdit(store: RegistryStore, edit: RegistryEdit, history: HistoryStore, options: EditOptions = {}): HistoryEntry {
  const { changes, at } = applyToStore(store, edit, undefined, options);
  return history.record({
    at,
    storePath: store.path,
    storeKind: store.kind as 'file' | 'sql',
    modelName: edit.model.name,
    summary: summarize(edit, changes),
    edit,
    inverse: [...inverseEdits(edit, changes)].reverse(),
    changes,
  });
}

/**
 * Applies the inverse of a recorded edit. Every value the edit set must still be in place (checked
 * against the store, not the index); otherwise CONFLICT and nothing is written.
 */
export function undoRegistryChange(
  changeId: number,
  history: HistoryStore,
  storeForPath: (path: string) => RegistryStore | null,
  options: EditOptions = {},
): HistoryEntry {
  const entry = history.get(changeId);
  if (!entry) throw new AppError('NOT_FOUND', `There is no recorded change number ${changeId}.`);
  if (entry.undoneAt !== null) throw new AppError('CONFLICT', `Change ${changeId} ("${entry.summary}") was already undone.`);
  const store = storeForPath(entry.storePath);
  if (!store) throw new AppError('NOT_FOUND', `The store of change ${changeId} (${entry.storePath}) is not part of the open project any more.`);
  let at = options.now ?? Date.now();
  entry.inverse.forEach((inverse, index) => {
    // The first step checks every value the edit set; later steps check their own again.
    const expect = index === 0 ? entry.changes : entry.changes.filter((c) => sameFacetAs(c, inverse));
    at = applyToStore(store, inverse, expect, { ...options, now: at }).at;
  });
  history.markUndone(changeId, at);
  return history.get(changeId)!;
}

function applyToStore(store: RegistryStore, edit: RegistryEdit, expect: readonly FacetChange[] | undefined, options: EditOptions): { changes: FacetChange[]; at: number } {
  if (store.kind === 'file') return applyFileEdit(store.path, edit, { expect, now: options.now, hooks: options.hooks });
  if (store.kind === 'sql') return applySqlEdit(store.path, edit, { expect, now: options.now, busyTimeoutMs: options.busyTimeoutMs });
  throw new AppError('UNSUPPORTED', `${store.label} holds only artifacts; it has no model registry to edit.`);
}

function sameFacetAs(change: FacetChange, edit: RegistryEdit): boolean {
  const f = change.facet;
  switch (edit.kind) {
    case 'transition':
      return f.kind === 'stage' && f.version === edit.model.version;
    case 'set-alias':
    case 'delete-alias':
      return f.kind === 'alias' && f.alias === edit.alias;
    case 'set-tag':
    case 'delete-tag':
      return f.kind === 'tag' && f.key === edit.key && f.version === edit.version;
    case 'describe':
      return f.kind === 'description' && f.version === edit.version;
  }
}

/** The DTO the UI and CLI see; store ids are the index's current ones, not those at edit time. */
export function toRegistryChange(entry: HistoryEntry, storeId: number): RegistryChange {
  const withStore = (edit: RegistryEdit): RegistryEdit => ({ ...edit, model: { ...edit.model, storeId } }) as RegistryEdit;
  return {
    changeId: entry.changeId,
    at: entry.at,
    storeId,
    modelName: entry.modelName,
    summary: entry.summary,
    edit: withStore(entry.edit),
    inverse: entry.inverse.map(withStore),
    undone: entry.undoneAt !== null,
  };
}
