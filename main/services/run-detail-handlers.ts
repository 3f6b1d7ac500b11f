import type { Handlers } from './service-context.js';
import { requireSession } from './service-context.js';
import { listArtifacts } from '../run-detail/artifact-listing.js';
import { previewArtifact } from '../run-detail/artifact-preview.js';
import { locateRunArtifacts } from '../run-detail/artifact-roots.js';
import { readMetricHistories } from '../run-detail/metric-history.js';
import { getRunDetail } from '../run-detail/run-detail.js';

/**
 * The run page: detail, metric histories for charts, and the artifact browser. All reads go to the
 * index, except artifacts, which are read from disk under the run's artifact root (paths checked
 * there: nothing outside it can be listed or read).
 */
export const runDetailHandlers: Pick<Handlers, 'runs:get' | 'runs:history' | 'artifacts:list' | 'artifacts:preview'> = {
  'runs:get': (ctx, runKey) => getRunDetail(requireSession(ctx).db, runKey),
  'runs:history': (ctx, query) => readMetricHistories(requireSession(ctx).db, query),
  'artifacts:list': (ctx, { runKey, path }) => listArtifacts(locateRunArtifacts(requireSession(ctx).db, runKey), path),
  'artifacts:preview': (ctx, { runKey, path }) => previewArtifact(locateRunArtifacts(requireSession(ctx).db, runKey), path),
};
