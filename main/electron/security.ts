import { app, shell, type WebContents } from 'electron';
import { APP_ORIGIN } from './app-protocol.js';

/** https links the app may open in the user's browser (docs, the project page). */
const EXTERNAL_ALLOWLIST = ['https://mlflow.org/', 'https://github.com/'];

export function isAllowedExternal(url: string): boolean {
  return EXTERNAL_ALLOWLIST.some((prefix) => url.startsWith(prefix));
}

export function isAppUrl(url: string): boolean {
  try {
    return new URL(url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

/**
 * Navigation and pop-ups are locked for every web contents, in one place: nothing but our own
 * app:// pages ever loads; new windows are always denied, and allow-listed https links go to the
 * system browser; permission requests (camera, notifications…) are refused.
 */
export function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternal(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  });
}
