import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from './migrations/index.js';
import { openIndex } from './open-index.js';

const made: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'rundesk-index-'));
  made.push(d);
  return d;
};
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe('openIndex', () => {
  it('creates a fresh index at the newest schema version, in WAL mode', () => {
    const path = join(dir(), 'index.sqlite');
    const { db, fresh } = openIndex(path);
    expect(fresh).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    const again = openIndex(path);
    expect(again.fresh).toBe(false);
    again.db.close();
  });

  it('sets aside an index written by a newer RunDesk and starts a new one', () => {
    const folder = dir();
    const path = join(folder, 'index.sqlite');
    const future = new Database(path);
    future.pragma('user_version = 99999');
    future.exec('CREATE TABLE from_the_future (x)');
    future.close();
    const { db, fresh, setAsideTo } = openIndex(path);
    expect(fresh).toBe(true);
    expect(setAsideTo).not.toBeNull();
    expect(existsSync(setAsideTo!)).toBe(true);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'from_the_future'").get()).toEqual({ n: 0 });
    db.close();
  });

  it('sets aside a damaged file instead of failing', () => {
    const folder = dir();
    const path = join(folder, 'index.sqlite');
    writeFileSync(path, 'this is not a database, it is a text file that got here somehow'.repeat(100));
    const { db, fresh } = openIndex(path);
    expect(fresh).toBe(true);
    expect(db.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({ n: 0 });
    db.close();
    expect(readdirSync(folder).some((f) => f.includes('.broken-'))).toBe(true);
  });
});

describe('migrations', () => {
  // A shipped migration is never edited: add a new one. If this fails, you changed a shipped file
  // (an index that already ran it would never see the change). A new migration is pinned here.
  const SHIPPED: Record<string, string> = {
    '0010-create-index.ts': '9fd03600d6f652c8fd8683703f35b4a941b7ca6b3b93fbb88bd497136608ece5',
    '0020-search-indexes.ts': '40515b5b8a9434b272d2cbc38b586f37739a771ca063f2078f51a0177a583fd8',
    '0030-packed-metric-series.ts': '0125dd0d97921fed1794299d9f9d6cac849b70303867f78bb7ab382c10aa3785',
    '0040-experiment-run-digests.ts': '2455c11f0ee810ff8cfe25512449934d95c4703766b774ec278067d5e15a0646',
  };
  it('are numbered in increasing order', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
  });
  it('shipped migrations are unchanged, and every migration is pinned', () => {
    const folder = join(import.meta.dirname, 'migrations');
    const files = readdirSync(folder).filter((f) => /^\d{4}-.*\.ts$/.test(f) && !f.endsWith('.test.ts'));
    expect(files.sort()).toEqual(Object.keys(SHIPPED).sort());
    for (const [file, hash] of Object.entries(SHIPPED)) {
      // Line endings normalised: a Windows checkout is the same migration.
      const source = readFileSync(join(folder, file), 'utf8').replace(/\r\n/g, '\n');
      expect(createHash('sha256').update(source).digest('hex'), file).toBe(hash);
    }
  });
});
