// Injected at build time by electron-vite (`define`), read from package.json when running from source.
declare const __RUNDESK_VERSION__: string | undefined;

export const APP_VERSION: string = typeof __RUNDESK_VERSION__ === 'string' ? __RUNDESK_VERSION__ : '0.0.0-dev';
