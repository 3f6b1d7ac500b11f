/**
 * Proves electron-builder.yml without downloading Electron: packs the unpacked Linux app against a
 * stand-in Electron folder (a shell script named `electron` plus a `version` file) and asserts the
 * file list — the asar holds the built main, preload, CLI and renderer; the native better-sqlite3
 * module is unpacked next to it; the demo project ships as a resource. The result is not runnable
 * (there is no Electron inside); real installers are built on a machine with internet.
 *
 * Run after `npm run build`: `node --import tsx e2e/packaging/verify-package.ts`.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listPackage } from '@electron/asar';
import yaml from 'js-yaml';

const repo = resolve(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'rundesk-package-'));
let passed = 0;
let failed = 0;

function check(name: string, ok: boolean, detail = ''): void {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : ` — ${detail}`}`);
}

try {
  if (!existsSync(join(repo, 'out', 'main', 'index.js'))) throw new Error("out/ is missing: run 'npm run build' first");
  const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  const stub = join(work, 'electron-dist');
  mkdirSync(stub);
  writeFileSync(join(stub, 'electron'), '#!/bin/sh\necho "stand-in Electron: not runnable"\nexit 1\n');
  chmodSync(join(stub, 'electron'), 0o755);
  writeFileSync(join(stub, 'version'), pkg.devDependencies.electron!);

  const config = yaml.load(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;
  const output = join(work, 'release');
  // Only what the stand-in cannot do is switched off: fuses patch a real binary, and the native
  // module cannot be rebuilt for Electron offline.
  Object.assign(config, { electronDist: stub, npmRebuild: false, electronFuses: null, directories: { ...(config.directories as object), output } });
  const configPath = join(work, 'electron-builder.json');
  writeFileSync(configPath, JSON.stringify(config));
  execFileSync(join(repo, 'node_modules', '.bin', 'electron-builder'), ['--dir', '--linux', '--config', configPath], {
    cwd: repo,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
  });

  const app = join(output, 'linux-unpacked');
  const asar = join(app, 'resources', 'app.asar');
  check('the unpacked app has resources/app.asar', existsSync(asar));
  const files = new Set(listPackage(asar, { isPack: false }).map((f) => f.replaceAll('\\', '/')));
  for (const required of ['/out/main/index.js', '/out/main/cli.js', '/out/main/index-worker.js', '/out/main/run-reader-worker.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json', '/bin/rundesk.js']) {
    check(`app.asar holds ${required}`, files.has(required));
  }
  check('app.asar holds the renderer bundle', [...files].some((f) => /^\/out\/renderer\/assets\/.+\.js$/.test(f)));
  check('app.asar holds no sources or tests', ![...files].some((f) => /\.(ts|tsx)$/.test(f) && !f.includes('/node_modules/')));
  check('app.asar holds no source maps', ![...files].some((f) => f.endsWith('.map') && !f.includes('/node_modules/')));
  const native = join(app, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  check('better_sqlite3.node is unpacked from the asar', existsSync(native));
  check('the demo project ships as a resource', existsSync(join(app, 'resources', 'demo-project')));
  check('no devDependency is packed', ![...files].some((f) => /^\/node_modules\/(vitest|vite|electron-builder|typescript|@playwright)\//.test(f)));
} catch (error) {
  failed++;
  console.log(`FAIL packaging: ${(error as Error).message}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`packaging: ${passed} passed, ${failed} failed`);
if (process.env.CI) {
  mkdirSync(join(repo, 'test-reports'), { recursive: true });
  writeFileSync(join(repo, 'test-reports', 'packaging.counts.json'), JSON.stringify({ passed, failed }));
}
process.exitCode = failed === 0 ? 0 : 1;
