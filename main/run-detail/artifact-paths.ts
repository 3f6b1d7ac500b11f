import { realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { AppError } from '../services/app-error.js';
import { LOGGED_MODELS_FOLDER, type RunArtifactRoots } from './artifact-roots.js';

/**
 * Splits a requested artifact path into segments. The renderer only ever sends paths it got from a
 * listing, so anything absolute, with `..`, or with NUL is an attack or a bug: BAD_REQUEST.
 * '' (or '/'-free empty segments) is the root; both `/` and `\` separate segments.
 */
export function parseArtifactPath(path: string): string[] {
  if (typeof path !== 'string') throw new AppError('BAD_REQUEST', 'An artifact path must be text.');
  if (path.includes('\0')) throw new AppError('BAD_REQUEST', 'An artifact path cannot contain a NUL character.');
  if (/^[/\\]/.test(path) || /^[a-zA-Z]:/.test(path)) throw new AppError('BAD_REQUEST', 'An artifact path must be relative to the run’s artifacts.');
  const segments = path.split(/[/\\]/).filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) throw new AppError('BAD_REQUEST', 'An artifact path cannot contain “..”.');
  return segments;
}

/** Where a request lands: a folder inside one real root, or the virtual folder of logged models. */
export type ArtifactTarget =
  | { kind: 'real'; root: string; real: string; segments: string[] }
  | { kind: 'models-folder'; realModelsDir: string | null };

/**
 * Resolves segments to a real path inside the run's artifacts (or a logged model's, under
 * `models/<label>/`). The realpath must stay inside the root's realpath, so a symlink pointing
 * outside is refused as NOT_FOUND, exactly like a missing file, and reveals nothing.
 */
export function resolveArtifact(roots: RunArtifactRoots, segments: string[]): ArtifactTarget {
  if (segments[0] === LOGGED_MODELS_FOLDER && roots.models.length > 0) {
    if (segments.length === 1) {
      return { kind: 'models-folder', realModelsDir: roots.run ? realInside(roots.run, [LOGGED_MODELS_FOLDER], true) : null };
    }
    const model = roots.models.find((m) => m.label === segments[1]);
    if (model) return { kind: 'real', root: model.root, real: realInside(model.root, segments.slice(2)), segments };
  }
  if (!roots.run) throw new AppError('NOT_FOUND', 'This run’s artifacts are not on this machine.');
  return { kind: 'real', root: roots.run, real: realInside(roots.run, segments), segments };
}

/** Real path of `root/segments…`, checked to be inside `root` (itself a realpath). */
export function realInside(root: string, segments: string[], optional?: false): string;
export function realInside(root: string, segments: string[], optional: true): string | null;
export function realInside(root: string, segments: string[], optional = false): string | null {
  let real: string;
  try {
    real = realpathSync(join(root, ...segments));
  } catch {
    if (optional) return null;
    throw new AppError('NOT_FOUND', `There is no artifact “${segments.join('/')}”.`);
  }
  if (!isInside(root, real)) {
    if (optional) return null;
    throw new AppError('NOT_FOUND', `There is no artifact “${segments.join('/')}”.`);
  }
  return real;
}

export function isInside(root: string, real: string): boolean {
  return real === root || real.startsWith(root.endsWith(sep) ? root : root + sep);
}
