import { dirname, relative, resolve } from 'node:path';
import type { ModelVersionInfo, RegisteredModelSummary, RegistryChange, RegistryEdit } from '../../../preload/contract.js';
import { defaultDataDir, indexPathFor } from '../../db/index-location.js';
import { openProjectIndex } from '../../indexer/index-project.js';
import { canonicalStage } from '../../registry/validation.js';
import type { RegistryStore } from '../../registry/registry-editor.js';
import { RegistryService } from '../../registry/registry-service.js';
import { AppError } from '../../services/app-error.js';
import { CliError, parseCommandArgs, writeLine, type CliCommand, type CliIo } from '../cli-command.js';

const USAGE = `Usage: rundesk registry <folder> <command> [options]

Shows and edits the MLflow model registry of the stores in <folder>, without MLflow.

Commands:
  list [--format json]                          registered models with latest versions and aliases
  versions [--name NAME] [--format json]        model versions (deleted versions are not listed)
  show <name>                                   a model: description, tags, aliases, versions, history
  transition <name> <version> <stage> [--archive-existing] [--yes]
                                                move a version to None, Staging, Production or Archived
  alias set <name> <alias> <version>            point an alias at a version (moves it if it exists)
  alias delete <name> <alias>
  tag set <name> [--version V] <key> <value>    set a model tag, or a version tag with --version
  tag delete <name> [--version V] <key>
  describe <name> [--version V] <text>          set the model's (or a version's) description
  history <name>                                the changes RunDesk made to a model
  undo [CHANGE_ID]                              undo a change (the newest one by default)

Options:
  --store LABEL        the store to use when several stores in <folder> have a registry
                       (its path relative to <folder>, e.g. mlruns or mlflow.db)
  --index PATH         use this index file instead of the default one
  --archive-existing   with transition to Staging or Production: archive the versions already there
  --yes                confirm a transition to Production or Archived

Edits are written the way MLflow writes them, checked against concurrent changes, and recorded in
a local history (registry-history.sqlite beside the index) so they can be undone.`;

const OPTIONS = {
  format: { type: 'string' },
  name: { type: 'string' },
  store: { type: 'string' },
  index: { type: 'string' },
  version: { type: 'string' },
  'archive-existing': { type: 'boolean' },
  yes: { type: 'boolean' },
} as const;

export const registryCommand: CliCommand = {
  name: 'registry',
  summary: 'show and edit the model registry (stages, aliases, tags, descriptions, undo)',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, OPTIONS, 'registry');
    const [folderArg, command, ...args] = positionals;
    if (!folderArg || !command) throw new CliError("Give a folder and a command, e.g. 'rundesk registry . list'. See 'rundesk registry --help'.");
    if (values.format !== undefined && values.format !== 'json' && values.format !== 'text') throw new CliError(`Unknown format '${values.format}': use json or text.`);
    const folder = resolve(io.cwd, folderArg);
    const indexPath = values.index ? resolve(io.cwd, values.index) : indexPathFor(folder, defaultDataDir(io.env));
    const opened = openProjectIndex(folder, { indexPath, env: io.env });
    try {
      const ctx: Ctx = { io, folder, service: new RegistryService(opened.db, dirname(indexPath)), values, args, folderArg };
      return await runSubcommand(command, ctx);
    } catch (error) {
      if (error instanceof AppError) throw new CliError(error.message, error.code === 'BAD_REQUEST' ? 2 : 1);
      throw error;
    } finally {
      opened.close();
    }
  },
};

interface Ctx {
  io: CliIo;
  folder: string;
  folderArg: string;
  service: RegistryService;
  values: { format?: string; name?: string; store?: string; version?: string; 'archive-existing'?: boolean; yes?: boolean };
  args: string[];
}

async function runSubcommand(command: string, ctx: Ctx): Promise<number> {
  switch (command) {
    case 'list':
      return list(ctx);
    case 'versions':
      return versions(ctx);
    case 'show':
      return show(ctx);
    case 'transition':
      return transition(ctx);
    case 'alias':
      return alias(ctx);
    case 'tag':
      return tag(ctx);
    case 'describe':
      return describe(ctx);
    case 'history':
      return history(ctx);
    case 'undo':
      return undo(ctx);
    default:
      throw new CliError(`Unknown registry command '${command}'. See 'rundesk registry --help'.`);
  }
}

// ───────────────────────────────────────────── store and argument helpers

