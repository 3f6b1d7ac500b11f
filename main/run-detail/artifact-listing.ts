import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ArtifactEntry } from '../../preload/contract.js';
import { AppError } from '../services/app-error.js';
import { isInside, parseArtifactPath, resolveArtifact } from './artifact-paths.js';
import { LOGGED_MODELS_FOLDER, type RunArtifactRoots } from './artifact-roots.js';

/**
 * One folder of a run's artifacts: folders first, then files, each by name (numeric-aware, so
 * `step-9` comes before `step-10`). Symlinks that lead outside the artifact root, and broken ones,
 * are left out. At the root, the run's 3.x logged models appear as the folder `models/`.
 */
export function listArtifacts(roots: RunArtifactRoots, path: string): ArtifactEntry[] {
  const segments = parseArtifactPath(path);
  const entries = new Map<string, ArtifactEntry>();
  // With only logged models on this machine, the root holds just their virtual folder.
  const onlyModelsHere = segments.length === 0 && !roots.run;
  if (onlyModelsHere && roots.models.length === 0) throw new AppError('NOT_FOUND', 'This run’s artifacts are not on this machine.');
  if (!onlyModelsHere) {
    const target = resolveArtifact(roots, segments);
    if (target.kind === 'real') {
      for (const entry of readFolder(target.root, target.real, segments)) entries.set(entry.name, entry);
    } else if (target.realModelsDir && roots.run) {
      for (const entry of readFolder(roots.run, target.realModelsDir, segments)) entries.set(entry.name, entry);
    }
  }
  if (segments.length === 0 && roots.models.length > 0) {
    entries.set(LOGGED_MODELS_FOLDER, { path: LOGGED_MODELS_FOLDER, name: LOGGED_MODELS_FOLDER, isDir: true, size: 0 });
  }
  if (segments.length === 1 && segments[0] === LOGGED_MODELS_FOLDER) {
    // A logged model wins over a real folder of the same name: that is where its files are reached.
    for (const model of roots.models) {
      entries.set(model.label, { path: `${LOGGED_MODELS_FOLDER}/${model.label}`, name: model.label, isDir: true, size: 0 });
    }
  }
  return [...entries.values()].sort(compareEntries);
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

function compareEntries(a: ArtifactEntry, b: ArtifactEntry): number {
  if (a.isDir !== b.isDir) return a.isDir ? -1 : 1;
  return collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function readFolder(root: string, folder: string, segments: string[]): ArtifactEntry[] {
  let dirents;
  try {
    const stat = statSync(folder);
    if (!stat.isDirectory()) throw new AppError('BAD_REQUEST', `“${segments.join('/')}” is a file, not a folder.`);
    dirents = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('NOT_FOUND', `The folder “${segments.join('/')}” could not be read.`);
  }
  const entries: ArtifactEntry[] = [];
  for (const dirent of dirents) {
    const full = join(folder, dirent.name);
    let target = full;
    if (dirent.isSymbolicLink()) {
      try {
        target = realpathSync(full);
      } catch {
        continue; // broken link
      }
      if (!isInside(root, target)) continue;
    }
    let stat;
    try {
      stat = statSync(target);
    } catch {
      continue; // vanished while listing
    }
    const isDir = stat.isDirectory();
    entries.push({ path: [...segments, dirent.name].join('/'), name: dirent.name, isDir, size: isDir ? 0 : stat.size });
  }
  return entries;
}
