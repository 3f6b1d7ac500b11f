import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverStores } from './discover.js';
import { MlrunsBuilder } from './file-store/mlruns-builder.js';

const dirs: string[] = [];
function tempProject(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rundesk-discover-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function mlflowDb(path: string): void {
  const db = new Database(path);
  db.exec(`CREATE TABLE alembic_version (version_num TEXT); INSERT INTO alembic_version VALUES ('5b0e9adcef9c');
    CREATE TABLE experiments (experiment_id INTEGER); CREATE TABLE runs (run_uuid TEXT);`);
  db.close();
}

describe('discoverStores', () => {
  it('finds file stores, SQL stores and artifacts-only folders, with labels relative to the project', () => {
    const project = tempProject();
    new MlrunsBuilder(join(project, 'mlruns')).experiment('0', 'Default');
    new MlrunsBuilder(join(project, 'sub', 'deeper', 'runs')).experiment('12', 'x');
    mlflowDb(join(project, 'mlflow.db'));
    mkdirSync(join(project, 'mlartifacts', '1', 'abc', 'artifacts'), { recursive: true });
    writeFileSync(join(project, 'notes.db'), 'not sqlite at all');
    const other = new Database(join(project, 'other.sqlite'));
    other.exec('CREATE TABLE t (x)');
    other.close();

    const found = discoverStores(project);
    expect(found.stores.map((s) => [s.kind, s.label, s.schemaVersion])).toEqual([
      ['artifacts', 'mlartifacts', null],
      ['sql', 'mlflow.db', '5b0e9adcef9c'],
      ['file', 'mlruns', null],
      ['file', 'sub/deeper/runs', null],
    ]);
    expect(found.notice).toBeNull();
  });

  it('calls an mlruns/ without experiment meta.yaml (MLflow 3.7+ next to mlflow.db) artifacts, not a store', () => {
    const project = tempProject();
    mkdirSync(join(project, 'mlruns', '1', '0123456789abcdef0123456789abcdef', 'artifacts'), { recursive: true });
    const found = discoverStores(project);
    expect(found.stores.map((s) => s.kind)).toEqual(['artifacts']);
    expect(found.notice).toMatch(/holds only MLflow artifacts/);
  });

  it('gives one sentence for a folder without stores', () => {
    const found = discoverStores(tempProject());
    expect(found.stores).toEqual([]);
    expect(found.notice).toMatch(/^No MLflow data found in /);
  });

  it('accepts the store itself: an mlruns root labelled ".", or a .db file', () => {
    const project = tempProject();
    const b = new MlrunsBuilder(join(project, 'mlruns'));
    b.experiment('0');
    expect(discoverStores(join(project, 'mlruns')).stores).toMatchObject([{ kind: 'file', label: '.' }]);
    mlflowDb(join(project, 'mlflow.db'));
    expect(discoverStores(join(project, 'mlflow.db')).stores).toMatchObject([{ kind: 'sql', label: '.' }]);
    expect(discoverStores(join(project, 'mlruns', '0', 'meta.yaml')).notice).toMatch(/is not an MLflow store/);
  });

  it('skips .git, node_modules, virtual envs and site-packages, and stops at the depth limit', () => {
    const project = tempProject();
    for (const skipped of ['.git', 'node_modules', 'venv', '.venv', 'lib/site-packages', '__pycache__']) {
      new MlrunsBuilder(join(project, skipped, 'mlruns')).experiment('0');
    }
    mkdirSync(join(project, 'env-x'));
    writeFileSync(join(project, 'env-x', 'pyvenv.cfg'), 'home = /usr/bin\n');
    new MlrunsBuilder(join(project, 'env-x', 'mlruns')).experiment('0');
    new MlrunsBuilder(join(project, 'a', 'b', 'c', 'd', 'e', 'mlruns')).experiment('0');
    expect(discoverStores(project).stores).toEqual([]);
  });

  it('survives a symlink loop', () => {
    const project = tempProject();
    mkdirSync(join(project, 'a'));
    symlinkSync(project, join(project, 'a', 'loop'));
    new MlrunsBuilder(join(project, 'mlruns')).experiment('0');
    expect(discoverStores(project).stores.map((s) => s.label)).toEqual(['mlruns']);
  });

  it('recognises a store whose experiments are all in .trash, or that only holds a registry', () => {
    const project = tempProject();
    new MlrunsBuilder(join(project, 'trash-only')).experiment('5', 'gone', { trashed: true });
    new MlrunsBuilder(join(project, 'registry-only')).registeredModel('m');
    expect(discoverStores(project).stores.map((s) => [s.kind, s.label])).toEqual([
      ['file', 'registry-only'],
      ['file', 'trash-only'],
    ]);
  });
});
