import { chmodSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_FIXTURES } from '../../testing/test-paths.js';

/** Test support: writable copies of the shared, read-only fixture stores. */
export const FIXTURES = SHARED_FIXTURES;
export const FILE_FIXTURE = (corpus: string): string => join(FIXTURES, 'mlruns-real', corpus, 'mlruns');
export const SQL_FIXTURE = join(FIXTURES, 'mlflow-db-real', '1412010__nda-mlops-zoomcamp-2024', 'mlflow.db');

const made: string[] = [];

/** Copies only the registry (`models/`) of a file store, which is all registry tests need. */
export function copyFileRegistry(corpus: string): string {
  const root = mkdtempSync(join(tmpdir(), 'rundesk-registry-'));
  made.push(root);
  const store = join(root, 'mlruns');
  cpSync(join(FILE_FIXTURE(corpus), 'models'), join(store, 'models'), { recursive: true });
  makeWritable(store);
  return store;
}

export function copySqlStore(source = SQL_FIXTURE): string {
  const root = mkdtempSync(join(tmpdir(), 'rundesk-registry-sql-'));
  made.push(root);
  const target = join(root, 'mlflow.db');
  cpSync(source, target);
  chmodSync(target, 0o644);
  return target;
}

export function tempDir(prefix = 'rundesk-registry-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeCopies(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The shared fixtures are read-only; copies must not be. */
function makeWritable(path: string): void {
  const stat = statSync(path);
  chmodSync(path, stat.isDirectory() ? 0o755 : 0o644);
  if (stat.isDirectory()) for (const entry of readdirSync(path)) makeWritable(join(path, entry));
}
