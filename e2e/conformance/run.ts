// Conformance suite: proves RunDesk reads MLflow stores exactly as the real MLflow does.
//
//   node --import tsx e2e/conformance/run.ts          (npm run test:conformance)
//
// 1. makes sure the MLflow virtualenvs exist (setup-venv.sh 3.18.0 and 2.22.4),
// 2. writes deterministic stores with the real MLflow (generate_stores.py: 3.x full + registry
//    profiles, 2.x full profile; each as file store and SQL store), copies the shipped demo project
//    and every real store under <shared>/fixtures to a temporary folder,
// 3. per store: dumps what MLflow reads (mlflow_dump.py) and what RunDesk's CLI prints, and compares
//    experiments, runs, full metric histories, registry models/versions/aliases and ~170 searches,
// 4. registry write round-trip (RunDesk edits read by MLflow, MLflow edits read by RunDesk),
// 5. prints every difference as `store › run <id> › field: mlflow=<x> rundesk=<y>`, a summary line
//    and `N passed, N failed`; exits 1 on any difference.
//
// Environment: RUNDESK_SHARED (default <repo>/../shared), RUNDESK_CACHE (venvs), RUNDESK_CONFORMANCE_FAST=1
// (a small subset), RUNDESK_CONFORMANCE_KEEP=1 (keep the temp folder), RUNDESK_CONFORMANCE_CLI=
// spawn|inprocess|auto, RUNDESK_CONFORMANCE_MAX_PRINT (differences printed per check, default 40),
// RUNDESK_CONFORMANCE_REPORT (path of the JSON report; default <tmp>/rundesk-conformance-report.json),
// RUNDESK_CONFORMANCE_ONLY (comma list of substrings: only stores whose label matches).

import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { RundeskCli, firstLine, isUnknownCommand } from './cli-runner.js';
import {
  Collector,
  compareAliases,
  compareExperiments,
  compareFilter,
  compareHistory,
  compareModelVersions,
  compareRegisteredModels,
  compareRuns,
  formatDifference,
  note,
} from './compare.js';
import { filterCliArgs, generateFilters } from './filters.js';
import { cpuSeconds, exec, Limiter, lastLine, PyServer, PyServerPool, tail } from './proc.js';
import { opCliArgs, projectRegistry, ROUNDTRIP_OPS } from './roundtrip.js';
import { TOLERANCES } from './tolerances.js';
import type {
  CheckResult,
  Difference,
  ExperimentJson,
  FilterResult,
  FilterSpec,
  MetricJson,
  MlflowDump,
  ModelVersionJson,
  RegisteredModelJson,
  RunJson,
} from './types.js';
import { ABSENT } from './types.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
const SHARED = process.env.RUNDESK_SHARED ?? resolve(REPO, '..', 'shared');
const FAST = process.env.RUNDESK_CONFORMANCE_FAST === '1';
const KEEP = process.env.RUNDESK_CONFORMANCE_KEEP === '1';
const MAX_PRINT = Number(process.env.RUNDESK_CONFORMANCE_MAX_PRINT ?? 40);
const ONLY = (process.env.RUNDESK_CONFORMANCE_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const REPORT = process.env.RUNDESK_CONFORMANCE_REPORT ?? join(tmpdir(), 'rundesk-conformance-report.json');
const MLFLOW3 = '3.18.0';
const MLFLOW2 = '2.22.4';
const PY_TIMEOUT = 300_000;

interface StoreCase {
  label: string;
  path: string;
  kind: 'file' | 'sql';
  handwritten: boolean;
  historyLimit?: number;
  dumpFile?: string;
  dump?: MlflowDump;
  filters?: FilterSpec[];
  filterDump?: FilterResult[];
  index: string;
}

interface StoreCaseWithFilters extends StoreCase {
  rundeskFilters?: Map<string, { run_ids?: string[]; error?: string }>;
}

interface TestRecord {
  store: string;
  check: string;
  status: 'pass' | 'fail' | 'skip';
  result?: CheckResult;
  note?: string;
}

const tests: TestRecord[] = [];
/** Python runs in the temp folder: MLflow may create ./mlflow.db or ./mlruns in its cwd. */
let pyCwd: string | undefined;
const notes: string[] = [];
const timings: Record<string, number> = {};
const pyPool = new Limiter(2);

function log(msg: string): void {
  process.stderr.write(`[conformance] ${msg}\n`);
}

function slug(label: string): string {
  return label.replace(/[^A-Za-z0-9._-]+/g, '_');
}

async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t = performance.now();
  try {
    return await fn();
  } finally {
    timings[name] = (timings[name] ?? 0) + (performance.now() - t) / 1000;
  }
}

