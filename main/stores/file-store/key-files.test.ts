import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readKeyValueTreeSync } from './key-files.js';
import { MlrunsBuilder } from './mlruns-builder.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('readKeyValueTreeSync', () => {
  it('rebuilds keys with / from nested folders, values verbatim', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rundesk-keys-'));
    dirs.push(dir);
    const b = new MlrunsBuilder(dir);
    b.file(join(dir, 'params', 'optimizer', 'lr'), '0.01');
    b.file(join(dir, 'params', 'a b'), 'with space');
    b.file(join(dir, 'params', 'unicode'), 'Combinación 3');
    b.file(join(dir, 'params', 'empty'), '');
    const problems: string[] = [];
    const map = readKeyValueTreeSync(join(dir, 'params'), (p, r) => problems.push(`${p}: ${r}`));
    expect(Object.fromEntries(map)).toEqual({ 'optimizer/lr': '0.01', 'a b': 'with space', unicode: 'Combinación 3', empty: '' });
    expect(problems).toEqual([]);
  });

  it('caps huge values and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rundesk-keys-'));
    dirs.push(dir);
    new MlrunsBuilder(dir).file(join(dir, 'tags', 'big'), 'x'.repeat(5000));
    const problems: string[] = [];
    const map = readKeyValueTreeSync(join(dir, 'tags'), (_p, r) => problems.push(r), 100);
    expect(map.get('big')).toHaveLength(100);
    expect(problems[0]).toMatch(/5000 bytes; only the first 100 bytes are indexed/);
  });

  it('treats a missing folder as empty', () => {
    expect(readKeyValueTreeSync('/nonexistent/params', () => {}).size).toBe(0);
  });
});

describe('special files', () => {
  it.runIf(process.platform !== 'win32')('a named pipe where a value file belongs is reported, not waited on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rundesk-keys-'));
    dirs.push(dir);
    new MlrunsBuilder(dir).file(join(dir, 'tags', 'ok'), 'v');
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [join(dir, 'tags', 'pipe')]);
    const problems: string[] = [];
    const map = readKeyValueTreeSync(join(dir, 'tags'), (_p, r) => problems.push(r));
    expect(map.get('ok')).toBe('v');
    expect(problems).toEqual(['Value file is not a regular file (a pipe, device or socket).']);
  });
});
