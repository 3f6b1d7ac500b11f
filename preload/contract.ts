/**
 * The one typed contract between the renderer and the main-process services.
 *
 * Electron IPC (preload/index.ts → main/ipc/register.ts) and browser mode
 * (renderer/src/api/http-bridge.ts → main/serve/http-server.ts) both carry exactly these
 * channels and events, so the renderer cannot tell them apart and the end-to-end tests in
 * Chromium exercise the same services the desktop app uses.
 *
 * Environment-neutral on purpose: no electron, node or DOM imports, so every process can import it.
 * Ids cross the bridge, never paths: stores, experiments, runs and models are addressed by the
 * numeric keys of the index; main resolves them and checks that what it touches is inside the project.
 */

// ───────────────────────────────────────────────────────── results and errors

export type ErrorCode =
  | 'BAD_REQUEST' // arguments failed validation
  | 'FORBIDDEN' // caller is not our window / token missing
  | 'NO_PROJECT' // no project is open
  | 'NOT_FOUND' // id does not exist (any more)
  | 'PARSE_ERROR' // a search filter or order-by did not parse
  | 'CONFLICT' // the file changed on disk since it was read; reload and retry
  | 'READ_ONLY' // the store cannot be written
  | 'LOCKED' // the SQL store is locked by another writer
  | 'UNSUPPORTED' // e.g. a SQL schema version RunDesk does not know
  | 'CANCELLED'
  | 'INTERNAL';

export interface AppErrorInfo {
  code: ErrorCode;
  message: string;
  /** For PARSE_ERROR: zero-based character offset into the filter where parsing failed. */
  position?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorInfo };

// ───────────────────────────────────────────────────────── shared value types

export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
export type LifecycleStage = 'active' | 'deleted';
export type ViewType = 'active' | 'deleted' | 'all';
export type StoreKind = 'file' | 'sql' | 'artifacts';
export type ModelStage = 'None' | 'Staging' | 'Production' | 'Archived';
export const MODEL_STAGES: readonly ModelStage[] = ['None', 'Staging', 'Production', 'Archived'];

export interface StoreInfo {
  storeId: number;
  kind: StoreKind;
  /** Path relative to the project folder, for display only (`mlruns`, `sub/mlflow.db`). */
  label: string;
  /** Alembic revision for SQL stores. */
  schemaVersion: string | null;
  /** Whether RunDesk can write registry edits into it (known schema, writable on disk). */
  writable: boolean;
}

export interface ProjectInfo {
  projectId: string;
  /** Folder name, for the title bar. */
  name: string;
  /** Absolute folder path, display only; never sent back. */
  displayPath: string;
  stores: StoreInfo[];
  /** Sentence shown when the folder holds no store, or only artifacts. */
  notice: string | null;
}

export interface RecentProject {
  projectId: string;
  name: string;
  displayPath: string;
  openedAt: number;
}

export interface IndexProgress {
  phase: 'discovering' | 'indexing' | 'ready' | 'watching' | 'error';
  filesSeen: number;
  runsIndexed: number;
  /** Best estimate of the total; null while discovering. */
  runsTotal: number | null;
  /** Estimated milliseconds left; null when unknown. */
  etaMs: number | null;
  problemCount: number;
  /** Present in phase 'error'. */
  message?: string;
}

export interface Problem {
  problemId: number;
  storeId: number | null;
  /** Path relative to the project folder. */
  path: string;
  reason: string;
}

export interface ExperimentSummary {
  experimentKey: number;
  storeId: number;
  experimentId: string;
  name: string;
  lifecycleStage: LifecycleStage;
  artifactLocation: string | null;
  creationTime: number | null;
  lastUpdateTime: number | null;
  runCount: number;
  activeRunCount: number;
  tags: Record<string, string>;
}

export interface ColumnSet {
  params: string[];
  metrics: string[];
  tags: string[];
}

export interface RunQuery {
  experimentKeys: number[];
  /** MLflow filter language plus RunDesk extensions; '' for all runs. */
  filter: string;
  /** MLflow order-by clauses, e.g. `metrics.rmse DESC`. Empty: start time descending, then run id. */
  orderBy: string[];
  view: ViewType;
  offset: number;
  limit: number;
  /** Restrict to these runs (compare view, "selected runs" exports). */
  runKeys?: number[];
}

