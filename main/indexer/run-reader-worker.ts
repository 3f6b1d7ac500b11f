import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { DatasetRecord } from '../stores/file-store/run-links.js';
import { readRunAhead, transferablesOf, type ReadAheadRequest, type ReadAheadResult } from './read-ahead/read-run-ahead.js';
import { lowerThisThreadPriority } from './background-priority.js';

/**
 * Worker entry of a run reader (built as out/main/run-reader-worker.js): reads the run folders the
 * writer asks for and posts each result on its port, then bumps its slot of the shared signal so a
 * writer blocked in RunReadAhead.take wakes up. See read-ahead/run-read-ahead.ts.
 */
if (!parentPort) throw new Error('run-reader-worker.ts must run in a worker thread (see read-ahead/run-read-ahead.ts)');
const { port, signal, slot } = workerData as { port: MessagePort; signal: SharedArrayBuffer; slot: number };
const counter = new Int32Array(signal);
lowerThisThreadPriority();
const datasetCaches = new Map<string, Map<string, DatasetRecord | null>>();

port.on('message', (requests: ReadAheadRequest[]) => {
  for (const request of requests) {
    let cache = datasetCaches.get(request.experimentDir);
    if (!cache) datasetCaches.set(request.experimentDir, (cache = new Map()));
    let result: ReadAheadResult;
    try {
      result = readRunAhead(request, cache);
    } catch {
      // Whatever failed here fails again on the writer, which reports it as a problem of the run.
      result = { dir: request.dir, kind: 'writer-reads' };
    }
    try {
      port.postMessage(result, transferablesOf(result));
    } catch {
      // A result that cannot be sent still gets an answer: the writer must never wait for it.
      port.postMessage({ dir: request.dir, kind: 'writer-reads' } satisfies ReadAheadResult);
    }
    Atomics.add(counter, slot, 1);
    Atomics.notify(counter, slot);
  }
});
