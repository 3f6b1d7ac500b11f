import { resolve } from 'node:path';
import { parseCommandArgs, CliError, writeLine, type CliCommand } from '../cli-command.js';
import { openProjectIndex, type IndexSummary } from '../../indexer/index-project.js';

const USAGE = `Usage: rundesk index <folder> [--json] [--index PATH] [--full]

Finds the MLflow stores in <folder> (mlruns/ file stores, mlflow.db SQL stores, artifacts-only
folders), brings the project's index up to date and prints what it holds: stores, experiments, runs,
params, tags, metric series and points, registered models, versions, aliases, and the files that
could not be read (path relative to <folder>: reason).

The index is a rebuildable cache kept outside the project, in $RUNDESK_DATA_DIR/index or the user's
cache folder (~/.cache/rundesk/index on Linux). Only what changed since the last run is read again.

Options:
  --json        print the summary as JSON
  --index PATH  use this index file instead of the default one
  --full        re-read everything instead of only what changed`;

export const indexCommand: CliCommand = {
  name: 'index',
  summary: 'index a project folder and print what it holds',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { json: { type: 'boolean' }, index: { type: 'string' }, full: { type: 'boolean' } },
      'index',
    );
    if (positionals.length !== 1) throw new CliError(`Give exactly one folder to index. See 'rundesk index --help'.`);
    const folder = positionals[0]!;
    const opened = openProjectIndex(resolve(io.cwd, folder), {
      ...(values.index ? { indexPath: resolve(io.cwd, values.index) } : {}),
      env: io.env,
      full: values.full ?? false,
    });
    try {
      const summary = opened.summary;
      if (values.json) writeLine(io.stdout, JSON.stringify(summaryJson(summary)));
      else writeLine(io.stdout, summaryText(summary));
      return summary.stores.length === 0 ? 1 : 0;
    } finally {
      opened.close();
    }
  },
};

/** The JSON printed by `rundesk index --json` (see JSON-FORMATS.md). */
export function summaryJson(s: IndexSummary): object {
  return {
    folder: s.folder,
    notice: s.notice,
    stores: s.stores.map((store) => ({ kind: store.kind, label: store.label, schema_version: store.schemaVersion })),
    experiments: s.experiments,
    runs: s.runs,
    params: s.params,
    tags: s.tags,
    metric_series: s.metricSeries,
    metric_points: s.metricPoints,
    registered_models: s.registeredModels,
    prompts: s.prompts,
    model_versions: s.modelVersions,
    aliases: s.aliases,
    problems: s.problems,
    pass: { full: s.pass.full, runs_read: s.pass.runsRead, elapsed_ms: s.pass.elapsedMs },
  };
}

export function summaryText(s: IndexSummary): string {
  const lines: string[] = [];
  if (s.notice) lines.push(s.notice, '');
  if (s.stores.length > 0) {
    lines.push('Stores');
    const width = Math.max(...s.stores.map((st) => st.kind.length));
    for (const store of s.stores) {
      lines.push(`  ${store.kind.padEnd(width)}  ${store.label}${store.schemaVersion ? `  (schema ${store.schemaVersion})` : ''}`);
    }
    lines.push('');
  }
  const rows: [string, string][] = [
    ['experiments', `${s.experiments.active} active, ${s.experiments.deleted} deleted`],
    ['runs', `${s.runs.active} active, ${s.runs.deleted} deleted`],
    ['params', String(s.params)],
    ['tags', String(s.tags)],
    ['metric series', String(s.metricSeries)],
    ['metric points', String(s.metricPoints)],
    ['registered models', s.prompts > 0 ? `${s.registeredModels} (+${s.prompts} prompts)` : String(s.registeredModels)],
    ['model versions', String(s.modelVersions)],
    ['aliases', String(s.aliases)],
    ['problems', String(s.problems.length)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) lines.push(`${k.padEnd(width)}  ${v}`);
  if (s.problems.length > 0) {
    lines.push('', 'Problems');
    for (const p of s.problems) lines.push(`  ${p.path}: ${p.reason}`);
  }
  lines.push('', `Indexed in ${(s.pass.elapsedMs / 1000).toFixed(2)} s (${s.pass.runsRead} run${s.pass.runsRead === 1 ? '' : 's'} read${s.pass.full ? ', full re-read' : ''}).`);
  return lines.join('\n');
}