function storeLabel(ctx: Ctx, store: RegistryStore): string {
  return relative(ctx.folder, store.path).split('\\').join('/') || '.';
}

function registryStores(ctx: Ctx): RegistryStore[] {
  const stores = ctx.service.stores().filter((s) => s.kind !== 'artifacts');
  if (ctx.values.store === undefined) return stores;
  const wanted = ctx.values.store.replace(/\/+$/, '');
  const found = stores.filter((s) => storeLabel(ctx, s) === wanted || s.label === wanted);
  if (found.length === 0) {
    throw new CliError(`No store '${ctx.values.store}' in ${ctx.folderArg}; the stores are: ${stores.map((s) => storeLabel(ctx, s)).join(', ') || 'none'}.`);
  }
  return found;
}

/** The store holding model `name`: the only one, or the one chosen with --store. */
function storeOfModel(ctx: Ctx, name: string): RegistryStore {
  const stores = registryStores(ctx);
  const holding = stores.filter((s) => ctx.service.models('', s.storeId).some((m) => m.name === name));
  if (holding.length === 1) return holding[0]!;
  if (holding.length === 0) throw new CliError(`There is no registered model '${name}' in ${ctx.values.store ?? ctx.folderArg}.`, 1);
  throw new CliError(`Model '${name}' exists in several stores (${holding.map((s) => storeLabel(ctx, s)).join(', ')}); choose one with --store.`);
}

function need(ctx: Ctx, count: number, usage: string): string[] {
  if (ctx.args.length !== count) throw new CliError(`Usage: rundesk registry <folder> ${usage}`);
  return ctx.args;
}

function versionNumber(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new CliError(`'${text}' is not a version number.`);
  return Number(text);
}

function optionalVersion(ctx: Ctx): number | null {
  return ctx.values.version === undefined ? null : versionNumber(ctx.values.version);
}

function json(ctx: Ctx): boolean {
  return ctx.values.format === 'json';
}

// ───────────────────────────────────────────── views

function list(ctx: Ctx): number {
  need(ctx, 0, 'list [--format json]');
  const rows = registryStores(ctx).flatMap((store) => ctx.service.models('', store.storeId).map((m) => ({ store, m })));
  rows.sort((a, b) => (a.m.name < b.m.name ? -1 : a.m.name > b.m.name ? 1 : storeLabel(ctx, a.store).localeCompare(storeLabel(ctx, b.store))));
  if (json(ctx)) {
    writeLine(ctx.io.stdout, JSON.stringify({ registered_models: rows.map(({ store, m }) => modelJson(storeLabel(ctx, store), m)) }));
    return 0;
  }
  if (rows.length === 0) {
    writeLine(ctx.io.stdout, 'No registered models.');
    return 0;
  }
  table(
    ctx,
    ['NAME', 'VERSIONS', 'LATEST', 'ALIASES', 'STORE'],
    rows.map(({ store, m }) => [
      m.name,
      String(m.versionCount),
      m.latestVersions.map((v) => `v${v.version} ${v.currentStage}`).join(', '),
      m.aliases.map((a) => `@${a.alias}→v${a.version}`).join(', '),
      storeLabel(ctx, store),
    ]),
  );
  return 0;
}

function versions(ctx: Ctx): number {
  need(ctx, 0, 'versions [--name NAME] [--format json]');
  const rows: { store: RegistryStore; v: ModelVersionInfo }[] = [];
  for (const store of registryStores(ctx)) {
    for (const model of ctx.service.models('', store.storeId)) {
      if (ctx.values.name !== undefined && model.name !== ctx.values.name) continue;
      for (const v of ctx.service.model({ storeId: store.storeId, name: model.name }).versions) rows.push({ store, v });
    }
  }
  // MLflow's default order for search_model_versions.
  rows.sort((a, b) => (b.v.lastUpdatedTimestamp ?? 0) - (a.v.lastUpdatedTimestamp ?? 0) || (a.v.name < b.v.name ? -1 : a.v.name > b.v.name ? 1 : 0) || b.v.version - a.v.version);
  if (json(ctx)) {
    writeLine(ctx.io.stdout, JSON.stringify({ model_versions: rows.map(({ store, v }) => versionJson(storeLabel(ctx, store), v)) }));
    return 0;
  }
  if (rows.length === 0) {
    writeLine(ctx.io.stdout, ctx.values.name ? `No versions of '${ctx.values.name}'.` : 'No model versions.');
    return 0;
  }
  table(
    ctx,
    ['NAME', 'VERSION', 'STAGE', 'ALIASES', 'RUN', 'CREATED'],
    rows.map(({ v }) => [v.name, String(v.version), v.currentStage, v.aliases.map((a) => `@${a}`).join(' '), v.runId ?? '', formatTime(v.creationTimestamp)]),
  );
  return 0;
}

