import { test as base, expect, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { startServe, stopServe } from './serve-process.js';

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
    const { child, url, stderr } = await startServe(folder, work, 30_000);
    const parsed = new URL(url);
    try {
      await use({ url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '', port: Number(parsed.port), folder, stderr });
    } finally {
      await stopServe(child);
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
