import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECURE_WEB_PREFERENCES } from './secure-preferences.js';

const MAIN = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('window security', () => {
  it('creates every window through the one factory', () => {
    const creators = sourceFiles(MAIN)
      .filter((f) => /new\s+BrowserWindow\s*\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(MAIN, f));
    expect(creators).toEqual(['electron/window-factory.ts']);
  });

  it('the factory spreads the secure preferences and sets nothing that weakens them', () => {
    const factory = readFileSync(join(MAIN, 'electron', 'window-factory.ts'), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(factory).toMatch(/webPreferences:\s*\{\s*\.\.\.SECURE_WEB_PREFERENCES,\s*preload:/);
    expect(factory).not.toMatch(/nodeIntegration|contextIsolation|sandbox|webSecurity/);
  });

  it('turns on context isolation and the sandbox and turns off Node integration', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('locks navigation and new windows for every web contents', () => {
    const security = readFileSync(join(MAIN, 'electron', 'security.ts'), 'utf8');
    expect(security).toContain("app.on('web-contents-created'");
    expect(security).toMatch(/will-navigate[\s\S]*preventDefault/);
    expect(security).toMatch(/setWindowOpenHandler[\s\S]*action: 'deny'/);
    const index = readFileSync(join(MAIN, 'index.ts'), 'utf8');
    expect(index).toContain('lockDownWebContents()');
    expect(index).toContain('requestSingleInstanceLock()');
  });

  it('the only ipcMain user registers every contract channel through the checked dispatcher', () => {
    const users = sourceFiles(MAIN)
      .filter((f) => /ipcMain\.(handle|on)\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(MAIN, f))
      .sort();
    // index.ts listens for the preload-only dropped-folder message (sender checked there).
    expect(users).toEqual(['electron/ipc-register.ts', 'index.ts']);
    const register = readFileSync(join(MAIN, 'electron', 'ipc-register.ts'), 'utf8');
    expect(register).toMatch(/for \(const channel of INVOKE_CHANNELS\)/);
    expect(register).toMatch(/if \(!trusted\(event\)\)/);
  });
});
