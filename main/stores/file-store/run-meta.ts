import type { LifecycleStage, RunStatus } from '../../../preload/contract.js';
import { idStr, ms, str } from './parse-yaml.js';

const STATUS_BY_INT: Record<number, RunStatus> = { 1: 'RUNNING', 2: 'SCHEDULED', 3: 'FINISHED', 4: 'FAILED', 5: 'KILLED' };
const STATUS_NAMES = new Set<RunStatus>(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);

export interface RunMeta {
  runId: string;
  experimentId: string | null;
  /** run_name from meta.yaml ('' when absent: the caller falls back to tag mlflow.runName). */
  runName: string;
  status: RunStatus;
  startTime: number | null;
  endTime: number | null;
  deletedTime: number | null;
  lifecycleStage: LifecycleStage;
  userId: string;
  artifactUri: string | null;
  /** Sentences about fields that had to be guessed. */
  warnings: string[];
}

/**
 * A run's meta.yaml as MLflow's `_read_persisted_run_info_dict` reads it: status is the RunStatus
 * int (missing ⇒ RUNNING), lifecycle_stage missing ⇒ active, experiment_id may be an unquoted int,
 * run_id falls back to run_uuid (0.x) and then to the folder name.
 */
export function parseRunMeta(meta: Record<string, unknown>, folderName: string): RunMeta {
  const warnings: string[] = [];
  const runId = idStr(meta.run_id) || idStr(meta.run_uuid) || folderName;
  let status: RunStatus = 'RUNNING';
  const rawStatus = meta.status;
  if (typeof rawStatus === 'number' && STATUS_BY_INT[rawStatus]) status = STATUS_BY_INT[rawStatus]!;
  else if (typeof rawStatus === 'string' && STATUS_NAMES.has(rawStatus.toUpperCase() as RunStatus)) status = rawStatus.toUpperCase() as RunStatus;
  else if (rawStatus !== undefined && rawStatus !== null) warnings.push(`Unknown run status '${String(rawStatus)}'; shown as RUNNING.`);
  const stage = str(meta.lifecycle_stage);
  return {
    runId,
    experimentId: idStr(meta.experiment_id),
    runName: str(meta.run_name) ?? '',
    status,
    startTime: ms(meta.start_time),
    endTime: ms(meta.end_time),
    deletedTime: ms(meta.deleted_time),
    lifecycleStage: stage === 'deleted' ? 'deleted' : 'active',
    userId: str(meta.user_id) ?? '',
    artifactUri: str(meta.artifact_uri),
    warnings,
  };
}

export interface ExperimentMeta {
  experimentId: string | null;
  name: string;
  artifactLocation: string | null;
  lifecycleStage: LifecycleStage;
  creationTime: number | null;
  lastUpdateTime: number | null;
}

export function parseExperimentMeta(meta: Record<string, unknown>): ExperimentMeta {
  return {
    experimentId: idStr(meta.experiment_id),
    name: str(meta.name) ?? '',
    artifactLocation: str(meta.artifact_location),
    lifecycleStage: str(meta.lifecycle_stage) === 'deleted' ? 'deleted' : 'active',
    creationTime: ms(meta.creation_time),
    lastUpdateTime: ms(meta.last_update_time),
  };
}
