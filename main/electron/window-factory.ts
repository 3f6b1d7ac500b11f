import { BrowserWindow } from 'electron';
import { join } from 'node:path';

import { SECURE_WEB_PREFERENCES } from './secure-preferences.js';

/**
 * The only place windows are created (a test asserts no other file calls `new BrowserWindow`).
 * Security preferences come from SECURE_WEB_PREFERENCES and callers cannot override them:
 * context isolation, sandbox, no Node integration, no webview, no remote content.
 */
export type WindowBounds = { x?: number; y?: number; width: number; height: number; maximized?: boolean };

export function createMainWindow(bounds: WindowBounds, preloadDir: string): BrowserWindow {
  const window = new BrowserWindow({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'RunDesk',
    backgroundColor: '#1e1f22',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(preloadDir, 'index.cjs') },
  });
  if (bounds.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  return window;
}
