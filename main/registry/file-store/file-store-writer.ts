import { join } from 'node:path';
import type { RegistryEdit } from '../../../preload/contract.js';
import { AppError } from '../../services/app-error.js';
import { checkExpectations, planChanges, type FacetChange } from '../edit-model.js';
import { MAX_TAG_VALUE_LENGTH } from '../validation.js';
import { dumpYaml } from '../yaml/yaml-emit.js';
import type { YamlMap } from '../yaml/yaml-values.js';
import { commitWrites, type CommitHooks, type FileSnapshot, type PlannedWrite } from './atomic-files.js';
import { readFileModel, type FileModel, type FileVersion, type MetaFile } from './file-model-reader.js';

/**
 * Applies one registry edit to a file store exactly as MLflow's FileStore would write it
 * (mlflow/store/model_registry/file_store.py; spec §2.5), field for field and timestamp for
 * timestamp, while keeping every field RunDesk does not know:
 *
 * - transition: target (and, when archiving, every other version in that stage) gets
 *   `current_stage` + `last_updated_timestamp`; the model's meta gets `last_updated_timestamp`.
 * - alias set/delete: `aliases/<alias>` holds the version with no newline; model meta timestamp.
 * - model or version tag set/delete: the tag file; the MODEL's timestamp (never the version's).
 * - model description: model meta `description` + timestamp. Version description: version meta
 *   `description` + the version's timestamp; the model is not touched.
 *
 * Whenever the model meta is rewritten its `aliases` mirror is refreshed from `aliases/`, as MLflow
 * does (it re-reads the model before saving). A version meta that still carries the 2.x–3.5
 * `aliases` list gets that list refreshed too.
 */
export interface FileEditResult {
  changes: FacetChange[];
  /** The time written into `last_updated_timestamp`. */
  at: number;
}

export function applyFileEdit(
  storeRoot: string,
  edit: RegistryEdit,
  options: { expect?: readonly FacetChange[]; now?: number; hooks?: CommitHooks } = {},
): FileEditResult {
  const model = readFileModel(storeRoot, edit.model.name);
  if (options.expect) checkExpectations(model.state, options.expect);
  const changes = planChanges(model.state, edit, MAX_TAG_VALUE_LENGTH);
  const at = options.now ?? Date.now();
  const { snapshots, writes } = planWrites(model, edit, changes, at);
  commitWrites(snapshots, writes, options.hooks);
  return { changes, at };
}

function planWrites(model: FileModel, edit: RegistryEdit, changes: readonly FacetChange[], at: number): { snapshots: FileSnapshot[]; writes: PlannedWrite[] } {
  const snapshots: FileSnapshot[] = [model.meta.snapshot];
  const writes: PlannedWrite[] = [];
  // Aliases after the edit: the model meta mirror and version `aliases` lists are built from these.
  const aliasText = new Map([...model.aliases].map(([alias, file]) => [alias, file.value]));
  for (const file of model.aliases.values()) snapshots.push(file.snapshot);
  let touchModelMeta = true;
  let modelPatch: YamlMap = { last_updated_timestamp: at };

  for (const { facet, after } of changes) {
    switch (facet.kind) {
      case 'stage': {
        const version = liveVersion(model, facet.version);
        snapshots.push(version.meta.snapshot);
        writes.push(metaWrite(version.meta, version.dir, { current_stage: String(after), last_updated_timestamp: at }, facet.version, aliasText));
        break;
      }
      case 'alias': {
        const path = join(model.dir, 'aliases', facet.alias);
        if (!model.aliases.has(facet.alias)) snapshots.push({ path, content: null, mode: null });
        if (after === null) aliasText.delete(facet.alias);
        else aliasText.set(facet.alias, String(after));
        // No trailing newline: MLflow builds `version-<content>` from it.
        writes.push({ path, content: after === null ? null : String(after), tempDir: model.dir });
        break;
      }
      case 'tag': {
        const owner = facet.version === null ? null : liveVersion(model, facet.version);
        const existing = (owner ? owner.tags : model.tags).get(facet.key);
        const path = join(owner ? owner.dir : model.dir, 'tags', ...facet.key.split('/'));
        snapshots.push(existing?.snapshot ?? { path, content: null, mode: null });
        writes.push({ path, content: after === null ? null : String(after), tempDir: owner ? owner.dir : model.dir });
        break;
      }
      case 'description': {
        if (facet.version === null) {
          modelPatch = { ...modelPatch, description: String(after ?? '') };
        } else {
          const version = liveVersion(model, facet.version);
          snapshots.push(version.meta.snapshot);
          writes.push(metaWrite(version.meta, version.dir, { description: String(after ?? ''), last_updated_timestamp: at }, facet.version, aliasText));
          touchModelMeta = false;
        }
        break;
      }
    }
  }
  if (edit.kind === 'transition' && edit.archiveExisting) {
    // Which versions were archived depended on every version's stage: all of them must be unchanged.
    for (const version of model.versions.values()) if (!snapshots.includes(version.meta.snapshot)) snapshots.push(version.meta.snapshot);
  }
  if (touchModelMeta) {
    const data = model.meta.data!;
    if ('aliases' in data || aliasText.size > 0) modelPatch = { ...modelPatch, aliases: Object.fromEntries(aliasText) };
    writes.push({ path: model.meta.snapshot.path, content: dumpYaml({ ...data, ...modelPatch }), tempDir: model.dir });
  }
  return { snapshots: [...new Set(snapshots)], writes };
}

function liveVersion(model: FileModel, number: number): FileVersion {
  const version = model.versions.get(number);
  if (!version) throw new AppError('NOT_FOUND', `Model '${model.state.name}' has no version ${number}.`);
  if (!version.meta.data) throw new AppError('UNSUPPORTED', `version-${number}/meta.yaml of '${model.state.name}' cannot be read (${version.meta.problem}); RunDesk will not edit it.`);
  return version;
}

function metaWrite(meta: MetaFile, dir: string, patch: YamlMap, version: number, aliasText: Map<string, string>): PlannedWrite {
  const data: YamlMap = { ...meta.data!, ...patch };
  if (Array.isArray(data.aliases)) {
    data.aliases = [...aliasText].filter(([, text]) => text === String(version)).map(([alias]) => alias).sort();
  }
  return { path: meta.snapshot.path, content: dumpYaml(data), tempDir: dir };
}
