import type { ModelStage, RegistryEdit } from '../../preload/contract.js';
import { AppError } from '../services/app-error.js';
import { canonicalStage, validateAlias, validateArchiveExisting, validateDescription, validateTagKey, validateTagValue } from './validation.js';

/**
 * What a registry edit touches, independent of the store kind. An edit is turned into a list of
 * facet changes (before → after) against the model's current state read from disk; the file and
 * SQL writers apply those changes, the history records them, and undo inverts them.
 */
export type Facet =
  | { kind: 'stage'; version: number }
  | { kind: 'alias'; alias: string }
  | { kind: 'tag'; version: number | null; key: string }
  | { kind: 'description'; version: number | null };

/** A stage name, an alias's version, a tag value or a description; null when absent. */
export type FacetValue = string | number | null;

export interface FacetChange {
  facet: Facet;
  before: FacetValue;
  after: FacetValue;
}

/** The parts of a model's state an edit can read, loaded fresh from the store. */
export interface ModelState {
  name: string;
  description: string | null;
  tags: Map<string, string>;
  aliases: Map<string, number>;
  /** Every version, including soft-deleted ones (stage Deleted_Internal). */
  versions: Map<number, { stage: string; description: string | null; tags: Map<string, string> }>;
}

export const DELETED_STAGE = 'Deleted_Internal';

export function facetLabel(facet: Facet): string {
  switch (facet.kind) {
    case 'stage':
      return `stage of version ${facet.version}`;
    case 'alias':
      return `alias '${facet.alias}'`;
    case 'tag':
      return facet.version === null ? `model tag '${facet.key}'` : `tag '${facet.key}' of version ${facet.version}`;
    case 'description':
      return facet.version === null ? 'model description' : `description of version ${facet.version}`;
  }
}

export function readFacet(state: ModelState, facet: Facet): FacetValue {
  switch (facet.kind) {
    case 'stage':
      return state.versions.get(facet.version)?.stage ?? null;
    case 'alias':
      return state.aliases.get(facet.alias) ?? null;
    case 'tag':
      return facet.version === null ? (state.tags.get(facet.key) ?? null) : (state.versions.get(facet.version)?.tags.get(facet.key) ?? null);
    case 'description':
      return facet.version === null ? state.description : (state.versions.get(facet.version)?.description ?? null);
  }
}

function requireLiveVersion(state: ModelState, version: number): void {
  const found = state.versions.get(version);
  if (!found || found.stage === DELETED_STAGE) {
    throw new AppError('NOT_FOUND', `Model '${state.name}' has no version ${version} (it may have been deleted).`);
  }
}

/**
 * Validates an edit as MLflow would and lists what it changes. `tagValueLimit` is the store's limit
 * (the SQL registry tables are narrower than the file store).
 */
export function planChanges(state: ModelState, edit: RegistryEdit, tagValueLimit: number): FacetChange[] {
  const change = (facet: Facet, after: FacetValue): FacetChange => ({ facet, before: readFacet(state, facet), after });
  switch (edit.kind) {
    case 'transition': {
      const stage = canonicalStage(edit.stage);
      validateArchiveExisting(stage, edit.archiveExisting);
      const version = edit.model.version;
      requireLiveVersion(state, version);
      const changes: FacetChange[] = [];
      if (edit.archiveExisting) {
        // MLflow archives the others first, in directory order; sorted here so the order is stable.
        for (const [other, info] of [...state.versions].sort((a, b) => a[0] - b[0])) {
          if (other !== version && info.stage === stage) changes.push(change({ kind: 'stage', version: other }, 'Archived'));
        }
      }
      changes.push(change({ kind: 'stage', version }, stage));
      return changes;
    }
    case 'set-alias':
      validateAlias(edit.alias);
      requireLiveVersion(state, edit.version);
      return [change({ kind: 'alias', alias: edit.alias }, edit.version)];
    case 'delete-alias': {
      validateAlias(edit.alias);
      const facet: Facet = { kind: 'alias', alias: edit.alias };
      if (readFacet(state, facet) === null) throw new AppError('NOT_FOUND', `Model '${state.name}' has no alias '${edit.alias}'.`);
      return [change(facet, null)];
    }
    case 'set-tag':
      validateTagKey(edit.key);
      validateTagValue(edit.value, tagValueLimit);
      if (edit.version !== null) requireLiveVersion(state, edit.version);
      return [change({ kind: 'tag', version: edit.version, key: edit.key }, edit.value)];
    case 'delete-tag': {
      validateTagKey(edit.key);
      if (edit.version !== null) requireLiveVersion(state, edit.version);
      const facet: Facet = { kind: 'tag', version: edit.version, key: edit.key };
      if (readFacet(state, facet) === null) {
        throw new AppError('NOT_FOUND', `${edit.version === null ? `Model '${state.name}'` : `Version ${edit.version} of '${state.name}'`} has no tag '${edit.key}'.`);
      }
      return [change(facet, null)];
    }
    case 'describe':
      validateDescription(edit.description);
      if (edit.version !== null) requireLiveVersion(state, edit.version);
      return [change({ kind: 'description', version: edit.version }, edit.description)];
  }
}

