import type { FilterCheck } from '../../preload/contract.js';
import { AppError } from '../services/app-error.js';
import { parseRunFilter } from './parser.js';

/**
 * `search:check`: whether a filter parses and, if it does but uses RunDesk extensions, a sentence
 * saying so (MLflow's own search_runs would reject it). Never throws for a bad filter.
 */
export function checkRunFilter(filter: string): FilterCheck {
  try {
    const parsed = parseRunFilter(filter);
    if (parsed.root?.type === 'text') {
      return {
        ok: true,
        message: `Searches run names containing '${parsed.root.text}' (RunDesk extension: plain text; MLflow's search_runs would reject it).`,
      };
    }
    if (parsed.extensions.length > 0) {
      return {
        ok: true,
        message: `Uses RunDesk extensions (${parsed.extensions.join(', ')}); MLflow's search_runs would reject this filter.`,
      };
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof AppError && error.code === 'PARSE_ERROR') {
      return error.position === undefined ? { ok: false, message: error.message } : { ok: false, message: error.message, position: error.position };
    }
    throw error;
  }
}
