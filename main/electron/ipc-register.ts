import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS } from '../../preload/contract.js';
import { dispatch } from '../ipc/dispatch.js';
import type { AppServices } from '../services/app-services.js';
import type { Handlers } from '../services/service-context.js';
import { isAppUrl } from './security.js';

/**
 * The only file that touches ipcMain. Each channel goes through `dispatch` (argument validation,
 * errors as values) after checking that the caller is the top frame of one of our windows
 * showing our app:// page.
 */
export function registerIpcHandlers(services: AppServices, handlers: Handlers, windows: () => BrowserWindow[], log: (e: unknown) => void): void {
  const trusted = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isAppUrl(frame.url)) return false;
    return windows().some((w) => w.webContents.id === event.sender.id);
  };
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, arg: unknown) => {
      if (!trusted(event)) return { ok: false, error: { code: 'FORBIDDEN', message: 'Request from an unknown frame.' } };
      return dispatch(handlers, services, channel, arg, log);
    });
  }
  services.onEvent((channel, payload) => {
    for (const window of windows()) if (!window.isDestroyed()) window.webContents.send(channel, payload);
  });
}
