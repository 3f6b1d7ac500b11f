import { readFileSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { WindowBounds } from './window-factory.js';

const DEFAULT_BOUNDS: WindowBounds = { width: 1400, height: 900 };

/** Window size and position, remembered between launches. */
export function loadWindowBounds(dataDir: string, isOnScreen: (b: WindowBounds) => boolean): WindowBounds {
  try {
    const saved = JSON.parse(readFileSync(join(dataDir, 'window-state.json'), 'utf8')) as WindowBounds;
    if (typeof saved.width === 'number' && typeof saved.height === 'number' && isOnScreen(saved)) return saved;
  } catch {
    // first launch or unreadable: defaults
  }
  return DEFAULT_BOUNDS;
}

export function saveWindowBounds(dataDir: string, bounds: WindowBounds): void {
  const path = join(dataDir, 'window-state.json');
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, JSON.stringify(bounds));
  renameSync(`${path}.tmp`, path);
}
