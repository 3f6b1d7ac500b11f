import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RegistryEdit } from '../../preload/contract.js';
import { DELETED_STAGE } from './edit-model.js';
import { readFileModel } from './file-store/file-model-reader.js';
import { HistoryStore } from './history/history-store.js';
import { applyRegistryEdit, undoRegistryChange, type RegistryStore } from './registry-editor.js';
import { readSqlModel } from './sql-store/sql-store-writer.js';
import { copyFileRegistry, removeCopies, tempDir } from './testing/fixture-copies.js';
import { findMlflowPython, skipReason } from './testing/mlflow-python.js';

/**
 * After every kind of edit RunDesk makes, the real MLflow client must read the same stages,
 * aliases, tags, descriptions and timestamps as RunDesk itself reads back.
 */
const found = findMlflowPython();
if (!found) console.info(`MLflow round-trip tests skipped: ${skipReason()}`);
const script = join(dirname(fileURLToPath(import.meta.url)), 'testing', 'mlflow-registry.py');

afterEach(removeCopies);

interface View {
  models: {
    name: string;
    description: string;
    last_updated_timestamp: number;
    tags: Record<string, string>;
    aliases: Record<string, number>;
    versions: { version: number; current_stage: string; description: string; last_updated_timestamp: number; tags: Record<string, string>; aliases: string[] }[];
  }[];
}

function mlflow(...args: string[]): string {
  const run = spawnSync(found!.python, [script, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, MLFLOW_ALLOW_FILE_STORE: 'true' } });
  if (run.status !== 0) throw new Error(`MLflow failed: ${run.stderr}`);
  return run.stdout;
}

function mlflowView(uri: string): View {
  const parsed = JSON.parse(mlflow('dump', uri)) as { models: (View['models'][number] & { alias_targets: Record<string, number>; creation_timestamp: number })[] };
  for (const m of parsed.models) expect(m.alias_targets).toEqual(m.aliases);
  return { models: parsed.models.map(({ alias_targets: _a, creation_timestamp: _c, ...m }) => m) };
}

/** What RunDesk reads back from the same store, in the dump's shape. */
function rundeskFileView(store: string): View {
  const names = readdirSync(join(store, 'models')).sort();
  return {
    models: names.map((name) => {
      const model = readFileModel(store, name);
      const aliasesOf = (v: number) => [...model.state.aliases].filter(([, to]) => to === v).map(([a]) => a).sort();
      return {
        name,
        description: model.state.description ?? '',
        last_updated_timestamp: model.meta.data!.last_updated_timestamp as number,
        tags: Object.fromEntries(model.state.tags),
        aliases: Object.fromEntries(model.state.aliases),
        versions: [...model.versions]
          .filter(([, v]) => v.meta.data!.current_stage !== DELETED_STAGE)
          .sort((a, b) => a[0] - b[0])
          .map(([number, v]) => ({
            version: number,
            current_stage: String(v.meta.data!.current_stage),
            description: model.state.versions.get(number)!.description ?? '',
            last_updated_timestamp: v.meta.data!.last_updated_timestamp as number,
            tags: Object.fromEntries([...v.tags].map(([k, f]) => [k, f.value])),
            aliases: aliasesOf(number),
          })),
      };
    }),
  };
}

/** Every kind of edit on the first model with two live versions; returns the timestamps used. */
function editEverything(store: RegistryStore, history: HistoryStore, name: string, v1: number, v2: number): void {
  const model = { storeId: store.storeId, name };
  let t = 1_800_000_000_000;
  const edit = (e: RegistryEdit) => applyRegistryEdit(store, e, history, { now: (t += 1000) });
  edit({ kind: 'transition', model: { ...model, version: v1 }, stage: 'Staging', archiveExisting: false });
  edit({ kind: 'transition', model: { ...model, version: v2 }, stage: 'Staging', archiveExisting: true });
  edit({ kind: 'transition', model: { ...model, version: v2 }, stage: 'Production', archiveExisting: false });
  edit({ kind: 'set-alias', model, alias: 'champion', version: v2 });
  edit({ kind: 'set-alias', model, alias: 'champion', version: v1 });
  const best = edit({ kind: 'set-alias', model, alias: 'best-2', version: v2 });
  edit({ kind: 'set-tag', model, version: null, key: 'team', value: 'yes' });
  edit({ kind: 'set-tag', model, version: v1, key: 'metrics/acc', value: '0.90' });
  edit({ kind: 'set-tag', model, version: v2, key: 'note', value: "it's 12:30" });
  edit({ kind: 'delete-tag', model, version: v2, key: 'note' });
  edit({ kind: 'describe', model, version: null, description: 'on: yes # not a comment' });
  const described = edit({ kind: 'describe', model, version: v2, description: "multi\nline '0'\n" });
  const byPath = (path: string) => (path === store.path ? store : null);
  undoRegistryChange(described.changeId, history, byPath, { now: (t += 1000) });
  undoRegistryChange(best.changeId, history, byPath, { now: (t += 1000) });
}

