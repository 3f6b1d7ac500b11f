import { join } from 'node:path';
import { listSubdirsSync } from './layout.js';
import type { ProblemSink } from './key-files.js';
import { str, ms, idStr } from './parse-yaml.js';
import { readYamlFileSync } from './read-yaml-file.js';

export interface DatasetRecord {
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema: string;
  profile: string;
}

export interface RunDatasetInput extends DatasetRecord {
  context: string | null;
  tags: Record<string, string>;
}

export interface LoggedModelRecord {
  modelId: string;
  name: string;
  experimentId: string | null;
  sourceRunId: string | null;
  artifactLocation: string | null;
  status: number | null;
  creationTime: number | null;
}

/** `<exp>/datasets/<dataset_id>/meta.yaml` (2.4+), cached per experiment by the caller. */
export function readDatasetSync(experimentDir: string, datasetId: string, report: ProblemSink): DatasetRecord | null {
  const path = join(experimentDir, 'datasets', datasetId, 'meta.yaml');
  const read = readYamlFileSync(path);
  if (!read.ok) {
    report(path, read.kind === 'missing' ? 'A run input names this dataset, but its meta.yaml is missing.' : read.reason);
    return null;
  }
  const m = read.value;
  return {
    name: str(m.name) ?? '',
    digest: str(m.digest) ?? '',
    sourceType: str(m.source_type) ?? '',
    source: str(m.source) ?? '',
    schema: str(m.schema) ?? '',
    profile: str(m.profile) ?? '',
  };
}

function stringTags(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = str(v) ?? '';
  }
  return out;
}

/**
 * A run's dataset inputs: `<run>/inputs/<input_id>/meta.yaml` with source_type DATASET, resolved
 * through the experiment's datasets/ folder. (`destination_id` is unreliable in MLflow; unused.)
 * 3.x model inputs (source_type MODEL) are not datasets and are skipped.
 */
export function readRunDatasetInputsSync(
  runDir: string,
  experimentDir: string,
  datasetCache: Map<string, DatasetRecord | null>,
  report: ProblemSink,
): RunDatasetInput[] {
  const inputsDir = join(runDir, 'inputs');
  const out: RunDatasetInput[] = [];
  for (const inputId of listSubdirsSync(inputsDir, report)) {
    const path = join(inputsDir, inputId, 'meta.yaml');
    const read = readYamlFileSync(path);
    if (!read.ok) {
      if (read.kind !== 'missing') report(path, read.reason);
      continue;
    }
    if ((str(read.value.source_type) ?? '').toUpperCase() !== 'DATASET') continue;
    const datasetId = idStr(read.value.source_id);
    if (!datasetId) {
      report(path, 'Dataset input has no source_id.');
      continue;
    }
    if (!datasetCache.has(datasetId)) datasetCache.set(datasetId, readDatasetSync(experimentDir, datasetId, report));
    const dataset = datasetCache.get(datasetId);
    if (!dataset) continue;
    const tags = stringTags(read.value.tags);
    out.push({ ...dataset, tags, context: tags['mlflow.data.context'] ?? null });
  }
  return out;
}

/** Model ids under `<run>/outputs/` (3.0+): the logged models this run produced. */
export function readRunOutputModelIdsSync(runDir: string, report: ProblemSink): string[] {
  return listSubdirsSync(join(runDir, 'outputs'), report);
}

/** Logged models (3.0+): `<exp>/models/m-…/meta.yaml`. */
export function readLoggedModelsSync(experimentDir: string, report: ProblemSink): LoggedModelRecord[] {
  const modelsDir = join(experimentDir, 'models');
  const out: LoggedModelRecord[] = [];
  for (const folder of listSubdirsSync(modelsDir, report)) {
    const path = join(modelsDir, folder, 'meta.yaml');
    const read = readYamlFileSync(path);
    if (!read.ok) {
      report(path, read.kind === 'missing' ? 'Logged model folder has no meta.yaml; skipped.' : read.reason);
      continue;
    }
    const m = read.value;
    const status = m.status;
    out.push({
      modelId: idStr(m.model_id) || folder,
      name: str(m.name) ?? '',
      experimentId: idStr(m.experiment_id),
      sourceRunId: idStr(m.source_run_id),
      artifactLocation: str(m.artifact_location),
      status: typeof status === 'number' ? status : null,
      creationTime: ms(m.creation_timestamp),
    });
  }
  return out;
}
