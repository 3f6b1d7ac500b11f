import {
  EVENT_CHANNELS,
  HTTP_API_PREFIX,
  HTTP_EVENTS_PATH,
  INVOKE_CHANNELS,
  TOKEN_HEADER,
  eventListenerName,
  type Bridge,
  type EventApi,
  type EventChannel,
  type InvokeApi,
  type Result,
} from '../../../preload/contract';
import { decodeWire, encodeWire } from '../../../preload/wire';

/**
 * Browser mode (`rundesk serve`): the same contract over HTTP. Invokes are POSTs to
 * /api/invoke/<channel>; events arrive over Server-Sent Events. The per-start token comes in the
 * page URL (`?token=…`), is kept in sessionStorage and sent as a header on every request.
 */
export function createHttpBridge(location: Location): Bridge {
  const token = readToken(location);

  const invoke = Object.fromEntries(
    INVOKE_CHANNELS.map((channel) => [
      channel,
      async (arg?: unknown): Promise<Result<unknown>> => {
        try {
          const response = await fetch(HTTP_API_PREFIX + encodeURIComponent(channel), {
            method: 'POST',
            headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
            body: encodeWire(arg === undefined ? null : arg),
          });
          const text = await response.text();
          if (!response.ok && !text.startsWith('{')) return { ok: false, error: { code: 'FORBIDDEN', message: text || response.statusText } };
          return decodeWire(text) as Result<unknown>;
        } catch {
          return { ok: false, error: { code: 'INTERNAL', message: 'RunDesk is not answering. Is `rundesk serve` still running?' } };
        }
      },
    ]),
  ) as unknown as InvokeApi;

  const listeners = new Map<EventChannel, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  const ensureSource = () => {
    if (source) return;
    source = new EventSource(`${HTTP_EVENTS_PATH}?token=${encodeURIComponent(token)}`);
    for (const channel of EVENT_CHANNELS) {
      source.addEventListener(channel, (event) => {
        const payload = decodeWire((event as MessageEvent<string>).data);
        for (const listener of listeners.get(channel) ?? []) listener(payload);
      });
    }
  };

  const events = Object.fromEntries(
    EVENT_CHANNELS.map((channel) => [
      eventListenerName(channel),
      (listener: (payload: unknown) => void) => {
        ensureSource();
        const set = listeners.get(channel) ?? new Set();
        set.add(listener);
        listeners.set(channel, set);
        return () => set.delete(listener);
      },
    ]),
  ) as unknown as EventApi;

  return { invoke, events };
}

const TOKEN_KEY = 'rundesk-token';

/**
 * Browser mode's per-start token, for the few requests a page cannot add a header to (downloads).
 * Null in the desktop app, where there is no token.
 */
export function serverToken(): string | null {
  return window.rundesk ? null : sessionStorage.getItem(TOKEN_KEY);
}

function readToken(location: Location): string {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    // Keep the token out of the address bar (and out of screenshots and shared links).
    history.replaceState(null, '', location.pathname + location.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}
