import type { InvokeChannel, Result } from '../../preload/contract.js';
import { INVOKE_CHANNELS } from '../../preload/contract.js';
import { AppError, toErrorInfo } from '../services/app-error.js';
import type { Handlers, ServiceContext } from '../services/service-context.js';
import { SchemaError } from './schema.js';
import { VALIDATORS } from './validators.js';

const CHANNELS: ReadonlySet<string> = new Set(INVOKE_CHANNELS);

export function isInvokeChannel(channel: string): channel is InvokeChannel {
  return CHANNELS.has(channel);
}

/**
 * The one path from a request to a handler, shared by Electron IPC and browser mode: check the
 * channel, validate the argument against the contract, run the handler, and turn failures into values.
 * (Who may call is checked by the transport before this: sender frame in Electron, token and
 * Host/Origin in browser mode.)
 */
export async function dispatch(
  handlers: Handlers,
  ctx: ServiceContext,
  channel: string,
  rawArg: unknown,
  log?: (error: unknown) => void,
): Promise<Result<unknown>> {
  if (!isInvokeChannel(channel)) return { ok: false, error: { code: 'BAD_REQUEST', message: `Unknown channel '${channel}'.` } };
  try {
    const arg = VALIDATORS[channel](rawArg, '');
    const handler = handlers[channel] as (ctx: ServiceContext, arg: unknown) => unknown;
    return { ok: true, value: await handler(ctx, arg) };
  } catch (error) {
    if (error instanceof SchemaError) return { ok: false, error: { code: 'BAD_REQUEST', message: `Invalid request to ${channel}: ${error.message}.` } };
    return { ok: false, error: toErrorInfo(error, log) };
  }
}

export { AppError };