/** One row of the runs table. `metrics` holds latest values; NaN and ±Infinity are real numbers here. */
export interface RunRow {
  runKey: number;
  runId: string;
  storeId: number;
  experimentKey: number;
  experimentId: string;
  runName: string;
  status: RunStatus;
  lifecycleStage: LifecycleStage;
  startTime: number | null;
  endTime: number | null;
  userId: string;
  sourceType: string;
  sourceName: string;
  gitCommit: string;
  parentRunId: string | null;
  childCount: number;
  /** CSS colour: `mlflow.runColor` tag when present, otherwise derived from the run id. */
  color: string;
  params: Record<string, string>;
  metrics: Record<string, number>;
  tags: Record<string, string>;
}

export interface RunPage {
  rows: RunRow[];
  /** Number of runs matching the query, across all pages. */
  total: number;
}

export interface MetricSummary {
  key: string;
  latest: number;
  step: number;
  timestamp: number;
  min: number;
  max: number;
  count: number;
}

export interface DatasetInput {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema: string;
  profile: string;
  context: string | null;
  tags: Record<string, string>;
}

export interface LoggedModelRef {
  modelId: string;
  name: string;
  artifactLocation: string | null;
}

export interface RunDetail {
  row: RunRow;
  artifactUri: string | null;
  deletedTime: number | null;
  description: string;
  entryPoint: string;
  parent: { runKey: number; runId: string; runName: string } | null;
  children: { runKey: number; runId: string; runName: string; status: RunStatus }[];
  metricSummaries: MetricSummary[];
  datasets: DatasetInput[];
  loggedModels: LoggedModelRef[];
  /** Whether the run's artifacts folder could be found on this machine. */
  artifactsAvailable: boolean;
}

export type HistoryXAxis = 'step' | 'time' | 'relative';

export interface HistoryQuery {
  runKeys: number[];
  keys: string[];
  /** Downsample each series to about this many points (shape-preserving); 0 = all points. */
  maxPoints: number;
}

export interface MetricSeries {
  runKey: number;
  key: string;
  steps: number[];
  timestamps: number[];
  values: number[];
  /** Points in the full history; `steps.length` is smaller when downsampled. */
  totalPoints: number;
}

export interface ArtifactEntry {
  /** Path relative to the run's artifact root, with '/' separators. */
  path: string;
  name: string;
  isDir: boolean;
  size: number;
}

export type ArtifactPreview =
  | { kind: 'text'; path: string; text: string; truncated: boolean; size: number; language: 'plain' | 'json' | 'yaml' | 'log' }
  | { kind: 'image'; path: string; dataUrl: string; size: number }
  | { kind: 'table'; path: string; header: string[]; rows: string[][]; truncated: boolean; size: number }
  | { kind: 'mlmodel'; path: string; model: MlModelInfo; size: number }
  | { kind: 'binary'; path: string; size: number }
  | { kind: 'too-large'; path: string; size: number };

export interface SignatureColumn {
  name: string | null;
  type: string;
  required: boolean;
}

export interface MlModelInfo {
  flavors: { name: string; details: Record<string, string> }[];
  mlflowVersion: string | null;
  createdUtc: string | null;
  modelId: string | null;
  runId: string | null;
  signature: { inputs: SignatureColumn[]; outputs: SignatureColumn[]; params: SignatureColumn[] } | null;
  /** Input example as pretty JSON text (capped), when saved with the model. */
  inputExample: string | null;
}

export interface SearchSuggestion {
  /** Text to insert: it replaces `filter.slice(from, caret)`. */
  insert: string;
  /** Start of the text the suggestion replaces (the partial word before the caret). */
  from: number;
  /** Label shown in the list. */
  label: string;
  kind: 'key' | 'value' | 'keyword' | 'operator';
}

export interface SuggestQuery {
  experimentKeys: number[];
  filter: string;
  /** Caret offset in `filter`. */
  caret: number;
}

export interface FilterCheck {
  ok: boolean;
  message?: string;
  position?: number;
}

// ───────────────────────────────────────────────────────── registry

export interface ModelVersionInfo {
  storeId: number;
  name: string;
  version: number;
  currentStage: ModelStage;
  /** Null where the store has none (MLflow leaves it out), '' where it is empty. */
  description: string | null;
  creationTimestamp: number | null;
  lastUpdatedTimestamp: number | null;
  userId: string | null;
  source: string;
  runId: string | null;
  /** Index key of the source run when it is in this project. */
  runKey: number | null;
  runLink: string | null;
  status: string;
  statusMessage: string | null;
  aliases: string[];
  tags: Record<string, string>;
}

