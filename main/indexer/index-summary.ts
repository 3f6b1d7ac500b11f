import { relative, sep } from 'node:path';
import type { StoreKind } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';

export interface IndexSummary {
  /** Absolute project folder. */
  folder: string;
  stores: { storeId: number; kind: StoreKind; label: string; path: string; schemaVersion: string | null }[];
  /** Sentence when the folder holds no store or only artifacts. */
  notice: string | null;
  experiments: { active: number; deleted: number };
  runs: { active: number; deleted: number };
  params: number;
  tags: number;
  metricSeries: number;
  metricPoints: number;
  /** Registered models, prompts excluded (as MLflow's model search hides them). */
  registeredModels: number;
  prompts: number;
  /** Model versions, Deleted_Internal excluded (MLflow hides them). */
  modelVersions: number;
  aliases: number;
  /** Paths relative to the project folder, sorted. */
  problems: { path: string; reason: string }[];
  /** What the pass that produced this summary did. */
  pass: { full: boolean; runsRead: number; elapsedMs: number };
}

/** Path of an index row relative to the project folder, with '/' separators ('.' for the folder). */
export function relativeToProject(folder: string, path: string): string {
  const rel = relative(folder, path);
  return (rel === '' ? '.' : rel).split(sep).join('/');
}

/** Counts of what the index holds for a project: what `rundesk index` prints. */
export function summarizeIndex(
  db: IndexDb,
  folder: string,
  notice: string | null,
  pass: IndexSummary['pass'],
): IndexSummary {
  const count = (sql: string): number => (db.prepare(sql).pluck().get() as number | null) ?? 0;
  const stores = db
    .prepare(`SELECT store_id AS storeId, kind, label, path, schema_version AS schemaVersion FROM stores ORDER BY label, path`)
    .all() as IndexSummary['stores'];
  const problems = (db.prepare(`SELECT path, reason FROM problems ORDER BY path, reason`).all() as { path: string; reason: string }[]).map((p) => ({
    path: relativeToProject(folder, p.path),
    reason: p.reason,
  }));
  return {
    folder,
    stores,
    notice,
    experiments: {
      active: count(`SELECT COUNT(*) FROM experiments WHERE lifecycle_stage = 'active'`),
      deleted: count(`SELECT COUNT(*) FROM experiments WHERE lifecycle_stage <> 'active'`),
    },
    runs: {
      active: count(`SELECT COUNT(*) FROM runs WHERE lifecycle_stage = 'active'`),
      deleted: count(`SELECT COUNT(*) FROM runs WHERE lifecycle_stage <> 'active'`),
    },
    params: count(`SELECT COUNT(*) FROM params`),
    tags: count(`SELECT COUNT(*) FROM tags`),
    metricSeries: count(`SELECT COUNT(*) FROM latest_metrics`),
    // Summing the per-series counts avoids scanning millions of point rows.
    metricPoints: count(`SELECT TOTAL(count) FROM latest_metrics`),
    registeredModels: count(`SELECT COUNT(*) FROM registered_models WHERE is_prompt = 0`),
    prompts: count(`SELECT COUNT(*) FROM registered_models WHERE is_prompt = 1`),
    modelVersions: count(`SELECT COUNT(*) FROM model_versions v JOIN registered_models m USING (rm_key)
      WHERE m.is_prompt = 0 AND v.current_stage <> 'Deleted_Internal'`),
    aliases: count(`SELECT COUNT(*) FROM model_aliases a JOIN registered_models m USING (rm_key) WHERE m.is_prompt = 0`),
    problems,
    pass,
  };
}
