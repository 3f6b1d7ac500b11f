import { describe, expect, it } from 'vitest';
import { migrate } from '../open-index.js';
import { MIGRATIONS } from './index.js';
import { indexAtVersion } from '../testing/index-at-version.js';

describe('migration 20: search indexes', () => {
  it('adds the run indexes to an index made by migration 10, keeping its rows', () => {
    const db = indexAtVersion(10);
    migrate(db, MIGRATIONS.filter((m) => m.version <= 20));
    expect(db.pragma('user_version', { simple: true })).toBe(20);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'runs' ORDER BY name").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['runs_by_exp_stage_start', 'runs_by_name', 'runs_by_stage_start', 'runs_by_stage_status']));
    expect(db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(1);
    db.close();
  });
});
