import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { indexProjectSync } from '../../indexer/index-project.js';
import { MlrunsBuilder } from '../../stores/file-store/mlruns-builder.js';
import { allMetricPoints } from '../testing/metric-points.js';
import { migrate, openIndex } from '../open-index.js';
import { MIGRATIONS } from './index.js';
import { indexAtVersion } from '../testing/index-at-version.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('migration 30: packed metric series', () => {
  it('replaces metric_points with metric_chunks and empties the index, whatever foreign_keys says', () => {
    const db = indexAtVersion(20);
    db.exec(`INSERT INTO metric_points (run_key, key, step, timestamp, value) VALUES (1, 'loss', 0, 0, 1.5);
             INSERT INTO latest_metrics (run_key, key, value, step, timestamp, count) VALUES (1, 'loss', 1.5, 0, 0, 1);
             INSERT INTO metric_files (run_key, key, path, offset, size, mtime_ms) VALUES (1, 'loss', '/x/mlruns/0/r/metrics/loss', 10, 10, 0);`);
    migrate(db, MIGRATIONS.filter((m) => m.version <= 30));
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toContain('metric_chunks');
    expect(tables).not.toContain('metric_points');
    for (const table of ['stores', 'experiments', 'runs', 'latest_metrics', 'metric_files']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
    db.close();
  });

  it('an index from before it is rebuilt by the next pass, with every point back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rundesk-m30-'));
    dirs.push(dir);
    const project = join(dir, 'project');
    const mlruns = new MlrunsBuilder(join(project, 'mlruns'));
    mlruns.run(mlruns.experiment('1'), 'a'.repeat(32), { metrics: { loss: '1 0.5 0\n2 0.25 1\n', acc: '1 0.9 0\n' } });
    const path = join(dir, 'index.sqlite');
    const old = new Database(path);
    migrate(old, MIGRATIONS.filter((m) => m.version <= 20));
    old.close();
    const { db } = openIndex(path);
    indexProjectSync(project, db);
    expect(allMetricPoints(db).map((p) => `${p.key}:${p.step}:${p.value}`)).toEqual(['acc:0:0.9', 'loss:0:0.5', 'loss:1:0.25']);
    db.close();
  });
});