export interface RegisteredModelSummary {
  storeId: number;
  name: string;
  description: string | null;
  creationTimestamp: number | null;
  lastUpdatedTimestamp: number | null;
  tags: Record<string, string>;
  aliases: { alias: string; version: number }[];
  latestVersions: ModelVersionInfo[];
  versionCount: number;
}

export interface RegisteredModelDetail extends RegisteredModelSummary {
  versions: ModelVersionInfo[];
  history: RegistryChange[];
}

export interface ModelVersionDetail {
  version: ModelVersionInfo;
  mlmodel: MlModelInfo | null;
}

export interface ModelRef {
  storeId: number;
  name: string;
}

export interface VersionRef extends ModelRef {
  version: number;
}

export type RegistryEdit =
  | { kind: 'transition'; model: VersionRef; stage: ModelStage; archiveExisting: boolean }
  | { kind: 'set-alias'; model: ModelRef; alias: string; version: number }
  | { kind: 'delete-alias'; model: ModelRef; alias: string }
  | { kind: 'set-tag'; model: ModelRef; version: number | null; key: string; value: string }
  | { kind: 'delete-tag'; model: ModelRef; version: number | null; key: string }
  | { kind: 'describe'; model: ModelRef; version: number | null; description: string };

export interface RegistryChange {
  changeId: number;
  at: number;
  storeId: number;
  modelName: string;
  /** Human sentence: "Version 3: Staging → Production". */
  summary: string;
  edit: RegistryEdit;
  /** The edit that undoes this one. */
  inverse: RegistryEdit[];
  undone: boolean;
}

// ───────────────────────────────────────────────────────── export

export type CsvFormat = 'mlflow-ui' | 'pandas' | 'history';

export interface ExportRequest {
  query: RunQuery;
  format: CsvFormat;
  /** 'visible': only these columns (table order); 'all': every column. */
  columns: { mode: 'all' } | { mode: 'visible'; params: string[]; metrics: string[]; tags: string[] };
  /** For the history format: which metric keys (all when empty). */
  metricKeys: string[];
  /** IANA zone for the MLflow UI format's local Start Time: the viewer's, which in browser mode is not the server's. */
  timeZone?: string;
}

export interface ExportResult {
  exportId: string;
  rows: number;
  bytes: number;
  /** Where the file went (desktop), display only. */
  savedTo: string | null;
  /** Browser mode: URL the page downloads the finished file from. */
  downloadUrl: string | null;
}

export interface ExportProgress {
  exportId: string;
  rowsWritten: number;
  rowsTotal: number;
  done: boolean;
}

// ───────────────────────────────────────────────────────── app

export interface AppInfo {
  name: string;
  version: string;
  mode: 'electron' | 'browser';
  platform: string;
}

export interface RunsChanged {
  /** Runs whose rows or metrics changed (table rows and charts refresh these). */
  runKeys: number[];
  /** Runs or experiments were added or removed: counts and pages must be re-queried. */
  structural: boolean;
}

export type MenuCommand =
  | 'open-project'
  | 'export-csv'
  | 'reindex'
  | 'command-palette'
  | 'show-problems'
  | 'about';

// ───────────────────────────────────────────────────────── the channel maps

/** Request/response channels: `domain:verb`. Each takes at most one argument. */
export interface Invoke {
  'app:info': () => AppInfo;
  'project:current': () => ProjectInfo | null;
  /** Desktop: native folder dialog in main. Browser mode: the served folder. */
  'project:open': () => ProjectInfo | null;
  'project:recent': () => RecentProject[];
  'project:openRecent': (projectId: string) => ProjectInfo;
  'project:reindex': () => void;
  'index:progress': () => IndexProgress;
  'problems:list': () => Problem[];
  'experiments:list': (view: ViewType) => ExperimentSummary[];
  'runs:columns': (experimentKeys: number[]) => ColumnSet;
  'runs:list': (query: RunQuery) => RunPage;
  'runs:get': (runKey: number) => RunDetail;
  'runs:history': (query: HistoryQuery) => MetricSeries[];
  'search:check': (filter: string) => FilterCheck;
  'search:suggest': (query: SuggestQuery) => SearchSuggestion[];
  'artifacts:list': (req: { runKey: number; path: string }) => ArtifactEntry[];
  'artifacts:preview': (req: { runKey: number; path: string }) => ArtifactPreview;
  'registry:models': (filter: string) => RegisteredModelSummary[];
  'registry:model': (ref: ModelRef) => RegisteredModelDetail;
  'registry:version': (ref: VersionRef) => ModelVersionDetail;
  'registry:edit': (edit: RegistryEdit) => RegistryChange;
  'registry:undo': (changeId: number) => RegistryChange;
  'export:csv': (req: ExportRequest) => ExportResult;
  'export:cancel': (exportId: string) => void;
}

