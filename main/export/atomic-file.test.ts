import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../services/app-error.js';
import { AtomicFile, writeError } from './atomic-file.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rundesk-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('AtomicFile', () => {
  it('shows the file only once it is complete, replacing an older one', async () => {
    const target = join(dir, 'runs.csv');
    writeFileSync(target, 'old');
    const file = AtomicFile.open(target);
    file.stream.write('new,');
    expect(readFileSync(target, 'utf8')).toBe('old');
    file.stream.write('contents\n');
    await file.commit();
    expect(readFileSync(target, 'utf8')).toBe('new,contents\n');
    expect(readdirSync(dir)).toEqual(['runs.csv']);
  });

  it('leaves nothing behind when aborted', async () => {
    const target = join(dir, 'runs.csv');
    const file = AtomicFile.open(target);
    file.stream.write('half a file');
    await file.abort();
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails at once, in one sentence, when the folder cannot take the file', () => {
    expect(() => AtomicFile.open(join(dir, 'missing', 'runs.csv'))).toThrow(/^The folder .*missing does not exist; choose another one\.$/);
  });

  it('turns system errors into READ_ONLY sentences', () => {
    const target = '/data/runs.csv';
    const cases: [string, RegExp][] = [
      ['EACCES', /not allowed to write in \/data/],
      ['EROFS', /read-only disk/],
      ['ENOSPC', /no space left/],
      ['EISDIR', /is a folder/],
      ['EIO', /could not write \/data\/runs\.csv: boom\.$/],
    ];
    for (const [code, message] of cases) {
      const error = writeError(Object.assign(new Error('boom'), { code }), target);
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe('READ_ONLY');
      expect(error.message).toMatch(message);
    }
  });
});
