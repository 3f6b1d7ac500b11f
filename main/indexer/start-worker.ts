import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type TransferListItem } from 'node:worker_threads';

/** The indexer's worker entries: each is built as out/main/<name>.js (see electron.vite.config.ts). */
export type WorkerEntry = 'index-worker' | 'run-reader-worker';

/**
 * Starts one of the indexer's worker threads: the built `<entry>.js` next to out/main/index.js, or,
 * when running from source (Vitest, tsx), the .ts entry. Node 20 ignores `--import tsx` in a worker's
 * execArgv (measured: "Unknown file extension .ts"), so from source a two-line bootstrap registers
 * tsx's loader inside the worker and then imports the entry.
 */
export function startWorker(entry: WorkerEntry, workerData: unknown, transferList: TransferListItem[] = []): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    // Built: this code may sit in out/main/ itself or in a shared chunk one folder below,
    // depending on how the bundler split the entries.
    const candidates = [new URL(`./${entry}.js`, import.meta.url), new URL(`../${entry}.js`, import.meta.url)];
    const url = candidates.find((u) => existsSync(fileURLToPath(u))) ?? candidates[0]!;
    return new Worker(url, { workerData, transferList });
  }
  const source = new URL(`./${entry}.ts`, import.meta.url).href;
  // The ESM build of tsx's API ('import' condition of tsx/esm/api); require.resolve would give the CJS one.
  const tsxDir = dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(join(tsxDir, 'dist', 'esm', 'api', 'index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { eval: true, workerData, transferList });
}
