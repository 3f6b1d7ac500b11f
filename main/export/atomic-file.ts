import { randomBytes } from 'node:crypto';
import { createWriteStream, openSync, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../services/app-error.js';

/**
 * A file that appears only when it is complete. Writes go to a hidden temporary file in the target's
 * own folder (so the final rename never crosses file systems); `commit` flushes it to disk and renames
 * it over the target, `abort` deletes it. A failed or cancelled export therefore never leaves a half
 * CSV where the user expects one, and an existing file is replaced only by a finished one.
 */
export class AtomicFile {
  private settled = false;

  private constructor(
    readonly target: string,
    readonly tempPath: string,
    readonly stream: WriteStream,
  ) {}

  /** Creates the temporary file now, so an unwritable folder fails before any work is done. */
  static open(target: string): AtomicFile {
    const tempPath = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
    let fd: number;
    try {
      fd = openSync(tempPath, 'wx', 0o666);
    } catch (error) {
      throw writeError(error, target);
    }
    // `flush` fsyncs before closing, so the rename never publishes a file whose data is still in flight.
    const stream = createWriteStream(tempPath, { fd, flush: true, highWaterMark: 1 << 20 });
    return new AtomicFile(target, tempPath, stream);
  }

  async commit(): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    try {
      await new Promise<void>((resolve, reject) => {
        this.stream.once('error', reject);
        this.stream.once('close', resolve);
        this.stream.end();
      });
      await rename(this.tempPath, this.target);
    } catch (error) {
      await rm(this.tempPath, { force: true }).catch(() => undefined);
      throw writeError(error, this.target);
    }
  }

  async abort(): Promise<void> {
    if (this.settled) return;
    this.settled = true;
    await new Promise<void>((resolve) => {
      if (this.stream.closed) return resolve();
      this.stream.once('close', () => resolve());
      this.stream.destroy();
    });
    await rm(this.tempPath, { force: true }).catch(() => undefined);
  }
}

/** One sentence for the user, whatever the operating system said. */
export function writeError(error: unknown, target: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const folder = dirname(target);
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return new AppError('READ_ONLY', `RunDesk is not allowed to write in ${folder}; choose another folder.`);
    case 'EROFS':
      return new AppError('READ_ONLY', `${folder} is on a read-only disk; choose another folder.`);
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('READ_ONLY', `The folder ${folder} does not exist; choose another one.`);
    case 'EISDIR':
      return new AppError('READ_ONLY', `${target} is a folder; choose a file name.`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('READ_ONLY', `There is no space left to write ${target}; free some space or choose another disk.`);
    default:
      return new AppError('READ_ONLY', `RunDesk could not write ${target}: ${(error as Error).message}.`);
  }
}
