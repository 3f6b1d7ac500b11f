import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { AppError } from '../services/app-error.js';

/**
 * An artifact file opened for reading. The path given is already a checked realpath; O_NOFOLLOW
 * (where the OS has it) makes sure a symlink swapped in after the check is not followed.
 */
export class ArtifactFile {
  private constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  static open(realPath: string, shownPath: string): ArtifactFile {
    let fd: number;
    try {
      fd = openSync(realPath, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    } catch {
      throw new AppError('NOT_FOUND', `There is no artifact “${shownPath}”.`);
    }
    const stat = fstatSync(fd);
    if (stat.isDirectory()) {
      closeSync(fd);
      throw new AppError('BAD_REQUEST', `“${shownPath}” is a folder; list it instead.`);
    }
    if (!stat.isFile()) {
      closeSync(fd);
      throw new AppError('BAD_REQUEST', `“${shownPath}” is not a regular file.`);
    }
    return new ArtifactFile(fd, stat.size);
  }

  /** At most `length` bytes from `position`. */
  read(position: number, length: number): Buffer {
    const buffer = Buffer.alloc(Math.max(0, Math.min(length, this.size - position)));
    let done = 0;
    while (done < buffer.length) {
      const n = readSync(this.fd, buffer, done, buffer.length - done, position + done);
      if (n === 0) break;
      done += n;
    }
    return done === buffer.length ? buffer : buffer.subarray(0, done);
  }

  head(length: number): Buffer {
    return this.read(0, length);
  }

  tail(length: number): Buffer {
    return this.read(Math.max(0, this.size - length), length);
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Runs `use` with the file open, and closes it whatever happens. */
export function withArtifactFile<T>(realPath: string, shownPath: string, use: (file: ArtifactFile) => T): T {
  const file = ArtifactFile.open(realPath, shownPath);
  try {
    return use(file);
  } finally {
    file.close();
  }
}

/** Decodes a chunk cut from the start of a file, dropping a trailing partial UTF-8 character. */
export function decodeHead(bytes: Buffer, cut: boolean): string {
  return stripBom(bytes.subarray(0, cut ? utf8SafeEnd(bytes) : bytes.length).toString('utf8'));
}

/** Decodes a chunk cut from the end of a file, starting at a character (and, if one is near, a line) boundary. */
export function decodeTail(bytes: Buffer, cut: boolean): string {
  let start = 0;
  if (cut) {
    while (start < bytes.length && start < 3 && (bytes[start]! & 0xc0) === 0x80) start++;
    const newline = bytes.indexOf(0x0a, start);
    if (newline !== -1 && newline < 4096) start = newline + 1;
  }
  return stripBom(bytes.subarray(start).toString('utf8'));
}

/** Binary when it has NUL bytes or is not UTF-8 (an incomplete last character is allowed). */
export function looksBinary(sample: Buffer): boolean {
  if (sample.includes(0)) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, utf8SafeEnd(sample)));
    return false;
  } catch {
    return true;
  }
}

/** Length of `bytes` without a trailing incomplete UTF-8 character. */
function utf8SafeEnd(bytes: Buffer): number {
  let i = bytes.length - 1;
  while (i >= 0 && i > bytes.length - 4 && (bytes[i]! & 0xc0) === 0x80) i--;
  if (i < 0) return bytes.length;
  const lead = bytes[i]!;
  const width = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return i + width > bytes.length ? i : bytes.length;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
