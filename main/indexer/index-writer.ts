import type { Statement } from 'better-sqlite3';
import { sep } from 'node:path';
import type { LifecycleStage, RunStatus, StoreKind } from '../../preload/contract.js';
import type { IndexDb } from '../db/open-index.js';
import { columnsToPoints, packPoints, unpackChunks, type ChunkRow, type PackedChunk } from '../db/metric-chunks.js';
import type { MetricSummaryAcc } from '../stores/file-store/latest-metric.js';
import type { IntValue, MetricPoint } from '../stores/file-store/metric-line.js';
import type { RegisteredModelRecord } from '../stores/file-store/registry-reader.js';
import type { LoggedModelRecord, RunDatasetInput } from '../stores/file-store/run-links.js';
import type { KeepProblem } from './problem-paths.js';

export interface ExperimentRow {
  storeId: number;
  experimentId: string;
  name: string;
  artifactLocation: string | null;
  lifecycleStage: LifecycleStage;
  creationTime: number | null;
  lastUpdateTime: number | null;
  dirPath: string | null;
}

export interface RunRow {
  storeId: number;
  expKey: number;
  runId: string;
  runName: string;
  status: RunStatus;
  startTime: number | null;
  endTime: number | null;
  deletedTime: number | null;
  lifecycleStage: LifecycleStage;
  userId: string;
  artifactUri: string | null;
  parentRunId: string | null;
  dirPath: string | null;
  metaSig: string | null;
}

/** What the incremental pass remembers of an experiment between passes. */
export interface StoredExperiment {
  expKey: number;
  experimentId: string;
  dirPath: string | null;
  /** See migration 0040: null unless the run rows are known to match the folder as last listed. */
  runsDigest: string | null;
}

/** What the incremental pass remembers of a run between passes. */
export interface StoredRun {
  runKey: number;
  expKey: number;
  dirPath: string;
  metaSig: string | null;
  status: string;
}

export interface StoredMetricFile {
  key: string;
  path: string;
  offset: number;
  size: number;
  mtimeMs: number;
}

/**
 * Live appends add a chunk each; a last chunk smaller than this is merged with the appended lines
 * instead, so a series logged one line at a time stays a few rows, and a merge rewrites at most
 * this many points.
 */
const MERGE_BELOW_POINTS = 2048;

function toDbInt(value: IntValue): number | bigint {
  return value;
}

