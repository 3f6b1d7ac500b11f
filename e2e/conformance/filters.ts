// Search filters: the hand-written list (filters.json) and a generator that writes filters from
// the keys and values a store actually holds, so every store (also the real fixtures) is searched
// with filters that match something.

import type { FilterSpec, MlflowDump, RunJson, ViewName } from './types.js';

export const VIEW_TO_CLI: Record<ViewName, string> = { ACTIVE_ONLY: 'active', DELETED_ONLY: 'deleted', ALL: 'all' };

/** `--filter F --order-by O... --view V [--experiment ID...]` for `rundesk runs`. */
export function filterCliArgs(f: { filter: string; order_by: string[]; view: ViewName }, experimentIds?: string[]): string[] {
  const args: string[] = [];
  if (f.filter.trim() !== '') args.push('--filter', f.filter);
  for (const o of f.order_by) args.push('--order-by', o);
  args.push('--view', VIEW_TO_CLI[f.view]);
  for (const e of experimentIds ?? []) args.push('--experiment', e);
  return args;
}

/** A key inside backticks (MLflow's quoting for keys with spaces, dots, slashes...). */
export function quoteKey(key: string): string | undefined {
  return key.includes('`') ? undefined : `\`${key}\``;
}

/** A value inside single quotes; MLflow's grammar has no escape for a quote, so those are skipped. */
export function quoteValue(value: string): string | undefined {
  return value.includes("'") || value.includes('\n') ? undefined : `'${value}'`;
}

/** A number literal MLflow's filter tokenizer reads back to the same double (no `e+`). */
export function numberLiteral(x: number): string {
  return String(x).replace('e+', 'e');
}

function median(xs: number[]): number | undefined {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : undefined;
}

/** Keys in a deterministic order that favours awkward ones (spaces, slashes, unicode) first. */
function orderedKeys(counts: Map<string, number>, n: number): string[] {
  const score = (k: string) => (/[^A-Za-z0-9_]/.test(k) ? 0 : 1);
  return [...counts.entries()]
    .sort((a, b) => score(a[0]) - score(b[0]) || b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n)
    .map(([k]) => k);
}

function countBy<T>(items: T[], key: (t: T) => string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) for (const k of key(it)) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

function mostCommon(values: string[]): string | undefined {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
}

/**
 * Filters built from the store's own data (deterministic: same dump, same filters). Covers
 * metric comparisons around the median, param/tag equality/LIKE/IS NULL, every status, run
 * names, users, start_time, run_id IN / NOT IN, dataset names/contexts and multi-key orderings.
 */
