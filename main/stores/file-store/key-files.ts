import { readdirSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { describeFsError, readFileCappedSync } from './read-capped.js';

/** Longest value indexed from one param/tag file (MLflow caps tags at 8000 chars; git diffs can be larger). */
export const VALUE_CAP_BYTES = 1024 * 1024;

export type ProblemSink = (path: string, reason: string) => void;

/** A file name that was not valid UTF-8 comes back from readdir with U+FFFD and cannot be reopened. */
export function isUndecodableName(name: string): boolean {
  return name.includes('\uFFFD');
}

export function listDirSync(dir: string): Dirent[] {
  return readdirSync(dir, { withFileTypes: true });
}

/**
 * Reads a params/ or tags/ folder: one file per key, raw UTF-8 value without trailing newline.
 * A key with '/' is a nested folder, so the key is rebuilt from the relative path (as MLflow's
 * os.walk does). A missing folder is an empty map (old runs, or nothing logged yet).
 */
export function readKeyValueTreeSync(root: string, report: ProblemSink, cap = VALUE_CAP_BYTES): Map<string, string> {
  const out = new Map<string, string>();
  walk(root, '', 0);
  return out;

  function walk(dir: string, prefix: string, depth: number): void {
    let entries: Dirent[];
    try {
      entries = listDirSync(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && depth === 0) return;
      report(dir, `Folder ${describeFsError(error)}.`);
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (isUndecodableName(entry.name)) {
        report(path, 'Name is not valid UTF-8; skipped.');
        continue;
      }
      const key = prefix + entry.name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // A symlinked key file is read through; symlinked folders are not followed (loop-safe).
        isFile = true;
        isDir = false;
      }
      if (isDir) {
        if (depth >= 32) {
          report(path, 'Key nested more than 32 folders deep; skipped.');
          continue;
        }
        walk(path, `${key}/`, depth + 1);
      } else if (isFile) {
        try {
          const read = readFileCappedSync(path, cap);
          if (read.truncated) report(path, `Value is ${read.size} bytes; only the first ${cap} bytes are indexed.`);
          out.set(key, read.bytes.toString('utf8'));
        } catch (error) {
          report(path, `Value file ${describeFsError(error)}.`);
        }
      } else {
        report(path, 'Value file is not a regular file (a pipe, device or socket).');
      }
    }
  }
}
