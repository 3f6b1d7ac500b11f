import type Database from 'better-sqlite3';

/**
 * The tables and columns one MLflow database actually has. MLflow added columns and tables over
 * its life (runs.deleted_time in 1.28, workspace columns in 3.10, logged_models in 3.0 …), so every
 * query is built from what is present instead of from a list of alembic revisions.
 */
export class SourceSchema {
  private constructor(private readonly tables: ReadonlyMap<string, ReadonlySet<string>>) {}

  /** Reads sqlite_master. Throws SQLITE_NOTADB (and friends) when the file is not a database. */
  static read(db: Database.Database): SourceSchema {
    const names = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((row) => row.name);
    const columns = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)');
    const tables = new Map<string, ReadonlySet<string>>();
    for (const name of names) tables.set(name, new Set(columns.all(name).map((row) => row.name)));
    return new SourceSchema(tables);
  }

  hasTable(table: string): boolean {
    return this.tables.has(table);
  }

  hasColumn(table: string, column: string): boolean {
    return this.tables.get(table)?.has(column) ?? false;
  }

  /**
   * `column` when the table has it, otherwise `<fallback> AS column`, so one SELECT shape works for
   * every schema version. Names come from this module's callers (fixed identifiers), never from data.
   */
  columnOr(table: string, column: string, fallback: 'NULL' | '0' | "''"): string {
    return this.hasColumn(table, column) ? quoteIdentifier(column) : `${fallback} AS ${quoteIdentifier(column)}`;
  }
}

/** Double-quotes an identifier (MLflow has a column called `key`, a keyword in some dialects). */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
