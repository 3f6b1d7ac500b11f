// Structured comparison of MLflow's view of a store (mlflow_dump.py) with RunDesk's CLI JSON.
// Every function returns a CheckResult: the number of values compared, the differences (each one
// printable as `store › run <id> › field: mlflow=<x> rundesk=<y>`), and the tolerances applied.

import {
  ABSENT,
  type AliasResolution,
  type CheckResult,
  type DatasetInputJson,
  type Difference,
  type ExperimentJson,
  type FilterResult,
  type KeyValue,
  type MetricJson,
  type ModelVersionJson,
  type RegisteredModelJson,
  type RunJson,
} from './types.js';
import { type Entity, isMlflowOnly, RUNDESK_ONLY_FIELDS, usesGrammarExtension } from './tolerances.js';

type Json = unknown;

/** A description (not a data value): printed without quotes, e.g. `present (FINISHED, active)`. */
export class Note {
  constructor(readonly text: string) {}
}

export function note(text: string): Note {
  return new Note(text);
}

/** Collects differences and counts for one (store, check). */
export class Collector {
  readonly result: CheckResult = { compared: 0, differences: [], tolerated: {} };

  constructor(
    readonly store: string,
    readonly check: string,
  ) {}

  diff(path: string[], mlflow: unknown, rundesk: unknown): void {
    this.result.differences.push({ store: this.store, check: this.check, path, mlflow, rundesk });
  }

  tolerate(id: string, n = 1): void {
    this.result.tolerated[id] = (this.result.tolerated[id] ?? 0) + n;
  }

  /** Compares one leaf value; returns true when equal. */
  value(path: string[], mlflow: unknown, rundesk: unknown): boolean {
    this.result.compared++;
    if (jsonEqual(mlflow, rundesk)) {
      if (isNegativeZero(mlflow) !== isNegativeZero(rundesk)) this.tolerate('negative-zero');
      return true;
    }
    this.diff(path, mlflow, rundesk);
    return false;
  }
}

function isNegativeZero(v: unknown): boolean {
  return typeof v === 'number' && Object.is(v, -0);
}

/** Deep JSON equality; numbers with === (so -0 equals 0); ABSENT equals only ABSENT. */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (a === ABSENT || b === ABSENT) return false;
  if (typeof a !== typeof b) return false;
  if (a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as Json[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ao = a as Record<string, Json>;
  const bo = b as Record<string, Json>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) {
    const av = ao[k] === undefined ? ABSENT : ao[k];
    const bv = bo[k] === undefined ? ABSENT : bo[k];
    if (!jsonEqual(av, bv)) return false;
  }
  return true;
}

