import { statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { isUndecodableName, listDirSync, type ProblemSink } from './key-files.js';
import { describeFsError } from './read-capped.js';

/** Folder names with a fixed meaning in an MLflow file store (mlflow/store/tracking/file_store.py). */
export const TRASH_FOLDER = '.trash';
export const REGISTRY_FOLDER = 'models';
export const META_FILE = 'meta.yaml';
/** Sub-folders of an experiment that are never runs (RESERVED_EXPERIMENT_FOLDERS). */
export const RESERVED_EXPERIMENT_FOLDERS: ReadonlySet<string> = new Set(['tags', 'datasets', 'traces', 'models']);

export interface ExperimentDir {
  /** Folder name: MLflow's experiment id. */
  folderId: string;
  dir: string;
  trashed: boolean;
}

/** Whether a directory entry is a folder, following symlinks as MLflow's os.path.isdir does. */
export function isDirEntry(parent: string, entry: Dirent): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(join(parent, entry.name)).isDirectory();
  } catch {
    return false;
  }
}

/** Sub-folders of `dir`, skipping names that are not UTF-8 (reported). Missing folder ⇒ []. */
export function listSubdirsSync(dir: string, report: ProblemSink, skip?: ReadonlySet<string>): string[] {
  let entries: Dirent[];
  try {
    entries = listDirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') report(dir, `Folder ${describeFsError(error)}.`);
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    if (skip?.has(entry.name)) continue;
    if (!isDirEntry(dir, entry)) continue;
    if (isUndecodableName(entry.name)) {
      report(join(dir, entry.name), 'Folder name is not valid UTF-8; skipped.');
      continue;
    }
    out.push(entry.name);
  }
  return out;
}

/** Active experiments (every sub-folder of the root but .trash and models) and trashed ones. */
export function listExperimentDirsSync(root: string, report: ProblemSink): ExperimentDir[] {
  const active = listSubdirsSync(root, report, new Set([TRASH_FOLDER, REGISTRY_FOLDER]));
  const trashRoot = join(root, TRASH_FOLDER);
  const trashed = listSubdirsSync(trashRoot, report);
  return [
    ...active.map((name) => ({ folderId: name, dir: join(root, name), trashed: false })),
    ...trashed.map((name) => ({ folderId: name, dir: join(trashRoot, name), trashed: true })),
  ];
}

/** Candidate run folders of an experiment: every sub-folder but the reserved ones. */
export function listRunDirNamesSync(experimentDir: string, report: ProblemSink): string[] {
  return listSubdirsSync(experimentDir, report, RESERVED_EXPERIMENT_FOLDERS);
}
