import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string };
const define = { __RUNDESK_VERSION__: JSON.stringify(pkg.version) };

/**
 * One build for everything that ships:
 *  - main: the Electron entry, the command line (`bin/rundesk.js` loads out/main/cli.js, plain Node)
 *    and the indexer's worker threads (the writer and its run readers), as ESM for Node; dependencies stay external (better-sqlite3 is native).
 *  - preload: CommonJS, fully bundled, because a sandboxed preload cannot load ESM or other files.
 *  - renderer: the React app, served from app:// in Electron and over HTTP by `rundesk serve`.
 */
export default defineConfig({
  main: {
    define,
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('main/index.ts'),
          cli: resolve('main/cli/entry.ts'),
          'index-worker': resolve('main/indexer/index-worker.ts'),
          'run-reader-worker': resolve('main/indexer/run-reader-worker.ts'),
        },
        // Flat output: shared chunks sit next to the entries, so `new URL('./index-worker.js', import.meta.url)`
        // resolves from whichever file the indexer was bundled into.
        output: { entryFileNames: '[name].js', chunkFileNames: 'shared-[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('renderer'),
    define,
    plugins: [react()],
    build: {
      outDir: resolve('out/renderer'),
      chunkSizeWarningLimit: 6000,
      minify: true,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
