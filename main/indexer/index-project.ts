import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IndexProgress } from '../../preload/contract.js';
import { CliError } from '../cli/cli-command.js';
import { defaultDataDir, indexPathFor } from '../db/index-location.js';
import { deferIndexes, restoreDeferredIndexes } from '../db/deferred-indexes.js';
import { openIndex, type IndexDb } from '../db/open-index.js';
import { discoverStores, type Discovery } from '../stores/discover.js';
import { fileStorePass } from './file-store-pass.js';
import { IndexWriter } from './index-writer.js';
import { summarizeIndex, type IndexSummary } from './index-summary.js';
import { ChangeSet, TxBatch, type Pass, type PassEnv, type PassOptions } from './pass-context.js';
import { ProgressTracker } from './progress-tracker.js';
import { sqlStorePass } from './sql-store-pass.js';
import { defaultReaderCount } from './read-ahead/run-read-ahead.js';

export type { IndexSummary } from './index-summary.js';

/** A half-written file (empty meta.yaml, metric line without '\n') older than this is taken as final. */
export const DEFAULT_SETTLE_MS = 2000;
/** Work units (files + points/20) per committed batch: ~50–100 ms of work. */
export const BATCH_UNITS = 4000;

interface StoreRow {
  storeId: number;
  kind: string;
  path: string;
  schemaVersion: string | null;
  fingerprint: string | null;
}

/**
 * One pass over the whole project: discovery, then every store (file stores incrementally, SQL
 * stores when their fingerprint changed). Stores that disappeared are dropped with their rows.
 * Returns the discovery (for the notice) when done.
 */
export function* projectPass(env: PassEnv, folder: string, onDiscovery?: (d: Discovery) => void): Generator<void, Discovery, void> {
  const { writer: w, tracker, changes, batch } = env;
  tracker.phase = 'discovering';
  const discovery = discoverStores(folder);
  onDiscovery?.(discovery);
  yield;

  batch.begin();
  w.clearDiscoveryProblems();
  for (const p of discovery.problems) w.addProblem(null, p.path, p.reason);
  const before = env.db
    .prepare(`SELECT store_id AS storeId, kind, path, schema_version AS schemaVersion, fingerprint FROM stores`)
    .all() as StoreRow[];
  const wanted = new Set(discovery.stores.map((s) => s.path));
  for (const old of before) {
    if (!wanted.has(old.path)) {
      w.deleteStore(old.storeId);
      changes.structural = true;
    }
  }
  const byPath = new Map(before.map((s) => [s.path, s]));
  const passes: Pass[] = [];
  for (const store of discovery.stores) {
    let old = byPath.get(store.path);
    if (old && old.kind !== store.kind) {
      // A folder that changed kind (file store emptied to artifacts, …) starts over.
      w.deleteStore(old.storeId);
      old = undefined;
    }
    const storeId = w.upsertStore(store.kind, store.path, store.label);
    if (!old) changes.structural = true;
    if (store.kind === 'file') passes.push(fileStorePass(env, { storeId, path: store.path }));
    if (store.kind === 'sql') {
      passes.push(
        sqlStorePass(env, {
          storeId,
          path: store.path,
          schemaVersion: store.schemaVersion,
          fingerprint: old?.kind === 'sql' ? old.fingerprint : null,
        }),
      );
    }
  }
  batch.commit();
  tracker.phase = 'indexing';
  tracker.runsTotal = 0;
  // A first index builds the search indexes once at the end instead of row by row.
  const firstIndex = !(env.db.prepare('SELECT EXISTS (SELECT 1 FROM runs)').pluck().get() as number);
  if (firstIndex) deferIndexes(env.db);
  else restoreDeferredIndexes(env.db); // after a first index that failed part-way
  for (const pass of passes) yield* pass;
  batch.commit();
  if (firstIndex) restoreDeferredIndexes(env.db);
  w.checkpoint();
  tracker.problemCount = env.db.prepare('SELECT COUNT(*) FROM problems').pluck().get() as number;
  tracker.phase = 'ready';
  return discovery;
}

