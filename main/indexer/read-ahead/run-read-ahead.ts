import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { startWorker } from '../start-worker.js';
import type { ReadAheadRequest, ReadAheadResult } from './read-run-ahead.js';

/** Requests in flight per reader: enough to keep it busy, few enough to bound memory (~25 kB a run). */
const WINDOW = 64;
/**
 * A reader silent for this long is taken as gone (a crash cannot be seen from a blocked thread):
 * the writer reads its remaining runs itself. One run takes milliseconds; files over 8 MB are not
 * read here.
 */
const STALL_MS = 15_000;

interface Reader {
  worker: Worker;
  port: MessagePort;
  slot: number;
  /** Requests not yet sent (kept back by the window). */
  backlog: ReadAheadRequest[];
  inFlight: number;
  dead: boolean;
}

/** Reader threads for a machine: 2 (1 on a single core). Measured on 2 cores: 2 readers beat 1 by ~10%, as the writer waits on them part of the time. */
export function defaultReaderCount(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/**
 * Reads new run folders on reader threads ahead of the writer: while the writer thread spends its
 * time in SQLite, the readers open, read and parse the next runs' files (about half the cost of a
 * cold index). The writer stays synchronous (a pass is a generator driven by the CLI or the index
 * worker): `take` blocks on a shared counter with Atomics.wait and pulls results with
 * receiveMessageOnPort, in the order the runs were queued.
 */
export class RunReadAhead {
  private readonly readers: Reader[];
  private readonly counters: Int32Array;
  /** Queued runs in order, with the reader each went to; `next` is the first not yet taken. */
  private readonly order: { dir: string; reader: Reader }[] = [];
  private readonly queued = new Set<string>();
  private next = 0;

  private constructor(count: number) {
    const signal = new SharedArrayBuffer(4 * count);
    this.counters = new Int32Array(signal);
    this.readers = Array.from({ length: count }, (_, slot) => {
      const { port1, port2 } = new MessageChannel();
      const worker = startWorker('run-reader-worker', { port: port2, signal, slot }, [port2]);
      // A reader never keeps the process alive (the CLI exits when the pass is done).
      worker.unref();
      worker.on('error', () => undefined);
      return { worker, port: port1, slot, backlog: [], inFlight: 0, dead: false };
    });
  }

  /** Reader threads, or null when none can be started (the writer then reads everything itself). */
  static start(count = defaultReaderCount()): RunReadAhead | null {
    try {
      return new RunReadAhead(count);
    } catch {
      return null;
    }
  }

  /** Queues runs to read, in the order the writer will `take` them. */
  enqueue(requests: readonly ReadAheadRequest[]): void {
    for (const request of requests) {
      const reader = this.readers[this.order.length % this.readers.length]!;
      this.order.push({ dir: request.dir, reader });
      this.queued.add(request.dir);
      reader.backlog.push(request);
    }
    for (const reader of this.readers) this.fill(reader);
  }

  /**
   * The read-ahead of `dir`, waiting for it if needed; undefined when it was not queued (or its
   * reader is gone). Runs queued before it and never taken are dropped.
   */
  take(dir: string): ReadAheadResult | undefined {
    if (!this.queued.has(dir)) return undefined;
    while (this.next < this.order.length) {
      const { dir: at, reader } = this.order[this.next++]!;
      this.queued.delete(at);
      const result = this.receive(reader);
      if (at === dir) return result?.dir === dir ? result : undefined;
    }
    return undefined;
  }

  close(): void {
    for (const reader of this.readers) {
      reader.port.close();
      void reader.worker.terminate();
    }
  }

  private fill(reader: Reader): void {
    if (reader.dead || reader.backlog.length === 0 || reader.inFlight >= WINDOW) return;
    const batch = reader.backlog.splice(0, WINDOW - reader.inFlight);
    reader.inFlight += batch.length;
    reader.port.postMessage(batch);
  }

  private receive(reader: Reader): ReadAheadResult | undefined {
    if (reader.dead) return undefined;
    const started = Date.now();
    for (;;) {
      const seen = Atomics.load(this.counters, reader.slot);
      const message = receiveMessageOnPort(reader.port);
      if (message) {
        reader.inFlight--;
        // Refill only when the window is half empty: one postMessage per 32 runs, not per run.
        if (reader.inFlight <= WINDOW / 2) this.fill(reader);
        return message.message as ReadAheadResult;
      }
      if (Date.now() - started > STALL_MS) {
        reader.dead = true;
        return undefined;
      }
      Atomics.wait(this.counters, reader.slot, seen, 100);
    }
  }
}