/** Refuses when the store no longer holds what an undo expects (the state right after the edit). */
export function checkExpectations(state: ModelState, expected: readonly FacetChange[]): void {
  for (const { facet, after } of expected) {
    const now = readFacet(state, facet);
    if (!sameValue(now, after)) {
      throw new AppError(
        'CONFLICT',
        `The ${facetLabel(facet)} of '${state.name}' changed since that edit (it is now ${describeValue(now)}, not ${describeValue(after)}), so it cannot be undone.`,
      );
    }
  }
}

function sameValue(a: FacetValue, b: FacetValue): boolean {
  // A description written as '' and one MLflow stored as null read the same in every UI.
  if ((a === null || a === '') && (b === null || b === '')) return true;
  return a === b;
}

function describeValue(value: FacetValue): string {
  if (value === null) return 'absent';
  if (typeof value === 'number') return `version ${value}`;
  return value.length > 40 ? `'${value.slice(0, 40)}…'` : `'${value}'`;
}

/** The edits that put back what `changes` replaced. */
export function inverseEdits(edit: RegistryEdit, changes: readonly FacetChange[]): RegistryEdit[] {
  const model = { storeId: edit.model.storeId, name: edit.model.name };
  return changes.map(({ facet, before }): RegistryEdit => {
    switch (facet.kind) {
      case 'stage':
        return { kind: 'transition', model: { ...model, version: facet.version }, stage: before as ModelStage, archiveExisting: false };
      case 'alias':
        return before === null ? { kind: 'delete-alias', model, alias: facet.alias } : { kind: 'set-alias', model, alias: facet.alias, version: before as number };
      case 'tag':
        return before === null
          ? { kind: 'delete-tag', model, version: facet.version, key: facet.key }
          : { kind: 'set-tag', model, version: facet.version, key: facet.key, value: String(before) };
      case 'description':
        return { kind: 'describe', model, version: facet.version, description: before === null ? '' : String(before) };
    }
  });
}

/** One human sentence for the history list: "Version 3: Staging → Production". */
export function summarize(edit: RegistryEdit, changes: readonly FacetChange[]): string {
  const show = (v: FacetValue) => (v === null ? '(none)' : String(v));
  switch (edit.kind) {
    case 'transition': {
      const target = changes.at(-1)!;
      const archived = changes.slice(0, -1).map((c) => (c.facet as { version: number }).version);
      const main = `Version ${edit.model.version}: ${show(target.before)} → ${show(target.after)}`;
      return archived.length ? `${main}; archived version${archived.length > 1 ? 's' : ''} ${archived.join(', ')}` : main;
    }
    case 'set-alias': {
      const before = changes[0]!.before;
      return before === null ? `Alias '${edit.alias}' set to version ${edit.version}` : `Alias '${edit.alias}' moved from version ${before} to ${edit.version}`;
    }
    case 'delete-alias':
      return `Alias '${edit.alias}' (version ${show(changes[0]!.before)}) deleted`;
    case 'set-tag':
      return `${edit.version === null ? 'Model tag' : `Version ${edit.version} tag`} '${edit.key}' set to '${clip(edit.value)}'${changes[0]!.before === null ? '' : ` (was '${clip(String(changes[0]!.before))}')`}`;
    case 'delete-tag':
      return `${edit.version === null ? 'Model tag' : `Version ${edit.version} tag`} '${edit.key}' deleted`;
    case 'describe':
      return `${edit.version === null ? 'Model description' : `Description of version ${edit.version}`} ${edit.description === '' ? 'cleared' : 'changed'}`;
  }
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
