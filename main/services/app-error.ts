import type { AppErrorInfo, ErrorCode } from '../../preload/contract.js';

/** An expected failure: crosses the bridge as `{ ok: false, error: { code, message } }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly position?: number,
  ) {
    super(message);
  }

  toInfo(): AppErrorInfo {
    return this.position === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, position: this.position };
  }
}

/** Turns anything thrown by a handler into the error value the renderer switches on. */
export function toErrorInfo(error: unknown, log: (error: unknown) => void = console.error): AppErrorInfo {
  if (error instanceof AppError) return error.toInfo();
  log(error);
  return { code: 'INTERNAL', message: 'Something went wrong inside RunDesk; the details are in its log.' };
}
