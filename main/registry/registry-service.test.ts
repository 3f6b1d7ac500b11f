import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openIndex, type IndexDb } from '../db/open-index.js';
import { indexProjectSync } from '../indexer/index-project.js';
import { AppError } from '../services/app-error.js';
import { HISTORY_FILE_NAME } from './history/history-store.js';
import { RegistryService } from './registry-service.js';
import { FILE_FIXTURE, SQL_FIXTURE, removeCopies, tempDir } from './testing/fixture-copies.js';

afterEach(removeCopies);

/** A project folder holding a copy of one file store (and optionally the SQL fixture), indexed. */
function project(corpus: string, withSql = false): { folder: string; db: IndexDb; service: RegistryService; dataDir: string } {
  const folder = tempDir('rundesk-project-');
  cpSync(FILE_FIXTURE(corpus), join(folder, 'mlruns'), { recursive: true });
  if (withSql) cpSync(SQL_FIXTURE, join(folder, 'mlflow.db'));
  const { db } = openIndex(':memory:');
  indexProjectSync(folder, db, { settleMs: 0 });
  const dataDir = tempDir('rundesk-data-');
  return { folder, db, service: new RegistryService(db, dataDir), dataDir };
}

const reindex = (p: { folder: string; db: IndexDb }) => indexProjectSync(p.folder, p.db, { settleMs: 0 });

describe('RegistryService views (from the index)', () => {
  it('lists models with latest versions per stage, searches by name, and hides nothing real', () => {
    const p = project('silver6wings__MLFlowSample', true);
    const all = p.service.models('');
    expect(all.map((m) => m.name).sort()).toEqual(['ElasticnetWineModel', 'nyc-taxi-model', 'sk-learn-random-forest-reg', 'sk-learn-random-forest-reg-model', 'test_r_m']);
    const rf = all.find((m) => m.name === 'sk-learn-random-forest-reg-model')!;
    expect(rf.versionCount).toBe(4);
    expect(rf.latestVersions.map((v) => [v.currentStage, v.version])).toEqual([
      ['None', 2],
      ['Production', 4],
    ]);
    expect(p.service.models('FOREST').map((m) => m.name)).toEqual(['sk-learn-random-forest-reg', 'sk-learn-random-forest-reg-model']);
    const sql = all.find((m) => m.name === 'nyc-taxi-model')!;
    expect(sql.aliases).toEqual([
      { alias: 'in-preview', version: 1 },
      { alias: 'staging', version: 1 },
    ]);
  });

  it('shows a version with its source run and the MLmodel signature found through the run', () => {
    const p = project('JaredTambala__ml-xp');
    const [model] = p.service.models('wine');
    const detail = p.service.version({ storeId: model!.storeId, name: 'wine-quality', version: 1 });
    expect(detail.version.runId).toBe('03eec87548984713943e53dd3efb7c57');
    expect(detail.version.runKey).not.toBeNull();
    expect(detail.mlmodel?.flavors.map((f) => f.name)).toContain('python_function');
    expect(detail.mlmodel?.signature?.inputs.length).toBeGreaterThan(0);
  });
});

describe('RegistryService edits, history and undo', () => {
  it('records each edit with before/after, shows it on the model page, and undoes it', () => {
    const p = project('Medusix__OCRProject7');
    const storeId = p.service.models('Credit')[0]!.storeId;
    const ref = { storeId, name: 'Credit_Score' };
    const change = p.service.edit({ kind: 'transition', model: { ...ref, version: 41 }, stage: 'Production', archiveExisting: true });
    expect(change.summary).toBe('Version 41: Staging → Production; archived version 37');
    expect(change.inverse).toEqual([
      { kind: 'transition', model: { ...ref, version: 41 }, stage: 'Staging', archiveExisting: false },
      { kind: 'transition', model: { ...ref, version: 37 }, stage: 'Production', archiveExisting: false },
    ]);
    reindex(p);
    const detail = p.service.model(ref);
    expect(detail.versions.find((v) => v.version === 41)!.currentStage).toBe('Production');
    expect(detail.history.map((h) => [h.changeId, h.undone])).toEqual([[change.changeId, false]]);

    const undone = p.service.undo(change.changeId);
    expect(undone.undone).toBe(true);
    reindex(p);
    const stages = Object.fromEntries(p.service.model(ref).versions.map((v) => [v.version, v.currentStage]));
    expect([stages[41], stages[37]]).toEqual(['Staging', 'Production']);
    expect(() => p.service.undo(change.changeId)).toThrow(/already undone/);
    // The history is user data in its own file in the data folder, not in the store or the index.
    expect(readFileSync(join(p.dataDir, HISTORY_FILE_NAME)).subarray(0, 15).toString()).toBe('SQLite format 3');
  });

  it('refuses an undo when the store changed since (checked on disk, not in the index)', () => {
    const p = project('mjm3853__try-mlflow');
    const storeId = p.service.models('nl-to-sql')[0]!.storeId;
    const change = p.service.edit({ kind: 'set-alias', model: { storeId, name: 'nl-to-sql-tutorial' }, alias: 'champion', version: 2 });
    // Someone moves the alias with MLflow meanwhile; the index has not seen it.
    writeFileSync(join(p.folder, 'mlruns', 'models', 'nl-to-sql-tutorial', 'aliases', 'champion'), '1');
    let thrown: unknown;
    try {
      p.service.undo(change.changeId);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as AppError).code).toBe('CONFLICT');
    expect((thrown as AppError).message).toMatch(/alias 'champion'.*now version 1, not version 2/);
    expect(readFileSync(join(p.folder, 'mlruns', 'models', 'nl-to-sql-tutorial', 'aliases', 'champion'), 'utf8')).toBe('1');
  });

  it('edits the SQL store of the same project and undoes the newest change by default', () => {
    const p = project('DiAnisimova__mlops_project', true);
    const sqlStore = p.service.stores().find((s) => s.kind === 'sql')!;
    const ref = { storeId: sqlStore.storeId, name: 'nyc-taxi-model' };
    p.service.edit({ kind: 'set-tag', model: ref, version: 1, key: 'owner', value: 'me' });
    const last = p.service.edit({ kind: 'delete-alias', model: ref, alias: 'in-preview' });
    const undone = p.service.undo();
    expect(undone.changeId).toBe(last.changeId);
    reindex(p);
    expect(p.service.model(ref).aliases.map((a) => a.alias)).toEqual(['in-preview', 'staging']);
    expect(p.service.model(ref).versions[0]!.tags).toEqual({ owner: 'me' });
  });
});
