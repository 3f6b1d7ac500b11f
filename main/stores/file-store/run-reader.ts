import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { isUndecodableName, listDirSync, readKeyValueTreeSync, type ProblemSink } from './key-files.js';
import { META_FILE } from './layout.js';
import { describeFsError } from './read-capped.js';
import { readYamlFileSync } from './read-yaml-file.js';
import { parseRunMeta, type RunMeta } from './run-meta.js';
import { readRunDatasetInputsSync, readRunOutputModelIdsSync, type DatasetRecord, type RunDatasetInput } from './run-links.js';

export interface RunRecord {
  meta: RunMeta;
  /** run_name, or tag mlflow.runName when run_name is missing or empty. */
  runName: string;
  params: Map<string, string>;
  tags: Map<string, string>;
  parentRunId: string | null;
  datasets: RunDatasetInput[];
  outputModelIds: string[];
}

export type RunMetaRead =
  | { ok: true; meta: RunMeta; sig: string }
  /** missing: not a run folder (MLflow skips it silently). unsettled: retry later. broken: report. */
  | { ok: false; kind: 'missing' | 'unsettled' | 'broken'; reason: string; sig: string | null };

/**
 * "mtimeMs:size" of a file: what the incremental reopen compares to decide whether to re-read. Null
 * when the file is missing; "!CODE" when it cannot be stat'ed (a symbolic link loop, no permission),
 * so the read that follows reports why instead of the stat stopping the whole pass.
 */
export function fileSig(path: string): string | null {
  let s;
  try {
    // throwIfNoEntry: a missing file is common (folders that are not runs) and exceptions are slow.
    s = statSync(path, { throwIfNoEntry: false });
  } catch (error) {
    return `!${(error as NodeJS.ErrnoException).code ?? 'ERROR'}`;
  }
  return s ? `${Math.trunc(s.mtimeMs)}:${s.size}` : null;
}

/**
 * Reads a run's meta.yaml. `listedSig` is its signature from a pass's listing, which stat'ed it
 * already; without one the file is stat'ed here.
 */
export function readRunMetaSync(runDir: string, folderName: string, listedSig?: string | null): RunMetaRead {
  const path = join(runDir, META_FILE);
  // Stat before reading: if the file changes in between, the stored signature is the older one and
  // the next pass reads it again (an earlier listing's signature is older still: the same holds).
  const sig = listedSig === undefined ? fileSig(path) : listedSig;
  if (sig === null) return { ok: false, kind: 'missing', reason: 'Run folder has no meta.yaml.', sig: null };
  const read = readYamlFileSync(path);
  if (!read.ok) return { ...read, sig };
  return { ok: true, meta: parseRunMeta(read.value, folderName), sig };
}

/** Params, tags and inputs/outputs of a run whose meta.yaml has been read. */
export function readRunBodySync(
  runDir: string,
  meta: RunMeta,
  experimentDir: string,
  datasetCache: Map<string, DatasetRecord | null>,
  report: ProblemSink,
): RunRecord {
  // One listing of the run folder tells which optional folders (2.4+ inputs, 3.x outputs) exist.
  let names: Set<string>;
  try {
    names = new Set(readdirSync(runDir));
  } catch {
    names = new Set(['params', 'tags', 'inputs', 'outputs']);
  }
  const params = names.has('params') ? readKeyValueTreeSync(join(runDir, 'params'), report) : new Map<string, string>();
  const tags = names.has('tags') ? readKeyValueTreeSync(join(runDir, 'tags'), report) : new Map<string, string>();
  const runName = meta.runName || tags.get('mlflow.runName') || '';
  return {
    meta,
    runName,
    params,
    tags,
    parentRunId: tags.get('mlflow.parentRunId') || null,
    datasets: names.has('inputs') ? readRunDatasetInputsSync(runDir, experimentDir, datasetCache, report) : [],
    outputModelIds: names.has('outputs') ? readRunOutputModelIdsSync(runDir, report) : [],
  };
}

export interface MetricFileRef {
  key: string;
  path: string;
}

/** Metric files of a run; a key with '/' is a nested folder under metrics/. */
export function listMetricFilesSync(runDir: string, report: ProblemSink): MetricFileRef[] {
  const out: MetricFileRef[] = [];
  walk(join(runDir, 'metrics'), '', 0);
  return out;

  function walk(dir: string, prefix: string, depth: number): void {
    let entries: Dirent[];
    try {
      entries = listDirSync(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && depth === 0) return;
      report(dir, `Folder ${describeFsError(error)}.`);
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (isUndecodableName(entry.name)) {
        report(path, 'Metric name is not valid UTF-8; skipped.');
        continue;
      }
      if (entry.isDirectory()) {
        if (depth < 32) walk(path, `${prefix}${entry.name}/`, depth + 1);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        out.push({ key: prefix + entry.name, path });
      } else {
        report(path, 'Metric file is not a regular file (a pipe, device or socket); skipped.');
      }
    }
  }
}
