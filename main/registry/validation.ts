import { posix } from 'node:path';
import type { ModelStage } from '../../preload/contract.js';
import { AppError } from '../services/app-error.js';

/**
 * Names and values checked exactly as MLflow checks them (mlflow/utils/validation.py and
 * mlflow/store/model_registry/file_store.py), so RunDesk never writes something MLflow would refuse
 * or misread. Each check throws AppError('BAD_REQUEST') with MLflow's reason in one sentence.
 *
 * One deliberate difference: Python's `re.match(r'^…$')` also accepts a single trailing newline,
 * which would create a file named `alias\n`; RunDesk rejects it.
 */

// Python's \w in a str pattern: letters, digits and other numeric characters, and underscore.
const ALIAS = /^[\p{L}\p{N}_-]*$/u;
const ALIAS_VERSION = /^[vV]\d+$/;
const TAG_KEY = /^[/\p{L}\p{N}_.\- :]*$/u;
const TAG_KEY_WINDOWS = /^[/\p{L}\p{N}_.\- ]*$/u;

export const MAX_ALIAS_LENGTH = 255;
export const MAX_TAG_KEY_LENGTH = 250;
/** MLflow 3.x file store limit; older MLflow and the SQL registry tables used 5000. */
export const MAX_TAG_VALUE_LENGTH = 100_000;
export const MAX_SQL_TAG_VALUE_LENGTH = 5_000;
export const MAX_DESCRIPTION_LENGTH = 100_000;

const bad = (message: string): never => {
  throw new AppError('BAD_REQUEST', message);
};

/** `path_not_unique`: the name must not normalise to another path. */
function pathNotUnique(name: string): boolean {
  const norm = posix.normalize(name);
  // Python's posixpath.normpath drops a trailing slash and keeps '//' at the start; mirror both.
  const pythonNorm = norm.length > 1 && norm.endsWith('/') ? norm.slice(0, -1) : norm;
  return pythonNorm !== name || pythonNorm === '.' || pythonNorm.startsWith('..') || pythonNorm.startsWith('/');
}

export function validateModelName(name: string): void {
  if (name === '') bad('A registered model name cannot be empty.');
  if (name.includes('/') || name.includes('\\')) bad(`Invalid name '${name}': a registered model name cannot contain a path separator.`);
  if (name.includes('%')) bad(`Invalid name '${name}': a registered model name cannot contain '%'.`);
  if (name === '.' || name === '..') bad(`Invalid name '${name}'.`);
  if (/[\0\n\r]/.test(name)) bad('A registered model name cannot contain control characters.');
}

export function validateAlias(alias: string): void {
  if (alias === '') bad('An alias name cannot be empty.');
  if (!ALIAS.test(alias)) bad(`Invalid alias name '${alias}': names may only contain letters, digits, underscores (_) and dashes (-).`);
  if (alias.length > MAX_ALIAS_LENGTH) bad(`An alias name can be at most ${MAX_ALIAS_LENGTH} characters long.`);
  if (alias.toLowerCase() === 'latest') bad("The alias 'latest' is reserved (it always means the newest version).");
  if (ALIAS_VERSION.test(alias)) bad(`The alias '${alias}' is reserved: v<number> names a version.`);
}

export function validateTagKey(key: string, platform: NodeJS.Platform = process.platform): void {
  if (key === '') bad('A tag key cannot be empty.');
  const pattern = platform === 'win32' ? TAG_KEY_WINDOWS : TAG_KEY;
  if (!pattern.test(key)) {
    bad(`Invalid tag key '${key}': keys may only contain letters, digits, underscores (_), dashes (-), periods (.), spaces${platform === 'win32' ? '' : ', colons (:)'} and slashes (/).`);
  }
  if (pathNotUnique(key)) bad(`Invalid tag key '${key}': it would resolve to '${posix.normalize(key)}' when used as a file name.`);
  if (key.length > MAX_TAG_KEY_LENGTH) bad(`A tag key can be at most ${MAX_TAG_KEY_LENGTH} characters long.`);
}

export function validateTagValue(value: string, limit = MAX_TAG_VALUE_LENGTH): void {
  if (value.length > limit) bad(`A tag value can be at most ${limit} characters long here (this one has ${value.length}).`);
}

export function validateDescription(description: string): void {
  if (description.length > MAX_DESCRIPTION_LENGTH) bad(`A description can be at most ${MAX_DESCRIPTION_LENGTH} characters long.`);
}

const STAGES: readonly ModelStage[] = ['None', 'Staging', 'Production', 'Archived'];

/** `get_canonical_stage`: case-insensitive input, canonical capitalisation out. */
export function canonicalStage(stage: string): ModelStage {
  const found = STAGES.find((s) => s.toLowerCase() === stage.toLowerCase());
  if (!found) return bad(`Invalid stage '${stage}': use one of None, Staging, Production, Archived.`);
  return found;
}

/** MLflow only archives the versions already in an active stage (Staging, Production). */
export function validateArchiveExisting(stage: ModelStage, archiveExisting: boolean): void {
  if (archiveExisting && stage !== 'Staging' && stage !== 'Production') {
    bad(`Archiving the versions already in a stage only works for Staging and Production, not ${stage}.`);
  }
}