export function generateFilters(dump: Pick<MlflowDump, 'runs'>, max = 30): FilterSpec[] {
  const runs: RunJson[] = dump.runs;
  const out: Omit<FilterSpec, 'id'>[] = [];
  const add = (filter: string, order_by: string[] = [], view: ViewName = 'ALL') => out.push({ filter, order_by, view });
  if (!runs.length) return [];

  const metricKeys = orderedKeys(countBy(runs, (r) => (r.data?.metrics ?? []).map((m) => m.key)), 3);
  for (const k of metricKeys) {
    const q = quoteKey(k);
    if (!q) continue;
    const vals = runs.flatMap((r) => (r.data?.metrics ?? []).filter((m) => m.key === k).map((m) => m.value)).filter(
      (v): v is number => typeof v === 'number',
    );
    const med = median(vals);
    if (med !== undefined) {
      const lit = numberLiteral(med);
      add(`metrics.${q} > ${lit}`, [`metrics.${q} DESC`]);
      add(`metrics.${q} <= ${lit}`, [`metrics.${q} ASC`]);
      add(`metrics.${q} = ${lit}`);
    }
    add('', [`metrics.${q} DESC`]);
  }

  const paramKeys = orderedKeys(countBy(runs, (r) => (r.data?.params ?? []).map((p) => p.key)), 3);
  for (const k of paramKeys) {
    const q = quoteKey(k);
    if (!q) continue;
    const vals = runs.flatMap((r) => (r.data?.params ?? []).filter((p) => p.key === k).map((p) => p.value));
    const v = mostCommon(vals);
    const qv = v !== undefined ? quoteValue(v) : undefined;
    if (qv) add(`params.${q} = ${qv}`, [`params.${q} ASC`]);
    if (v !== undefined && v.length >= 2) {
      const prefix = quoteValue(`${v.slice(0, Math.ceil(v.length / 2))}%`);
      if (prefix) add(`params.${q} LIKE ${prefix}`);
    }
    add(`params.${q} IS NULL`);
  }

  const userTags = orderedKeys(
    countBy(runs, (r) => (r.data?.tags ?? []).map((t) => t.key).filter((t) => !t.startsWith('mlflow.'))),
    2,
  );
  for (const k of userTags) {
    const q = quoteKey(k);
    if (!q) continue;
    const v = mostCommon(runs.flatMap((r) => (r.data?.tags ?? []).filter((t) => t.key === k).map((t) => t.value)));
    const qv = v !== undefined ? quoteValue(v) : undefined;
    if (qv) add(`tags.${q} = ${qv}`);
    add(`tags.${q} IS NOT NULL`, [`tags.${q} DESC`]);
  }
  add("tags.`mlflow.parentRunId` IS NOT NULL");

  for (const status of [...new Set(runs.map((r) => String(r.info.status)))].sort()) add(`attributes.status = '${status}'`);
  const names = runs.map((r) => r.info.run_name).filter((n): n is string => typeof n === 'string' && n !== '').sort();
  const name = names[Math.floor(names.length / 2)];
  const qn = name !== undefined ? quoteValue(name) : undefined;
  if (qn) add(`attributes.run_name = ${qn}`);
  if (name !== undefined && name.length >= 3) {
    const like = quoteValue(`%${name.slice(1, 3)}%`);
    if (like) add(`attributes.run_name ILIKE ${like}`, ['attributes.run_name ASC']);
  }
  const user = mostCommon(runs.map((r) => String(r.info.user_id ?? '')).filter((u) => u !== ''));
  const qu = user !== undefined ? quoteValue(user) : undefined;
  if (qu) add(`attributes.user_id = ${qu}`);
  const starts = runs.map((r) => Number(r.info.start_time)).filter((x) => Number.isFinite(x));
  const ms = median(starts);
  if (ms !== undefined) add(`attributes.start_time >= ${numberLiteral(ms)}`, ['attributes.start_time ASC']);

  const ids = runs.map((r) => r.info.run_id).sort();
  const pick = [ids[0], ids[Math.floor(ids.length / 2)], ids[ids.length - 1]].filter((x): x is string => !!x);
  const inList = [...new Set(pick)].map((x) => `'${x}'`).join(', ');
  add(`attributes.run_id IN (${inList})`, [], 'ALL');
  add(`attributes.run_id NOT IN (${inList})`, [], 'ACTIVE_ONLY');

  const dsNames = [
    ...new Set(runs.flatMap((r) => (r.inputs?.dataset_inputs ?? []).map((d) => String(d.dataset?.name ?? '')))),
  ].sort();
  const ds = dsNames[0] !== undefined ? quoteValue(dsNames[0]) : undefined;
  if (ds) {
    add(`datasets.name = ${ds}`);
    add(`datasets.context = 'training'`);
  }
  if (metricKeys[0] && paramKeys[0]) {
    const qm = quoteKey(metricKeys[0]);
    const qp = quoteKey(paramKeys[0]);
    if (qm && qp) add('', [`params.${qp} ASC`, `metrics.${qm} DESC`], 'ACTIVE_ONLY');
  }
  add('', ['attributes.end_time DESC'], 'ALL');
  add('', [], 'DELETED_ONLY');

  return out.slice(0, max).map((f, i) => ({ id: `G${String(i + 1).padStart(3, '0')}`, ...f }));
}