// ---------------------------------------------------------------------------------------------
// Python side
// ---------------------------------------------------------------------------------------------

async function setupVenv(version: string): Promise<string> {
  const r = await exec('bash', [join(HERE, 'setup-venv.sh'), version], { cwd: pyCwd, timeoutMs: 1_800_000 });
  if (r.code !== 0) throw new Error(`setup-venv.sh ${version} failed:\n${tail(r.stderr + r.stdout, 30)}`);
  return lastLine(r.stdout);
}

async function python(py: string, script: string, args: string[]): Promise<void> {
  const r = await pyPool.run(() =>
    exec(py, [join(HERE, script), ...args], {
      cwd: pyCwd,
      timeoutMs: PY_TIMEOUT,
      env: { ...process.env, MLFLOW_ALLOW_FILE_STORE: 'true' },
    }),
  );
  if (r.code !== 0) throw new Error(`${script} ${args.join(' ')} failed (exit ${r.code}):\n${tail(r.stderr + r.stdout, 25)}`);
}

async function generate(py: string, profile: string, out: string): Promise<void> {
  await python(py, 'generate_stores.py', ['--out', out, '--profile', profile]);
}

let dumpServers: PyServerPool | undefined;

/** What MLflow reads (mlflow_dump.py, through two long-lived --serve processes). */
async function dump(py: string, store: string, out: string, extra: string[] = []): Promise<MlflowDump> {
  dumpServers ??= new PyServerPool(
    [1, 2].map(() => new PyServer(py, join(HERE, 'mlflow_dump.py'), { ...process.env, MLFLOW_ALLOW_FILE_STORE: 'true' }, pyCwd)),
  );
  // exit code 2 = MLflow could not open the store at all; the JSON says why
  rmSync(out, { force: true });
  const r = await dumpServers.request([store, '--out', out, ...extra]);
  if (!existsSync(out)) throw new Error(`mlflow_dump.py ${store} wrote nothing (exit ${r.code}):\n${tail(r.stderr, 25)}`);
  return JSON.parse(readFileSync(out, 'utf8')) as MlflowDump;
}

// ---------------------------------------------------------------------------------------------
// Stores
// ---------------------------------------------------------------------------------------------

function copyTree(src: string, dst: string): void {
  cpSync(src, dst, { recursive: true });
  makeWritable(dst);
}

function makeWritable(path: string): void {
  const st = statSync(path);
  chmodSync(path, st.mode | 0o200);
  if (st.isDirectory()) for (const e of readdirSync(path)) makeWritable(join(path, e));
}

