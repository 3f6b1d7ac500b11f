import { browserStorage, type KeyValueStorage } from './view-persistence.js';

/** 'system' follows the OS (`prefers-color-scheme`); the others pin a theme on this computer. */
export type ThemePreference = 'system' | 'light' | 'dark';

const KEY = 'rundesk.v1.theme';

export function loadThemePreference(storage: KeyValueStorage | null = browserStorage()): ThemePreference {
  const value = storage?.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** Applies and remembers the theme: theme.css reads `data-theme` on the root element. */
export function applyThemePreference(preference: ThemePreference, storage: KeyValueStorage | null = browserStorage()): void {
  if (preference === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = preference;
  try {
    storage?.setItem(KEY, preference);
  } catch {
    // Not remembered; still applied.
  }
}

export function nextThemePreference(current: ThemePreference): ThemePreference {
  return current === 'system' ? 'light' : current === 'light' ? 'dark' : 'system';
}
