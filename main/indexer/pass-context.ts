import type { IndexDb } from '../db/open-index.js';
import type { IndexWriter } from './index-writer.js';
import type { ProgressTracker } from './progress-tracker.js';

/** What changed during a pass: turned into runs-changed / registry-changed notices. */
export class ChangeSet {
  readonly runKeys = new Set<number>();
  structural = false;
  /** storeId → registered model names whose rows were rewritten with different content. */
  readonly registry = new Map<number, Set<string>>();
  /** Paths left half-written (empty meta.yaml, trailing metric fragment): retry once they settle. */
  readonly pending = new Set<string>();

  addRegistry(storeId: number, name: string): void {
    let names = this.registry.get(storeId);
    if (!names) this.registry.set(storeId, (names = new Set()));
    names.add(name);
  }

  get empty(): boolean {
    return this.runKeys.size === 0 && !this.structural && this.registry.size === 0;
  }
}

/**
 * A transaction that spans several units of work, committed every `maxUnits` so readers see
 * progress and a worker can yield between batches (no await inside a transaction).
 */
export class TxBatch {
  private open = false;
  private units = 0;

  constructor(
    private readonly db: IndexDb,
    private readonly maxUnits: number,
  ) {}

  begin(): void {
    if (!this.open) {
      this.db.exec('BEGIN');
      this.open = true;
    }
  }

  /** Counts work done; true when the batch is full and should be committed. */
  add(units: number): boolean {
    this.units += units;
    return this.units >= this.maxUnits;
  }

  commit(): void {
    if (this.open) {
      this.db.exec('COMMIT');
      this.open = false;
      this.units = 0;
    }
  }

  rollback(): void {
    if (this.open) {
      this.open = false;
      this.units = 0;
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    }
  }
}

export interface PassOptions {
  /** Re-read everything (File > Re-index) instead of only what changed. */
  full: boolean;
  /** A half-written file older than this is taken as final. */
  settleMs: number;
  /** Threads that read new runs ahead of the writer (read-ahead/); 0 reads everything on the writer's thread. */
  readerThreads: number;
}

export interface PassEnv {
  db: IndexDb;
  writer: IndexWriter;
  tracker: ProgressTracker;
  changes: ChangeSet;
  batch: TxBatch;
  options: PassOptions;
}

/**
 * A pass is a generator: it yields after each committed batch, so the same code runs to the end
 * synchronously (CLI, tests) or step by step in the worker, which answers messages in between.
 */
export type Pass = Generator<void, void, void>;

export function runToEnd(pass: Pass): void {
  for (let step = pass.next(); !step.done; step = pass.next()) {
    // synchronous driver: nothing to do between batches
  }
}
