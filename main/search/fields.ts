import type { Comparator, Field, FieldKind } from './ast.js';
import type { IdentPart } from './lexer.js';
import { parseError } from './lexer.js';

/**
 * Which identifiers a filter may name, and what MLflow allows on each
 * (`mlflow/utils/search_utils.py`: SearchUtils and SearchExperimentsUtils).
 */

const NUMERIC_OPS: readonly Comparator[] = ['=', '!=', '<', '<=', '>', '>='];
const KEY_VALUE_OPS: readonly Comparator[] = ['=', '!=', 'LIKE', 'ILIKE', 'IS NULL', 'IS NOT NULL'];
const STRING_OPS: readonly Comparator[] = ['=', '!=', 'LIKE', 'ILIKE'];
const LIST_STRING_OPS: readonly Comparator[] = ['=', '!=', 'LIKE', 'ILIKE', 'IN', 'NOT IN'];

const PREFIXES: Record<string, Exclude<FieldKind, 'attribute'> | 'attribute'> = {
  metric: 'metric',
  metrics: 'metric',
  param: 'param',
  params: 'param',
  parameter: 'param',
  parameters: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
};

/** `metrics` → metric; null for an unknown prefix. */
export function prefixKind(prefix: string): FieldKind | null {
  return Object.hasOwn(PREFIXES, prefix) ? PREFIXES[prefix]! : null;
}

/** The prefixes the suggestion list offers, one per kind. */
export const CANONICAL_PREFIXES = ['metrics.', 'params.', 'tags.', 'attributes.', 'datasets.'] as const;

interface AttributeSpec {
  key: string;
  valueType: 'number' | 'string';
  ops: readonly Comparator[];
}

/** Run attributes by the name a filter may use (MLflow's aliases included). */
export const RUN_ATTRIBUTES: Record<string, AttributeSpec> = {
  run_id: { key: 'run_id', valueType: 'string', ops: LIST_STRING_OPS },
  run_name: { key: 'run_name', valueType: 'string', ops: STRING_OPS },
  'run name': { key: 'run_name', valueType: 'string', ops: STRING_OPS },
  'Run name': { key: 'run_name', valueType: 'string', ops: STRING_OPS },
  'Run Name': { key: 'run_name', valueType: 'string', ops: STRING_OPS },
  status: { key: 'status', valueType: 'string', ops: STRING_OPS },
  user_id: { key: 'user_id', valueType: 'string', ops: STRING_OPS },
  artifact_uri: { key: 'artifact_uri', valueType: 'string', ops: STRING_OPS },
  start_time: { key: 'start_time', valueType: 'number', ops: NUMERIC_OPS },
  end_time: { key: 'end_time', valueType: 'number', ops: NUMERIC_OPS },
  created: { key: 'start_time', valueType: 'number', ops: NUMERIC_OPS },
  Created: { key: 'start_time', valueType: 'number', ops: NUMERIC_OPS },
};

/** MLflow does not order by the `run name` aliases, only by `run_name`. */
const ORDER_ONLY_EXCLUDED = new Set(['run name', 'Run name', 'Run Name']);

export const RUN_ATTRIBUTE_NAMES = ['run_name', 'status', 'start_time', 'end_time', 'user_id', 'run_id', 'artifact_uri', 'created'];

export const DATASET_FIELDS = ['name', 'digest', 'context'];

export const EXPERIMENT_ATTRIBUTES: Record<string, AttributeSpec> = {
  name: { key: 'name', valueType: 'string', ops: STRING_OPS },
  experiment_id: { key: 'experiment_id', valueType: 'string', ops: ['=', '!=', 'IN', 'NOT IN'] },
  creation_time: { key: 'creation_time', valueType: 'number', ops: NUMERIC_OPS },
  last_update_time: { key: 'last_update_time', valueType: 'number', ops: NUMERIC_OPS },
};

export interface IdentifierToken {
  parts: IdentPart[];
  raw: string;
  start: number;
}