function show(ctx: Ctx): number {
  const [name] = need(ctx, 1, 'show <name>');
  const store = storeOfModel(ctx, name!);
  const model = ctx.service.model({ storeId: store.storeId, name: name! });
  const out = (line = '') => writeLine(ctx.io.stdout, line);
  if (json(ctx)) {
    out(JSON.stringify({ registered_model: { ...modelJson(storeLabel(ctx, store), model), versions: model.versions.map((v) => versionJson(storeLabel(ctx, store), v)) } }));
    return 0;
  }
  out(`${model.name}  (${storeLabel(ctx, store)})`);
  if (model.description) out(`  ${model.description.split('\n').join('\n  ')}`);
  out(`  created ${formatTime(model.creationTimestamp)}, updated ${formatTime(model.lastUpdatedTimestamp)}`);
  if (Object.keys(model.tags).length) out(`  tags: ${Object.entries(model.tags).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  if (model.aliases.length) out(`  aliases: ${model.aliases.map((a) => `@${a.alias} → v${a.version}`).join(', ')}`);
  out();
  if (model.versions.length === 0) out('No versions.');
  else
    table(
      ctx,
      ['VERSION', 'STAGE', 'ALIASES', 'RUN', 'CREATED', 'STATUS'],
      model.versions.map((v) => [String(v.version), v.currentStage, v.aliases.map((a) => `@${a}`).join(' '), v.runId ?? '', formatTime(v.creationTimestamp), v.status]),
    );
  if (model.history.length) {
    out();
    out('History');
    for (const change of model.history) out(historyLine(change));
  }
  return 0;
}

function history(ctx: Ctx): number {
  const [name] = need(ctx, 1, 'history <name>');
  const store = storeOfModel(ctx, name!);
  const changes = ctx.service.history({ storeId: store.storeId, name: name! });
  if (json(ctx)) {
    writeLine(ctx.io.stdout, JSON.stringify({ changes }));
    return 0;
  }
  if (changes.length === 0) writeLine(ctx.io.stdout, `RunDesk has made no changes to '${name}'.`);
  for (const change of changes) writeLine(ctx.io.stdout, historyLine(change));
  return 0;
}

// ───────────────────────────────────────────── edits

function transition(ctx: Ctx): number {
  const [name, versionText, stageText] = need(ctx, 3, 'transition <name> <version> <stage> [--archive-existing] [--yes]');
  const stage = canonicalStage(stageText!);
  const version = versionNumber(versionText!);
  const store = storeOfModel(ctx, name!);
  if ((stage === 'Production' || stage === 'Archived') && !ctx.values.yes) {
    throw new CliError(`Moving version ${version} of '${name}' to ${stage} needs confirmation: run the command again with --yes.`);
  }
  return applyEdit(ctx, { kind: 'transition', model: { storeId: store.storeId, name: name!, version }, stage, archiveExisting: ctx.values['archive-existing'] ?? false });
}

function alias(ctx: Ctx): number {
  const [action, ...rest] = ctx.args;
  if (action === 'set') {
    if (rest.length !== 3) throw new CliError('Usage: rundesk registry <folder> alias set <name> <alias> <version>');
    const [name, aliasName, versionText] = rest;
    const store = storeOfModel(ctx, name!);
    return applyEdit(ctx, { kind: 'set-alias', model: { storeId: store.storeId, name: name! }, alias: aliasName!, version: versionNumber(versionText!) });
  }
  if (action === 'delete') {
    if (rest.length !== 2) throw new CliError('Usage: rundesk registry <folder> alias delete <name> <alias>');
    const [name, aliasName] = rest;
    const store = storeOfModel(ctx, name!);
    return applyEdit(ctx, { kind: 'delete-alias', model: { storeId: store.storeId, name: name! }, alias: aliasName! });
  }
  throw new CliError("Use 'alias set <name> <alias> <version>' or 'alias delete <name> <alias>'.");
}

function tag(ctx: Ctx): number {
  const [action, ...rest] = ctx.args;
  const version = optionalVersion(ctx);
  if (action === 'set') {
    if (rest.length !== 3) throw new CliError('Usage: rundesk registry <folder> tag set <name> [--version V] <key> <value>');
    const [name, key, value] = rest;
    const store = storeOfModel(ctx, name!);
    return applyEdit(ctx, { kind: 'set-tag', model: { storeId: store.storeId, name: name! }, version, key: key!, value: value! });
  }
  if (action === 'delete') {
    if (rest.length !== 2) throw new CliError('Usage: rundesk registry <folder> tag delete <name> [--version V] <key>');
    const [name, key] = rest;
    const store = storeOfModel(ctx, name!);
    return applyEdit(ctx, { kind: 'delete-tag', model: { storeId: store.storeId, name: name! }, version, key: key! });
  }
  throw new CliError("Use 'tag set <name> [--version V] <key> <value>' or 'tag delete <name> [--version V] <key>'.");
}

function describe(ctx: Ctx): number {
  if (ctx.args.length < 2) throw new CliError('Usage: rundesk registry <folder> describe <name> [--version V] <text>');
  const [name, ...words] = ctx.args;
  const store = storeOfModel(ctx, name!);
  return applyEdit(ctx, { kind: 'describe', model: { storeId: store.storeId, name: name! }, version: optionalVersion(ctx), description: words.join(' ') });
}

function undo(ctx: Ctx): number {
  if (ctx.args.length > 1) throw new CliError('Usage: rundesk registry <folder> undo [CHANGE_ID]');
  const id = ctx.args[0] === undefined ? undefined : /^\d+$/.test(ctx.args[0]) ? Number(ctx.args[0]) : NaN;
  if (Number.isNaN(id)) throw new CliError(`'${ctx.args[0]}' is not a change number; see 'rundesk registry <folder> history <name>'.`);
  const change = ctx.service.undo(id);
  report(ctx, change, `Undid change #${change.changeId}: ${change.summary}`);
  return 0;
}

function applyEdit(ctx: Ctx, edit: RegistryEdit): number {
  const change = ctx.service.edit(edit);
  report(ctx, change, `Change #${change.changeId}: ${change.summary} (undo with 'rundesk registry ${ctx.folderArg} undo ${change.changeId}')`);
  return 0;
}

function report(ctx: Ctx, change: RegistryChange, text: string): void {
  writeLine(ctx.io.stdout, json(ctx) ? JSON.stringify({ change }) : text);
}

// ───────────────────────────────────────────── output

/** MLflow REST JSON of a registered model (see JSON-FORMATS.md): missing values omitted. */
function modelJson(store: string, m: RegisteredModelSummary): object {
  return omitNull({
    store,
    name: m.name,
    creation_timestamp: m.creationTimestamp,
    last_updated_timestamp: m.lastUpdatedTimestamp,
    // MLflow's RegisteredModel.to_proto sets the description only when it is non-empty (a version's when non-null).
    description: m.description || null,
    tags: keyValues(m.tags),
    aliases: m.aliases.map((a) => ({ alias: a.alias, version: String(a.version) })),
    latest_versions: m.latestVersions.map((v) => versionJson(store, v)),
  });
}

function versionJson(store: string, v: ModelVersionInfo): object {
  return omitNull({
    store,
    name: v.name,
    version: String(v.version),
    creation_timestamp: v.creationTimestamp,
    last_updated_timestamp: v.lastUpdatedTimestamp,
    current_stage: v.currentStage,
    description: v.description,
    user_id: v.userId,
    source: v.source,
    run_id: v.runId,
    run_link: v.runLink,
    status: v.status,
    status_message: v.statusMessage,
    tags: keyValues(v.tags),
    aliases: v.aliases,
  });
}

function keyValues(tags: Record<string, string>): { key: string; value: string }[] {
  return Object.keys(tags)
    .sort()
    .map((key) => ({ key, value: tags[key]! }));
}

function omitNull(object: Record<string, unknown>): object {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== null && v !== undefined));
}

function historyLine(change: RegistryChange): string {
  return `#${String(change.changeId).padEnd(4)} ${formatTime(change.at)}  ${change.summary}${change.undone ? '  (undone)' : ''}`;
}

function formatTime(ms: number | null): string {
  if (ms === null) return '';
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

function table(ctx: Ctx, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  writeLine(ctx.io.stdout, line(header));
  for (const row of rows) writeLine(ctx.io.stdout, line(row));
}
