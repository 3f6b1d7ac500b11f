import type Database from 'better-sqlite3';
import type { IndexDb } from '../../db/open-index.js';
import type { SourceSchema } from './source-schema.js';
import type { StoreKeys } from './stable-keys.js';

/** What every table copier needs: both connections, the detected schema and the problem sink. */
export interface CopyContext {
  /** The user's mlflow.db, opened read-only. */
  src: Database.Database;
  schema: SourceSchema;
  /** The index, inside the replace-the-store transaction. */
  db: IndexDb;
  storeId: number;
  /** Keys the store's experiments, runs and models had before this read, so they keep them. */
  keys: StoreKeys;
  /** Records one problem sentence against the database file. */
  report(reason: string): void;
}

/**
 * Runs one table's copy; a failure (unreadable table, corrupt page) becomes a problem and the
 * other tables are still copied, so one damaged table never hides the rest of the store.
 */
export function copySafely<T>(ctx: CopyContext, what: string, fallback: T, copy: () => T): T {
  try {
    return copy();
  } catch (error) {
    ctx.report(`Could not read ${what}: ${errorText(error)}.`);
    return fallback;
  }
}

export function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '');
}

/** SQLite integers (number or bigint) and numeric strings as numbers; anything else as null. */
export function toInt(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return null;
}

export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return String(value);
}

export function toNullableText(value: unknown): string | null {
  return value === null || value === undefined ? null : toText(value);
}
