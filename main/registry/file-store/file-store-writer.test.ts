import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RegistryEdit } from '../../../preload/contract.js';
import { AppError } from '../../services/app-error.js';
import { copyFileRegistry, removeCopies } from '../testing/fixture-copies.js';
import { parseYamlMap } from '../yaml/yaml-read.js';
import { applyFileEdit } from './file-store-writer.js';
import { readFileModel } from './file-model-reader.js';

afterEach(removeCopies);

const T = 1_800_000_000_000;
const meta = (store: string, ...parts: string[]) => parseYamlMap(readFileSync(join(store, 'models', ...parts, 'meta.yaml'), 'utf8'));
const ref = (name: string) => ({ storeId: 1, name });

describe('applyFileEdit on Medusix__OCRProject7 (41 versions with stages)', () => {
  it('reads the model with every version and its stage', () => {
    const store = copyFileRegistry('Medusix__OCRProject7');
    const model = readFileModel(store, 'Credit_Score');
    expect(model.versions.size).toBe(41);
    const stages = [...model.state.versions.values()].map((v) => v.stage);
    expect(stages.filter((s) => s === 'Production')).toHaveLength(1);
    expect(stages.filter((s) => s === 'Staging')).toHaveLength(1);
    expect(stages.filter((s) => s === 'Archived')).toHaveLength(2);
  });

  it('transitions with archiving: archives the others, bumps version and model timestamps, keeps other fields', () => {
    const store = copyFileRegistry('Medusix__OCRProject7');
    const before = readFileModel(store, 'Credit_Score');
    const production = [...before.state.versions].find(([, v]) => v.stage === 'Production')![0];
    const staging = [...before.state.versions].find(([, v]) => v.stage === 'Staging')![0];
    const untouchedBefore = readFileSync(join(store, 'models', 'Credit_Score', 'version-3', 'meta.yaml'), 'utf8');

    const { changes } = applyFileEdit(store, { kind: 'transition', model: { ...ref('Credit_Score'), version: staging }, stage: 'Production', archiveExisting: true }, { now: T });

    expect(changes.map((c) => [c.facet, c.before, c.after])).toEqual([
      [{ kind: 'stage', version: production }, 'Production', 'Archived'],
      [{ kind: 'stage', version: staging }, 'Staging', 'Production'],
    ]);
    const target = meta(store, 'Credit_Score', `version-${staging}`);
    expect(target.current_stage).toBe('Production');
    expect(target.last_updated_timestamp).toBe(T);
    expect(meta(store, 'Credit_Score', `version-${production}`)).toMatchObject({ current_stage: 'Archived', last_updated_timestamp: T });
    const rm = meta(store, 'Credit_Score');
    expect(rm.last_updated_timestamp).toBe(T);
    expect(rm.description).toBe(null); // untouched fields keep their value, null included
    expect(rm.aliases).toEqual({});
    expect(readFileSync(join(store, 'models', 'Credit_Score', 'version-3', 'meta.yaml'), 'utf8')).toBe(untouchedBefore);
    // The target file differs from the original only in the two fields MLflow changes.
    const original = before.versions.get(staging)!.meta.snapshot.content!.toString('utf8');
    const lines = (text: string) => text.split('\n').filter((l) => !l.startsWith('current_stage:') && !l.startsWith('last_updated_timestamp:'));
    expect(lines(readFileSync(join(store, 'models', 'Credit_Score', `version-${staging}`, 'meta.yaml'), 'utf8'))).toEqual(lines(original));
  });

  it('refuses a deleted or missing version and an unknown model', () => {
    const store = copyFileRegistry('Medusix__OCRProject7');
    const edit = (version: number): RegistryEdit => ({ kind: 'transition', model: { ...ref('Credit_Score'), version }, stage: 'Staging', archiveExisting: false });
    expect(() => applyFileEdit(store, edit(999))).toThrow(/no version 999/);
    expect(() => applyFileEdit(store, { ...edit(1), model: { ...ref('Nope'), version: 1 } } as RegistryEdit)).toThrow(/no longer exists/);
  });
});

