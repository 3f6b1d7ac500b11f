import { useCallback, useEffect, useState } from 'react';
import { create } from 'zustand';
import type { RegistryChange, RegistryEdit } from '../../../../preload/contract.js';
import { ApiError, call } from '../../api/bridge.js';
import { useAppStore } from '../../store/app-store.js';
import { errorMessage } from '../../store/error-message.js';
import { showToast } from '../../store/project-actions.js';

/**
 * Registry state shared by the three pages: the model search text (kept while the user opens a
 * model and comes back) and whether an edit is in flight (so a second click cannot race it).
 */
interface RegistryUiState {
  filter: string;
  busy: boolean;
}

export const useRegistryUi = create<RegistryUiState>()(() => ({ filter: '', busy: false }));

/**
 * Loads data for a page and loads it again whenever main reports a registry change
 * (`registry:changed`, fed into the app store by ipc-sync) or `reload()` is called.
 */
export function useRegistryQuery<T>(load: () => Promise<T>, key: string): { data: T | null; error: ApiError | Error | null; reload: () => void } {
  const registrySeq = useAppStore((s) => s.registryChange?.seq ?? 0);
  const [local, setLocal] = useState(0);
  const [state, setState] = useState<{ key: string; data: T | null; error: ApiError | Error | null }>({ key, data: null, error: null });
  const reload = useCallback(() => setLocal((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ key, data, error: null }),
      (error: unknown) => live && setState((s) => ({ key, data: s.key === key ? s.data : null, error: error instanceof Error ? error : new Error(String(error)) })),
    );
    return () => {
      live = false;
    };
    // `load` is rebuilt on every render; `key` names what it loads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, registrySeq, local]);

  return { data: state.key === key ? state.data : null, error: state.key === key ? state.error : null, reload };
}

/** Applies an edit, tells the user what happened in one sentence, and returns the change (null on failure). */
export async function applyEdit(edit: RegistryEdit): Promise<RegistryChange | null> {
  if (useRegistryUi.getState().busy) return null;
  useRegistryUi.setState({ busy: true });
  try {
    const change = await call('registry:edit', edit);
    showToast(`Saved: ${change.summary}`);
    return change;
  } catch (error) {
    showToast(editFailure(error), 'error');
    return null;
  } finally {
    useRegistryUi.setState({ busy: false });
  }
}

export async function undoChange(changeId: number): Promise<boolean> {
  if (useRegistryUi.getState().busy) return false;
  useRegistryUi.setState({ busy: true });
  try {
    const change = await call('registry:undo', changeId);
    showToast(`Undone: ${change.summary}`);
    return true;
  } catch (error) {
    showToast(editFailure(error), 'error');
    return false;
  } finally {
    useRegistryUi.setState({ busy: false });
  }
}

function editFailure(error: unknown): string {
  if (error instanceof ApiError && error.code === 'CONFLICT') return `${error.message} The page has been reloaded.`;
  return errorMessage(error);
}
