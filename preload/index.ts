import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  PRELOAD_DROP_CHANNEL,
  eventListenerName,
  type Bridge,
  type EventApi,
  type InvokeApi,
} from './contract';

/**
 * The bridge, generated from the contract: the page can reach exactly the channels listed there,
 * through named functions. `ipcRenderer` itself is never exposed, and listeners receive the payload
 * only (the IPC event object is stripped).
 */
const invoke = Object.fromEntries(
  INVOKE_CHANNELS.map((channel) => [channel, (arg?: unknown) => ipcRenderer.invoke(channel, arg)]),
) as unknown as InvokeApi;

const events = Object.fromEntries(
  EVENT_CHANNELS.map((channel) => [
    eventListenerName(channel),
    (listener: (payload: unknown) => void) => {
      const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => {
        ipcRenderer.off(channel, wrapped);
      };
    },
  ]),
) as unknown as EventApi;

const bridge: Bridge = { invoke, events };
contextBridge.exposeInMainWorld('rundesk', bridge);

// Dropping a folder on the window opens it. The path is resolved here, in the isolated preload
// world, and sent straight to main: the page's scripts never see it.
window.addEventListener('dragover', (event) => event.preventDefault());
window.addEventListener('drop', (event) => {
  event.preventDefault();
  const file = event.dataTransfer?.files[0];
  if (!file) return;
  const path = webUtils.getPathForFile(file);
  if (path) ipcRenderer.send(PRELOAD_DROP_CHANNEL, path);
});
