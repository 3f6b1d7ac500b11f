import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { CsvFormat, ExportRequest, ViewType } from '../../../preload/contract.js';
import type { IndexDb } from '../../db/open-index.js';
import { AtomicFile } from '../../export/atomic-file.js';
import { writeCsvExport } from '../../export/csv-export.js';
import { checkTimeZone } from '../../export/mlflow-ui-cells.js';
import type { PandasVersion } from '../../export/pandas-timestamp.js';
import { openProjectIndex } from '../../indexer/index-project.js';
import { listExperiments } from '../../query/list-experiments.js';
import { AppError } from '../../services/app-error.js';
import { CliError, parseCommandArgs, writeLine, type CliCommand } from '../cli-command.js';
import { parseView } from './experiments.js';

const USAGE = `Usage: rundesk export <folder> [--experiment NAME_OR_ID]... [--filter EXPR] [--order-by EXPR]...
                     [--view active|deleted|all] [--format pandas|mlflow-ui|history] [--metric KEY]...
                     [--time-zone ZONE] [--pandas-version 3|2] [--output FILE] [--index PATH]

Writes every matching run of the MLflow stores in <folder> as CSV, offline, to standard output or
to FILE (written under a temporary name and renamed when complete).

Formats:
  pandas     what 'mlflow experiments csv' writes (mlflow.search_runs(...).to_csv(index=False)):
             run_id, experiment_id, status, artifact_uri, start_time, end_time, then metrics.*,
             params.* and tags.* columns (default)
  mlflow-ui  the MLflow UI's "Download CSV": Start Time, Duration, Run ID, Name, Source Type,
             Source Name, User, Status, then params, metrics and tags (no mlflow.* tags) by bare key,
             every cell quoted
  history    one row per logged metric point: run_id, run_name, metric, step, timestamp, value

Options:
  --experiment X   an experiment name or id (repeatable); default: every experiment of the view
  --filter EXPR    MLflow's filter language, e.g. "metrics.rmse < 0.5 AND params.model = 'rf'"
  --order-by EXPR  e.g. "metrics.rmse DESC" (repeatable); then start_time DESC, then run_id
  --view VIEW      active (default), deleted or all runs
  --metric KEY     history format: a metric key (repeatable; default: every metric)
  --time-zone ZONE mlflow-ui format: the zone of Start Time, e.g. UTC or Europe/Paris
                   (default: this machine's zone, as the MLflow UI uses the browser's)
  --pandas-version pandas format: match pandas 3 (default, MLflow 3's), which gives each time column
                   one precision (…:54.785+00:00), or pandas 2, value by value (…:54.785000+00:00)
  --output FILE    write to FILE instead of standard output
  --index PATH     use this index file instead of the default one`;

const FORMATS: readonly CsvFormat[] = ['pandas', 'mlflow-ui', 'history'];

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write matching runs as CSV (pandas / MLflow UI layouts, or metric history)',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        experiment: { type: 'string', multiple: true },
        filter: { type: 'string' },
        'order-by': { type: 'string', multiple: true },
        view: { type: 'string' },
        format: { type: 'string' },
        metric: { type: 'string', multiple: true },
        'time-zone': { type: 'string' },
        'pandas-version': { type: 'string' },
        output: { type: 'string' },
        index: { type: 'string' },
      },
      'export',
    );
    if (positionals.length !== 1) throw new CliError("Give exactly one folder, e.g. 'rundesk export . > runs.csv'. See 'rundesk export --help'.");
    const view = parseView(values.view);
    const format = parseExportFormat(values.format);
    const timeZone = values['time-zone'];
    if (timeZone !== undefined) {
      try {
        checkTimeZone(timeZone);
      } catch {
        throw new CliError(`Unknown time zone '${timeZone}': use an IANA name such as UTC or Europe/Paris.`);
      }
    }
    const pandasVersion = parsePandasVersion(values['pandas-version']);
    const output = values.output === undefined ? null : resolve(io.cwd, values.output);

    const opened = openProjectIndex(resolve(io.cwd, positionals[0]!), {
      ...(values.index ? { indexPath: resolve(io.cwd, values.index) } : {}),
      env: io.env,
    });
    let file: AtomicFile | null = null;
    try {
      const experimentKeys = selectExperiments(opened.db, values.experiment ?? [], view);
      const request: ExportRequest = {
        // No experiment at all (an empty project) must export nothing, not "every experiment".
        query: { experimentKeys, filter: values.filter ?? '', orderBy: values['order-by'] ?? [], view, offset: 0, limit: 0, ...(experimentKeys.length === 0 ? { runKeys: [] } : {}) },
        format,
        columns: { mode: 'all' },
        metricKeys: values.metric ?? [],
      };
      file = output === null ? null : AtomicFile.open(output);
      const stream = (file?.stream ?? io.stdout) as Writable;
      const summary = await writeCsvExport(opened.db, request, stream, { pandasVersion, ...(timeZone === undefined ? {} : { timeZone }) });
      if (file) {
        await file.commit();
        const what = format === 'history' ? `${summary.rows} metric points of ${summary.runs} runs` : `${summary.rows} runs`;
        writeLine(io.stderr, `Exported ${what} to ${output}.`);
      }
      return 0;
    } catch (error) {
      await file?.abort();
      // A reader that stopped early (`rundesk export . | head`) is not an error.
      if ((error as NodeJS.ErrnoException).code === 'EPIPE') return 0;
      if (error instanceof AppError) throw new CliError(error.message);
      throw error;
    } finally {
      opened.close();
    }
  },
};

function parsePandasVersion(text: string | undefined): PandasVersion {
  if (text === undefined || text === '3') return 3;
  if (text === '2') return 2;
  throw new CliError(`--pandas-version takes 3 or 2, not '${text}'.`);
}

function parseExportFormat(format: string | undefined): CsvFormat {
  if (format === undefined) return 'pandas';
  if ((FORMATS as readonly string[]).includes(format)) return format as CsvFormat;
  throw new CliError(`Unknown format '${format}': use pandas, mlflow-ui or history.`);
}

/**
 * Named experiments (by name or id, in any store, whatever their stage), or every experiment of the
 * view as 'rundesk runs' picks them: active experiments for the active view, all of them otherwise.
 */
function selectExperiments(db: IndexDb, wanted: string[], view: ViewType): number[] {
  const all = listExperiments(db, { view: 'all' });
  if (wanted.length === 0) return (view === 'active' ? all.filter((e) => e.lifecycleStage === 'active') : all).map((e) => e.experimentKey);
  const keys: number[] = [];
  for (const w of wanted) {
    const found = all.filter((e) => e.name === w || e.experimentId === w);
    if (found.length === 0) throw new CliError(`There is no experiment named '${w}' or with id '${w}'. Run 'rundesk experiments <folder> --view all' to see them.`);
    keys.push(...found.map((e) => e.experimentKey));
  }
  return [...new Set(keys)];
}