/** Stores under <shared>/fixtures/<group>/<name>/{mlruns, mlflow.db}, copied to `into`. */
function copyFixtures(into: string): { label: string; path: string; kind: 'file' | 'sql' }[] {
  const root = join(SHARED, 'fixtures');
  const out: { label: string; path: string; kind: 'file' | 'sql' }[] = [];
  if (!existsSync(root)) {
    notes.push(`no fixtures at ${root} (set RUNDESK_SHARED)`);
    return out;
  }
  for (const group of readdirSync(root).sort()) {
    const gdir = join(root, group);
    if (!statSync(gdir).isDirectory()) continue;
    for (const name of readdirSync(gdir).sort()) {
      const src = join(gdir, name);
      if (!statSync(src).isDirectory()) continue;
      const hasMlruns = existsSync(join(src, 'mlruns'));
      const hasDb = existsSync(join(src, 'mlflow.db'));
      if (!hasMlruns && !hasDb) continue;
      const dst = join(into, group, name);
      copyTree(src, dst);
      if (hasMlruns) out.push({ label: `fixture/${name}`, path: join(dst, 'mlruns'), kind: 'file' });
      if (hasDb) out.push({ label: `fixture/${name}${hasMlruns ? '/db' : ''}`, path: join(dst, 'mlflow.db'), kind: 'sql' });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------

function record(store: string, check: string, result: CheckResult, extraNote?: string): void {
  tests.push({ store, check, status: result.differences.length ? 'fail' : 'pass', result, note: extraNote });
}

function failWith(store: string, check: string, what: string, mlflow: unknown, rundesk: unknown): void {
  const c = new Collector(store, check);
  c.value([what], mlflow, rundesk);
  record(store, check, c.result);
}

function skip(store: string, check: string, why: string): void {
  tests.push({ store, check, status: 'skip', note: why });
}

function unreadableRunIds(d: MlflowDump): Set<string> {
  return new Set(d.errors.filter((e) => e.scope === 'run').map((e) => String(e.id)));
}

/** Experiments a filter searches: the same rule as mlflow_dump.py's run_filter. */
function filterScope(d: MlflowDump, f: FilterSpec): { ids: string[]; explicit: boolean } {
  const all = d.experiments.map((e) => e.experiment_id);
  const ids = f.view === 'ACTIVE_ONLY' ? d.experiments.filter((e) => e.lifecycle_stage === 'active').map((e) => e.experiment_id) : all;
  const readable = new Set(d.readable_experiments ?? all);
  const partial = ids.filter((i) => readable.has(i));
  const isPartial = partial.length !== ids.length;
  // rundesk's views mean the same scopes (`runs --help`): pass experiments only when MLflow could not read all
  return { ids: partial, explicit: isPartial };
}

async function rundeskStore(cli: RundeskCli, s: StoreCaseWithFilters): Promise<void> {
  const d = s.dump!;
  const idx = ['--format', 'json', '--index', s.index];
  const label = s.label;

  if (d.fatal) {
    for (const check of ['experiments', 'runs', 'histories', 'registry-models', 'registry-versions', 'aliases', 'filters'])
      skip(label, check, `MLflow cannot open this store: ${d.fatal}`);
    return;
  }

  // experiments
  const exps = await cli.json<{ experiments: ExperimentJson[] }>(['experiments', s.path, '--view', 'all', ...idx]);
  if (exps.error !== undefined) failWith(label, 'experiments', 'rundesk experiments', note(`${d.experiments.length} experiments`), note(`error: ${exps.error}`));
  else record(label, 'experiments', compareExperiments(new Collector(label, 'experiments'), d.experiments, exps.value?.experiments ?? []));

  // runs
  const runs = await cli.json<{ runs: RunJson[] }>(['runs', s.path, '--view', 'all', ...idx]);
  let runsOk = runs.error === undefined;
  if (runs.error !== undefined) {
    failWith(label, 'runs', 'rundesk runs', note(`${d.runs.length} runs`), note(`error: ${runs.error}`));
  } else {
    const c = new Collector(label, 'runs');
    const unreadable = unreadableRunIds(d);
    const rundeskRuns = (runs.value?.runs ?? []).filter((r) => {
      if (unreadable.has(r.info.run_id)) {
        c.tolerate('mlflow-unreadable');
        return false;
      }
      return true;
    });
    record(label, 'runs', compareRuns(c, d.runs, rundeskRuns));
    runsOk = true;
  }

  // histories: every run MLflow read (FAST: at most historyLimit runs)
  {
    const c = new Collector(label, 'histories');
    let ids = Object.keys(d.histories).sort();
    if (s.historyLimit !== undefined && ids.length > s.historyLimit) ids = ids.slice(0, s.historyLimit);
    const errors = new Map<string, number>();
    let skipped = 0;
    await eachWithWorkers(ids, 2, async (id) => {
      if ([...errors.values()].some((n) => n >= 3)) {
        skipped++;
        return;
      }
      const h = await cli.json<{ metrics: MetricJson[] }>(['history', s.path, '--run', id, ...idx], { bulk: true });
      if (h.error !== undefined) {
        errors.set(h.error, (errors.get(h.error) ?? 0) + 1);
        c.value([`run ${id}`, 'history'], note(`${d.histories[id]?.length ?? 0} points`), note(`error: ${h.error}`));
        return;
      }
      compareHistory(c, id, d.histories[id] ?? [], h.value?.metrics ?? []);
    });
    record(label, 'histories', c.result, skipped ? `${skipped} runs not asked after 3 identical errors` : undefined);
  }

  // registry
  const models = await cli.json<{ registered_models: RegisteredModelJson[] }>(['registry', s.path, 'list', ...idx]);
  if (models.error !== undefined) {
    failWith(label, 'registry-models', 'rundesk registry list', note(`${d.registered_models.length} models`), note(`error: ${models.error}`));
    failWith(label, 'aliases', 'rundesk registry list', note(`${d.aliases.length} aliases`), note(`error: ${models.error}`));
  } else {
    const list = models.value?.registered_models ?? [];
    record(label, 'registry-models', compareRegisteredModels(new Collector(label, 'registry-models'), d.registered_models, list));
    record(label, 'aliases', compareAliases(new Collector(label, 'aliases'), d.aliases, list));
  }
  const versions = await cli.json<{ model_versions: ModelVersionJson[] }>(['registry', s.path, 'versions', ...idx]);
  if (versions.error !== undefined) {
    failWith(label, 'registry-versions', 'rundesk registry versions', note(`${d.model_versions.length} versions`), note(`error: ${versions.error}`));
  } else {
    record(label, 'registry-versions', compareModelVersions(new Collector(label, 'registry-versions'), d.model_versions, versions.value?.model_versions ?? []));
  }

  // searches: RunDesk side now; compared once MLflow's filter dump is in
  s.rundeskFilters = new Map();
  if (!runsOk) return;
  const found = s.rundeskFilters;
  await eachWithWorkers(s.filters ?? [], 2, async (f) => {
    const scope = filterScope(d, f);
    if (scope.explicit && scope.ids.length === 0) {
      found.set(f.id, { run_ids: [] });
      return;
    }
    const args = ['runs', s.path, ...filterCliArgs(f, scope.explicit ? scope.ids : undefined), ...idx];
    const r = await cli.json<{ runs: RunJson[] }>(args, { bulk: true });
    found.set(f.id, r.error !== undefined ? { error: r.error } : { run_ids: (r.value?.runs ?? []).map((x) => x.info.run_id) });
  });
}

/** Runs `fn` over `items` with `workers` concurrent workers, each taking the next item when free. */
async function eachWithWorkers<T>(items: readonly T[], workers: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(workers, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

function compareFilters(s: StoreCaseWithFilters): void {
  const handIds = new Set((s.filters ?? []).filter((f) => f.id.startsWith('F')).map((f) => f.id));
  const hand = new Collector(s.label, 'filters');
  const gen = new Collector(s.label, 'filters-generated');
  if (!s.rundeskFilters || s.rundeskFilters.size === 0) {
    if ((s.filters ?? []).length) {
      const why = s.dump?.fatal ? `MLflow cannot open this store` : 'rundesk runs failed (see the runs check)';
      if (handIds.size) skip(s.label, 'filters', why);
      skip(s.label, 'filters-generated', why);
    }
    return;
  }
  for (const m of s.filterDump ?? []) {
    const c = handIds.has(m.id ?? '') ? hand : gen;
    const r = s.rundeskFilters.get(m.id ?? '');
    if (!r) continue;
    if (m.error === undefined && m.partial) c.tolerate('mlflow-unreadable');
    compareFilter(c, m, r);
  }
  if (handIds.size) record(s.label, 'filters', hand.result);
  record(s.label, 'filters-generated', gen.result);
}

// ---------------------------------------------------------------------------------------------
// Registry write round-trip
// ---------------------------------------------------------------------------------------------

async function roundTrip(cli: RundeskCli, py: string, pristine: string, label: string, work: string): Promise<void> {
  const isDir = statSync(pristine).isDirectory();
  const base = join(work, 'roundtrip', slug(label));
  const prepare = (name: string) => {
    const dir = join(base, name);
    mkdirSync(dir, { recursive: true });
    const target = join(dir, basename(pristine));
    if (isDir) copyTree(pristine, target);
    else cpSync(pristine, target);
    return target;
  };
  const storeA = prepare('rundesk-edits');
  const storeB = prepare('mlflow-edits');
  const indexA = join(base, 'index-a.sqlite');
  const indexB = join(base, 'index-b.sqlite');
  const checkA = 'roundtrip: RunDesk edits read by MLflow';
  const checkB = 'roundtrip: MLflow edits read by RunDesk';
  const checkOwn = 'roundtrip: RunDesk reads its own edits';

  // RunDesk edits (writes go through the binary: one process per edit, as a user runs them)
  const c = new Collector(label, checkA);
  let unknown: string | undefined;
  for (const op of ROUNDTRIP_OPS) {
    const out = await cli.run([...opCliArgs(storeA, op), '--index', indexA]);
    if (isUnknownCommand(out)) {
      unknown = firstLine(out.stderr);
      break;
    }
    if (out.code !== 0) c.value([`rundesk ${opCliArgs('<store>', op).slice(2).join(' ')}`], note('applied by MLflow'), note(`error: ${firstLine(out.stderr)}`));
  }
  if (unknown !== undefined) {
    const why = `rundesk registry write commands not available yet (${unknown})`;
    log(`note: ${label}: ${why}; registry round-trip skipped`);
    skip(label, checkA, why);
    skip(label, checkB, why);
    skip(label, checkOwn, why);
    return;
  }
  const opsFile = join(base, 'ops.json');
  writeFileSync(opsFile, JSON.stringify(ROUNDTRIP_OPS, null, 1));
  await python(py, 'mlflow_edit.py', [storeB, '--ops', opsFile]);
  const [dumpA, dumpB] = await Promise.all([
    dump(py, storeA, join(base, 'dump-a.json'), ['--no-history']),
    dump(py, storeB, join(base, 'dump-b.json'), ['--no-history']),
  ]);
  if (dumpA.fatal) c.value(['MLflow opening the store RunDesk edited'], note('readable'), note(dumpA.fatal));
  for (const e of dumpA.errors) c.value(['MLflow reading the store RunDesk edited', `${e.scope} ${String(e.id)}`], note('no error'), note(e.error));
  const pa = projectRegistry(dumpA.registered_models ?? [], dumpA.model_versions ?? []);
  const pb = projectRegistry(dumpB.registered_models ?? [], dumpB.model_versions ?? []);
  // both sides read by MLflow: "mlflow=" is MLflow's own edits, "rundesk=" is RunDesk's edits
  for (const [name, m] of Object.entries(pb.models)) {
    const a = pa.models[name];
    for (const field of ['description', 'tags', 'aliases'] as const)
      c.value([`model ${JSON.stringify(name)}`, field], m[field], a ? a[field] : ABSENT);
  }
  for (const name of Object.keys(pa.models)) if (!pb.models[name]) c.value([`model ${JSON.stringify(name)}`], ABSENT, note('present'));
  for (const [key, v] of Object.entries(pb.versions)) {
    const a = pa.versions[key];
    for (const field of ['current_stage', 'description', 'tags', 'aliases'] as const)
      c.value([`model ${key}`, field], v[field], a ? a[field] : ABSENT);
  }
  for (const key of Object.keys(pa.versions)) if (!pb.versions[key]) c.value([`model ${key}`], ABSENT, note('present'));
  record(label, checkA, c.result);

  // RunDesk reads MLflow's edits (fresh index) and its own edits (the index it wrote through)
  for (const [check, store, index, d] of [
    [checkB, storeB, indexB, dumpB],
    [checkOwn, storeA, indexA, dumpA],
  ] as const) {
    const cc = new Collector(label, check);
    const list = await cli.json<{ registered_models: RegisteredModelJson[] }>(['registry', store, 'list', '--format', 'json', '--index', index]);
    const vers = await cli.json<{ model_versions: ModelVersionJson[] }>(['registry', store, 'versions', '--format', 'json', '--index', index]);
    if (list.error !== undefined) cc.value(['rundesk registry list'], note('ok'), note(`error: ${list.error}`));
    else {
      compareRegisteredModels(cc, d.registered_models ?? [], list.value?.registered_models ?? []);
      compareAliases(cc, d.aliases ?? [], list.value?.registered_models ?? []);
    }
    if (vers.error !== undefined) cc.value(['rundesk registry versions'], note('ok'), note(`error: ${vers.error}`));
    else compareModelVersions(cc, d.model_versions ?? [], vers.value?.model_versions ?? []);
    record(label, check, cc.result);
  }
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

function printReport(stores: StoreCase[], started: number, cli: RundeskCli): number {
  const out = process.stdout;
  for (const s of stores) {
    const d = s.dump;
    if (!d) continue;
    for (const n of d.notes ?? []) out.write(`note: ${s.label}: MLflow: ${n}\n`);
    if (d.fatal) out.write(`note: ${s.label}: MLflow cannot open the store: ${d.fatal}\n`);
    if (d.errors?.length) {
      const first = d.errors.slice(0, 3).map((e) => `${e.scope} ${String(e.id)}: ${e.error}`).join('; ');
      out.write(`note: ${s.label}: MLflow could not read ${d.errors.length} object(s) (not compared): ${first}\n`);
    }
  }
  for (const n of notes) out.write(`note: ${n}\n`);

  const failed = tests.filter((t) => t.status === 'fail');
  for (const t of failed) {
    const diffs = t.result!.differences;
    out.write(`\nFAIL ${t.store} › ${t.check}: ${diffs.length} difference(s)${t.note ? ` (${t.note})` : ''}\n`);
    for (const d of diffs.slice(0, MAX_PRINT)) out.write(`  ${formatDifference(d)}\n`);
    if (diffs.length > MAX_PRINT) out.write(`  … and ${diffs.length - MAX_PRINT} more (full list in ${REPORT})\n`);
  }
  const skipped = tests.filter((t) => t.status === 'skip');
  if (skipped.length) {
    out.write('\n');
    const byNote = new Map<string, string[]>();
    for (const t of skipped) byNote.set(t.note ?? '', [...(byNote.get(t.note ?? '') ?? []), `${t.store} › ${t.check}`]);
    for (const [why, which] of byNote) out.write(`skipped ${which.length}: ${why} (${which.slice(0, 3).join(', ')}${which.length > 3 ? ', …' : ''})\n`);
  }

  const tolerated: Record<string, number> = {};
  let compared = 0;
  let differences = 0;
  for (const t of tests) {
    if (!t.result) continue;
    compared += t.result.compared;
    differences += t.result.differences.length;
    for (const [k, n] of Object.entries(t.result.tolerated)) tolerated[k] = (tolerated[k] ?? 0) + n;
  }
  const runCount = stores.reduce((n, s) => n + (s.dump?.runs?.length ?? 0), 0);
  const tol = Object.entries(tolerated).map(([k, n]) => `${k} ×${n}`).join(', ');
  out.write(`\ntolerances applied: ${tol || 'none'}\n`);
  const t = Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(1)}s`).join(', ');
  const cpu = cpuSeconds();
  const cpuText = `cpu ${cpu.self.toFixed(0)}s harness + rundesk in-process${cpu.children !== undefined ? `, ${cpu.children.toFixed(0)}s child processes` : ''}`;
  out.write(
    `time: ${((performance.now() - started) / 1000).toFixed(1)}s wall (${t}; rundesk CLI ${cli.calls} calls, ` +
      `${(cli.totalMs / 1000).toFixed(1)}s; ${cpuText})\n`,
  );
  out.write(`conformance: ${stores.length} stores, ${runCount} runs, ${compared} values compared, ${differences} differences\n`);

  const report = {
    stores: stores.map((s) => ({ label: s.label, path: s.path, notes: s.dump?.notes, errors: s.dump?.errors?.length ?? 0 })),
    tests: tests.map((x) => ({ store: x.store, check: x.check, status: x.status, note: x.note, compared: x.result?.compared, tolerated: x.result?.tolerated })),
    differences: tests.flatMap((x) => x.result?.differences ?? []).map((d: Difference) => ({ ...d, text: formatDifference(d) })),
    tolerances: TOLERANCES,
  };
  try {
    writeFileSync(REPORT, JSON.stringify(report, (_k, v: unknown) => (v === ABSENT ? '(absent)' : v), 1));
  } catch (error) {
    out.write(`note: could not write ${REPORT}: ${(error as Error).message}\n`);
  }
  const passed = tests.filter((x) => x.status === 'pass').length;
  out.write(`${passed} passed, ${failed.length} failed\n`);
  writeCiCounts(passed, failed.length);
  return failed.length || differences ? 1 : 0;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const started = performance.now();
  const work = mkdtempSync(join(tmpdir(), 'rundesk-conformance-'));
  log(`work folder ${work}${FAST ? ' (FAST subset)' : ''}`);
  pyCwd = join(work, 'cwd');
  mkdirSync(pyCwd, { recursive: true });
  const cli = new RundeskCli(REPO, (process.env.RUNDESK_CONFORMANCE_CLI as 'spawn' | 'inprocess' | 'auto' | undefined) ?? 'auto');
  try {
    const [py3, py2] = await timed('venvs', () =>
      Promise.all([setupVenv(MLFLOW3), FAST ? Promise.resolve(undefined) : setupVenv(MLFLOW2)]),
    );

    // stores
    const gen = join(work, 'gen');
    await timed('generate', () =>
      Promise.all([
        generate(py3, 'full', join(gen, 'v3-full')),
        generate(py3, 'registry', join(gen, 'v3-registry')),
        py2 ? generate(py2, 'full', join(gen, 'v2-full')) : Promise.resolve(),
      ]),
    );
    const pristine = join(work, 'pristine');
    copyTree(join(gen, 'v3-registry'), join(pristine, 'v3-registry'));

    const cases: StoreCaseWithFilters[] = [];
    const add = (label: string, path: string, kind: 'file' | 'sql', handwritten: boolean) =>
      cases.push({ label, path, kind, handwritten, index: join(work, 'index', `${slug(label)}.sqlite`), historyLimit: FAST ? 10 : undefined });
    add('gen/mlflow-3/full/file', join(gen, 'v3-full', 'file', 'mlruns'), 'file', true);
    add('gen/mlflow-3/full/sql', join(gen, 'v3-full', 'sql', 'mlflow.db'), 'sql', true);
    add('gen/mlflow-3/registry/file', join(gen, 'v3-registry', 'file', 'mlruns'), 'file', false);
    if (!FAST) {
      add('gen/mlflow-3/registry/sql', join(gen, 'v3-registry', 'sql', 'mlflow.db'), 'sql', false);
      add('gen/mlflow-2/full/file', join(gen, 'v2-full', 'file', 'mlruns'), 'file', true);
      add('gen/mlflow-2/full/sql', join(gen, 'v2-full', 'sql', 'mlflow.db'), 'sql', true);
    }
    const demo = join(REPO, 'resources', 'demo-project');
    if (!FAST && existsSync(join(demo, 'mlruns'))) {
      copyTree(demo, join(work, 'demo-project'));
      add('demo/mlruns', join(work, 'demo-project', 'mlruns'), 'file', false);
      if (existsSync(join(demo, 'sqlite-project', 'mlflow.db')))
        add('demo/sqlite-project', join(work, 'demo-project', 'sqlite-project', 'mlflow.db'), 'sql', false);
    } else if (!FAST) notes.push(`no demo project at ${demo}`);
    const fixtures = copyFixtures(join(work, 'fixtures'));
    const chosen = FAST ? [...fixtures.filter((f) => f.kind === 'sql').slice(0, 1), ...fixtures.filter((f) => f.kind === 'file').slice(0, 2)] : fixtures;
    for (const f of chosen) add(f.label, f.path, f.kind, false);
    const stores = ONLY.length ? cases.filter((s) => ONLY.some((o) => s.label.includes(o))) : cases;
    mkdirSync(join(work, 'index'), { recursive: true });
    mkdirSync(join(work, 'dumps'), { recursive: true });

    // what MLflow reads
    await timed('mlflow dump', () =>
      Promise.all(
        stores.map(async (s) => {
          s.dumpFile = join(work, 'dumps', `${slug(s.label)}.json`);
          s.dump = await dump(py3, s.path, s.dumpFile);
        }),
      ),
    );

    // searches: hand-written + generated from the store's own data
    const handwritten = JSON.parse(readFileSync(join(HERE, 'filters.json'), 'utf8')) as FilterSpec[];
    const handForStore = FAST ? handwritten.filter((_f, i) => i % 4 === 0) : handwritten;
    for (const s of stores) {
      if (s.dump?.fatal) continue;
      s.filters = [...(s.handwritten ? handForStore : []), ...generateFilters(s.dump!, FAST ? 12 : 30)];
    }
    const mlflowFilters = timed('mlflow search', () =>
      Promise.all(
        stores.map(async (s) => {
          if (!s.filters?.length) return;
          const file = join(work, 'dumps', `${slug(s.label)}.filters.json`);
          writeFileSync(file, JSON.stringify(s.filters, null, 1));
          const fd = await dump(py3, s.path, join(work, 'dumps', `${slug(s.label)}.search.json`), ['--filters', file, '--filters-only']);
          s.filterDump = fd.filters ?? [];
        }),
      ),
    );

    // what RunDesk prints (runs while MLflow's searches run)
    await timed('rundesk', async () => {
      for (const s of stores) {
        log(`rundesk: ${s.label}`);
        await rundeskStore(cli, s);
      }
    });
    await mlflowFilters;
    for (const s of stores) compareFilters(s);

    // registry write round-trip
    await timed('roundtrip', async () => {
      const targets: [string, string][] = [['gen/mlflow-3/registry/file', join(pristine, 'v3-registry', 'file', 'mlruns')]];
      if (!FAST) targets.push(['gen/mlflow-3/registry/sql', join(pristine, 'v3-registry', 'sql', 'mlflow.db')]);
      for (const [label, path] of targets) {
        if (ONLY.length && !ONLY.some((o) => label.includes(o))) continue;
        await roundTrip(cli, py3, path, label, work);
      }
    });

    await dumpServers?.stop();
    if (cli.inprocessProblem) notes.push(`in-process CLI unavailable (${cli.inprocessProblem}); used bin/rundesk.js for every command`);
    return printReport(stores, started, cli);
  } catch (error) {
    process.stdout.write(`conformance: harness error: ${(error as Error).stack ?? String(error)}\n`);
    process.stdout.write(`0 passed, 1 failed\n`);
    writeCiCounts(0, 1);
    return 1;
  } finally {
    await dumpServers?.stop();
    if (KEEP) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

/** CI adds every stage's counts into one closing line (.ci/summarize.mjs). */
function writeCiCounts(passed: number, failed: number): void {
  if (!process.env.CI) return;
  const dir = join(import.meta.dirname, '..', '..', 'test-reports');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'conformance.counts.json'), JSON.stringify({ passed, failed }));
}

process.exitCode = await main();
// in-process CLI commands may leave handles (watchers, servers) open: do not wait for them
setTimeout(() => process.exit(process.exitCode ?? 0), 100).unref();
