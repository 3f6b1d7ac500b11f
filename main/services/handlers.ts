import type { Handlers } from './service-context.js';
import { appHandlers } from './app-handlers.js';
import { runsHandlers } from './runs-handlers.js';
import { runDetailHandlers } from './run-detail-handlers.js';
import { registryHandlers } from './registry-handlers.js';
import { exportHandlers } from './export-handlers.js';

/**
 * Every channel's handler, composed from one file per domain. The `Handlers` annotation makes
 * a channel that no file handles a compile error.
 */
export const HANDLERS: Handlers = {
  ...appHandlers,
  ...runsHandlers,
  ...runDetailHandlers,
  ...registryHandlers,
  ...exportHandlers,
};
