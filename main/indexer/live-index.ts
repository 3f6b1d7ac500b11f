import Database from 'better-sqlite3';
import { accessSync, constants } from 'node:fs';
import { resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { IndexProgress, RunsChanged, StoreInfo, StoreKind } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { noticeForStores } from '../stores/discover.js';
import { startWorker } from './start-worker.js';
import type { EngineConfig, FromWorker, ToWorker } from './worker-protocol.js';

export interface LiveIndexOptions {
  folder: string;
  indexPath: string;
  watch: boolean;
  onProgress?(p: IndexProgress): void;
  onRunsChanged?(c: RunsChanged): void;
  onRegistryChanged?(c: { storeId: number; names: string[] }): void;
  /** Engine tuning (tests, benchmarks): settle time, coalescing, polling, watch budget. */
  tuning?: Omit<EngineConfig, 'folder' | 'indexPath' | 'watch'>;
}

/**
 * A project's index kept up to date by a worker thread (indexing, watching, the write connection),
 * with a read connection here for queries. Resolves at once on an index that already holds the
 * project, after the first pass on a new one.
 */
export class LiveIndex {
  private lastProgress: IndexProgress = { phase: 'discovering', filesSeen: 0, runsIndexed: 0, runsTotal: null, etaMs: null, problemCount: 0 };
  private currentNotice: string | null;
  private nextRequest = 1;
  private readonly pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  private closedPromise: Promise<void> | null = null;
  private exited = false;
  /** Watch mode the worker settled on (for diagnostics and the benchmark). */
  watchState: { mode: string; watches: number; limitReason: string | null } | null = null;

  private _db: IndexDb | null = null;
  private currentNoticeSet = false;

  private constructor(
    private readonly worker: Worker,
    private readonly options: LiveIndexOptions,
    private readonly folder: string,
  ) {
    this.currentNotice = null;
  }

  /** The read connection (WAL) for queries on this thread; the worker holds the only writer. */
  get db(): IndexDb {
    if (!this._db) throw new Error('LiveIndex is not open yet');
    return this._db;
  }

  static async open(options: LiveIndexOptions): Promise<LiveIndex> {
    const folder = resolve(options.folder);
    const indexPath = resolve(options.indexPath);
    const config: EngineConfig = { ...options.tuning, folder, indexPath, watch: options.watch };
    // The worker opens (and if needed creates and migrates) the index: no SQLite work on this thread
    // beyond opening the read connection once the file is ready.
    const worker = startWorker('index-worker', config);
    const live = new LiveIndex(worker, options, folder);
    let usable = false;
    const opened = new Promise<void>((resolveOpened) => {
      live.onOpened = (u) => {
        usable = u;
        resolveOpened();
      };
    });
    const firstPass = live.listen();
    firstPass.catch(() => undefined);
    try {
      await Promise.race([opened, firstPass]);
      live._db = new Database(indexPath, { readonly: true, fileMustExist: true });
      live._db.pragma('busy_timeout = 5000');
      if (!live.currentNoticeSet) live.currentNotice = noticeForStores(folder, live.storeRows());
      if (!usable) await firstPass;
    } catch (error) {
      // A worker that could not open or index the project is stopped; the caller gets the reason.
      await worker.terminate();
      live._db?.close();
      throw error;
    }
    return live;
  }

  private onOpened: (usable: boolean) => void = () => {};

  stores(): StoreInfo[] {
    return this.storeRows().map((row) => ({
      storeId: row.storeId,
      kind: row.kind,
      label: row.label,
      schemaVersion: row.schemaVersion,
      writable: row.kind !== 'artifacts' && isWritable(row.path),
    }));
  }

  notice(): string | null {
    return this.currentNotice;
  }

  progress(): IndexProgress {
    return this.lastProgress;
  }

  /** Re-scan now; `full` re-reads everything (File > Re-index). Resolves when the pass is done. */
  refresh(options: { full?: boolean } = {}): Promise<void> {
    if (this.exited) return Promise.reject(new Error('The indexer has stopped.'));
    const id = this.nextRequest++;
    return new Promise<void>((resolvePromise, reject) => {
      this.pending.set(id, { resolve: resolvePromise, reject });
      this.post({ type: 'refresh', id, full: options.full ?? false });
    });
  }

  close(): Promise<void> {
    this.closedPromise ??= new Promise<void>((resolvePromise) => {
      const finish = () => {
        clearTimeout(timer);
        try {
          this._db?.close();
        } catch {
          // already closed
        }
        resolvePromise();
      };
      // A worker stuck in a long synchronous step is stopped after a grace period.
      const timer = setTimeout(() => void this.worker.terminate(), 10_000);
      if (this.exited) return finish();
      this.worker.once('exit', finish);
      this.post({ type: 'close' });
    });
    return this.closedPromise;
  }

  private post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private storeRows(): { storeId: number; kind: StoreKind; label: string; path: string; schemaVersion: string | null }[] {
    return this.db
      .prepare(`SELECT store_id AS storeId, kind, label, path, schema_version AS schemaVersion FROM stores ORDER BY label, path`)
      .all() as { storeId: number; kind: StoreKind; label: string; path: string; schemaVersion: string | null }[];
  }

  /** Wires the worker's messages; resolves when its first pass is done. */
  private listen(): Promise<void> {
    return new Promise<void>((resolveFirst, rejectFirst) => {
      this.worker.on('message', (message: FromWorker) => {
        switch (message.type) {
          case 'progress':
            this.lastProgress = message.progress;
            this.options.onProgress?.(message.progress);
            break;
          case 'notice':
            this.currentNotice = message.notice;
            this.currentNoticeSet = true;
            break;
          case 'opened':
            this.onOpened(message.usable);
            break;
          case 'runs-changed':
            this.options.onRunsChanged?.(message.change);
            break;
          case 'registry-changed':
            this.options.onRegistryChanged?.(message.change);
            break;
          case 'watching':
            this.watchState = { mode: message.mode, watches: message.watches, limitReason: message.limitReason };
            break;
          case 'first-pass-done':
            resolveFirst();
            break;
          case 'refreshed': {
            const request = this.pending.get(message.id);
            this.pending.delete(message.id);
            if (message.error) request?.reject(new Error(message.error));
            else request?.resolve();
            break;
          }
          case 'failed':
            this.fail(message.message);
            rejectFirst(new Error(message.message));
            break;
          case 'closed':
            break;
        }
      });
      this.worker.on('error', (error) => {
        this.fail(error.message);
        rejectFirst(error);
      });
      this.worker.on('exit', () => {
        this.exited = true;
        for (const request of this.pending.values()) request.reject(new Error('The indexer has stopped.'));
        this.pending.clear();
        rejectFirst(new Error('The indexer stopped before the first pass finished.'));
      });
    });
  }

  private fail(message: string): void {
    this.lastProgress = { ...this.lastProgress, phase: 'error', message: `Indexing failed: ${message}` };
    this.options.onProgress?.(this.lastProgress);
  }
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
