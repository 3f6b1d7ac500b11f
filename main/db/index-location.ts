import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the index of a project lives: never inside the project. The desktop app passes Electron's
 * userData folder; the command line uses the user's cache folder (`$XDG_CACHE_HOME/rundesk`).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RUNDESK_DATA_DIR) return resolve(env.RUNDESK_DATA_DIR);
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'RunDesk');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'RunDesk');
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'rundesk');
}

/** Stable id of a project folder: the first 16 hex digits of sha256 of its absolute path. */
export function projectIdFor(folder: string): string {
  return createHash('sha256').update(resolve(folder)).digest('hex').slice(0, 16);
}

export function indexPathFor(folder: string, dataDir: string = defaultDataDir()): string {
  return join(dataDir, 'index', `${projectIdFor(folder)}.sqlite`);
}
