import { describeFsError, readFileCappedSync } from './read-capped.js';
import { parseMlflowYaml } from './parse-yaml.js';

/** meta.yaml files are a few hundred bytes; anything past this is not an MLflow meta file. */
export const META_CAP_BYTES = 1024 * 1024;

export type YamlFileResult =
  | { ok: true; value: Record<string, unknown> }
  /**
   * missing: no such file. unsettled: empty/half-written (MLflow truncates, then writes): retry
   * later, never treat as deleted. broken: unreadable, malformed or too large.
   */
  | { ok: false; kind: 'missing' | 'unsettled' | 'broken'; reason: string };

export function readYamlFileSync(path: string, cap = META_CAP_BYTES): YamlFileResult {
  let bytes: Buffer;
  try {
    const read = readFileCappedSync(path, cap);
    if (read.truncated) return { ok: false, kind: 'broken', reason: `File is ${read.size} bytes, larger than a meta file can be (${cap} bytes); not read.` };
    bytes = read.bytes;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: false, kind: 'missing', reason: 'File is missing.' };
    return { ok: false, kind: 'broken', reason: `File ${describeFsError(error)}.` };
  }
  const parsed = parseMlflowYaml(bytes.toString('utf8'));
  if (parsed.ok) return parsed;
  if (parsed.kind === 'empty') return { ok: false, kind: 'unsettled', reason: 'File is empty (MLflow may be rewriting it).' };
  // A half-written file is usually cut mid-line; if it still does not parse once settled it is broken.
  return { ok: false, kind: 'broken', reason: `File ${parsed.message}.` };
}
