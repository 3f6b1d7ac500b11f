import { app, BrowserWindow, ipcMain, Menu, screen } from 'electron';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PRELOAD_DROP_CHANNEL } from '../preload/contract.js';
import { AppServices } from './services/app-services.js';
import { HANDLERS } from './services/handlers.js';
import { buildAppMenu } from './electron/app-menu.js';
import { APP_ORIGIN, registerAppScheme, serveRendererFrom } from './electron/app-protocol.js';
import { ElectronHost } from './electron/electron-host.js';
import { registerIpcHandlers } from './electron/ipc-register.js';
import { isAppUrl, lockDownWebContents } from './electron/security.js';
import { createMainWindow, type WindowBounds } from './electron/window-factory.js';
import { loadWindowBounds, saveWindowBounds } from './electron/window-state.js';

// Lifecycle and wiring only; everything that does work lives in services that run without Electron.

const here = dirname(fileURLToPath(import.meta.url));
const log = (error: unknown) => console.error('[rundesk]', error);

registerAppScheme();
lockDownWebContents();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;
  const dataDir = app.getPath('userData');
  const refreshMenu = () => Menu.setApplicationMenu(menu());
  const host = new ElectronHost(dataDir, () => mainWindow, () => refreshMenu());
  const services = new AppServices({ host, dataDir, watch: true });

  const openFolder = (folder: string) => {
    services.openProject(folder).catch(log);
  };
  const menu = () =>
    buildAppMenu({
      openProject: () => {
        void host.chooseProjectFolder().then((folder) => folder && openFolder(folder));
      },
      openRecent: (projectId) => {
        const folder = host.folderOfRecent(projectId);
        if (folder) openFolder(folder);
      },
      command: (command) => services.emit('menu:command', command),
      recent: () => host.recentProjects(),
      window: () => mainWindow,
    });

  app.on('second-instance', (_event, argv) => {
    const folder = folderFromArgv(argv.slice(1));
    if (folder) openFolder(folder);
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => {
    void services.close();
  });

  void app.whenReady().then(() => {
    serveRendererFrom(join(here, '../renderer'));
    registerIpcHandlers(services, HANDLERS, () => (mainWindow ? [mainWindow] : []), log);
    ipcMain.on(PRELOAD_DROP_CHANNEL, (event, path: unknown) => {
      if (!mainWindow || event.sender.id !== mainWindow.webContents.id || !isAppUrl(event.senderFrame?.url ?? '')) return;
      if (typeof path === 'string' && isFolder(path)) openFolder(path);
    });
    refreshMenu();

    const showWindow = () => {
      const bounds = loadWindowBounds(dataDir, isOnScreen);
      mainWindow = createMainWindow(bounds, join(here, '../preload'));
      mainWindow.on('close', () => {
        if (!mainWindow) return;
        saveWindowBounds(dataDir, { ...mainWindow.getNormalBounds(), maximized: mainWindow.isMaximized() });
      });
      mainWindow.on('closed', () => {
        mainWindow = null;
      });
      void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
    };
    showWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) showWindow();
    });

    // `rundesk <folder>` → that folder; first launch → the bundled demo; otherwise the last project.
    const fromArgs = folderFromArgv(process.argv.slice(app.isPackaged ? 1 : 2));
    const last = host.recentProjects()[0];
    const folder = fromArgs ?? (last ? host.folderOfRecent(last.projectId) : null) ?? demoProjectFolder();
    if (folder && existsSync(folder)) openFolder(folder);
  });
}

function folderFromArgv(argv: string[]): string | null {
  for (const arg of argv) {
    if (arg.startsWith('-')) continue;
    const path = resolve(arg);
    if (isFolder(path) || /\.(db|sqlite)$/i.test(path)) return path;
  }
  return null;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function demoProjectFolder(): string | null {
  const packaged = join(process.resourcesPath, 'demo-project');
  const dev = join(here, '../../resources/demo-project');
  return [packaged, dev].find((p) => existsSync(p)) ?? null;
}

function isOnScreen(bounds: WindowBounds): boolean {
  if (bounds.x === undefined || bounds.y === undefined) return true;
  return screen.getAllDisplays().some(({ workArea: a }) => bounds.x! >= a.x - 50 && bounds.y! >= a.y - 50 && bounds.x! < a.x + a.width && bounds.y! < a.y + a.height);
}
