import { describe, expect, it } from 'vitest';
import { migrate } from '../open-index.js';
import { indexAtVersion } from '../testing/index-at-version.js';
import { MIGRATIONS } from './index.js';

describe('migration 40: experiment run digests', () => {
  const setup = () => {
    const db = indexAtVersion(30);
    migrate(db, MIGRATIONS.filter((m) => m.version <= 40));
    db.exec(`INSERT INTO experiments (exp_key, store_id, experiment_id, name, lifecycle_stage) VALUES (2, 1, '2', 'other', 'active')`);
    const digestOf = (expKey: number) => db.prepare('SELECT runs_digest FROM experiments WHERE exp_key = ?').pluck().get(expKey);
    const vouch = () => db.exec(`UPDATE experiments SET runs_digest = 'd'`);
    return { db, digestOf, vouch };
  };

  it('adds an empty digest to every experiment', () => {
    const { db, digestOf } = setup();
    expect(db.pragma('user_version', { simple: true })).toBe(40);
    expect(digestOf(1)).toBeNull();
    db.close();
  });

  it('clears the digest of the experiment whose run rows are added, removed or re-read, and only that one', () => {
    const { db, digestOf, vouch } = setup();
    vouch();
    db.exec(`INSERT INTO runs (run_key, store_id, exp_key, run_id, status, lifecycle_stage) VALUES (2, 1, 1, 'r2', 'FINISHED', 'active')`);
    expect([digestOf(1), digestOf(2)]).toEqual([null, 'd']);

    vouch();
    db.exec(`UPDATE runs SET meta_sig = '1:2' WHERE run_key = 2`);
    expect([digestOf(1), digestOf(2)]).toEqual([null, 'd']);

    vouch();
    db.exec(`UPDATE runs SET status = 'RUNNING' WHERE run_key = 2`);
    expect(digestOf(1)).toBeNull();

    vouch();
    db.exec(`UPDATE runs SET exp_key = 2 WHERE run_key = 2`);
    expect([digestOf(1), digestOf(2)]).toEqual([null, null]);

    vouch();
    db.exec(`DELETE FROM runs WHERE run_key = 2`);
    expect([digestOf(1), digestOf(2)]).toEqual(['d', null]);
    db.close();
  });

  it('keeps the digest when a column it does not vouch for changes', () => {
    const { db, digestOf, vouch } = setup();
    vouch();
    db.exec(`UPDATE runs SET run_name = 'renamed', end_time = 5 WHERE run_key = 1`);
    expect(digestOf(1)).toBe('d');
    db.close();
  });
});