function fromDbInt(value: number | bigint): IntValue {
  if (typeof value === 'bigint' && value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(value);
  return value;
}

/**
 * Every write the indexer makes, as prepared statements built once per connection. Callers wrap
 * calls in `db.transaction` batches; nothing here opens its own transaction.
 */
export class IndexWriter {
  private readonly s: Record<string, Statement>;
  /** Registry content last written through this connection ("storeId\0name" → fingerprint). */
  readonly registryFingerprints = new Map<string, string>();
  readonly registryStoresSeen = new Set<number>();

  constructor(readonly db: IndexDb) {
    // The index is a rebuildable cache (a damaged file is set aside and rebuilt by openIndex), so the
    // writer skips fsync, and lets the WAL grow to ~40 MB between checkpoints: with the default
    // 1000 pages, checkpoints made up a large part of the cost of a cold index.
    db.pragma('synchronous = OFF');
    db.pragma('wal_autocheckpoint = 10000');
    const p = (sql: string) => db.prepare(sql);
    this.s = {
      upsertStore: p(`INSERT INTO stores (kind, path, label) VALUES (@kind, @path, @label)
        ON CONFLICT (path) DO UPDATE SET kind = excluded.kind, label = excluded.label RETURNING store_id`),
      setStoreSql: p(`UPDATE stores SET schema_version = @schemaVersion, fingerprint = @fingerprint WHERE store_id = @storeId`),
      deleteStore: p(`DELETE FROM stores WHERE store_id = @storeId`),
      upsertExperiment: p(`INSERT INTO experiments (store_id, experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time, dir_path)
        VALUES (@storeId, @experimentId, @name, @artifactLocation, @lifecycleStage, @creationTime, @lastUpdateTime, @dirPath)
        ON CONFLICT (store_id, experiment_id) DO UPDATE SET name = excluded.name, artifact_location = excluded.artifact_location,
          lifecycle_stage = excluded.lifecycle_stage, creation_time = excluded.creation_time,
          last_update_time = excluded.last_update_time, dir_path = excluded.dir_path
        RETURNING exp_key`),
      deleteExperiment: p(`DELETE FROM experiments WHERE exp_key = @expKey`),
      deleteExperimentTags: p(`DELETE FROM experiment_tags WHERE exp_key = @expKey`),
      insertExperimentTag: p(`INSERT OR REPLACE INTO experiment_tags (exp_key, key, value) VALUES (@expKey, @key, @value)`),
      upsertRun: p(`INSERT INTO runs (store_id, exp_key, run_id, run_name, status, start_time, end_time, deleted_time, lifecycle_stage, user_id, artifact_uri, parent_run_id, dir_path, meta_sig)
        VALUES (@storeId, @expKey, @runId, @runName, @status, @startTime, @endTime, @deletedTime, @lifecycleStage, @userId, @artifactUri, @parentRunId, @dirPath, @metaSig)
        ON CONFLICT (store_id, run_id) DO UPDATE SET exp_key = excluded.exp_key, run_name = excluded.run_name, status = excluded.status,
          start_time = excluded.start_time, end_time = excluded.end_time, deleted_time = excluded.deleted_time,
          lifecycle_stage = excluded.lifecycle_stage, user_id = excluded.user_id, artifact_uri = excluded.artifact_uri,
          parent_run_id = excluded.parent_run_id, dir_path = excluded.dir_path, meta_sig = excluded.meta_sig
        RETURNING run_key`),
      deleteRun: p(`DELETE FROM runs WHERE run_key = @runKey`),
      // Positional parameters in the statements run per row: binding by name cost ~25% more per insert.
      selectParams: p(`SELECT key, value FROM params WHERE run_key = ?`),
      deleteParam: p(`DELETE FROM params WHERE run_key = ? AND key = ?`),
      insertParam: p(`INSERT OR REPLACE INTO params (run_key, key, value) VALUES (?, ?, ?)`),
      selectTags: p(`SELECT key, value FROM tags WHERE run_key = ?`),
      deleteTag: p(`DELETE FROM tags WHERE run_key = ? AND key = ?`),
      insertTag: p(`INSERT OR REPLACE INTO tags (run_key, key, value) VALUES (?, ?, ?)`),
      deleteDatasets: p(`DELETE FROM dataset_inputs WHERE run_key = @runKey`),
      insertDataset: p(`INSERT INTO dataset_inputs (run_key, name, digest, source_type, source, schema, profile, context, tags_json)
        VALUES (@runKey, @name, @digest, @sourceType, @source, @schema, @profile, @context, @tagsJson)`),
      // seq from the table, not from the caller: a wrong "series is empty" hint costs a chunk, never a conflict.
      insertChunk: p(`INSERT INTO metric_chunks (run_key, key, seq, count, encoding, points)
        VALUES (?, ?, COALESCE((SELECT MAX(seq) + 1 FROM metric_chunks WHERE run_key = ? AND key = ?), 0), ?, ?, ?)`),
      selectLastChunk: p(`SELECT seq, count, encoding, points FROM metric_chunks WHERE run_key = @runKey AND key = @key ORDER BY seq DESC LIMIT 1`),
      updateChunk: p(`UPDATE metric_chunks SET count = @count, encoding = @encoding, points = @points WHERE run_key = @runKey AND key = @key AND seq = @seq`),
      deleteSeriesPoints: p(`DELETE FROM metric_chunks WHERE run_key = @runKey AND key = @key`),
      deleteSeriesLatest: p(`DELETE FROM latest_metrics WHERE run_key = @runKey AND key = @key`),
      deleteSeriesFile: p(`DELETE FROM metric_files WHERE run_key = @runKey AND key = @key`),
      upsertLatest: p(`INSERT OR REPLACE INTO latest_metrics (run_key, key, value, is_nan, step, timestamp, min_value, max_value, count)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      selectLatest: p(`SELECT value, is_nan AS isNan, step, timestamp, min_value AS minValue, max_value AS maxValue, count
        FROM latest_metrics WHERE run_key = @runKey AND key = @key`).safeIntegers(true),
      upsertMetricFile: p(`INSERT OR REPLACE INTO metric_files (run_key, key, path, offset, size, mtime_ms) VALUES (?, ?, ?, ?, ?, ?)`),
      selectMetricFiles: p(`SELECT key, path, offset, size, mtime_ms AS mtimeMs FROM metric_files WHERE run_key = @runKey`),
      selectMetricFileByPath: p(`SELECT run_key AS runKey, key, path, offset, size, mtime_ms AS mtimeMs FROM metric_files WHERE path = @path`),
      upsertLoggedModel: p(`INSERT OR REPLACE INTO logged_models (store_id, model_id, exp_key, name, source_run_id, artifact_location, status, creation_time)
        VALUES (@storeId, @modelId, @expKey, @name, @sourceRunId, @artifactLocation, @status, @creationTime)`),
      // exp_key NULL: the stub survives the experiment's logged-model refresh until the real one appears.
      insertLoggedModelStub: p(`INSERT OR IGNORE INTO logged_models (store_id, model_id, exp_key, name, source_run_id)
        VALUES (@storeId, @modelId, NULL, '', @sourceRunId)`),
      deleteLoggedModelsOfExperiment: p(`DELETE FROM logged_models WHERE exp_key = @expKey`),
      upsertModel: p(`INSERT INTO registered_models (store_id, name, creation_time, last_updated_time, description, is_prompt)
        VALUES (@storeId, @name, @creationTime, @lastUpdatedTime, @description, @isPrompt)
        ON CONFLICT (store_id, name) DO UPDATE SET creation_time = excluded.creation_time, last_updated_time = excluded.last_updated_time,
          description = excluded.description, is_prompt = excluded.is_prompt
        RETURNING rm_key`),
      deleteModelChildren1: p(`DELETE FROM registered_model_tags WHERE rm_key = @rmKey`),
      deleteModelChildren2: p(`DELETE FROM model_versions WHERE rm_key = @rmKey`),
      deleteModelChildren3: p(`DELETE FROM model_aliases WHERE rm_key = @rmKey`),
      deleteModelByName: p(`DELETE FROM registered_models WHERE store_id = @storeId AND name = @name`),
      insertModelTag: p(`INSERT OR REPLACE INTO registered_model_tags (rm_key, key, value) VALUES (@rmKey, @key, @value)`),
      insertVersion: p(`INSERT OR REPLACE INTO model_versions (rm_key, version, creation_time, last_updated_time, description, user_id, current_stage,
          source, storage_location, run_id, run_link, status, status_message, model_id)
        VALUES (@rmKey, @version, @creationTime, @lastUpdatedTime, @description, @userId, @currentStage,
          @source, @storageLocation, @runId, @runLink, @status, @statusMessage, @modelId)`),
      insertVersionTag: p(`INSERT OR REPLACE INTO model_version_tags (rm_key, version, key, value) VALUES (@rmKey, @version, @key, @value)`),
      insertAlias: p(`INSERT OR REPLACE INTO model_aliases (rm_key, alias, version) VALUES (@rmKey, @alias, @version)`),
      insertProblem: p(`INSERT OR IGNORE INTO problems (store_id, path, reason) VALUES (@storeId, @path, @reason)`),
      selectProblemsUnder: p(`SELECT problem_id AS problemId, path FROM problems WHERE path = @path OR (path >= @lo AND path < @hi)`),
      deleteProblem: p(`DELETE FROM problems WHERE problem_id = @problemId`),
      deleteStoreProblems: p(`DELETE FROM problems WHERE store_id = @storeId`),
      deleteUnownedProblems: p(`DELETE FROM problems WHERE store_id IS NULL`),
      selectRunsOfExperiment: p(`SELECT run_key, exp_key, dir_path, meta_sig, status FROM runs WHERE exp_key = ?`),
      selectRunningRunsOfExperiment: p(`SELECT run_key, exp_key, dir_path, meta_sig, status FROM runs WHERE exp_key = ? AND status = 'RUNNING'`),
      selectStoreHasRuns: p(`SELECT EXISTS (SELECT 1 FROM runs WHERE store_id = ?)`),
      selectExperimentsOfStore: p(`SELECT exp_key AS expKey, experiment_id AS experimentId, dir_path AS dirPath, runs_digest AS runsDigest
        FROM experiments WHERE store_id = @storeId`),
      setRunsDigest: p(`UPDATE experiments SET runs_digest = ? WHERE exp_key = ?`),
      selectModelNamesOfStore: p(`SELECT name FROM registered_models WHERE store_id = @storeId`),
    };
  }

  /** After a pass: copy the WAL back into the database without waiting for readers. */
  checkpoint(): void {
    this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  // ───────────────────────────── stores

  upsertStore(kind: StoreKind, path: string, label: string): number {
    return (this.s.upsertStore!.get({ kind, path, label }) as { store_id: number }).store_id;
  }

  setStoreSqlState(storeId: number, schemaVersion: string | null, fingerprint: string | null): void {
    this.s.setStoreSql!.run({ storeId, schemaVersion, fingerprint });
  }

  deleteStore(storeId: number): void {
    this.s.deleteStore!.run({ storeId });
  }

  // ───────────────────────────── experiments

  upsertExperiment(row: ExperimentRow): number {
    return (this.s.upsertExperiment!.get(row) as { exp_key: number }).exp_key;
  }

  replaceExperimentTags(expKey: number, tags: Map<string, string>): void {
    this.s.deleteExperimentTags!.run({ expKey });
    for (const [key, value] of tags) this.s.insertExperimentTag!.run({ expKey, key, value });
  }

  deleteExperiment(expKey: number): void {
    this.s.deleteExperiment!.run({ expKey });
  }

  experimentsOfStore(storeId: number): StoredExperiment[] {
    return this.s.selectExperimentsOfStore!.all({ storeId }) as StoredExperiment[];
  }

  /** Vouches that the experiment's run rows match its folder as a pass listed it (migration 0040). */
  setRunsDigest(expKey: number, digest: string): void {
    this.s.setRunsDigest!.run(digest, expKey);
  }

  // ───────────────────────────── runs

  upsertRun(row: RunRow): number {
    return (this.s.upsertRun!.get(row) as { run_key: number }).run_key;
  }

  deleteRun(runKey: number): void {
    this.s.deleteRun!.run({ runKey });
  }

  /** The runs of an experiment (only its RUNNING ones with `runningOnly`), as the incremental pass compares them. */
  runsOfExperiment(expKey: number, runningOnly = false): StoredRun[] {
    const statement = runningOnly ? this.s.selectRunningRunsOfExperiment! : this.s.selectRunsOfExperiment!;
    // Raw rows: building keyed row objects was a visible part of a reopen.
    const rows = statement.raw(true).all(expKey) as [number, number, string, string | null, string][];
    return rows.map(([runKey, expKey, dirPath, metaSig, status]) => ({ runKey, expKey, dirPath, metaSig, status }));
  }

  storeHasRuns(storeId: number): boolean {
    return this.s.selectStoreHasRuns!.pluck().get(storeId) === 1;
  }

  /**
   * Makes the run's params equal to `params`; true when that changed anything. `known` false: a run
   * new to the index, with nothing to compare or delete.
   */
  replaceParams(runKey: number, params: ReadonlyMap<string, string>, known = true): boolean {
    return this.replaceKeyValues(this.s.selectParams!, this.s.deleteParam!, this.s.insertParam!, runKey, params, known);
  }

  /** As replaceParams, for the run's tags. */
  replaceTags(runKey: number, tags: ReadonlyMap<string, string>, known = true): boolean {
    return this.replaceKeyValues(this.s.selectTags!, this.s.deleteTag!, this.s.insertTag!, runKey, tags, known);
  }

  private replaceKeyValues(select: Statement, remove: Statement, insert: Statement, runKey: number, wanted: ReadonlyMap<string, string>, known: boolean): boolean {
    if (!known) {
      for (const [key, value] of wanted) insert.run(runKey, key, value);
      return wanted.size > 0;
    }
    // Only the differences are written: a RUNNING run is read again on every pass and every live
    // update, and rewriting its unchanged rows (and their key/value index entries) was most of that.
    let changed = false;
    const had = new Map(select.raw(true).all(runKey) as [string, string][]);
    for (const key of had.keys()) {
      if (!wanted.has(key)) {
        remove.run(runKey, key);
        changed = true;
      }
    }
    for (const [key, value] of wanted) {
      if (had.get(key) !== value) {
        insert.run(runKey, key, value);
        changed = true;
      }
    }
    return changed;
  }

  replaceDatasets(runKey: number, datasets: RunDatasetInput[], clear = true): void {
    if (clear) this.s.deleteDatasets!.run({ runKey });
    for (const d of datasets) {
      this.s.insertDataset!.run({
        runKey,
        name: d.name,
        digest: d.digest,
        sourceType: d.sourceType,
        source: d.source,
        schema: d.schema,
        profile: d.profile,
        context: d.context,
        tagsJson: JSON.stringify(d.tags),
      });
    }
  }

  // ───────────────────────────── metrics

  /**
   * Appends points (in file order) to a series as one packed chunk, or merges them into a small last
   * chunk. `seriesIsEmpty` says the caller knows the series has no chunk yet (first read of a file),
   * which saves looking for the last one.
   */
  appendPoints(runKey: number, key: string, points: readonly MetricPoint[], seriesIsEmpty: boolean): void {
    if (points.length === 0) return;
    const last = seriesIsEmpty
      ? undefined
      : (this.s.selectLastChunk!.raw(false).get({ runKey, key }) as { seq: number; count: number; encoding: number; points: Buffer } | undefined);
    if (last && last.count < MERGE_BELOW_POINTS) {
      const merged = columnsToPoints(unpackChunks([[last.count, last.encoding, last.points] as ChunkRow]));
      for (const p of points) merged.push(p);
      this.s.updateChunk!.run({ runKey, key, seq: last.seq, ...packPoints(merged) });
      return;
    }
    this.insertPacked(runKey, key, packPoints(points));
  }

  /** Adds an already packed chunk after the series' last one. */
  insertPacked(runKey: number, key: string, packed: PackedChunk): void {
    this.s.insertChunk!.run(runKey, key, runKey, key, packed.count, packed.encoding, packed.points);
  }

  /** Forget one series (its file shrank, moved or disappeared). */
  deleteSeries(runKey: number, key: string): void {
    this.s.deleteSeriesPoints!.run({ runKey, key });
    this.s.deleteSeriesLatest!.run({ runKey, key });
    this.s.deleteSeriesFile!.run({ runKey, key });
  }

  latestOf(runKey: number, key: string): MetricSummaryAcc | null {
    const row = this.s.selectLatest!.get({ runKey, key }) as
      | { value: number | null; isNan: bigint; step: bigint; timestamp: bigint; minValue: number | null; maxValue: number | null; count: bigint }
      | undefined;
    if (!row) return null;
    return {
      latest: { step: fromDbInt(row.step), timestamp: fromDbInt(row.timestamp), value: row.isNan ? Number.NaN : Number(row.value) },
      min: row.minValue,
      max: row.maxValue,
      count: Number(row.count),
    };
  }

  writeLatest(runKey: number, key: string, acc: MetricSummaryAcc): void {
    if (!acc.latest) {
      this.s.deleteSeriesLatest!.run({ runKey, key });
      return;
    }
    const nan = Number.isNaN(acc.latest.value);
    this.s.upsertLatest!.run(runKey, key, nan ? null : acc.latest.value, nan ? 1 : 0, toDbInt(acc.latest.step), toDbInt(acc.latest.timestamp), acc.min, acc.max, acc.count);
  }

  writeMetricFile(runKey: number, file: StoredMetricFile): void {
    this.s.upsertMetricFile!.run(runKey, file.key, file.path, file.offset, file.size, file.mtimeMs);
  }

  metricFilesOf(runKey: number): StoredMetricFile[] {
    return this.s.selectMetricFiles!.all({ runKey }) as StoredMetricFile[];
  }

  metricFileByPath(path: string): (StoredMetricFile & { runKey: number }) | null {
    return (this.s.selectMetricFileByPath!.get({ path }) as (StoredMetricFile & { runKey: number }) | undefined) ?? null;
  }

  // ───────────────────────────── logged models

  replaceLoggedModels(storeId: number, expKey: number, models: LoggedModelRecord[]): void {
    this.s.deleteLoggedModelsOfExperiment!.run({ expKey });
    for (const m of models) {
      this.s.upsertLoggedModel!.run({
        storeId,
        modelId: m.modelId,
        expKey,
        name: m.name,
        sourceRunId: m.sourceRunId,
        artifactLocation: m.artifactLocation,
        status: m.status,
        creationTime: m.creationTime,
      });
    }
  }

  /** A run output naming a model the experiment's models/ folder does not hold: keep the link. */
  linkOutputModel(storeId: number, modelId: string, sourceRunId: string): void {
    this.s.insertLoggedModelStub!.run({ storeId, modelId, sourceRunId });
  }

  // ───────────────────────────── registry

  replaceRegisteredModel(storeId: number, m: RegisteredModelRecord): number {
    const rmKey = (
      this.s.upsertModel!.get({
        storeId,
        name: m.name,
        creationTime: m.creationTime,
        lastUpdatedTime: m.lastUpdatedTime,
        description: m.description,
        isPrompt: m.isPrompt ? 1 : 0,
      }) as { rm_key: number }
    ).rm_key;
    this.s.deleteModelChildren1!.run({ rmKey });
    this.s.deleteModelChildren2!.run({ rmKey });
    this.s.deleteModelChildren3!.run({ rmKey });
    for (const [key, value] of m.tags) this.s.insertModelTag!.run({ rmKey, key, value });
    for (const v of m.versions) {
      this.s.insertVersion!.run({
        rmKey,
        version: v.version,
        creationTime: v.creationTime,
        lastUpdatedTime: v.lastUpdatedTime,
        description: v.description,
        userId: v.userId,
        currentStage: v.currentStage,
        source: v.source,
        storageLocation: v.storageLocation,
        runId: v.runId,
        runLink: v.runLink,
        status: v.status,
        statusMessage: v.statusMessage,
        modelId: v.modelId,
      });
      for (const [key, value] of v.tags) this.s.insertVersionTag!.run({ rmKey, version: v.version, key, value });
    }
    for (const a of m.aliases) this.s.insertAlias!.run({ rmKey, alias: a.alias, version: a.version });
    return rmKey;
  }

  deleteRegisteredModel(storeId: number, name: string): void {
    this.s.deleteModelByName!.run({ storeId, name });
  }

  modelNamesOfStore(storeId: number): string[] {
    return (this.s.selectModelNamesOfStore!.all({ storeId }) as { name: string }[]).map((r) => r.name);
  }

  // ───────────────────────────── problems

  addProblem(storeId: number | null, path: string, reason: string): void {
    this.s.insertProblem!.run({ storeId, path, reason });
  }

  /**
   * Clears the problems recorded at `path` or below it, except those `keep` says to keep (runs that
   * were not re-read in this pass keep theirs). Problems of a re-scanned path are replaced, not piled up.
   */
  clearProblemsUnder(path: string, keep?: KeepProblem): void {
    // Every path below `path` sorts between `path/` and `path0` ('0' follows '/'; on Windows '\\'
    // is followed by ']').
    const hi = path + String.fromCharCode(sep.charCodeAt(0) + 1);
    const rows = this.s.selectProblemsUnder!.all({ path, lo: path + sep, hi }) as { problemId: number; path: string }[];
    for (const row of rows) {
      if (keep?.(row.path)) continue;
      this.s.deleteProblem!.run({ problemId: row.problemId });
    }
  }

  clearStoreProblems(storeId: number): void {
    this.s.deleteStoreProblems!.run({ storeId });
  }

  clearDiscoveryProblems(): void {
    this.s.deleteUnownedProblems!.run();
  }
}
