import { parentPort, workerData } from 'node:worker_threads';
import { openIndex } from '../db/open-index.js';
import { IndexEngine } from './index-engine.js';
import type { EngineConfig, FromWorker, ToWorker } from './worker-protocol.js';
import { lowerThisThreadPriority } from './background-priority.js';

/**
 * Worker entry of the live indexer (built as out/main/index-worker.js). All indexing and the only
 * write connection to the index live here, so the main thread never stalls on disk or SQLite.
 */
const port = parentPort;
if (!port) throw new Error('index-worker.ts must run in a worker thread (see live-index.ts)');
const config = workerData as EngineConfig;
lowerThisThreadPriority();
const post = (message: FromWorker) => port.postMessage(message);

// Opening (and on first use creating/migrating) the index happens here, not on the main thread.
const { db, fresh } = openIndex(config.indexPath);
post({ type: 'opened', usable: !fresh && (db.prepare('SELECT COUNT(*) FROM stores').pluck().get() as number) > 0 });
const engine = new IndexEngine(db, config, {
  progress: (progress) => post({ type: 'progress', progress }),
  notice: (notice) => post({ type: 'notice', notice }),
  runsChanged: (change) => post({ type: 'runs-changed', change }),
  registryChanged: (change) => post({ type: 'registry-changed', change }),
  watching: (state) => post({ type: 'watching', ...state }),
});

let closed = false;
port.on('message', (message: ToWorker) => {
  if (message.type === 'refresh') {
    engine.refresh(message.full).then(
      () => post({ type: 'refreshed', id: message.id }),
      (error: unknown) => post({ type: 'refreshed', id: message.id, error: (error as Error).message }),
    );
  } else if (message.type === 'close' && !closed) {
    closed = true;
    void engine.close().finally(() => {
      try {
        db.pragma('optimize');
        db.close();
      } catch {
        // closing a cache: nothing to save
      }
      post({ type: 'closed' });
      port.close();
    });
  }
});

engine.start(() => post({ type: 'first-pass-done' })).catch((error: unknown) => post({ type: 'failed', message: (error as Error).message }));
