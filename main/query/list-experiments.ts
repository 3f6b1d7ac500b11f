import type { ExperimentSummary, LifecycleStage, ViewType } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { parseExperimentFilter } from '../search/parser.js';
import { fragment, joinFragments, type SqlFragment } from '../search/sql-fragment.js';
import { experimentFilterToSql } from '../search/to-sql.js';
import { prepared } from './prepared.js';

interface ExperimentRecord {
  exp_key: number;
  store_id: number;
  experiment_id: string;
  name: string;
  lifecycle_stage: string;
  artifact_location: string | null;
  creation_time: number | null;
  last_update_time: number | null;
  run_count: number;
  active_run_count: number;
}

export interface ExperimentQuery {
  view: ViewType;
  /** MLflow's search_experiments filter (names, ids, times, tags) plus RunDesk extensions. */
  filter?: string;
  /** Only these stores (the CLI given one store of a folder). */
  storeIds?: readonly number[];
}

/**
 * Experiments of the project for a view, in MLflow's search_experiments order: creation time
 * descending (unknown last), then experiment id ascending as a number (ids are digit strings that
 * may exceed 2^53, so compared by length, then text), then store.
 * Throws AppError('PARSE_ERROR') when the filter does not parse.
 */
export function listExperiments(db: IndexDb, query: ExperimentQuery): ExperimentSummary[] {
  const conditions: SqlFragment[] = [];
  if (query.view !== 'all') conditions.push(fragment('e.lifecycle_stage = ?', query.view));
  if (query.storeIds) conditions.push(fragment('e.store_id IN (SELECT value FROM json_each(?))', JSON.stringify(query.storeIds)));
  const filter = query.filter ? experimentFilterToSql(parseExperimentFilter(query.filter)) : null;
  if (filter) conditions.push(fragment(`(${filter.sql})`, ...filter.params));
  const where = conditions.length > 0 ? joinFragments(conditions, ' AND ') : fragment('1');
  const records = prepared(
    db,
    `SELECT e.exp_key, e.store_id, e.experiment_id, e.name, e.lifecycle_stage, e.artifact_location, e.creation_time, e.last_update_time,
            (SELECT count(*) FROM runs WHERE exp_key = e.exp_key) AS run_count,
            (SELECT count(*) FROM runs WHERE exp_key = e.exp_key AND lifecycle_stage = 'active') AS active_run_count
       FROM experiments e
      WHERE ${where.sql}
      ORDER BY e.creation_time IS NULL, e.creation_time DESC, length(e.experiment_id), e.experiment_id, e.store_id`,
  ).all(...where.params) as ExperimentRecord[];
  const tags = experimentTags(db, records.map((r) => r.exp_key));
  return records.map((r) => ({
    experimentKey: r.exp_key,
    storeId: r.store_id,
    experimentId: r.experiment_id,
    name: r.name,
    lifecycleStage: r.lifecycle_stage as LifecycleStage,
    artifactLocation: r.artifact_location,
    creationTime: r.creation_time,
    lastUpdateTime: r.last_update_time,
    runCount: r.run_count,
    activeRunCount: r.active_run_count,
    tags: tags.get(r.exp_key) ?? {},
  }));
}

function experimentTags(db: IndexDb, keys: number[]): Map<number, Record<string, string>> {
  const byExperiment = new Map<number, Record<string, string>>();
  if (keys.length === 0) return byExperiment;
  const rows = prepared(db, 'SELECT exp_key, key, value FROM experiment_tags WHERE exp_key IN (SELECT value FROM json_each(?)) ORDER BY exp_key, key')
    .raw()
    .all(JSON.stringify(keys)) as [number, string, string][];
  for (const [expKey, key, value] of rows) {
    let tags = byExperiment.get(expKey);
    if (!tags) byExperiment.set(expKey, (tags = {}));
    tags[key] = value;
  }
  return byExperiment;
}
