import type { IndexDb } from '../../db/open-index.js';
import { insertSeriesChunk } from '../../db/testing/metric-points.js';

/**
 * Writes runs straight into an index database (schema 0010), for export tests and the export
 * benchmark, without going through the indexer: what matters here is what the index holds.
 */

export interface RunSpec {
  expKey: number;
  runId: string;
  runName?: string;
  status?: string;
  startTime?: number | null;
  endTime?: number | null;
  userId?: string;
  artifactUri?: string | null;
  lifecycleStage?: 'active' | 'deleted';
  params?: Record<string, string>;
  tags?: Record<string, string>;
  /** Latest values (NaN allowed). Derived from `history` when a key is only there. */
  metrics?: Record<string, number>;
  /** Full histories: [step, timestamp, value]. Steps may be bigint (past 2^53). */
  history?: Record<string, [number | bigint, number, number][]>;
}

export class IndexBuilder {
  private storeId: number | null = null;

  constructor(readonly db: IndexDb) {}

  store(path = '/project/mlruns'): number {
    if (this.storeId !== null) return this.storeId;
    const existing = this.db.prepare<[string], number>('SELECT store_id FROM stores WHERE path = ?').pluck().get(path);
    this.storeId = existing ?? Number(this.db.prepare("INSERT INTO stores (kind, path, label) VALUES ('file', ?, 'mlruns')").run(path).lastInsertRowid);
    return this.storeId;
  }

  experiment(experimentId: string, name: string, lifecycleStage: 'active' | 'deleted' = 'active'): number {
    const info = this.db
      .prepare('INSERT INTO experiments (store_id, experiment_id, name, lifecycle_stage) VALUES (?, ?, ?, ?)')
      .run(this.store(), experimentId, name, lifecycleStage);
    return Number(info.lastInsertRowid);
  }

  run(spec: RunSpec): number {
    const info = this.db
      .prepare(
        `INSERT INTO runs (store_id, exp_key, run_id, run_name, status, start_time, end_time, lifecycle_stage, user_id, artifact_uri)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        this.store(),
        spec.expKey,
        spec.runId,
        spec.runName ?? '',
        spec.status ?? 'FINISHED',
        spec.startTime === undefined ? 1_700_000_000_000 : spec.startTime,
        spec.endTime === undefined ? null : spec.endTime,
        spec.lifecycleStage ?? 'active',
        spec.userId ?? '',
        spec.artifactUri === undefined ? `file:///project/mlruns/${spec.runId}/artifacts` : spec.artifactUri,
      );
    const runKey = Number(info.lastInsertRowid);
    const param = this.db.prepare('INSERT INTO params (run_key, key, value) VALUES (?, ?, ?)');
    for (const [k, v] of Object.entries(spec.params ?? {})) param.run(runKey, k, v);
    const tag = this.db.prepare('INSERT INTO tags (run_key, key, value) VALUES (?, ?, ?)');
    for (const [k, v] of Object.entries(spec.tags ?? {})) tag.run(runKey, k, v);

    const latest = new Map<string, { value: number; step: number | bigint; timestamp: number; count: number }>();
    for (const [k, points] of Object.entries(spec.history ?? {})) {
      if (points.length > 0) insertSeriesChunk(this.db, runKey, k, points);
      for (const [step, timestamp, value] of points) {
        const best = latest.get(k);
        if (!best || compareTuple([step, timestamp, value], [best.step, best.timestamp, best.value]) > 0) {
          latest.set(k, { value, step, timestamp, count: (best?.count ?? 0) + 1 });
        } else best.count += 1;
      }
    }
    for (const [k, value] of Object.entries(spec.metrics ?? {})) {
      latest.set(k, { value, step: 0, timestamp: spec.startTime ?? 0, count: latest.get(k)?.count ?? 1 });
    }
    const latestRow = this.db.prepare(
      'INSERT INTO latest_metrics (run_key, key, value, is_nan, step, timestamp, count) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    for (const [k, m] of latest) {
      latestRow.run(runKey, k, Number.isNaN(m.value) ? null : m.value, Number.isNaN(m.value) ? 1 : 0, m.step, m.timestamp, m.count);
    }
    return runKey;
  }
}

function compareTuple(a: [number | bigint, number, number], b: [number | bigint, number, number]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] - b[1];
  // Python's max() never prefers a NaN value over an equal (step, timestamp) point: NaN compares false.
  return Number.isNaN(a[2]) || Number.isNaN(b[2]) ? 0 : a[2] - b[2];
}
