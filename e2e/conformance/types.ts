// Shapes shared by the conformance harness. Both sides use the JSON of main/cli/JSON-FORMATS.md
// (MLflow's REST JSON); mlflow_dump.py adds a few bookkeeping fields.

export type MetricValue = number | 'NaN' | 'Infinity' | '-Infinity';

export interface KeyValue {
  key: string;
  value: string;
}

export interface MetricJson {
  key: string;
  value: MetricValue;
  timestamp?: number;
  step?: number;
  [extra: string]: unknown;
}

export interface ExperimentJson {
  experiment_id: string;
  name?: string;
  artifact_location?: string;
  lifecycle_stage?: string;
  creation_time?: number;
  last_update_time?: number;
  tags?: KeyValue[];
  [extra: string]: unknown;
}

export interface DatasetInputJson {
  tags?: KeyValue[];
  dataset?: Record<string, unknown>;
}

export interface RunJson {
  info: { run_id: string; [field: string]: unknown };
  data?: { metrics?: MetricJson[]; params?: KeyValue[]; tags?: KeyValue[] };
  inputs?: { dataset_inputs?: DatasetInputJson[]; [extra: string]: unknown };
  [extra: string]: unknown;
}

export interface ModelVersionJson {
  name: string;
  version: string;
  tags?: KeyValue[];
  aliases?: string[];
  [field: string]: unknown;
}

export interface RegisteredModelJson {
  name: string;
  tags?: KeyValue[];
  aliases?: { alias: string; version: string }[];
  latest_versions?: ModelVersionJson[];
  [field: string]: unknown;
}

export interface AliasResolution {
  name: string;
  alias: string;
  declared_version?: string;
  version?: string;
  error?: string;
}

export type ViewName = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

export interface FilterSpec {
  id: string;
  filter: string;
  order_by: string[];
  view: ViewName;
  note?: string;
}

export interface FilterResult {
  id?: string;
  filter: string;
  order_by: string[];
  view: ViewName;
  experiment_ids?: string[];
  partial?: boolean;
  run_ids?: string[];
  error?: string;
  error_code?: string;
}

export interface MlflowDump {
  mlflow_version: string;
  store_uri: string;
  store_kind?: 'file' | 'sql';
  notes: string[];
  errors: { scope: string; id: unknown; error: string }[];
  fatal?: string;
  experiments: ExperimentJson[];
  readable_experiments?: string[];
  runs: RunJson[];
  histories: Record<string, MetricJson[]>;
  registered_models: RegisteredModelJson[];
  model_versions: ModelVersionJson[];
  aliases: AliasResolution[];
  filters: FilterResult[];
}

/** One reported difference. `path` is printed joined with " › " after the store name. */
export interface Difference {
  store: string;
  check: string;
  path: string[];
  mlflow: unknown;
  rundesk: unknown;
}

/** Result of one comparison: how many values were compared, what differed, what was tolerated. */
export interface CheckResult {
  compared: number;
  differences: Difference[];
  /** tolerance id -> number of times it was applied */
  tolerated: Record<string, number>;
}

/** Marker for "the field/object is absent on this side". */
export const ABSENT = Symbol('absent');
