import { resolve } from 'node:path';
import type { ExperimentSummary, ViewType } from '../../../preload/contract.js';
import type { IndexDb } from '../../db/open-index.js';
import { openProjectIndex } from '../../indexer/index-project.js';
import { listExperiments } from '../../query/list-experiments.js';
import { runsToMlflowJson, type MlflowRunJson } from '../../query/mlflow-json.js';
import { allRunKeys } from '../../query/run-keys.js';
import { storeLabels } from '../../query/store-labels.js';
import { formatMetric, formatTable, formatUtc } from '../../query/text-table.js';
import { AppError } from '../../services/app-error.js';
import { CliError, parseCommandArgs, toMlflowJson, writeLine, type CliCommand } from '../cli-command.js';
import { parseFormat, parseView } from './experiments.js';

const USAGE = `Usage: rundesk runs <folder> [--experiment NAME_OR_ID]... [--view active|deleted|all]
                   [--filter EXPR] [--order-by EXPR]... [--max-results N] [--format json|table] [--index PATH]

Searches the runs of the MLflow stores in <folder> like MLflow's search_runs, offline.

Options:
  --experiment X   an experiment name or id (repeatable); default: every experiment of the view
  --view VIEW      active (default): active runs of active experiments; deleted: deleted runs of
                   every experiment; all: every run of every experiment, deleted ones included
  --filter EXPR    MLflow's filter language, e.g. "metrics.rmse < 0.5 AND params.model = 'rf'";
                   RunDesk also takes OR, NOT, parentheses, IN on any field, BETWEEN, and plain
                   text (searches run names). See main/search/README.md.
  --order-by EXPR  e.g. "metrics.rmse DESC" (repeatable); then start_time DESC, then run_id
  --max-results N  print at most N runs (default: all)
  --format FORMAT  table (default) or json (MLflow REST runs/search shape, see JSON-FORMATS.md)
  --index PATH     use this index file instead of the default one`;

const TABLE_METRICS = 3;

export const runsCommand: CliCommand = {
  name: 'runs',
  summary: "search runs with MLflow's filter language (plus OR, NOT, IN, BETWEEN)",
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        experiment: { type: 'string', multiple: true },
        view: { type: 'string' },
        filter: { type: 'string' },
        'order-by': { type: 'string', multiple: true },
        'max-results': { type: 'string' },
        format: { type: 'string' },
        index: { type: 'string' },
      },
      'runs',
    );
    if (positionals.length !== 1) throw new CliError("Give exactly one folder, e.g. 'rundesk runs .'. See 'rundesk runs --help'.");
    const view = parseView(values.view);
    const format = parseFormat(values.format);
    const maxResults = parseMaxResults(values['max-results']);
    const opened = openProjectIndex(resolve(io.cwd, positionals[0]!), {
      ...(values.index ? { indexPath: resolve(io.cwd, values.index) } : {}),
      env: io.env,
    });
    try {
      const experimentKeys = selectExperiments(opened.db, values.experiment ?? [], view);
      const keys =
        experimentKeys.length === 0
          ? []
          : allRunKeys(opened.db, { experimentKeys, view, filter: values.filter ?? '', orderBy: values['order-by'] ?? [] });
      const shown = maxResults === null ? keys : keys.slice(0, maxResults);
      const runs = runsToMlflowJson(opened.db, shown, storeLabels(opened.db, opened.folder));
      writeLine(io.stdout, format === 'json' ? toMlflowJson({ runs }) : runsTable(runs));
      return 0;
    } catch (error) {
      if (error instanceof AppError && error.code === 'PARSE_ERROR') throw new CliError(error.message);
      throw error;
    } finally {
      opened.close();
    }
  },
};

function parseMaxResults(text: string | undefined): number | null {
  if (text === undefined) return null;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new CliError(`--max-results takes a positive whole number, not '${text}'.`);
  return Number(text);
}

/**
 * The experiments to search. Named ones (by name or id, in any store) whatever their stage;
 * otherwise those of the view, as MLflow's search_experiments(view) then search_runs(view) would
 * give, except that `deleted` looks for deleted runs in every experiment.
 */
function selectExperiments(db: IndexDb, wanted: string[], view: ViewType): number[] {
  const all = listExperiments(db, { view: 'all' });
  if (wanted.length === 0) return (view === 'active' ? all.filter((e) => e.lifecycleStage === 'active') : all).map((e) => e.experimentKey);
  const keys: number[] = [];
  for (const w of wanted) {
    const found = all.filter((e: ExperimentSummary) => e.name === w || e.experimentId === w);
    if (found.length === 0) throw new CliError(`There is no experiment named '${w}' or with id '${w}'. Run 'rundesk experiments <folder> --view all' to see them.`, 1);
    keys.push(...found.map((e) => e.experimentKey));
  }
  return [...new Set(keys)];
}

function runsTable(runs: MlflowRunJson[]): string {
  if (runs.length === 0) return 'No runs match.';
  // The metrics most runs have, so the columns are mostly filled.
  const counts = new Map<string, number>();
  for (const run of runs) for (const m of run.data.metrics ?? []) counts.set(m.key, (counts.get(m.key) ?? 0) + 1);
  const metricKeys = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TABLE_METRICS)
    .map(([key]) => key);
  const rows = runs.map((run) => {
    const metrics = new Map((run.data.metrics ?? []).map((m) => [m.key, m.value]));
    return [
      String(run.info.run_id),
      String(run.info.run_name ?? ''),
      String(run.info.status),
      formatUtc(typeof run.info.start_time === 'number' ? run.info.start_time : null),
      ...metricKeys.map((key) => formatMetric(metrics.get(key))),
    ];
  });
  const right = new Set(metricKeys.map((_k, i) => 4 + i));
  return `${formatTable(['RUN ID', 'NAME', 'STATUS', 'START (UTC)', ...metricKeys], rows, right)}\n${runs.length} run${runs.length === 1 ? '' : 's'}`;
}
