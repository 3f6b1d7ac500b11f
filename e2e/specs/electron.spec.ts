import { _electron as electron } from '@playwright/test';
import { existsSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, REPO, PROJECTS } from '../fixtures';

/**
 * The real desktop app, driven through Playwright's Electron support. These run only where the
 * Electron binary is installed (any machine with internet after `npm ci`); where it is not, they are
 * skipped with one clear line. Nothing here fakes Electron.
 */
function electronBinary(): string | null {
  try {
    const pathFile = join(REPO, 'node_modules', 'electron', 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(REPO, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
if (!binary) console.log('electron e2e: not run — the Electron binary is not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD).');

test.describe('desktop app', () => {
  test.skip(!binary, 'the Electron binary is not installed on this machine');

  test('opens a project in a sandboxed, context-isolated window with the CSP', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'rundesk-electron-'));
    const app = await electron.launch({
      executablePath: binary!,
      args: [REPO, `--user-data-dir=${userData}`, PROJECTS.demo],
      env: { ...process.env, RUNDESK_DATA_DIR: userData },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.locator('body')).toHaveAttribute('data-app-state', 'ready', { timeout: 30_000 });
      const url = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getURL());
      expect(url.startsWith('app://rundesk/')).toBe(true);
      // No Node in the page; the bridge is a frozen copy made by contextBridge (context isolation).
      const page_ = await page.evaluate(() => {
        const g = globalThis as { require?: unknown; process?: unknown; rundesk?: object };
        return { require: typeof g.require, process: typeof g.process, bridgeFrozen: g.rundesk !== undefined && Object.isFrozen(g.rundesk) };
      });
      expect(page_).toEqual({ require: 'undefined', process: 'undefined', bridgeFrozen: true });
      const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
      expect(csp).not.toContain('unsafe-eval');
      await expect(page.getByRole('grid', { name: 'Runs' })).toBeVisible();
      // Navigation away from the app is refused.
      await page.evaluate(() => {
        globalThis.location.href = 'https://example.com/';
      });
      expect(page.url().startsWith('app://rundesk/')).toBe(true);
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