/** Main → renderer events. */
export interface Events {
  'index:progress': IndexProgress;
  'runs:changed': RunsChanged;
  'registry:changed': { storeId: number; names: string[] };
  'project:changed': ProjectInfo | null;
  'export:progress': ExportProgress;
  'menu:command': MenuCommand;
}

export type InvokeChannel = keyof Invoke;
export type EventChannel = keyof Events;

export const INVOKE_CHANNELS = [
  'app:info',
  'project:current',
  'project:open',
  'project:recent',
  'project:openRecent',
  'project:reindex',
  'index:progress',
  'problems:list',
  'experiments:list',
  'runs:columns',
  'runs:list',
  'runs:get',
  'runs:history',
  'search:check',
  'search:suggest',
  'artifacts:list',
  'artifacts:preview',
  'registry:models',
  'registry:model',
  'registry:version',
  'registry:edit',
  'registry:undo',
  'export:csv',
  'export:cancel',
] as const satisfies readonly InvokeChannel[];

export const EVENT_CHANNELS = [
  'index:progress',
  'runs:changed',
  'registry:changed',
  'project:changed',
  'export:progress',
  'menu:command',
] as const satisfies readonly EventChannel[];

// Compile-time proof that the lists above name every channel exactly once.
type Missing<All, Listed> = Exclude<All, Listed>;
const _allInvokeListed: Missing<InvokeChannel, (typeof INVOKE_CHANNELS)[number]> extends never ? true : never = true;
const _allEventsListed: Missing<EventChannel, (typeof EVENT_CHANNELS)[number]> extends never ? true : never = true;
void _allInvokeListed;
void _allEventsListed;

export type InvokeArg<K extends InvokeChannel> = Parameters<Invoke[K]> extends [infer A] ? A : undefined;
export type InvokeReturn<K extends InvokeChannel> = ReturnType<Invoke[K]>;

/** What the renderer sees: every channel as an async function returning a Result. */
export type InvokeApi = {
  [K in InvokeChannel]: (...args: Parameters<Invoke[K]>) => Promise<Result<InvokeReturn<K>>>;
};

/** `onIndexProgress`, `onRunsChanged`, … each returns an unsubscribe function. */
export type EventApi = {
  [K in EventChannel as `on${EventName<K>}`]: (listener: (payload: Events[K]) => void) => () => void;
};

type Capitalize1<S extends string> = S extends `${infer F}${infer R}` ? `${Uppercase<F>}${R}` : S;
type Camel<S extends string> = S extends `${infer A}:${infer B}` ? `${Capitalize1<A>}${Camel<Capitalize1<B>>}` : Capitalize1<S>;
export type EventName<K extends string> = Camel<K>;

/** Exposed as `window.rundesk` by the preload (desktop) or by the HTTP bridge (browser mode). */
export interface Bridge {
  invoke: InvokeApi;
  events: EventApi;
}

/** `index:progress` → `onIndexProgress`. Kept here so preload and the HTTP bridge agree. */
export function eventListenerName(channel: EventChannel): string {
  return `on${channel
    .split(':')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')}`;
}

/** HTTP paths of browser mode. */
export const HTTP_API_PREFIX = '/api/invoke/';
export const HTTP_EVENTS_PATH = '/api/events';
export const HTTP_DOWNLOAD_PREFIX = '/api/download/';
export const TOKEN_HEADER = 'x-rundesk-token';

/**
 * Preload → main only, never exposed to the page: a folder dropped on the window. The preload
 * resolves the dropped File to a path with `webUtils` and sends it itself, so the page never
 * holds a path; main checks the sender and that it is a folder before opening it.
 */
export const PRELOAD_DROP_CHANNEL = 'preload:dropped-folder';
