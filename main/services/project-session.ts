import { mkdirSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import type { IndexProgress, ProjectInfo } from '../../preload/contract.js';
import { projectIdFor } from '../db/index-location.js';
import { LiveIndex } from '../indexer/live-index.js';
import { AppError } from './app-error.js';
import type { ProjectSession, ServiceContext } from './service-context.js';

export interface OpenSessionOptions {
  folder: string;
  /** App data folder: indexes go in `<dataDir>/index`, per-project user data in `<dataDir>/projects/<id>`. */
  dataDir: string;
  /** Overrides the index file (command line `--index`). */
  indexPath?: string;
  watch: boolean;
  emit: ServiceContext['emit'];
}

/** Opens a project folder: starts the live indexer (a worker) and exposes the session to handlers. */
export async function openProjectSession(options: OpenSessionOptions): Promise<ProjectSession> {
  const folder = resolve(options.folder);
  const projectId = projectIdFor(folder);
  const indexPath = options.indexPath ?? join(options.dataDir, 'index', `${projectId}.sqlite`);
  const projectDataDir = join(options.dataDir, 'projects', projectId);
  mkdirSync(projectDataDir, { recursive: true });

  const live = await LiveIndex.open({
    folder,
    indexPath,
    watch: options.watch,
    onProgress: (progress) => options.emit('index:progress', progress),
    onRunsChanged: (change) => options.emit('runs:changed', change),
    onRegistryChanged: (change) => options.emit('registry:changed', change),
  });

  const info = (): ProjectInfo => ({
    projectId,
    name: basename(folder) || folder,
    displayPath: folder,
    stores: live.stores(),
    notice: live.notice(),
  });
  const storePathStatement = live.db.prepare<[number], { path: string }>('SELECT path FROM stores WHERE store_id = ?');

  return {
    projectId,
    folder,
    get info() {
      return info();
    },
    db: live.db,
    dataDir: projectDataDir,
    storePath(storeId: number): string {
      const row = storePathStatement.get(storeId);
      if (!row) throw new AppError('NOT_FOUND', 'That store is no longer part of this project. Re-index the project.');
      return row.path;
    },
    progress: (): IndexProgress => live.progress(),
    refresh: (opts) => live.refresh(opts),
    close: () => live.close(),
  };
}

/** A path inside the project as the user would recognise it. */
export function projectRelative(folder: string, path: string): string {
  const rel = relative(folder, path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}
