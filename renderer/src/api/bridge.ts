import type { Bridge, EventApi, InvokeApi, InvokeArg, InvokeChannel, InvokeReturn, AppErrorInfo } from '../../../preload/contract';
import { createHttpBridge } from './http-bridge';

declare global {
  interface Window {
    /** Set by the preload in the desktop app; absent in browser mode. */
    rundesk?: Bridge;
  }
}

/** The bridge in use: the preload's in the desktop app, the HTTP one in browser mode. */
const bridge: Bridge = window.rundesk ?? createHttpBridge(window.location);

export const invoke: InvokeApi = bridge.invoke;
export const events: EventApi = bridge.events;

/** A failure returned by main, thrown by `call` so components can use try/catch or error boundaries. */
export class ApiError extends Error {
  readonly code: AppErrorInfo['code'];
  readonly position: number | undefined;
  constructor(info: AppErrorInfo) {
    super(info.message);
    this.code = info.code;
    this.position = info.position;
  }
}

/** Invoke a channel and unwrap its Result: resolves with the value or rejects with an ApiError. */
export async function call<K extends InvokeChannel>(
  channel: K,
  ...arg: InvokeArg<K> extends undefined ? [] : [InvokeArg<K>]
): Promise<InvokeReturn<K>> {
  const fn = invoke[channel] as (...a: unknown[]) => Promise<{ ok: true; value: InvokeReturn<K> } | { ok: false; error: AppErrorInfo }>;
  const result = await fn(...arg);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
