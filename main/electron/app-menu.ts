import { app, Menu, nativeTheme, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, RecentProject } from '../../preload/contract.js';

export interface MenuActions {
  openProject(): void;
  openRecent(projectId: string): void;
  command(command: MenuCommand): void;
  recent(): RecentProject[];
  window(): BrowserWindow | null;
}

/** The native menu. Rebuilt when the recent list changes. */
export function buildAppMenu(actions: MenuActions): Menu {
  const isMac = process.platform === 'darwin';
  const recent = actions.recent();
  const zoom = (delta: number | null) => () => {
    const contents = actions.window()?.webContents;
    if (contents) contents.setZoomLevel(delta === null ? 0 : contents.getZoomLevel() + delta);
  };
  const theme = (source: 'system' | 'light' | 'dark'): MenuItemConstructorOptions => ({
    label: source === 'system' ? 'Follow System' : source === 'light' ? 'Light' : 'Dark',
    type: 'radio',
    checked: nativeTheme.themeSource === source,
    click: () => {
      nativeTheme.themeSource = source;
    },
  });

  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: () => actions.openProject() },
        {
          label: 'Open Recent',
          submenu:
            recent.length === 0
              ? [{ label: 'No recent projects', enabled: false }]
              : recent.map((p) => ({ label: `${p.name} — ${p.displayPath}`, click: () => actions.openRecent(p.projectId) })),
        },
        { type: 'separator' },
        { label: 'Export CSV…', accelerator: 'CmdOrCtrl+E', click: () => actions.command('export-csv') },
        { label: 'Re-index', accelerator: 'CmdOrCtrl+Shift+R', click: () => actions.command('reindex') },
        { label: 'Show Problems', click: () => actions.command('show-problems') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Command Palette…', accelerator: 'CmdOrCtrl+K', click: () => actions.command('command-palette') },
        { type: 'separator' },
        { label: 'Theme', submenu: [theme('system'), theme('light'), theme('dark')] },
        { type: 'separator' },
        { label: 'Actual Size', accelerator: 'CmdOrCtrl+0', click: zoom(null) },
        { label: 'Zoom In', accelerator: 'CmdOrCtrl+=', click: zoom(0.5) },
        { label: 'Zoom Out', accelerator: 'CmdOrCtrl+-', click: zoom(-0.5) },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
    { label: '&Help', submenu: [{ label: 'About RunDesk', click: () => actions.command('about') }] },
  ];
  return Menu.buildFromTemplate(template);
}
