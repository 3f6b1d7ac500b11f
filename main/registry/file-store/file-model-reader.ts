import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { AppError } from '../../services/app-error.js';
import type { ModelState } from '../edit-model.js';
import { validateModelName } from '../validation.js';
import { hasUnicodeLineBreak, parseYamlMap, YamlReadError } from '../yaml/yaml-read.js';
import type { YamlMap } from '../yaml/yaml-values.js';
import { isTempFileName, snapshotFile, type FileSnapshot } from './atomic-files.js';

/**
 * Reads one registered model of a file store straight from disk (never from the index), keeping
 * the bytes of every file so the writer can tell whether anything changed before it commits.
 * Layout: `<root>/models/<name>/{meta.yaml, tags/…, aliases/<alias>, version-N/{meta.yaml, tags/…}}`.
 */
export interface ValueFile {
  snapshot: FileSnapshot;
  value: string;
}

export interface MetaFile {
  snapshot: FileSnapshot;
  /** Null when the file is missing or cannot be parsed (see `problem`). */
  data: YamlMap | null;
  problem: string | null;
}

export interface FileVersion {
  dir: string;
  meta: MetaFile;
  tags: Map<string, ValueFile>;
}

export interface FileModel {
  dir: string;
  meta: MetaFile;
  tags: Map<string, ValueFile>;
  aliases: Map<string, ValueFile>;
  versions: Map<number, FileVersion>;
  state: ModelState;
}

export function modelDir(storeRoot: string, name: string): string {
  validateModelName(name);
  return join(storeRoot, 'models', name);
}

export function readFileModel(storeRoot: string, name: string): FileModel {
  const dir = modelDir(storeRoot, name);
  if (!isDirectory(dir)) throw new AppError('NOT_FOUND', `The registered model '${name}' no longer exists in this store.`);
  const meta = readMeta(join(dir, 'meta.yaml'));
  if (!meta.data) throw new AppError('UNSUPPORTED', `The meta.yaml of model '${name}' cannot be read (${meta.problem}); RunDesk will not edit it.`);
  const tags = readValueFiles(join(dir, 'tags'));
  const aliases = readValueFiles(join(dir, 'aliases'));
  const versions = new Map<number, FileVersion>();
  for (const entry of safeReadDir(dir)) {
    if (!entry.startsWith('version-') || !isDirectory(join(dir, entry))) continue;
    const versionDir = join(dir, entry);
    const versionMeta = readMeta(join(versionDir, 'meta.yaml'));
    // MLflow trusts the `version` field; the folder name is the fallback for a damaged file.
    const fromMeta = versionMeta.data?.version;
    const number = typeof fromMeta === 'number' ? fromMeta : Number(entry.slice('version-'.length));
    if (!Number.isSafeInteger(number)) continue;
    versions.set(number, { dir: versionDir, meta: versionMeta, tags: readValueFiles(join(versionDir, 'tags')) });
  }
  const state: ModelState = {
    name,
    description: textOrNull(meta.data.description),
    tags: new Map([...tags].map(([k, v]) => [k, v.value])),
    aliases: new Map(
      [...aliases].flatMap(([alias, file]) => {
        const version = Number(file.value);
        return /^\d+$/.test(file.value) && Number.isSafeInteger(version) ? [[alias, version] as const] : [];
      }),
    ),
    versions: new Map(
      [...versions].map(([number, v]) => [
        number,
        {
          stage: v.meta.data ? String(v.meta.data.current_stage ?? 'None') : 'Unreadable',
          description: v.meta.data ? textOrNull(v.meta.data.description) : null,
          tags: new Map([...v.tags].map(([k, f]) => [k, f.value])),
        },
      ]),
    ),
  };
  return { dir, meta, tags, aliases, versions, state };
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : value === null || value === undefined ? null : String(value);
}

function readMeta(path: string): MetaFile {
  const snapshot = snapshotFile(path);
  if (snapshot.content === null) return { snapshot, data: null, problem: 'the file is missing' };
  try {
    const data = parseYamlMap(snapshot.content.toString('utf8'));
    if (hasUnicodeLineBreak(data)) return { snapshot, data: null, problem: 'it holds a Unicode line separator that YAML readers disagree on' };
    return { snapshot, data, problem: null };
  } catch (error) {
    if (error instanceof YamlReadError) return { snapshot, data: null, problem: error.message };
    throw error;
  }
}

/** Every file under `dir`, keyed by its path relative to `dir` with '/' separators (nested tag keys). */
function readValueFiles(dir: string): Map<string, ValueFile> {
  const out = new Map<string, ValueFile>();
  const walk = (current: string): void => {
    for (const entry of safeReadDir(current)) {
      const path = join(current, entry);
      if (isDirectory(path)) walk(path);
      else if (!isTempFileName(entry)) {
        const snapshot = snapshotFile(path);
        if (snapshot.content === null) continue;
        out.set(relative(dir, path).split(sep).join('/'), { snapshot, value: snapshot.content.toString('utf8') });
      }
    }
  };
  walk(dir);
  return out;
}

function safeReadDir(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
