import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../services/app-error.js';

/**
 * All-or-nothing (as far as a file system allows) multi-file writes with optimistic concurrency.
 *
 * 1. Every new file is written to a temporary file, fsynced, and given the original file's mode.
 *    Temporary files live in the entity folder (the model or version folder), never inside `tags/` or
 *    `aliases/`, where MLflow would read a stray file as a tag or an alias.
 * 2. Every file the edit was decided on is read again and compared byte for byte with what was read
 *    at the start; any difference aborts with CONFLICT and nothing is written.
 * 3. Temporary files are renamed over their targets (and removed files unlinked) in the given order.
 *
 * Residual window: a concurrent writer that changes a file between step 2 and its rename (a few
 * microseconds) is overwritten; a crash during step 3 leaves some files new and some old, but each
 * file is whole, either its old or its new bytes. Steps are ordered as MLflow orders its own writes,
 * so such a mix is one MLflow itself could leave.
 */

export interface FileSnapshot {
  path: string;
  /** Null when the file does not exist. */
  content: Buffer | null;
  mode: number | null;
}

export interface PlannedWrite {
  path: string;
  /** New text (UTF-8), or null to delete the file. */
  content: string | null;
  /** Folder for the temporary file: on the same file system, and where MLflow ignores extra files. */
  tempDir: string;
}

const TEMP_MARK = '.rundesk-';
const TEMP_SUFFIX = '.tmp';
const STALE_TEMP_MS = 60_000;

export function snapshotFile(path: string): FileSnapshot {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new AppError('UNSUPPORTED', `${path} is not a regular file, so RunDesk will not change it.`);
    return { path, content: readFileSync(path), mode: stat.mode & 0o7777 };
  } catch (error) {
    if (isCode(error, 'ENOENT') || isCode(error, 'ENOTDIR')) return { path, content: null, mode: null };
    throw error;
  }
}

export interface CommitHooks {
  /** Called after the temporary files are written and before the check (tests use it to interfere). */
  beforeCheck?: () => void;
  /** Called before each rename or unlink of step 3 (the crash test kills the process here). */
  beforeCommitStep?: (index: number) => void;
}

/** Writes `writes` if every file in `snapshots` still holds what was read. */
export function commitWrites(snapshots: readonly FileSnapshot[], writes: readonly PlannedWrite[], hooks: CommitHooks = {}): void {
  const byPath = new Map(snapshots.map((s) => [s.path, s]));
  const temps: (string | null)[] = [];
  try {
    for (const write of writes) {
      if (write.content === null) {
        temps.push(null);
        continue;
      }
      sweepStaleTemps(write.tempDir);
      mkdirSync(dirname(write.path), { recursive: true });
      const mode = byPath.get(write.path)?.mode ?? null;
      temps.push(writeTemp(write.tempDir, write.path, write.content, mode));
    }
    hooks.beforeCheck?.();
    for (const snapshot of snapshots) {
      const now = snapshotFile(snapshot.path);
      if (!sameContent(now.content, snapshot.content)) {
        throw new AppError('CONFLICT', `${basename(dirname(snapshot.path))}/${basename(snapshot.path)} changed on disk while RunDesk was editing it; nothing was written, reload and try again.`);
      }
    }
  } catch (error) {
    removeTemps(temps);
    throw toWriteError(error, writes[0]?.tempDir ?? '');
  }
  for (let i = 0; i < writes.length; i++) {
    const write = writes[i]!;
    hooks.beforeCommitStep?.(i);
    try {
      const temp = temps[i];
      if (temp) renameSync(temp, write.path);
      else rmSync(write.path, { force: true });
    } catch (error) {
      removeTemps(temps.slice(i + 1));
      throw toWriteError(error, dirname(write.path));
    }
  }
  for (const dir of new Set(writes.map((w) => dirname(w.path)))) fsyncDirectory(dir);
}

function writeTemp(tempDir: string, target: string, content: string, mode: number | null): string {
  const temp = join(tempDir, `.${basename(target)}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  const fd = openSync(temp, 'wx', mode ?? 0o666);
  try {
    const bytes = Buffer.from(content, 'utf8');
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  // openSync's mode is filtered by the umask; the replaced file keeps exactly its old mode.
  if (mode !== null) chmodSync(temp, mode);
  return temp;
}

function removeTemps(temps: readonly (string | null)[]): void {
  for (const temp of temps) {
    if (!temp) continue;
    try {
      unlinkSync(temp);
    } catch {
      // Already gone or never created.
    }
  }
}

/** Temporary files left by a RunDesk that was killed mid-edit: harmless to MLflow, but tidy them up. */
export function sweepStaleTemps(dir: string, now = Date.now()): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith('.') || !name.includes(TEMP_MARK) || !name.endsWith(TEMP_SUFFIX)) continue;
    try {
      const path = join(dir, name);
      if (now - lstatSync(path).mtimeMs > STALE_TEMP_MS) unlinkSync(path);
    } catch {
      // Another process removed it first.
    }
  }
}

export function isTempFileName(name: string): boolean {
  return name.startsWith('.') && name.includes(TEMP_MARK) && name.endsWith(TEMP_SUFFIX);
}

function fsyncDirectory(dir: string): void {
  // Makes the renames durable on Linux and macOS; Windows cannot open a directory, which is fine.
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Best effort.
  }
}

function sameContent(a: Buffer | null, b: Buffer | null): boolean {
  if (a === null || b === null) return a === b;
  return a.equals(b);
}

function isCode(error: unknown, code: string): boolean {
  return (error as { code?: string } | null)?.code === code;
}

function toWriteError(error: unknown, folder: string): unknown {
  if (error instanceof AppError) return error;
  if (isCode(error, 'EACCES') || isCode(error, 'EPERM') || isCode(error, 'EROFS')) {
    return new AppError('READ_ONLY', `RunDesk cannot write to ${folder}: the folder is read-only, so nothing was changed.`);
  }
  if (isCode(error, 'ENOSPC')) return new AppError('READ_ONLY', `The disk holding ${folder} is full, so nothing was changed.`);
  if (isCode(error, 'ENOENT')) return new AppError('NOT_FOUND', `${folder} no longer exists; it was probably deleted meanwhile.`);
  return error;
}
