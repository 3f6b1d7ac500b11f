import { basename, join } from 'node:path';
import { isUndecodableName, listDirSync, readKeyValueTreeSync, type ProblemSink } from './key-files.js';
import { listSubdirsSync, REGISTRY_FOLDER } from './layout.js';
import { describeFsError, readFileCappedSync } from './read-capped.js';
import { ms, str } from './parse-yaml.js';
import { readYamlFileSync } from './read-yaml-file.js';

export interface ModelVersionRecord {
  version: number;
  creationTime: number | null;
  lastUpdatedTime: number | null;
  /** Null where meta.yaml has null or no value: MLflow leaves such fields out, and so does the CLI JSON. */
  description: string | null;
  userId: string | null;
  /** None | Staging | Production | Archived | Deleted_Internal (kept: the query layer hides it). */
  currentStage: string;
  source: string;
  storageLocation: string | null;
  runId: string | null;
  runLink: string | null;
  status: string;
  statusMessage: string | null;
  modelId: string | null;
  tags: Map<string, string>;
}

export interface RegisteredModelRecord {
  name: string;
  /** The model's folder (`<root>/models/<name>`). */
  dir: string;
  creationTime: number | null;
  lastUpdatedTime: number | null;
  description: string | null;
  isPrompt: boolean;
  tags: Map<string, string>;
  /** From the aliases/ folder (the truth), not the meta.yaml mirror. */
  aliases: { alias: string; version: number }[];
  versions: ModelVersionRecord[];
}

export type RegisteredModelRead = { ok: true; model: RegisteredModelRecord } | { ok: false; unsettled: boolean };

export function registryRoot(storeRoot: string): string {
  return join(storeRoot, REGISTRY_FOLDER);
}

/** Folder names of the registered models of a file store (every sub-folder of `models/`). */
export function listRegisteredModelFoldersSync(storeRoot: string, report: ProblemSink): string[] {
  return listSubdirsSync(registryRoot(storeRoot), report);
}

const VERSION_DIR = /^version-(\d+)$/;
const ALIAS_CAP = 4096;

/** One registered model with its versions, tags and aliases, as MLflow's registry FileStore reads it. */
export function readRegisteredModelSync(dir: string, report: ProblemSink): RegisteredModelRead {
  const metaPath = join(dir, 'meta.yaml');
  const read = readYamlFileSync(metaPath);
  if (!read.ok) {
    report(metaPath, read.kind === 'missing' ? 'Registered model folder has no meta.yaml; skipped.' : read.reason);
    return { ok: false, unsettled: read.kind === 'unsettled' };
  }
  const meta = read.value;
  const folderName = basename(dir);
  const tags = readKeyValueTreeSync(join(dir, 'tags'), report);
  const versions: ModelVersionRecord[] = [];
  for (const name of listSubdirsSync(dir, report)) {
    const match = VERSION_DIR.exec(name);
    if (!match) continue;
    const version = readVersionSync(join(dir, name), Number(match[1]), report);
    if (version) versions.push(version);
  }
  versions.sort((a, b) => a.version - b.version);
  return {
    ok: true,
    model: {
      name: str(meta.name) || folderName,
      dir,
      creationTime: ms(meta.creation_timestamp),
      lastUpdatedTime: ms(meta.last_updated_timestamp),
      description: str(meta.description),
      isPrompt: (tags.get('mlflow.prompt.is_prompt') ?? '').toLowerCase() === 'true',
      tags,
      aliases: readAliasesSync(join(dir, 'aliases'), report),
      versions,
    },
  };
}

function readVersionSync(dir: string, folderVersion: number, report: ProblemSink): ModelVersionRecord | null {
  const metaPath = join(dir, 'meta.yaml');
  const read = readYamlFileSync(metaPath);
  if (!read.ok) {
    report(metaPath, read.kind === 'missing' ? 'Model version folder has no meta.yaml; skipped.' : read.reason);
    return null;
  }
  const m = read.value;
  const declared = typeof m.version === 'number' ? m.version : Number(str(m.version));
  if (Number.isInteger(declared) && declared !== folderVersion) {
    report(metaPath, `meta.yaml says version ${declared} but the folder is version-${folderVersion}; the folder number is used.`);
  }
  return {
    version: folderVersion,
    creationTime: ms(m.creation_timestamp),
    lastUpdatedTime: ms(m.last_updated_timestamp),
    description: str(m.description),
    userId: str(m.user_id),
    currentStage: str(m.current_stage) ?? 'None',
    source: str(m.source) ?? '',
    storageLocation: str(m.storage_location),
    runId: str(m.run_id),
    runLink: str(m.run_link),
    status: str(m.status) ?? 'READY',
    statusMessage: str(m.status_message),
    modelId: str(m.model_id) || null,
    tags: readKeyValueTreeSync(join(dir, 'tags'), report),
  };
}

/** `aliases/<alias>`: the file content is the version number, without newline. */
function readAliasesSync(dir: string, report: ProblemSink): { alias: string; version: number }[] {
  let entries;
  try {
    entries = listDirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') report(dir, `Folder ${describeFsError(error)}.`);
    return [];
  }
  const out: { alias: string; version: number }[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (!entry.isFile() && !entry.isSymbolicLink()) continue;
    if (isUndecodableName(entry.name)) {
      report(path, 'Alias name is not valid UTF-8; skipped.');
      continue;
    }
    let text: string;
    try {
      text = readFileCappedSync(path, ALIAS_CAP).bytes.toString('utf8');
    } catch (error) {
      report(path, `Alias file ${describeFsError(error)}.`);
      continue;
    }
    // MLflow builds `version-<content>` from the raw text, so "3\n" would break it there: flag it.
    if (!/^\d+$/.test(text)) {
      if (/^\s*\d+\s*$/.test(text)) report(path, `Alias file holds '${text.trim()}' with surrounding whitespace; MLflow cannot resolve it.`);
      else report(path, `Alias file does not hold a version number ('${text.slice(0, 40)}').`);
      if (!/^\s*\d+\s*$/.test(text)) continue;
    }
    out.push({ alias: entry.name, version: Number(text.trim()) });
  }
  out.sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0));
  return out;
}
