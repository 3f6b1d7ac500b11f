import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../services/app-error.js';
import { copySqlStore, removeCopies } from '../testing/fixture-copies.js';
import { applySqlEdit } from './sql-store-writer.js';

afterEach(removeCopies);

const T = 1_800_000_000_000;
const ref = { storeId: 2, name: 'nyc-taxi-model' };
const query = <R>(path: string, sql: string, ...params: unknown[]): R[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as R[];
  } finally {
    db.close();
  }
};

/** Adds a second version so stage archiving has something to archive. */
function addVersion(path: string, version: number, stage: string): void {
  const db = new Database(path);
  db.prepare(
    `INSERT INTO model_versions (name, version, creation_time, last_updated_time, description, user_id, current_stage, source, run_id, status, status_message, run_link, storage_location)
     SELECT name, ?, creation_time, last_updated_time, description, user_id, ?, source, run_id, status, status_message, run_link, storage_location FROM model_versions WHERE version = 1`,
  ).run(version, stage);
  db.close();
}

describe('applySqlEdit on the real 2.14 mlflow.db (revision 5b0e9adcef9c)', () => {
  it('transitions with archiving exactly as MLflow: versions and model timestamps bumped', () => {
    const path = copySqlStore();
    addVersion(path, 2, 'Production');
    const result = applySqlEdit(path, { kind: 'transition', model: { ...ref, version: 1 }, stage: 'Production', archiveExisting: true }, { now: T });
    expect(result.changes.map((c) => [c.facet, c.before, c.after])).toEqual([
      [{ kind: 'stage', version: 2 }, 'Production', 'Archived'],
      [{ kind: 'stage', version: 1 }, 'None', 'Production'],
    ]);
    expect(query(path, 'SELECT version, current_stage, last_updated_time FROM model_versions ORDER BY version')).toEqual([
      { version: 1, current_stage: 'Production', last_updated_time: T },
      { version: 2, current_stage: 'Archived', last_updated_time: T },
    ]);
    expect(query(path, 'SELECT last_updated_time FROM registered_models')).toEqual([{ last_updated_time: T }]);
  });

  it('moves and deletes aliases and sets tags without touching timestamps', () => {
    const path = copySqlStore();
    addVersion(path, 2, 'None');
    const before = query(path, 'SELECT last_updated_time FROM registered_models');
    const moved = applySqlEdit(path, { kind: 'set-alias', model: ref, alias: 'staging', version: 2 }, { now: T });
    expect(moved.changes[0]).toMatchObject({ before: 1, after: 2 });
    applySqlEdit(path, { kind: 'set-alias', model: ref, alias: 'champion', version: 1 }, { now: T });
    applySqlEdit(path, { kind: 'delete-alias', model: ref, alias: 'in-preview' }, { now: T });
    expect(query(path, 'SELECT alias, version FROM registered_model_aliases ORDER BY alias')).toEqual([
      { alias: 'champion', version: 1 },
      { alias: 'staging', version: 2 },
    ]);
    applySqlEdit(path, { kind: 'set-tag', model: ref, version: null, key: 'team', value: 'a' }, { now: T });
    applySqlEdit(path, { kind: 'set-tag', model: ref, version: null, key: 'team', value: 'b' }, { now: T });
    applySqlEdit(path, { kind: 'set-tag', model: ref, version: 2, key: 'validated', value: 'yes' }, { now: T });
    expect(query(path, 'SELECT key, value FROM registered_model_tags')).toEqual([{ key: 'team', value: 'b' }]);
    expect(query(path, 'SELECT key, value, version FROM model_version_tags')).toEqual([{ key: 'validated', value: 'yes', version: 2 }]);
    applySqlEdit(path, { kind: 'delete-tag', model: ref, version: 2, key: 'validated' }, { now: T });
    expect(query(path, 'SELECT * FROM model_version_tags')).toEqual([]);
    expect(query(path, 'SELECT last_updated_time FROM registered_models')).toEqual(before);
  });

  it('describes a version with its timestamp', () => {
    const path = copySqlStore();
    applySqlEdit(path, { kind: 'describe', model: ref, version: 1, description: 'baseline' }, { now: T });
    expect(query(path, 'SELECT description, last_updated_time FROM model_versions')).toEqual([{ description: 'baseline', last_updated_time: T }]);
  });

  it('answers LOCKED while another connection holds the write lock, and writes nothing', () => {
    const path = copySqlStore();
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      let thrown: unknown;
      try {
        applySqlEdit(path, { kind: 'set-alias', model: ref, alias: 'x', version: 1 }, { busyTimeoutMs: 50 });
      } catch (error) {
        thrown = error;
      }
      expect((thrown as AppError).code).toBe('LOCKED');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(query(path, "SELECT * FROM registered_model_aliases WHERE alias = 'x'")).toEqual([]);
  });

  it('refuses an unknown schema revision with UNSUPPORTED', () => {
    const path = copySqlStore();
    const db = new Database(path);
    db.prepare('UPDATE alembic_version SET version_num = ?').run('ffffffffffff');
    db.close();
    expect(() => applySqlEdit(path, { kind: 'set-alias', model: ref, alias: 'x', version: 1 })).toThrow(/schema revision ffffffffffff/);
  });

  it('says NOT_FOUND for a model or version that does not exist', () => {
    const path = copySqlStore();
    expect(() => applySqlEdit(path, { kind: 'set-alias', model: { ...ref, name: 'gone' }, alias: 'x', version: 1 })).toThrow(/no longer exists/);
    expect(() => applySqlEdit(path, { kind: 'set-alias', model: ref, alias: 'x', version: 7 })).toThrow(/no version 7/);
  });
});
