import type { Handlers } from './service-context.js';
import { requireSession } from './service-context.js';
import { listExperiments } from '../query/list-experiments.js';
import { listRunColumns } from '../query/run-columns.js';
import { listRuns } from '../query/list-runs.js';
import { indexSuggestionSource } from '../query/suggestion-source.js';
import { checkRunFilter } from '../search/check.js';
import { suggest } from '../search/suggest.js';

/**
 * Experiments, runs and search. A filter or sort that does not parse comes back as
 * AppError('PARSE_ERROR', sentence, position); `search:check` reports it as a value instead.
 */
export const runsHandlers: Pick<Handlers, 'experiments:list' | 'runs:columns' | 'runs:list' | 'search:check' | 'search:suggest'> = {
  'experiments:list': (ctx, view) => listExperiments(requireSession(ctx).db, { view }),
  'runs:columns': (ctx, experimentKeys) => listRunColumns(requireSession(ctx).db, experimentKeys),
  'runs:list': (ctx, query) => listRuns(requireSession(ctx).db, query),
  'search:check': (_ctx, filter) => checkRunFilter(filter),
  'search:suggest': (ctx, query) => {
    const { db } = requireSession(ctx);
    return suggest(query.filter, query.caret, indexSuggestionSource(db, query.experimentKeys));
  },
};
