import type {
  ModelRef,
  ModelVersionDetail,
  RegisteredModelDetail,
  RegisteredModelSummary,
  RegistryChange,
  RegistryEdit,
  VersionRef,
} from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { AppError } from '../services/app-error.js';
import { HistoryStore, type HistoryEntry } from './history/history-store.js';
import { applyRegistryEdit, toRegistryChange, undoRegistryChange, type EditOptions, type RegistryStore } from './registry-editor.js';
import { listModels, listStores, modelSummary, modelVersion, modelVersions, storeById } from './registry-queries.js';
import { versionMlModel } from './version-mlmodel.js';

/**
 * The registry as the app and the command line use it: views from the index, edits straight to
 * the stores (recorded in the history file in `historyFolder`), and undo. Shared by the IPC
 * handlers and `rundesk registry`, so both behave the same.
 */
export class RegistryService {
  constructor(
    private readonly db: IndexDb,
    private readonly historyFolder: string,
  ) {}

  models(filter: string, storeId?: number): RegisteredModelSummary[] {
    return listModels(this.db, filter, storeId);
  }

  model(ref: ModelRef): RegisteredModelDetail {
    const store = storeById(this.db, ref.storeId);
    const summary = modelSummary(this.db, ref.storeId, ref.name);
    return {
      ...summary,
      versions: modelVersions(this.db, ref.storeId, ref.name),
      history: this.withHistory((h) => h.forModel(store.path, ref.name)).map((e) => toRegistryChange(e, store.storeId)),
    };
  }

  version(ref: VersionRef): ModelVersionDetail {
    const store = storeById(this.db, ref.storeId);
    const { info, storageLocation, modelId } = modelVersion(this.db, ref.storeId, ref.name, ref.version);
    return { version: info, mlmodel: versionMlModel(this.db, store, info, storageLocation, modelId) };
  }

  edit(edit: RegistryEdit, options: EditOptions = {}): RegistryChange {
    const store = storeById(this.db, edit.model.storeId);
    const entry = this.withHistory((h) => applyRegistryEdit(store, edit, h, options));
    return toRegistryChange(entry, store.storeId);
  }

  /** Undoes `changeId`, or the newest change not yet undone in this project when it is omitted. */
  undo(changeId?: number, options: EditOptions = {}): RegistryChange {
    const stores = listStores(this.db);
    const byPath = new Map(stores.map((s) => [s.path, s]));
    return this.withHistory((h) => {
      const id = changeId ?? this.newestUndoable(h, stores)?.changeId;
      if (id === undefined) throw new AppError('NOT_FOUND', 'There is no registry change to undo in this project.');
      const entry = undoRegistryChange(id, h, (path) => byPath.get(path) ?? null, options);
      return toRegistryChange(entry, byPath.get(entry.storePath)!.storeId);
    });
  }

  history(ref: ModelRef): RegistryChange[] {
    const store = storeById(this.db, ref.storeId);
    return this.withHistory((h) => h.forModel(store.path, ref.name)).map((e) => toRegistryChange(e, store.storeId));
  }

  stores(): RegistryStore[] {
    return listStores(this.db);
  }

  private newestUndoable(history: HistoryStore, stores: RegistryStore[]): HistoryEntry | undefined {
    return history.latest(stores.map((s) => s.path), 50).find((e) => e.undoneAt === null);
  }

  private withHistory<T>(use: (history: HistoryStore) => T): T {
    const history = HistoryStore.openInFolder(this.historyFolder);
    try {
      return use(history);
    } finally {
      history.close();
    }
  }
}
