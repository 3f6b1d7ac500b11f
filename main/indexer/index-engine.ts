import { statSync } from 'node:fs';
import { basename, dirname, relative, sep } from 'node:path';
import { REGISTRY_FOLDER, RESERVED_EXPERIMENT_FOLDERS, TRASH_FOLDER } from '../stores/file-store/layout.js';
import type { IndexProgress, RunsChanged } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { createPassEnv, DEFAULT_SETTLE_MS, knownStoresPass, projectPass } from './index-project.js';
import { IndexWriter } from './index-writer.js';
import type { ChangeSet, Pass, PassEnv } from './pass-context.js';
import { applyDirty } from './watch/apply-dirty.js';
import { DirtySet, routeChange, type WatchedStore } from './watch/change-router.js';
import { defaultWatchBudget, isWatchableFileSystem, isWatchedStoreFolder, TreeWatcher, type WatchMode } from './watch/tree-watcher.js';
import type { EngineConfig } from './worker-protocol.js';

export interface EngineEvents {
  progress(p: IndexProgress): void;
  notice(notice: string | null): void;
  runsChanged(change: RunsChanged): void;
  registryChanged(change: { storeId: number; names: string[] }): void;
  watching(state: { mode: WatchMode; watches: number; limitReason: string | null }): void;
}

const PROGRESS_EVERY_MS = 100;
/** Re-discover stores this often even when watching (a new mlruns/ deep in the project). */
const DISCOVERY_EVERY_MS = 60_000;
const STORE_NAMES = /^(mlruns|mlartifacts)$|\.(db|sqlite|sqlite3)$/i;

/**
 * The indexer behind a LiveIndex: owns the write connection, runs passes one at a time (yielding
 * between batches so messages are answered), follows the stores with a TreeWatcher and a poller, and
 * reports progress and changes. Runs in the worker thread; tests may also drive it in-process.
 */
export class IndexEngine {
  private readonly writer: IndexWriter;
  private queue: Promise<unknown> = Promise.resolve();
  private closing = false;
  private watcher: TreeWatcher | null = null;
  private stores: WatchedStore[] = [];
  private dirty = new DirtySet();
  private flushTimer: NodeJS.Timeout | null = null;
  private pollTimer: NodeJS.Timeout | null = null;
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private pollEverywhere = false;
  private longPassRunning = false;
  private flushWanted = false;
  private lastPassMs = 0;
  private lastDiscoveryAt = 0;
  private lastProgress: IndexProgress = { phase: 'discovering', filesSeen: 0, runsIndexed: 0, runsTotal: null, etaMs: null, problemCount: 0 };
  private readonly settleMs: number;

  constructor(
    private readonly db: IndexDb,
    private readonly config: EngineConfig,
    private readonly events: EngineEvents,
  ) {
    this.writer = new IndexWriter(db);
    this.settleMs = config.settleMs ?? DEFAULT_SETTLE_MS;
  }

  progress(): IndexProgress {
    return this.lastProgress;
  }

  /**
   * First pass (incremental on an existing index), then, if asked, live updates. `onIndexed` is
   * called as soon as the first pass is done, before the watches are set up (~1 s per 10,000 run
   * folders): the index is complete by then and can be shown.
   */
  async start(onIndexed?: () => void): Promise<void> {
    await this.enqueue(() => this.runProjectPass(false));
    onIndexed?.();
    if (this.config.watch && !this.closing) {
      this.startWatching();
      // Changes made while the first pass ran (before the watches existed) are caught here.
      await this.enqueue(() => this.runPass((env) => knownStoresPass(env), false));
      this.schedulePoll();
    }
  }

