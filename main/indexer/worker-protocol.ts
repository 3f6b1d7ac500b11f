import type { IndexProgress, RunsChanged } from '../../preload/contract.js';
import type { WatchMode } from './watch/tree-watcher.js';

/** What the worker is started with (workerData). */
export interface EngineConfig {
  folder: string;
  indexPath: string;
  watch: boolean;
  /** Half-written files older than this are final (default 2000 ms). */
  settleMs?: number;
  /** File events are collected this long before being applied (default 100 ms). */
  coalesceMs?: number;
  /** Poll interval when some folders cannot be watched (default 1000 ms, stretched on big stores). */
  pollMs?: number;
  /** Safety re-scan interval while every folder is watched (default 30 s). */
  safetyPollMs?: number;
  /** Most inotify watches to use (default: a share of the system limit). */
  watchBudget?: number;
  /** Force a watch mode (tests). */
  watchMode?: WatchMode;
  /** Reader threads for new runs (default: one per spare core, at most 2; 0 for none). */
  readerThreads?: number;
}

export type ToWorker = { type: 'refresh'; id: number; full: boolean } | { type: 'close' };

export type FromWorker =
  /** The index file exists and is migrated; `usable`: it already holds this project from an earlier run. */
  | { type: 'opened'; usable: boolean }
  | { type: 'progress'; progress: IndexProgress }
  | { type: 'notice'; notice: string | null }
  | { type: 'runs-changed'; change: RunsChanged }
  | { type: 'registry-changed'; change: { storeId: number; names: string[] } }
  | { type: 'first-pass-done' }
  | { type: 'watching'; mode: WatchMode; watches: number; limitReason: string | null }
  | { type: 'refreshed'; id: number; error?: string }
  | { type: 'failed'; message: string }
  | { type: 'closed' };
