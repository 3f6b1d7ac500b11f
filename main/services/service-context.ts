import type {
  EventChannel,
  Events,
  IndexProgress,
  InvokeArg,
  InvokeChannel,
  InvokeReturn,
  ProjectInfo,
  RecentProject,
  StoreInfo,
} from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { AppError } from './app-error.js';

/** One open project folder: its index (a read connection for queries) and the live indexer behind it. */
export interface ProjectSession {
  readonly projectId: string;
  readonly folder: string;
  readonly info: ProjectInfo;
  /** Read connection to the index; the indexer writes through its own connection in a worker. */
  readonly db: IndexDb;
  /** Folder for RunDesk's own per-project files that are not cache (registry edit history). */
  readonly dataDir: string;
  /** Absolute path of a store, for the few services that must touch it (artifacts, registry edits). */
  storePath(storeId: number): string;
  progress(): IndexProgress;
  /** Re-read changed files now (after a registry edit, or File > Re-index with `full`). */
  refresh(options?: { full?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** What differs between the desktop app and browser mode. */
export interface Host {
  mode: 'electron' | 'browser';
  /** Desktop: native folder dialog. Browser mode: the served folder, or null. */
  chooseProjectFolder(): Promise<string | null>;
  /** Desktop: native save dialog (null when cancelled). Browser mode: null, the file is downloaded. */
  chooseSaveFile(defaultName: string): Promise<string | null>;
  /** Browser mode: registers a finished file for download and returns its URL. */
  offerDownload?(filePath: string, fileName: string): string;
  recentProjects(): RecentProject[];
  rememberProject(project: RecentProject & { folder: string }): void;
  folderOfRecent(projectId: string): string | null;
}

export interface ServiceContext {
  readonly host: Host;
  /** The open project, or an AppError('NO_PROJECT'). */
  session(): ProjectSession;
  currentSession(): ProjectSession | null;
  openProject(folder: string): Promise<ProjectSession>;
  emit<K extends EventChannel>(channel: K, payload: Events[K]): void;
}

export function requireSession(ctx: { currentSession(): ProjectSession | null }): ProjectSession {
  const session = ctx.currentSession();
  if (!session) throw new AppError('NO_PROJECT', 'No project is open. Use File > Open Project… to open a folder.');
  return session;
}

export type Handler<K extends InvokeChannel> = (
  ctx: ServiceContext,
  arg: InvokeArg<K>,
) => Promise<InvokeReturn<K>> | InvokeReturn<K>;

/** The exhaustive handler map: a missing channel is a compile error. */
export type Handlers = { [K in InvokeChannel]: Handler<K> };

export type StoreInfoList = StoreInfo[];