  refresh(full: boolean): Promise<void> {
    return this.enqueue(async () => {
      if ((await this.runProjectPass(full)) || full) this.rewatch();
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.pollTimer) clearTimeout(this.pollTimer);
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.watcher?.close();
    this.watcher = null;
    await this.queue.catch(() => undefined);
  }

  // ───────────────────────────── passes

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Discovery plus every store. Returns whether the set of stores changed. */
  private async runProjectPass(full: boolean): Promise<boolean> {
    let notice: string | null = null;
    const folder = this.config.folder;
    await this.runPass(
      (env) =>
        (function* (): Pass {
          const discovery = yield* projectPass(env, folder);
          notice = discovery.notice;
        })(),
      full,
    );
    this.lastDiscoveryAt = Date.now();
    const before = JSON.stringify(this.stores);
    this.stores = this.loadStores();
    this.events.notice(notice);
    return JSON.stringify(this.stores) !== before;
  }

  /**
   * Drives a pass to its end, yielding to the event loop between batches. A live update (`small`)
   * does not report run counts of its own: the project totals of the last pass stay, only the
   * problem count is refreshed.
   */
  private async runPass(make: (env: PassEnv) => Pass, full: boolean, small = false): Promise<void> {
    if (this.closing) return;
    const env = createPassEnv(this.db, { full, settleMs: this.settleMs, ...(this.config.readerThreads === undefined ? {} : { readerThreads: this.config.readerThreads }) }, this.writer);
    const pass = make(env);
    const started = Date.now();
    let lastPost = 0;
    if (!small) this.longPassRunning = true;
    try {
      for (;;) {
        const step = pass.next();
        if (step.done) break;
        if (!small && this.flushWanted && !this.dirty.project) {
          // Between two committed batches: apply pending file events right away (see flush).
          this.flushWanted = false;
          const dirty = this.dirty;
          this.dirty = new DirtySet();
          await this.runPass((e) => applyDirty(e, dirty, this.stores), false, true);
        }
        if (this.closing) {
          pass.return(undefined);
          env.batch.rollback();
          return;
        }
        const now = Date.now();
        if (!small && now - lastPost >= PROGRESS_EVERY_MS) {
          lastPost = now;
          this.postProgress(env.tracker.snapshot());
        }
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      env.batch.rollback();
      this.postProgress({ ...env.tracker.snapshot(), phase: 'error', message: `Indexing stopped: ${(error as Error).message}` });
      throw error;
    } finally {
      if (!small) {
        this.longPassRunning = false;
        if (this.flushWanted) {
          this.flushWanted = false;
          setImmediate(() => void this.flush());
        }
      }
    }
    const phase = this.config.watch ? 'watching' : 'ready';
    if (small) {
      const problemCount = this.db.prepare('SELECT COUNT(*) FROM problems').pluck().get() as number;
      if (problemCount !== this.lastProgress.problemCount || this.lastProgress.phase !== phase) {
        this.postProgress({ ...this.lastProgress, phase, problemCount });
      }
    } else {
      this.lastPassMs = Date.now() - started;
      this.postProgress({ ...env.tracker.snapshot(), phase, etaMs: 0 });
    }
    this.announce(env.changes);
  }

  private postProgress(p: IndexProgress): void {
    this.lastProgress = p;
    this.events.progress(p);
  }

  private announce(changes: ChangeSet): void {
    if (changes.runKeys.size > 0 || changes.structural) {
      this.events.runsChanged({ runKeys: [...changes.runKeys].sort((a, b) => a - b), structural: changes.structural });
    }
    for (const [storeId, names] of changes.registry) this.events.registryChanged({ storeId, names: [...names].sort() });
    // Half-written files are looked at again once they can have settled.
    if (changes.pending.size > 0 && this.config.watch && !this.closing) {
      const paths = [...changes.pending];
      const timer = setTimeout(() => {
        this.retryTimers.delete(timer);
        this.onPaths(paths);
      }, this.settleMs + 50);
      this.retryTimers.add(timer);
    }
  }

  private loadStores(): WatchedStore[] {
    return (this.db.prepare(`SELECT store_id AS storeId, kind, path FROM stores WHERE kind IN ('file', 'sql')`).all() as WatchedStore[]).sort(
      // Longest path first, so a store nested in another store's folder wins the routing.
      (a, b) => b.path.length - a.path.length,
    );
  }

  // ───────────────────────────── live updates

  private startWatching(): void {
    this.watcher = new TreeWatcher({
      onPaths: (paths) => this.onPaths(paths),
      budget: this.config.watchBudget ?? defaultWatchBudget(),
      ...(this.config.watchMode ? { mode: this.config.watchMode } : {}),
    });
    this.rewatch();
  }

  /** (Re)creates the watches for the current stores, most valuable folders first. */
  private rewatch(): void {
    const watcher = this.watcher;
    if (!watcher) return;
    this.pollEverywhere = watcher.mode === 'polling';
    if (watcher.mode === 'polling') return this.reportWatching();
    const folder = this.config.folder;
    if (watcher.mode === 'native') {
      for (const root of new Set([folder, ...this.stores.map((s) => (s.kind === 'file' ? s.path : dirname(s.path)))])) {
        if (!isWatchableFileSystem(root) || !watcher.watchRecursive(root)) this.pollEverywhere = true;
      }
      return this.reportWatching();
    }
    watcher.watchDir(folder);
    for (const store of this.stores) {
      if (!isWatchableFileSystem(store.path)) {
        this.pollEverywhere = true;
        continue;
      }
      if (store.kind === 'sql') {
        watcher.watchDir(dirname(store.path));
        continue;
      }
      const include = (path: string) => isWatchedStoreFolder(store.path, path);
      const onNewFolder = (path: string) => {
        // Called for every created name; only new folders get watches (files are seen by their folder's).
        if (include(path) && isDirectory(path)) watcher.watchTree(path, include, onNewFolder);
      };
      // Structure first (root, .trash, registry, experiment folders), then runs: running ones first,
      // then the most recent, so a budget that runs out leaves only old finished runs to the poller.
      const structural = (path: string) => include(path) && !this.isRunFolder(store.path, path);
      watcher.watchTree(store.path, structural, onNewFolder);
      const runs = this.db
        .prepare(`SELECT dir_path FROM runs WHERE store_id = ? AND dir_path IS NOT NULL ORDER BY status = 'RUNNING' DESC, start_time DESC`)
        .pluck()
        .all(store.storeId) as string[];
      for (const dir of runs) {
        if (!watcher.watchTree(dir, include, onNewFolder)) break;
      }
    }
    if (watcher.exhausted) this.pollEverywhere = true;
    this.reportWatching();
  }

  /** `<root>/[.trash/]<exp>/<run>`: watched in the second, prioritised round. */
  private isRunFolder(storeRoot: string, path: string): boolean {
    let parts = relative(storeRoot, path).split(sep);
    if (parts[0] === TRASH_FOLDER) parts = parts.slice(1);
    if (parts[0] === REGISTRY_FOLDER || parts.length !== 2) return false;
    return !RESERVED_EXPERIMENT_FOLDERS.has(parts[1]!);
  }

  private reportWatching(): void {
    const w = this.watcher;
    if (!w) return;
    this.events.watching({
      mode: this.pollEverywhere && w.mode !== 'polling' && w.watchCount === 0 ? 'polling' : w.mode,
      watches: w.watchCount,
      limitReason: w.limitReason,
    });
  }

  private onPaths(paths: string[]): void {
    if (this.closing) return;
    for (const path of paths) {
      // The index itself may live inside the project (--index): its own writes are not news.
      if (path.startsWith(this.config.indexPath)) continue;
      const before = this.dirty.project;
      routeChange(this.dirty, this.stores, this.config.folder, path);
      // Outside the stores only a new store (mlruns/, *.db) matters, not every saved script.
      if (!before && this.dirty.project && !STORE_NAMES.test(basename(path))) this.dirty.project = false;
    }
    if (!this.dirty.empty && !this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        void this.flush();
      }, this.config.coalesceMs ?? 100);
    }
  }

