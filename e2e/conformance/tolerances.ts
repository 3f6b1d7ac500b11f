// Known, documented differences between MLflow's JSON and RunDesk's JSON that the comparison
// accepts. Keep this list short and explicit: anything not listed here is reported as a difference.
// README.md documents the same list; tolerances.test.ts checks that the two stay in sync.

export interface Tolerance {
  id: string;
  description: string;
}

/** Entity kinds the comparison knows about. */
export type Entity =
  | 'experiment'
  | 'run'
  | 'run.info'
  | 'run.inputs'
  | 'metric'
  | 'dataset_input'
  | 'dataset'
  | 'registered_model'
  | 'model_version';

/**
 * Fields MLflow's REST JSON has that RunDesk's JSON (main/cli/JSON-FORMATS.md) does not. They are
 * skipped only when RunDesk omits them; when RunDesk prints one, it is compared like any field.
 */
export const MLFLOW_ONLY_FIELDS: Record<Entity, readonly string[]> = {
  experiment: ['workspace'],
  run: ['outputs'],
  'run.info': [],
  'run.inputs': ['model_inputs'],
  metric: ['run_id', 'dataset_name', 'dataset_digest', 'model_id'],
  dataset_input: [],
  dataset: [],
  registered_model: ['deployment_job_id', 'deployment_job_state', 'workspace'],
  model_version: ['model_id', 'metrics', 'params', 'deployment_job_state', 'workspace'],
};

/** Fields only RunDesk prints (bookkeeping, not data). */
export const RUNDESK_ONLY_FIELDS: readonly string[] = ['store', 'trashed'];

export const TOLERANCES: readonly Tolerance[] = [
  {
    id: 'mlflow-only-field',
    description:
      'A field MLflow returns that RunDesk\'s JSON does not define (MLFLOW_ONLY_FIELDS: experiment.workspace; run.outputs; ' +
      'run.inputs.model_inputs; metric.run_id/dataset_name/dataset_digest/model_id; registered_model.deployment_job_id/' +
      'deployment_job_state/workspace; model_version.model_id/metrics/params/deployment_job_state/workspace) is skipped when ' +
      'RunDesk omits it, and compared when RunDesk prints it.',
  },
  {
    id: 'rundesk-only-store',
    description: 'RunDesk adds "store" (the store path relative to the folder); MLflow has no such field.',
  },
  {
    id: 'trashed-experiment-stage',
    description:
      'An experiment folder in a file store\'s .trash/ whose stale meta.yaml still says "active" (real fixture Toma0916, ' +
      'experiment 3): MLflow lists it under view ALL with stage "active", RunDesk reports "deleted" and marks it "trashed": true. ' +
      'Tolerated only for that field and only when RunDesk marks the experiment trashed.',
  },
  {
    id: 'empty-list-absent',
    description:
      'An absent key/value list (tags, params, metrics, aliases, dataset_inputs) equals an empty one: protobuf JSON omits empty repeated fields.',
  },
  {
    id: 'list-order',
    description:
      'Key/value lists are compared as maps by key, dataset inputs by (name, digest, context), registry versions by version, ' +
      'metric histories as sorted multisets of (key, step, timestamp, value). Run order IS compared for every search (filters).',
  },
  {
    id: 'negative-zero',
    description: 'A metric value -0.0 equals 0 (JSON.stringify cannot write -0).',
  },
  {
    id: 'filter-error-text',
    description:
      'When MLflow rejects a filter/order_by, RunDesk must reject it too (non-zero exit); the error messages are not compared.',
  },
  {
    id: 'rundesk-grammar-extension',
    description:
      'RunDesk\'s filter language is a superset of MLflow\'s (OR, NOT, parentheses, IN on any field, BETWEEN, plain text). ' +
      'A filter MLflow rejects and RunDesk accepts is not a difference when it uses one of these extensions.',
  },
  {
    id: 'mlflow-read-copy',
    description:
      'MLflow reads some stores only from a temporary copy: file-store runs lacking empty metrics/, params/ or artifacts/ ' +
      'folders (MLflow >= 3.8 get_run refuses them; git drops empty folders) get those folders added; an older SQL schema is ' +
      'upgraded (MLflow does that on open). Data is unchanged; the notes are printed per store.',
  },
  {
    id: 'mlflow-unreadable',
    description:
      'Objects MLflow itself cannot read (recorded in the dump\'s errors) are not compared; the errors are printed. ' +
      'Filters on a partially readable store are limited to the experiments MLflow could read (passed as --experiment).',
  },
];

export function isMlflowOnly(entity: Entity, field: string): boolean {
  return MLFLOW_ONLY_FIELDS[entity].includes(field);
}

/**
 * True when a filter uses one of RunDesk's documented extensions of MLflow's grammar (`rundesk runs
 * --help`): OR, NOT (other than NOT IN), parentheses outside an IN list, IN/NOT IN on a field other
 * than run_id, BETWEEN, or plain text without any comparison.
 */
export function usesGrammarExtension(filter: string): boolean {
  // blank out quoted strings and backticked/double-quoted identifiers
  const bare = filter.replace(/'[^']*'|`[^`]*`|"[^"]*"/g, (m) => (m.startsWith("'") ? "''" : 'x'));
  if (/\bOR\b|\bBETWEEN\b/i.test(bare)) return true;
  if (/\bNOT\b(?!\s+IN\b)/i.test(bare)) return true;
  const inUses = [...bare.matchAll(/([\w.]+)\s+(?:NOT\s+)?IN\s*\(/gi)];
  if (inUses.some((m) => !/(^|\.)run_id$/i.test(m[1] ?? ''))) return true;
  const withoutIn = bare.replace(/\bIN\s*\([^)]*\)/gi, '');
  if (withoutIn.includes('(')) return true;
  const trimmed = bare.trim();
  return trimmed !== '' && !/(=|!=|<|>|\bLIKE\b|\bILIKE\b|\bIS\b|\bIN\b)/i.test(trimmed);
}
