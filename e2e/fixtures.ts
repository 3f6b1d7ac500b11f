import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '..');
export const SHARED = resolve(process.env.RUNDESK_SHARED ?? join(REPO, '..', 'shared'));

/** Project folders the specs can open. Every spec gets a fresh copy: the originals are never touched. */
export const PROJECTS = {
  demo: join(REPO, 'resources', 'demo-project'),
  fixture: (name: string) => join(SHARED, 'fixtures', 'mlruns-real', name),
  sqlFixture: (name: string) => join(SHARED, 'fixtures', 'mlflow-db-real', name),
};

export interface Served {
  /** The URL `rundesk serve` printed, token included. */
  url: string;
  origin: string;
  token: string;
  port: number;
  /** The served copy of the project (specs may change files in it to test live updates). */
  folder: string;
  stderr: () => string;
}

interface Fixtures {
  /** Which project to serve; override per file with `test.use({ project: PROJECTS.fixture('…') })`. */
  project: string;
  served: Served;
  /** A page opened on the served app, once it reports `data-app-state="ready"`. */
  app: Page;
}

export const test = base.extend<Fixtures>({
  project: [PROJECTS.demo, { option: true }],

  served: async ({ project }, use) => {
    if (!existsSync(project)) throw new Error(`test project ${project} does not exist`);
    const work = mkdtempSync(join(tmpdir(), 'rundesk-e2e-'));
    const folder = join(work, basename(project));
    cpSync(project, folder, { recursive: true });
    const { child, url, stderr } = await startServe(folder, work);
    const parsed = new URL(url);
    try {
      await use({ url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '', port: Number(parsed.port), folder, stderr });
    } finally {
      await stop(child);
      rmSync(work, { recursive: true, force: true });
    }
  },

  app: async ({ page, served }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(served.url);
    await expect(page.locator('body')).toHaveAttribute('data-app-state', 'ready', { timeout: 30_000 });
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

async function startServe(folder: string, work: string): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(
    process.execPath,
    [join(REPO, 'bin', 'rundesk.js'), 'serve', folder, '--port', '0', '--no-open', '--index', join(work, 'index.sqlite')],
    { env: { ...process.env, RUNDESK_DATA_DIR: join(work, 'data') }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`rundesk serve did not start in time.\n${err}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /at (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`rundesk serve exited with ${code}.\n${err}`));
    });
  });
  return { child, url, stderr: () => err };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}