const FILE_CORPORA = ['Medusix__OCRProject7', 'DiAnisimova__mlops_project', 'JaredTambala__ml-xp', 'mjm3853__try-mlflow', 'silver6wings__MLFlowSample'];

describe.skipIf(!found)(`MLflow ${found?.mlflowVersion ?? ''} reads what RunDesk writes`, () => {
  it.each(FILE_CORPORA)('file store %s: every kind of edit, then undo', (corpus) => {
    const store: RegistryStore = { storeId: 1, kind: 'file', path: copyFileRegistry(corpus), label: 'mlruns' };
    const untouched = mlflowView(pathToFileURL(store.path).href);
    expect(untouched).toEqual(rundeskFileView(store.path));

    const target = untouched.models.find((m) => m.versions.length >= 2) ?? untouched.models.find((m) => m.versions.length >= 1)!;
    const [first, second] = target.versions;
    const history = HistoryStore.openInFolder(tempDir());
    try {
      editEverything(store, history, target.name, first!.version, (second ?? first)!.version);
    } finally {
      history.close();
    }
    const after = mlflowView(pathToFileURL(store.path).href);
    expect(after).toEqual(rundeskFileView(store.path));
    const edited = after.models.find((m) => m.name === target.name)!;
    expect(edited.aliases).toEqual({ ...target.aliases, champion: first!.version });
    expect(edited.tags).toMatchObject({ team: 'yes' });
    expect(edited.description).toBe('on: yes # not a comment');
    expect(edited.last_updated_timestamp).toBe(1_800_000_014_000); // the undo of the alias, the last model-level write
    expect(edited.versions.find((v) => v.version === first!.version)!.tags).toMatchObject({ 'metrics/acc': '0.90' });
    if (second) {
      expect(edited.versions.find((v) => v.version === second.version)).toMatchObject({ current_stage: 'Production', description: second.description });
      expect(edited.versions.find((v) => v.version === first!.version)!.current_stage).toBe('Archived');
    }
    // Models RunDesk did not edit read exactly as before.
    expect(after.models.filter((m) => m.name !== target.name)).toEqual(untouched.models.filter((m) => m.name !== target.name));
  }, 120_000);

  it("SQL store created by this MLflow (its head schema; workspace columns from 3.10): every kind of edit, then undo", () => {
    const dbPath = join(tempDir(), 'mlflow.db');
    mlflow('create-sql', dbPath);
    const store: RegistryStore = { storeId: 2, kind: 'sql', path: dbPath, label: 'mlflow.db' };
    const uri = `sqlite:///${dbPath}`;
    const before = mlflowView(uri);
    const history = HistoryStore.openInFolder(tempDir());
    try {
      editEverything(store, history, 'churn', 1, 2);
    } finally {
      history.close();
    }
    const after = mlflowView(uri);
    const db = new Database(dbPath, { readonly: true });
    const hasWorkspace = (db.prepare("SELECT COUNT(*) AS n FROM pragma_table_info('model_versions') WHERE name = 'workspace'").get() as { n: number }).n > 0;
    const state = readSqlModel(db, 'churn', hasWorkspace ? 'default' : null, true);
    db.close();
    const churn = after.models.find((m) => m.name === 'churn')!;
    expect(churn.aliases).toEqual(Object.fromEntries(state.aliases));
    expect(churn.aliases).toEqual({ champion: 1 });
    expect(churn.tags).toEqual({ team: 'yes' });
    expect(churn.description).toBe('on: yes # not a comment');
    expect(churn.versions.map((v) => [v.version, v.current_stage, v.description, v.tags])).toEqual([
      [1, 'Archived', '', { validated: 'yes', 'metrics/acc': '0.90' }],
      [2, 'Production', '', {}],
      [3, 'None', '', {}],
    ]);
    // SQL: stage changes and descriptions bump timestamps; alias and tag edits do not.
    expect(churn.versions[1]!.last_updated_timestamp).toBe(1_800_000_013_000);
    expect(churn.last_updated_timestamp).toBe(1_800_000_011_000);
    expect(after.models.find((m) => m.name === 'other')).toEqual(before.models.find((m) => m.name === 'other'));
  }, 120_000);
});
