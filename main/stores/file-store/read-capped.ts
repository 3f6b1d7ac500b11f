import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** What a capped read returns: the bytes read (at most `cap`) and the file's full size. */
export interface CappedRead {
  bytes: Buffer;
  size: number;
  truncated: boolean;
}

/**
 * Flags for opening a store file: read-only and non-blocking, so a named pipe (or a symlink to one)
 * where a param or metric file should be cannot hang the indexer; regular files ignore O_NONBLOCK.
 */
export const READ_FLAGS = constants.O_NONBLOCK === undefined ? constants.O_RDONLY : constants.O_RDONLY | constants.O_NONBLOCK;

// One reusable scratch buffer: meta/param/tag files are small, so most reads are one open+read+close
// (no fstat), which is what makes sync reads of warm small files fast.
const SCRATCH = Buffer.allocUnsafe(64 * 1024);

/**
 * Reads a whole small file, but never more than `cap` bytes: a runaway param or meta file must not
 * blow up memory. Throws the fs error (ENOENT, EACCES, ELOOP, EISDIR…) for the caller to report.
 */
export function readFileCappedSync(path: string, cap: number): CappedRead {
  const fd = openSync(path, READ_FLAGS);
  try {
    const first = readSync(fd, SCRATCH, 0, Math.min(SCRATCH.length, cap + 1), 0);
    if (first <= cap && first < SCRATCH.length) {
      return { bytes: Buffer.from(SCRATCH.subarray(0, first)), size: first, truncated: false };
    }
    const size = fstatSync(fd).size;
    const want = Math.min(size, cap);
    const bytes = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const n = readSync(fd, bytes, got, want - got, got);
      if (n === 0) break;
      got += n;
    }
    return { bytes: bytes.subarray(0, got), size: Math.max(size, got), truncated: size > cap };
  } finally {
    closeSync(fd);
  }
}

/** One sentence for an fs error, for the problems list. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'it disappeared while being read';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EISDIR':
      return 'expected a file but found a folder';
    case 'ENOTDIR':
      return 'expected a folder but found a file';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EAGAIN':
    case 'ENXIO':
      return 'is not a regular file (a pipe, device or socket)';
    case 'EIO':
      return 'input/output error from the disk';
    case 'ENAMETOOLONG':
      return 'path is too long';
    default:
      return code ? `cannot be read (${code})` : `cannot be read (${(error as Error)?.message ?? String(error)})`;
  }
}