/**
 * A pass over the stores the index already knows, without discovery: what the poller runs. New
 * stores are found by the periodic project pass instead.
 */
export function* knownStoresPass(env: PassEnv): Pass {
  const stores = env.db
    .prepare(`SELECT store_id AS storeId, kind, path, schema_version AS schemaVersion, fingerprint FROM stores`)
    .all() as StoreRow[];
  restoreDeferredIndexes(env.db);
  env.tracker.phase = 'indexing';
  env.tracker.runsTotal = 0;
  for (const store of stores) {
    if (store.kind === 'file') yield* fileStorePass(env, { storeId: store.storeId, path: store.path });
    if (store.kind === 'sql') yield* sqlStorePass(env, store);
  }
  env.batch.commit();
  env.writer.checkpoint();
  env.tracker.problemCount = env.db.prepare('SELECT COUNT(*) FROM problems').pluck().get() as number;
  env.tracker.phase = 'ready';
}

export function createPassEnv(db: IndexDb, options: Partial<PassOptions> = {}, writer?: IndexWriter): PassEnv {
  return {
    db,
    writer: writer ?? new IndexWriter(db),
    tracker: new ProgressTracker(),
    changes: new ChangeSet(),
    batch: new TxBatch(db, BATCH_UNITS),
    options: {
      full: options.full ?? false,
      settleMs: options.settleMs ?? DEFAULT_SETTLE_MS,
      readerThreads: options.readerThreads ?? defaultReaderCount(),
    },
  };
}

export interface IndexProjectOptions {
  onProgress?: (p: IndexProgress) => void;
  /** Re-read everything instead of only what changed. */
  full?: boolean;
  settleMs?: number;
  /** Reader threads for new runs (default: one per spare core, at most 2; 0 for none). */
  readerThreads?: number;
}

/**
 * Brings the index of a project up to date, synchronously, in this thread: for the CLI and tests.
 * The desktop app runs the same passes in a worker (live-index.ts).
 */
export function indexProjectSync(folder: string, db: IndexDb, options: IndexProjectOptions = {}): IndexSummary {
  const started = Date.now();
  const root = resolve(folder);
  const env = createPassEnv(db, options);
  const pass = projectPass(env, root);
  let discovery: Discovery | undefined;
  try {
    for (let step = pass.next(); ; step = pass.next()) {
      options.onProgress?.(env.tracker.snapshot());
      if (step.done) {
        discovery = step.value;
        break;
      }
    }
  } catch (error) {
    env.batch.rollback();
    throw error;
  }
  return summarizeIndex(db, root, discovery.notice, {
    full: env.options.full,
    runsRead: env.changes.runKeys.size,
    elapsedMs: Date.now() - started,
  });
}

export interface OpenedProjectIndex {
  db: IndexDb;
  /** Absolute project folder. */
  folder: string;
  summary: IndexSummary;
  close(): void;
}

/**
 * What every CLI command starts with: opens the project's index (at `indexPath`, or the default
 * place for the folder), brings it up to date incrementally, and hands it over.
 */
export function openProjectIndex(
  folder: string,
  options: { indexPath?: string; env?: NodeJS.ProcessEnv; full?: boolean; onProgress?: (p: IndexProgress) => void } = {},
): OpenedProjectIndex {
  const root = resolve(folder);
  try {
    statSync(root);
  } catch {
    throw new CliError(`${folder} does not exist or cannot be read.`);
  }
  const indexPath = options.indexPath ? resolve(options.indexPath) : indexPathFor(root, defaultDataDir(options.env ?? process.env));
  const { db } = openIndex(indexPath);
  try {
    const summary = indexProjectSync(root, db, { full: options.full ?? false, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    return { db, folder: root, summary, close: () => db.close() };
  } catch (error) {
    db.close();
    throw error;
  }
}