  private async flush(): Promise<void> {
    if (this.dirty.empty) return;
    // A long pass (first index, poll, re-index) is running: apply the changes between two of its
    // batches instead of after it, so an appended metric line shows up within ~100 ms regardless.
    if (this.longPassRunning) {
      this.flushWanted = true;
      return;
    }
    await this.enqueue(() => this.applyPending()).catch(() => undefined);
  }

  private async applyPending(): Promise<void> {
    const dirty = this.dirty;
    this.dirty = new DirtySet();
    if (dirty.empty) return;
    if (dirty.project) {
      if (await this.runProjectPass(false)) this.rewatch();
    } else {
      await this.runPass((env) => applyDirty(env, dirty, this.stores), false, true);
    }
  }


  private schedulePoll(): void {
    if (this.closing) return;
    const base = this.config.pollMs ?? 1000;
    // Polling never takes more than about a quarter of a core (a third while some folders are unwatched).
    const interval = this.pollEverywhere
      ? Math.max(base, this.lastPassMs * 3)
      : Math.max(this.config.safetyPollMs ?? 30_000, this.lastPassMs * 20);
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      const discover = Date.now() - this.lastDiscoveryAt >= DISCOVERY_EVERY_MS;
      void this.enqueue(async () => {
        if (discover) {
          if (await this.runProjectPass(false)) this.rewatch();
        } else {
          await this.runPass((env) => knownStoresPass(env), false);
        }
      })
        .catch(() => undefined)
        .finally(() => this.schedulePoll());
    }, interval);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
