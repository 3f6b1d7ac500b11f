import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openIndex, type IndexDb } from '../../db/open-index.js';
import { allMetricPoints } from '../../db/testing/metric-points.js';
import { MlrunsBuilder } from '../../stores/file-store/mlruns-builder.js';
import { fileSig } from '../../stores/file-store/run-reader.js';
import { SHARED_FIXTURES } from '../../testing/test-paths.js';
import { indexProjectSync } from '../index-project.js';
import { RunReadAhead } from './run-read-ahead.js';

const tmp = mkdtempSync(join(tmpdir(), 'rundesk-read-ahead-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Everything a pass writes about runs, with index keys replaced by run ids (keys depend on order). */
function dump(db: IndexDb) {
  const runIdOf = new Map(db.prepare('SELECT run_key, run_id FROM runs').raw().all() as [number, string][]);
  const rows = (sql: string) =>
    (db.prepare(sql).raw().all() as unknown[][]).map((r) => r.map((v, i) => (i === 0 ? runIdOf.get(v as number) : v))).sort((a, b) => String(a).localeCompare(String(b)));
  return {
    runs: db.prepare('SELECT run_id, run_name, status, start_time, end_time, lifecycle_stage, user_id, artifact_uri, parent_run_id, dir_path, meta_sig FROM runs ORDER BY dir_path').raw().all(),
    params: rows('SELECT run_key, key, value FROM params'),
    tags: rows('SELECT run_key, key, value FROM tags'),
    latest: rows('SELECT run_key, key, value, is_nan, step, timestamp, min_value, max_value, count FROM latest_metrics'),
    files: rows('SELECT run_key, key, path, offset, size, mtime_ms FROM metric_files'),
    datasets: rows('SELECT run_key, name, digest, source_type, source, schema, profile, context, tags_json FROM dataset_inputs'),
    points: allMetricPoints(db).map((p) => [runIdOf.get(p.runKey), p.key, p.step, p.timestamp, p.value]),
    problems: db.prepare('SELECT path, reason FROM problems ORDER BY path, reason').raw().all(),
  };
}

function indexWith(project: string, readerThreads: number, name: string) {
  const { db } = openIndex(join(tmp, `${name}-${readerThreads}.sqlite`));
  indexProjectSync(project, db, { readerThreads, settleMs: 0 });
  const result = dump(db);
  db.close();
  return result;
}

/**
 * Runs read on reader threads must index exactly as runs read by the writer: same rows, same
 * points, same problems. (The threads only start for 32+ new runs; every store below has more.)
 */
describe('read-ahead', () => {
  it('indexes a store full of oddities exactly as the writer alone does', () => {
    const project = join(tmp, 'odd');
    const b = new MlrunsBuilder(join(project, 'mlruns'));
    const exp = b.experiment('1');
    for (let i = 0; i < 40; i++) {
      b.run(exp, `r${String(i).padStart(31, '0')}`, {
        params: { lr: String(i / 100), 'nested/key with space': 'v' },
        tags: { 'mlflow.runName': `run-${i}` },
        metrics: { loss: `1 0.5 0\n2 nan 1\n3 inf 2\n`, 'a/b': `5 1e-05 -3\nbroken line\n`, big: `1 1 99999999999999999999\n` },
      });
    }
    b.run(exp, 'wrong', { experimentId: '7' });
    b.file(join(exp, 'no-meta', 'params', 'p'), 'x');
    b.run(exp, 'empty-metric', { metrics: { loss: '' } });
    expect(indexWith(project, 2, 'odd')).toEqual(indexWith(project, 0, 'odd'));
  });

  it('reads runs on its threads, hands them over in queue order, and skips runs never taken', () => {
    const project = join(tmp, 'order');
    const b = new MlrunsBuilder(join(project, 'mlruns'));
    const exp = b.experiment('1');
    const dirs = Array.from({ length: 5 }, (_, i) => b.run(exp, `r${i}`, { metrics: { loss: `1 0.${i} 0\n` } }));
    const readAhead = RunReadAhead.start(2)!;
    try {
      readAhead.enqueue(dirs.map((dir, i) => ({ dir, name: `r${i}`, experimentDir: exp, experimentFolderId: '1', metaSig: fileSig(join(dir, 'meta.yaml')), settleMs: 0, now: Date.now() })));
      const first = readAhead.take(dirs[0]!);
      expect(first).toMatchObject({ kind: 'read', dir: dirs[0], body: { params: new Map() } });
      expect(first?.kind === 'read' && first.metrics[0]).toMatchObject({ key: 'loss', packed: { count: 1 }, summary: { count: 1 } });
      // r1 and r2 are skipped; r3 still arrives, r1 is gone.
      expect(readAhead.take(dirs[3]!)).toMatchObject({ kind: 'read', dir: dirs[3] });
      expect(readAhead.take(dirs[1]!)).toBeUndefined();
      expect(readAhead.take(join(exp, 'never-queued'))).toBeUndefined();
    } finally {
      readAhead.close();
    }
  });

  const stores = existsSync(SHARED_FIXTURES) ? readdirSync(join(SHARED_FIXTURES, 'mlruns-real')) : [];
  it.runIf(stores.length > 0).each(stores)('indexes the real store %s exactly as the writer alone does', (name) => {
    const project = join(SHARED_FIXTURES, 'mlruns-real', name);
    expect(indexWith(project, 2, name)).toEqual(indexWith(project, 0, name));
  });
});
