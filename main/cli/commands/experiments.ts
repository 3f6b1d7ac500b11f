import { resolve } from 'node:path';
import type { ViewType } from '../../../preload/contract.js';
import type { IndexDb } from '../../db/open-index.js';
import { openProjectIndex } from '../../indexer/index-project.js';
import { listExperiments } from '../../query/list-experiments.js';
import { experimentToMlflowJson } from '../../query/mlflow-json.js';
import { storeLabels } from '../../query/store-labels.js';
import { formatTable, formatUtc } from '../../query/text-table.js';
import { AppError } from '../../services/app-error.js';
import { CliError, parseCommandArgs, toMlflowJson, writeLine, type CliCommand } from '../cli-command.js';

const USAGE = `Usage: rundesk experiments <folder> [--view active|deleted|all] [--filter EXPR] [--format json|table] [--index PATH]

Lists the experiments of the MLflow stores in <folder> (or of the one store <folder> is), in MLflow's
order: newest first, then by experiment id.

Options:
  --view VIEW      active (default), deleted or all
  --filter EXPR    MLflow's search_experiments filter, e.g. "name LIKE 'sweep-%'" or
                   "tags.team = 'vision'"; RunDesk also takes OR, NOT, parentheses, IN, and plain
                   text (searches names)
  --format FORMAT  table (default) or json (MLflow REST shape, see JSON-FORMATS.md)
  --index PATH     use this index file instead of the default one`;

export function parseView(view: string | undefined): ViewType {
  if (view === undefined) return 'active';
  if (view === 'active' || view === 'deleted' || view === 'all') return view;
  throw new CliError(`Unknown view '${view}': use active, deleted or all.`);
}

export function parseFormat(format: string | undefined): 'json' | 'table' {
  if (format === undefined || format === 'table' || format === 'text') return 'table';
  if (format === 'json') return 'json';
  throw new CliError(`Unknown format '${format}': use json or table.`);
}

export const experimentsCommand: CliCommand = {
  name: 'experiments',
  summary: "list experiments (MLflow's search_experiments, offline)",
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { view: { type: 'string' }, filter: { type: 'string' }, format: { type: 'string' }, index: { type: 'string' } },
      'experiments',
    );
    if (positionals.length !== 1) throw new CliError("Give exactly one folder, e.g. 'rundesk experiments .'. See 'rundesk experiments --help'.");
    const view = parseView(values.view);
    const format = parseFormat(values.format);
    const opened = openProjectIndex(resolve(io.cwd, positionals[0]!), {
      ...(values.index ? { indexPath: resolve(io.cwd, values.index) } : {}),
      env: io.env,
    });
    try {
      const experiments = listExperiments(opened.db, { view, filter: values.filter ?? '' });
      const label = storeLabels(opened.db, opened.folder);
      if (format === 'json') {
        const trashed = trashedExperimentKeys(opened.db);
        const json = experiments.map((e) => ({
          ...experimentToMlflowJson(e, label(e.storeId)),
          // RunDesk-only: the folder sits in .trash/, so RunDesk shows it as deleted whatever its meta.yaml says.
          ...(trashed.has(e.experimentKey) ? { trashed: true } : {}),
        }));
        writeLine(io.stdout, toMlflowJson({ experiments: json }));
      } else {
        const rows = experiments.map((e) => [
          e.experimentId,
          e.name,
          e.lifecycleStage,
          String(e.activeRunCount),
          String(e.runCount),
          formatUtc(e.creationTime),
          label(e.storeId),
        ]);
        writeLine(io.stdout, formatTable(['EXPERIMENT ID', 'NAME', 'STAGE', 'ACTIVE RUNS', 'RUNS', 'CREATED (UTC)', 'STORE'], rows, new Set([3, 4])));
      }
      return 0;
    } catch (error) {
      if (error instanceof AppError && error.code === 'PARSE_ERROR') throw new CliError(`Bad --filter: ${error.message}`);
      throw error;
    } finally {
      opened.close();
    }
  },
};

/** Experiments whose folder is in a file store's `.trash/` (moved there by `mlflow experiments delete`). */
function trashedExperimentKeys(db: IndexDb): Set<number> {
  const rows = db.prepare('SELECT exp_key, dir_path FROM experiments WHERE dir_path IS NOT NULL').all() as { exp_key: number; dir_path: string }[];
  return new Set(rows.filter((r) => /[\\/]\.trash[\\/]/.test(r.dir_path)).map((r) => r.exp_key));
}
