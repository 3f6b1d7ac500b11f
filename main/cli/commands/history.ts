import { relative, resolve } from 'node:path';
import type { IndexDb } from '../../db/open-index.js';
import { openProjectIndex } from '../../indexer/index-project.js';
import { listMetricPoints, type HistoryPoint } from '../../run-detail/metric-history.js';
import { CliError, parseCommandArgs, toMlflowJson, writeLine, type CliCommand, type CliIo } from '../cli-command.js';

const USAGE = `Usage: rundesk history <folder> --run RUN_ID [--key KEY]... [--format json|table] [--index PATH]

Prints the full history of a run's metrics (every logged point, not just the latest value), read
from the project's index: all keys by default, or the ones named with --key.

Points are sorted by key, then step, then timestamp, then value. With --format json the output is
what MLflow's REST API returns for metric history: {"metrics": [{"key", "value", "timestamp", "step"}]},
NaN as "NaN" and infinities as "Infinity"/"-Infinity" (a SQL store's ±1.7976931348623157e308 stays
that number, as MLflow returns it).

A run id found in several stores of <folder> (for example a file store and the mlflow.db it was
migrated to) is an error: pass the store itself as <folder> to choose one.

Options:
  --run RUN_ID     the run (its 32-character MLflow id)
  --key KEY        a metric key; repeat for several (default: every key of the run)
  --format FORMAT  table (default) or json
  --index PATH     use this index file instead of the default one`;

export const historyCommand: CliCommand = {
  name: 'history',
  summary: 'print the full metric history of a run (table or MLflow JSON)',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { run: { type: 'string' }, key: { type: 'string', multiple: true }, format: { type: 'string' }, index: { type: 'string' } },
      'history',
    );
    if (positionals.length !== 1) throw new CliError("Give exactly one folder. See 'rundesk history --help'.");
    const runId = values.run?.trim();
    if (!runId) throw new CliError("Name the run with --run RUN_ID. See 'rundesk history --help'.");
    const format = values.format ?? 'table';
    if (format !== 'json' && format !== 'table') throw new CliError(`Unknown format '${format}': use json or table.`);
    const folder = resolve(io.cwd, positionals[0]!);
    const opened = openProjectIndex(folder, { ...(values.index ? { indexPath: resolve(io.cwd, values.index) } : {}), env: io.env });
    try {
      const runKey = findRun(opened.db, runId, opened.folder, positionals[0]!);
      const keys = values.key ?? [];
      const points = listMetricPoints(opened.db, runKey, keys);
      const found = new Set(points.map((p) => p.key));
      for (const key of keys) if (!found.has(key)) writeLine(io.stderr, `rundesk: run ${runId} has no metric '${key}'.`);
      if (format === 'json') writeLine(io.stdout, toMlflowJson({ metrics: points }));
      else printTable(io, points);
      return 0;
    } finally {
      opened.close();
    }
  },
};

/** The run's index key; a CliError when it is in no store, or in several (see the usage text). */
export function findRun(db: IndexDb, runId: string, folder: string, folderArg: string): number {
  // SQL stores keep run ids lower-case, and file-store folder names are too; accept any case typed.
  const matches = db
    .prepare<[string, string], { run_key: number; path: string }>(
      'SELECT r.run_key, s.path FROM runs r JOIN stores s ON s.store_id = r.store_id WHERE r.run_id = ? OR r.run_id = ? ORDER BY s.path',
    )
    .all(runId, runId.toLowerCase());
  if (matches.length === 0) throw new CliError(`No run with id ${runId} in ${folderArg}.`);
  if (matches.length > 1) {
    const stores = matches.map((m) => relative(folder, m.path).split('\\').join('/') || '.');
    throw new CliError(
      `Run ${runId} is in ${matches.length} stores of ${folderArg} (${stores.join(', ')}); pass one of them as the folder, e.g. 'rundesk history ${folderArg.replace(/\/+$/, '')}/${stores[0]} --run ${runId}'.`,
    );
  }
  return matches[0]!.run_key;
}

function printTable(io: CliIo, points: HistoryPoint[]): void {
  const rows = points.map((p) => [p.key, String(p.step), formatTime(p.timestamp), String(p.value)]);
  const header = ['key', 'step', 'timestamp (UTC)', 'value'];
  const widths = header.map((h) => h.length);
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i]!, cell.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  // Written in blocks: a history can have millions of points.
  const lines = [line(header)];
  for (const row of rows) {
    lines.push(line(row));
    if (lines.length >= 2000) io.stdout.write(`${lines.splice(0).join('\n')}\n`);
  }
  if (lines.length > 0) io.stdout.write(`${lines.join('\n')}\n`);
}

function formatTime(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString().replace('T', ' ').replace('Z', '');
}