/** Turns an identifier into a field, or explains (with the position) why it names nothing. */
export type FieldResolver = (ident: IdentifierToken, purpose: 'filter' | 'order') => Field;

/** `metrics.a.b` → entity `metrics`, key `a.b`: split at the first dot, as MLflow does. */
function splitIdentifier(ident: IdentifierToken): { entity: string | null; key: string; entityRaw: string } {
  const [first, ...rest] = ident.parts;
  if (rest.length === 0) return { entity: null, key: first!.text, entityRaw: '' };
  // One quoted part after the prefix is unquoted; anything longer is kept as written (MLflow strips
  // quotes only when they wrap the whole key).
  const key = rest.length === 1 ? rest[0]!.text : rest.map((p) => p.raw).join('.');
  return { entity: first!.quote === '`' || first!.quote === '' ? first!.text : first!.raw, key, entityRaw: first!.raw };
}

export const resolveRunField: FieldResolver = (ident, purpose) => {
  const { entity, key } = splitIdentifier(ident);
  const kind = entity === null ? 'attribute' : PREFIXES[entity];
  if (!kind) {
    throw parseError(
      `Unknown prefix '${entity}': use metrics., params., tags., attributes. or datasets. (lower case), or an attribute such as status`,
      ident.start,
    );
  }
  const label = ident.raw;
  if (key === '') throw parseError(`Expected a key after '${label}'`, ident.start + label.length);
  switch (kind) {
    case 'metric':
      return { kind, key, valueType: 'number', mlflowComparators: NUMERIC_OPS, label };
    case 'param':
    case 'tag':
      return { kind, key, valueType: 'string', mlflowComparators: KEY_VALUE_OPS, label };
    case 'dataset':
      if (!DATASET_FIELDS.includes(key)) {
        throw parseError(`Unknown dataset field '${key}': use datasets.name, datasets.digest or datasets.context`, ident.start);
      }
      return { kind, key, valueType: 'string', mlflowComparators: LIST_STRING_OPS, label };
    case 'attribute': {
      const spec = Object.hasOwn(RUN_ATTRIBUTES, key) ? RUN_ATTRIBUTES[key] : undefined;
      if (!spec || (purpose === 'order' && ORDER_ONLY_EXCLUDED.has(key))) {
        throw parseError(
          `Unknown run attribute '${key}': use one of ${RUN_ATTRIBUTE_NAMES.join(', ')}${entity === null ? ', or a prefix such as metrics.' : ''}`,
          ident.start,
        );
      }
      return { kind, key: spec.key, valueType: spec.valueType, mlflowComparators: spec.ops, label };
    }
  }
};

/**
 * Experiment search: `name`, `experiment_id`, times (bare or after `attribute.` / `attributes.`), and
 * `tags.<key>` / `tag.<key>`. Unlike run search, the prefix may not be backticked.
 */
export const resolveExperimentField: FieldResolver = (ident) => {
  const { key } = splitIdentifier(ident);
  const entity = ident.parts.length > 1 ? ident.parts[0]!.raw : null;
  const label = ident.raw;
  if (entity === null || entity === 'attribute' || entity === 'attributes') {
    const spec = Object.hasOwn(EXPERIMENT_ATTRIBUTES, key) ? EXPERIMENT_ATTRIBUTES[key] : undefined;
    if (!spec) {
      throw parseError(`Unknown experiment attribute '${key}': use name, experiment_id, creation_time, last_update_time or tags.<key>`, ident.start);
    }
    return { kind: 'attribute', key: spec.key, valueType: spec.valueType, mlflowComparators: spec.ops, label };
  }
  if (entity === 'tag' || entity === 'tags') {
    if (key === '') throw parseError(`Expected a key after '${label}'`, ident.start + label.length);
    return { kind: 'tag', key, valueType: 'string', mlflowComparators: KEY_VALUE_OPS, label };
  }
  throw parseError(`Unknown prefix '${entity}' for experiments: use tags.<key>, or name, experiment_id, creation_time, last_update_time`, ident.start);
};
