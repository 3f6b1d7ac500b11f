// Registry write round-trip: the same edits are made once by RunDesk (`rundesk registry <store> ...`)
// and once by MLflow (mlflow_edit.py) on two copies of a store. Then
//   - MLflow must read RunDesk's edits exactly as it reads its own (stage, aliases, tags, descriptions),
//   - RunDesk must read MLflow's edits exactly as MLflow does (the usual registry comparison).

import type { ModelVersionJson, RegisteredModelJson } from './types.js';

export type RegistryOp =
  | { op: 'transition'; name: string; version: string; stage: string; archive_existing?: boolean }
  | { op: 'alias_set'; name: string; alias: string; version: string }
  | { op: 'alias_delete'; name: string; alias: string }
  | { op: 'tag_set'; name: string; version?: string; key: string; value: string }
  | { op: 'tag_delete'; name: string; version?: string; key: string }
  | { op: 'describe'; name: string; version?: string; text: string };

/** Edits for the `registry` profile (iris-classifier v1..v5 + deleted v6, house-price-regressor v1..v2). */
export const ROUNDTRIP_OPS: readonly RegistryOp[] = [
  { op: 'transition', name: 'iris-classifier', version: '4', stage: 'Production', archive_existing: true },
  { op: 'transition', name: 'iris-classifier', version: '3', stage: 'Archived' },
  { op: 'transition', name: 'house-price-regressor', version: '2', stage: 'Staging' },
  { op: 'transition', name: 'house-price-regressor', version: '1', stage: 'None' },
  { op: 'alias_set', name: 'iris-classifier', alias: 'rd_best', version: '4' },
  { op: 'alias_set', name: 'iris-classifier', alias: 'champion', version: '4' },
  { op: 'alias_delete', name: 'iris-classifier', alias: 'challenger' },
  { op: 'tag_set', name: 'iris-classifier', key: 'rd.key', value: 'set by RunDesk ✓' },
  { op: 'tag_set', name: 'iris-classifier', version: '4', key: 'rd_vkey', value: 'v4 tag' },
  { op: 'tag_set', name: 'iris-classifier', key: 'team', value: 'platform' },
  { op: 'tag_delete', name: 'iris-classifier', key: 'task' },
  { op: 'tag_delete', name: 'iris-classifier', version: '1', key: 'validation_status' },
  { op: 'describe', name: 'iris-classifier', text: 'Described by RunDesk — ünïcødé\n\nSecond paragraph.' },
  { op: 'describe', name: 'iris-classifier', version: '4', text: 'v4: promoted by RunDesk' },
  { op: 'describe', name: 'house-price-regressor', version: '2', text: '' },
];

/** `rundesk registry <store> ...` arguments for one edit (the CLI forms of the issue). */
export function opCliArgs(store: string, op: RegistryOp): string[] {
  const base = ['registry', store];
  const ver = (v?: string) => (v !== undefined ? ['--version', v] : []);
  switch (op.op) {
    case 'transition':
      return [...base, 'transition', op.name, op.version, op.stage, ...(op.archive_existing ? ['--archive-existing'] : []), '--yes'];
    case 'alias_set':
      return [...base, 'alias', 'set', op.name, op.alias, op.version];
    case 'alias_delete':
      return [...base, 'alias', 'delete', op.name, op.alias];
    case 'tag_set':
      return [...base, 'tag', 'set', op.name, ...ver(op.version), op.key, op.value];
    case 'tag_delete':
      return [...base, 'tag', 'delete', op.name, ...ver(op.version), op.key];
    case 'describe':
      return [...base, 'describe', op.name, ...ver(op.version), op.text];
  }
}

export interface RegistryProjection {
  models: Record<string, { description: unknown; tags: Record<string, string>; aliases: Record<string, string> }>;
  versions: Record<string, { current_stage: unknown; description: unknown; tags: Record<string, string>; aliases: string[] }>;
}

/** The fields a registry edit changes (timestamps excluded: they differ between the two editors). */
export function projectRegistry(models: RegisteredModelJson[], versions: ModelVersionJson[]): RegistryProjection {
  const p: RegistryProjection = { models: {}, versions: {} };
  for (const m of [...models].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    p.models[m.name] = {
      description: m.description ?? '',
      tags: Object.fromEntries((m.tags ?? []).map((t) => [t.key, t.value])),
      aliases: Object.fromEntries((m.aliases ?? []).map((a) => [a.alias, String(a.version)])),
    };
  }
  for (const v of versions) {
    p.versions[`${v.name} v${v.version}`] = {
      current_stage: v.current_stage,
      description: v.description ?? '',
      tags: Object.fromEntries((v.tags ?? []).map((t) => [t.key, t.value])),
      aliases: [...(v.aliases ?? [])].sort(),
    };
  }
  return p;
}