/** `info.status`, `metrics["val loss"].value`: a readable field path. */
export function fieldPath(parts: readonly string[]): string {
  let out = '';
  for (const p of parts) {
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

function has(obj: Record<string, unknown> | undefined, field: string): boolean {
  return obj !== undefined && obj !== null && obj[field] !== undefined;
}

function kvMap(list: unknown, keyField = 'key', valueField = 'value'): Map<string, unknown> | undefined {
  if (list === undefined || list === null) return undefined;
  const m = new Map<string, unknown>();
  if (!Array.isArray(list)) return m;
  for (const item of list as Record<string, unknown>[]) m.set(String(item[keyField]), item[valueField]);
  return m;
}

interface ObjectOptions {
  /** fields holding [{key, value}] lists, compared as maps */
  kv?: readonly string[];
  /** fields compared elsewhere */
  skip?: readonly string[];
}

/** Compares every field of two objects of one entity kind, applying the documented tolerances. */
export function compareObject(
  c: Collector,
  entity: Entity,
  prefix: string[],
  fieldPrefix: string[],
  mlflow: Record<string, unknown> | undefined,
  rundesk: Record<string, unknown> | undefined,
  opts: ObjectOptions = {},
): void {
  const m = mlflow ?? {};
  const r = rundesk ?? {};
  const fields = [...new Set([...Object.keys(m), ...Object.keys(r)])].sort();
  for (const field of fields) {
    if (opts.skip?.includes(field)) continue;
    const mHas = has(m, field);
    const rHas = has(r, field);
    if (mHas && !rHas && isMlflowOnly(entity, field)) {
      c.tolerate('mlflow-only-field');
      continue;
    }
    if (!mHas && rHas && RUNDESK_ONLY_FIELDS.includes(field)) {
      c.tolerate('rundesk-only-store');
      continue;
    }
    if (opts.kv?.includes(field)) {
      compareKv(c, prefix, [...fieldPrefix, field], m[field], r[field]);
      continue;
    }
    c.value([...prefix, fieldPath([...fieldPrefix, field])], mHas ? m[field] : ABSENT, rHas ? r[field] : ABSENT);
  }
}

/** Compares two [{key, value}] lists as maps. An absent list equals an empty one. */
export function compareKv(
  c: Collector,
  prefix: string[],
  fieldPrefix: string[],
  mlflow: unknown,
  rundesk: unknown,
  keyField = 'key',
  valueField = 'value',
): void {
  const m = kvMap(mlflow, keyField, valueField);
  const r = kvMap(rundesk, keyField, valueField);
  if ((m === undefined) !== (r === undefined)) c.tolerate('empty-list-absent');
  const mm = m ?? new Map<string, unknown>();
  const rm = r ?? new Map<string, unknown>();
  const keys = [...new Set([...mm.keys(), ...rm.keys()])].sort();
  for (const k of keys) {
    c.value(
      [...prefix, fieldPath([...fieldPrefix, k])],
      mm.has(k) ? mm.get(k) : ABSENT,
      rm.has(k) ? rm.get(k) : ABSENT,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Experiments
// ---------------------------------------------------------------------------------------------

export function compareExperiments(c: Collector, mlflow: ExperimentJson[], rundesk: ExperimentJson[]): CheckResult {
  const rById = new Map(rundesk.map((e) => [String(e.experiment_id), e]));
  const mById = new Map(mlflow.map((e) => [String(e.experiment_id), e]));
  for (const [id, m] of mById) {
    const r = rById.get(id);
    const label = `experiment ${id}${m.name !== undefined ? ` (${m.name})` : ''}`;
    if (!r) {
      c.value([label], note('present'), ABSENT);
      continue;
    }
    if (r.trashed === true && m.lifecycle_stage === 'active' && r.lifecycle_stage === 'deleted') {
      c.tolerate('trashed-experiment-stage');
      compareObject(c, 'experiment', [label], [], { ...m, lifecycle_stage: 'deleted' }, r, { kv: ['tags'] });
      continue;
    }
    compareObject(c, 'experiment', [label], [], m, r, { kv: ['tags'] });
  }
  for (const [id, r] of rById) {
    if (!mById.has(id)) c.value([`experiment ${id}${r.name !== undefined ? ` (${r.name})` : ''}`], ABSENT, note('present'));
  }
  return c.result;
}

// ---------------------------------------------------------------------------------------------
// Runs
// ---------------------------------------------------------------------------------------------

export function datasetInputKey(d: DatasetInputJson): string {
  const ds = (d.dataset ?? {}) as Record<string, unknown>;
  const ctx = (d.tags ?? []).find((t) => t.key === 'mlflow.data.context')?.value ?? '';
  return `${String(ds.name ?? '')} ${String(ds.digest ?? '')} ${ctx}`.trim();
}

function compareDatasetInputs(c: Collector, label: string, m: DatasetInputJson[] | undefined, r: DatasetInputJson[] | undefined): void {
  if ((m === undefined) !== (r === undefined)) c.tolerate('empty-list-absent');
  const group = (list: DatasetInputJson[] | undefined) => {
    const g = new Map<string, DatasetInputJson[]>();
    for (const d of list ?? []) {
      const k = datasetInputKey(d);
      g.set(k, [...(g.get(k) ?? []), d]);
    }
    return g;
  };
  const mg = group(m);
  const rg = group(r);
  for (const key of [...new Set([...mg.keys(), ...rg.keys()])].sort()) {
    const ml = mg.get(key) ?? [];
    const rl = rg.get(key) ?? [];
    const field = fieldPath(['inputs', 'dataset_inputs', key]);
    if (ml.length !== rl.length) {
      c.value([label, field], ml.length ? note(`${ml.length} input(s)`) : ABSENT, rl.length ? note(`${rl.length} input(s)`) : ABSENT);
      continue;
    }
    ml.forEach((md, i) => {
      const rd = rl[i]!;
      const path = ['inputs', 'dataset_inputs', key];
      compareKv(c, [label], [...path, 'tags'], md.tags, rd.tags);
      compareObject(c, 'dataset', [label], [...path, 'dataset'], md.dataset, rd.dataset);
      compareObject(c, 'dataset_input', [label], path, md as Record<string, unknown>, rd as Record<string, unknown>, {
        skip: ['tags', 'dataset'],
      });
    });
  }
}

function compareMetrics(c: Collector, label: string, m: MetricJson[] | undefined, r: MetricJson[] | undefined): void {
  if ((m === undefined) !== (r === undefined)) c.tolerate('empty-list-absent');
  const mm = new Map((m ?? []).map((x) => [x.key, x]));
  const rm = new Map((r ?? []).map((x) => [x.key, x]));
  for (const key of [...new Set([...mm.keys(), ...rm.keys()])].sort()) {
    const a = mm.get(key);
    const b = rm.get(key);
    if (!a || !b) {
      c.value([label, fieldPath(['metrics', key])], a ? note(describeMetric(a)) : ABSENT, b ? note(describeMetric(b)) : ABSENT);
      continue;
    }
    compareObject(c, 'metric', [label], ['metrics', key], a, b, { skip: ['key'] });
  }
}

export function describeMetric(p: MetricJson): string {
  return `${formatValue(p.value)} (step ${p.step ?? 0}, timestamp ${p.timestamp ?? '?'})`;
}

export function compareRun(c: Collector, m: RunJson, r: RunJson): void {
  const label = `run ${m.info.run_id}`;
  compareObject(c, 'run.info', [label], ['info'], m.info, r.info);
  compareMetrics(c, label, m.data?.metrics, r.data?.metrics);
  compareKv(c, [label], ['params'], m.data?.params, r.data?.params);
  compareKv(c, [label], ['tags'], m.data?.tags, r.data?.tags);
  const extraData = Object.keys({ ...(m.data ?? {}), ...(r.data ?? {}) }).filter((k) => !['metrics', 'params', 'tags'].includes(k));
  for (const k of extraData) {
    c.value([label, fieldPath(['data', k])], (m.data as Record<string, unknown> | undefined)?.[k] ?? ABSENT,
      (r.data as Record<string, unknown> | undefined)?.[k] ?? ABSENT);
  }
  compareDatasetInputs(c, label, m.inputs?.dataset_inputs, r.inputs?.dataset_inputs);
  compareObject(c, 'run.inputs', [label], ['inputs'], m.inputs, r.inputs, { skip: ['dataset_inputs'] });
  compareObject(c, 'run', [label], [], m as Record<string, unknown>, r as Record<string, unknown>, {
    skip: ['info', 'data', 'inputs'],
  });
}

export function compareRuns(c: Collector, mlflow: RunJson[], rundesk: RunJson[]): CheckResult {
  const rById = new Map(rundesk.map((x) => [x.info.run_id, x]));
  const mById = new Map(mlflow.map((x) => [x.info.run_id, x]));
  for (const [id, m] of mById) {
    const r = rById.get(id);
    if (!r) c.value([`run ${id}`], note(`present (${String(m.info.status)}, ${String(m.info.lifecycle_stage)})`), ABSENT);
    else compareRun(c, m, r);
  }
  for (const [id, r] of rById) {
    if (!mById.has(id)) c.value([`run ${id}`], ABSENT, note(`present (${String(r.info.status)}, ${String(r.info.lifecycle_stage)})`));
  }
  return c.result;
}

// ---------------------------------------------------------------------------------------------
// Metric histories
// ---------------------------------------------------------------------------------------------

export function canonicalValue(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '0' : String(v);
  return String(v);
}

function pointKey(p: MetricJson): string {
  return `${p.step ?? 0}\u0000${p.timestamp ?? 0}\u0000${canonicalValue(p.value)}`;
}

function describePoint(k: string): string {
  const [step, ts, value] = k.split('\u0000');
  return `step=${step} ts=${ts} value=${value}`;
}

/** Multiset difference a - b (keys with counts). */
function multisetMinus(a: Map<string, number>, b: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [k, n] of a) {
    const extra = n - (b.get(k) ?? 0);
    for (let i = 0; i < extra; i++) out.push(k);
  }
  return out.sort();
}

function countPoints(points: MetricJson[]): Map<string, Map<string, number>> {
  const byKey = new Map<string, Map<string, number>>();
  for (const p of points) {
    const m = byKey.get(p.key) ?? new Map<string, number>();
    const k = pointKey(p);
    m.set(k, (m.get(k) ?? 0) + 1);
    byKey.set(p.key, m);
  }
  return byKey;
}

function summarise(total: number, notInOther: string[], otherName: string): string {
  if (!notInOther.length) return `${total} points`;
  const shown = notInOther.slice(0, 3).map(describePoint).join('; ');
  const more = notInOther.length > 3 ? ` (+${notInOther.length - 3} more)` : '';
  return `${total} points, ${notInOther.length} not in ${otherName}: ${shown}${more}`;
}

/** Full metric history of one run, compared as sorted multisets per key. */
export function compareHistory(c: Collector, runId: string, mlflow: MetricJson[], rundesk: MetricJson[]): void {
  const label = `run ${runId}`;
  const m = countPoints(mlflow);
  const r = countPoints(rundesk);
  for (const key of [...new Set([...m.keys(), ...r.keys()])].sort()) {
    const mk = m.get(key) ?? new Map<string, number>();
    const rk = r.get(key) ?? new Map<string, number>();
    const mTotal = [...mk.values()].reduce((s, n) => s + n, 0);
    const rTotal = [...rk.values()].reduce((s, n) => s + n, 0);
    const missing = multisetMinus(mk, rk);
    const extra = multisetMinus(rk, mk);
    c.result.compared += Math.max(mTotal, rTotal);
    if (missing.length || extra.length) {
      c.diff(
        [label, fieldPath(['history', key])],
        mTotal ? note(summarise(mTotal, missing, 'rundesk')) : ABSENT,
        rTotal ? note(summarise(rTotal, extra, 'mlflow')) : ABSENT,
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Registry
// ---------------------------------------------------------------------------------------------

function compareVersion(c: Collector, label: string, fieldPrefix: string[], m: ModelVersionJson, r: ModelVersionJson): void {
  compareObject(c, 'model_version', [label], fieldPrefix, m, r, { kv: ['tags'], skip: ['aliases'] });
  if (m.aliases !== undefined || r.aliases !== undefined) {
    if ((m.aliases === undefined) !== (r.aliases === undefined)) c.tolerate('empty-list-absent');
    c.value([label, fieldPath([...fieldPrefix, 'aliases'])], [...(m.aliases ?? [])].sort(), [...(r.aliases ?? [])].sort());
  }
}

export function compareRegisteredModels(c: Collector, mlflow: RegisteredModelJson[], rundesk: RegisteredModelJson[]): CheckResult {
  const rBy = new Map(rundesk.map((x) => [x.name, x]));
  const mBy = new Map(mlflow.map((x) => [x.name, x]));
  for (const [name, m] of mBy) {
    const label = `model ${JSON.stringify(name)}`;
    const r = rBy.get(name);
    if (!r) {
      c.value([label], note('present'), ABSENT);
      continue;
    }
    compareObject(c, 'registered_model', [label], [], m, r, { kv: ['tags'], skip: ['aliases', 'latest_versions'] });
    compareKv(c, [label], ['aliases'], m.aliases, r.aliases, 'alias', 'version');
    const mv = new Map((m.latest_versions ?? []).map((v) => [String(v.version), v]));
    const rv = new Map((r.latest_versions ?? []).map((v) => [String(v.version), v]));
    if ((m.latest_versions === undefined) !== (r.latest_versions === undefined)) c.tolerate('empty-list-absent');
    for (const v of [...new Set([...mv.keys(), ...rv.keys()])].sort((a, b) => Number(a) - Number(b))) {
      const a = mv.get(v);
      const b = rv.get(v);
      if (!a || !b) {
        c.value([label, fieldPath(['latest_versions', `v${v}`])], a ? note(`v${v} (${String(a.current_stage)})`) : ABSENT,
          b ? note(`v${v} (${String(b.current_stage)})`) : ABSENT);
      } else compareVersion(c, label, ['latest_versions', `v${v}`], a, b);
    }
  }
  for (const [name] of rBy) if (!mBy.has(name)) c.value([`model ${JSON.stringify(name)}`], ABSENT, note('present'));
  return c.result;
}

export function compareModelVersions(c: Collector, mlflow: ModelVersionJson[], rundesk: ModelVersionJson[]): CheckResult {
  const key = (v: ModelVersionJson) => `${v.name}\u0000${String(v.version)}`;
  const rBy = new Map(rundesk.map((x) => [key(x), x]));
  const mBy = new Map(mlflow.map((x) => [key(x), x]));
  const label = (v: ModelVersionJson) => `model ${JSON.stringify(v.name)} v${String(v.version)}`;
  for (const [k, m] of mBy) {
    const r = rBy.get(k);
    if (!r) c.value([label(m)], note(`present (${String(m.current_stage)})`), ABSENT);
    else compareVersion(c, label(m), [], m, r);
  }
  for (const [k, r] of rBy) if (!mBy.has(k)) c.value([label(r)], ABSENT, note(`present (${String(r.current_stage)})`));
  return c.result;
}

/** Every alias MLflow resolves (get_model_version_by_alias) must resolve to the same version in RunDesk. */
export function compareAliases(c: Collector, mlflow: AliasResolution[], rundeskModels: RegisteredModelJson[]): CheckResult {
  const r = new Map<string, string>();
  for (const m of rundeskModels) for (const a of m.aliases ?? []) r.set(`${m.name}\u0000${a.alias}`, String(a.version));
  const seen = new Set<string>();
  for (const a of mlflow) {
    const k = `${a.name}\u0000${a.alias}`;
    seen.add(k);
    const label = `model ${JSON.stringify(a.name)}`;
    const mv = a.error !== undefined ? note(`error: ${a.error}`) : a.version;
    c.value([label, fieldPath(['alias', a.alias])], mv ?? ABSENT, r.has(k) ? r.get(k) : ABSENT);
  }
  for (const [k, v] of r) {
    if (seen.has(k)) continue;
    const [name, alias] = k.split('\u0000') as [string, string];
    c.value([`model ${JSON.stringify(name)}`, fieldPath(['alias', alias])], ABSENT, v);
  }
  return c.result;
}

// ---------------------------------------------------------------------------------------------
// Search (filters)
// ---------------------------------------------------------------------------------------------

export interface RundeskSearch {
  run_ids?: string[];
  error?: string;
}

export function filterLabel(f: { id?: string; filter: string; order_by: string[]; view: string }): string {
  const parts = [`filter ${f.id ?? ''}`.trim(), JSON.stringify(f.filter)];
  if (f.order_by.length) parts.push(`order_by ${JSON.stringify(f.order_by)}`);
  parts.push(`view ${f.view}`);
  return parts.join(' ');
}

/** Same accept/reject decision; when accepted, the same run ids in the same order. */
export function compareFilter(c: Collector, m: FilterResult, r: RundeskSearch): void {
  const label = filterLabel(m);
  if (m.error !== undefined || r.error !== undefined) {
    if (m.error !== undefined && r.error !== undefined) {
      c.result.compared++;
      c.tolerate('filter-error-text');
      return;
    }
    if (m.error !== undefined && usesGrammarExtension(m.filter)) {
      c.result.compared++;
      c.tolerate('rundesk-grammar-extension');
      return;
    }
    c.value(
      [label],
      m.error !== undefined ? note(`rejected (${m.error})`) : note(`${m.run_ids?.length ?? 0} runs`),
      r.error !== undefined ? note(`rejected (${r.error})`) : note(`${r.run_ids?.length ?? 0} runs`),
    );
    return;
  }
  const ml = m.run_ids ?? [];
  const rl = r.run_ids ?? [];
  c.result.compared += Math.max(ml.length, 1);
  const rs = new Set(rl);
  const ms = new Set(ml);
  const missing = ml.filter((x) => !rs.has(x));
  const extra = rl.filter((x) => !ms.has(x));
  if (missing.length || extra.length) {
    const show = (ids: string[]) => ids.slice(0, 4).join(', ') + (ids.length > 4 ? ` (+${ids.length - 4} more)` : '');
    c.diff(
      [label],
      note(`${ml.length} runs${missing.length ? `, not in rundesk: ${show(missing)}` : ''}`),
      note(`${rl.length} runs${extra.length ? `, not in mlflow: ${show(extra)}` : ''}`),
    );
    return;
  }
  const i = ml.findIndex((x, k) => rl[k] !== x);
  if (i >= 0 || ml.length !== rl.length) {
    c.diff([label, 'order'], note(`position ${i}: ${ml[i] ?? '(end)'}`), note(`position ${i}: ${rl[i] ?? '(end)'}`));
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------

export function formatValue(v: unknown, max = 160): string {
  if (v === ABSENT) return '(absent)';
  if (v instanceof Note) return v.text;
  if (v === undefined) return '(undefined)';
  const s = typeof v === 'string' ? JSON.stringify(v) : typeof v === 'number' ? String(v) : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…(${s.length} chars)` : s;
}

export function formatDifference(d: Difference): string {
  return `${[d.store, ...d.path].join(' › ')}: mlflow=${formatValue(d.mlflow)} rundesk=${formatValue(d.rundesk)}`;
}

export type { KeyValue };