describe('applyFileEdit: aliases, tags, descriptions', () => {
  it('sets, moves and deletes an alias like MLflow (no trailing newline, model mirror refreshed)', () => {
    const store = copyFileRegistry('mjm3853__try-mlflow');
    const aliasFile = join(store, 'models', 'nl-to-sql-tutorial', 'aliases', 'champion');
    applyFileEdit(store, { kind: 'set-alias', model: ref('nl-to-sql-tutorial'), alias: 'champion', version: 2 }, { now: T });
    expect(readFileSync(aliasFile, 'utf8')).toBe('2');
    expect(meta(store, 'nl-to-sql-tutorial')).toMatchObject({ aliases: { champion: '2', test: '3' }, last_updated_timestamp: T });

    const moved = applyFileEdit(store, { kind: 'set-alias', model: ref('nl-to-sql-tutorial'), alias: 'champion', version: 3 }, { now: T + 1 });
    expect(moved.changes[0]).toMatchObject({ before: 2, after: 3 });
    expect(readFileSync(aliasFile, 'utf8')).toBe('3');

    applyFileEdit(store, { kind: 'delete-alias', model: ref('nl-to-sql-tutorial'), alias: 'champion' }, { now: T + 2 });
    expect(existsSync(aliasFile)).toBe(false);
    expect(meta(store, 'nl-to-sql-tutorial')).toMatchObject({ aliases: { test: '3' }, last_updated_timestamp: T + 2 });
    expect(() => applyFileEdit(store, { kind: 'delete-alias', model: ref('nl-to-sql-tutorial'), alias: 'champion' })).toThrow(/no alias/);
    expect(() => applyFileEdit(store, { kind: 'set-alias', model: ref('nl-to-sql-tutorial'), alias: 'v2', version: 2 })).toThrow(/reserved/);
  });

  it('a version tag bumps the model timestamp, not the version; no temporary files are left', () => {
    const store = copyFileRegistry('silver6wings__MLFlowSample');
    const versionBefore = meta(store, 'test_r_m', 'version-1');
    applyFileEdit(store, { kind: 'set-tag', model: ref('test_r_m'), version: 1, key: 'team/owner', value: 'ml-ops' }, { now: T });
    expect(readFileSync(join(store, 'models', 'test_r_m', 'version-1', 'tags', 'team', 'owner'), 'utf8')).toBe('ml-ops');
    expect(meta(store, 'test_r_m', 'version-1')).toEqual(versionBefore);
    expect(meta(store, 'test_r_m').last_updated_timestamp).toBe(T);
    const leftovers = (dir: string): string[] =>
      readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? leftovers(join(dir, e)) : e.includes('.rundesk-') ? [e] : []));
    expect(leftovers(store)).toEqual([]);

    applyFileEdit(store, { kind: 'delete-tag', model: ref('test_r_m'), version: 1, key: 'team/owner' }, { now: T + 5 });
    expect(existsSync(join(store, 'models', 'test_r_m', 'version-1', 'tags', 'team', 'owner'))).toBe(false);
    expect(meta(store, 'test_r_m').last_updated_timestamp).toBe(T + 5);
  });

  it('describes a version (its own timestamp, model untouched) and a model', () => {
    const store = copyFileRegistry('DiAnisimova__mlops_project');
    const rmBefore = readFileSync(join(store, 'models', 'tracking-quickstart', 'meta.yaml'), 'utf8');
    applyFileEdit(store, { kind: 'describe', model: ref('tracking-quickstart'), version: 4, description: 'yes: a "quoted" note\nline two' }, { now: T });
    expect(meta(store, 'tracking-quickstart', 'version-4')).toMatchObject({ description: 'yes: a "quoted" note\nline two', last_updated_timestamp: T });
    expect(readFileSync(join(store, 'models', 'tracking-quickstart', 'meta.yaml'), 'utf8')).toBe(rmBefore);
    applyFileEdit(store, { kind: 'describe', model: ref('tracking-quickstart'), version: null, description: 'on' }, { now: T + 1 });
    expect(meta(store, 'tracking-quickstart')).toMatchObject({ description: 'on', last_updated_timestamp: T + 1 });
    expect(readFileSync(join(store, 'models', 'tracking-quickstart', 'meta.yaml'), 'utf8')).toContain("description: 'on'\n");
  });

  it('keeps the original file mode', () => {
    const store = copyFileRegistry('JaredTambala__ml-xp');
    const path = join(store, 'models', 'wine-quality', 'version-1', 'meta.yaml');
    chmodSync(path, 0o600);
    applyFileEdit(store, { kind: 'transition', model: { ...ref('wine-quality'), version: 1 }, stage: 'Staging', archiveExisting: false });
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});

describe('applyFileEdit conflict detection', () => {
  it('refuses with CONFLICT, writing nothing, when a file changes between read and commit', () => {
    const store = copyFileRegistry('JaredTambala__ml-xp');
    const rmPath = join(store, 'models', 'wine-quality', 'meta.yaml');
    const versionPath = join(store, 'models', 'wine-quality', 'version-1', 'meta.yaml');
    const versionBefore = readFileSync(versionPath, 'utf8');
    const edit: RegistryEdit = { kind: 'transition', model: { ...ref('wine-quality'), version: 1 }, stage: 'Production', archiveExisting: true };
    let thrown: unknown;
    try {
      // Another program (say, an MLflow server) rewrites the model meta while RunDesk is mid-edit.
      applyFileEdit(store, edit, { hooks: { beforeCheck: () => writeFileSync(rmPath, `${readFileSync(rmPath, 'utf8')}# touched\n`) } });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as AppError).code).toBe('CONFLICT');
    expect(readFileSync(versionPath, 'utf8')).toBe(versionBefore);
    expect(readFileSync(rmPath, 'utf8')).toContain('# touched');
    expect(readdirSync(join(store, 'models', 'wine-quality')).filter((e) => e.includes('.rundesk-'))).toEqual([]);
    // Re-reading and retrying works.
    applyFileEdit(store, edit);
    expect(parseYamlMap(readFileSync(versionPath, 'utf8')).current_stage).toBe('Production');
  });
});
