import type { ColumnSet, RunRow } from '../../../../preload/contract.js';
import { formatMetric } from '../../components/format-number.js';
import { runDuration } from '../../components/format-time.js';

/**
 * The runs table's columns: which exist (attributes + every param, metric and tag key the
 * index reports), in what order, which are visible, how wide, and how each one sorts. Pure, so
 * the rules (user overrides on top of defaults, new keys slotting in beside their kind) are
 * unit-tested without a DOM.
 */

export type ColumnKind = 'attr' | 'metric' | 'param' | 'tag';

export type AttrKey = 'status' | 'name' | 'start' | 'duration' | 'user' | 'source' | 'commit' | 'runId' | 'experiment' | 'end';

export interface ColumnDef {
  /** `attr:start`, `metric:acc`, `param:lr`, `tag:team`. */
  id: string;
  kind: ColumnKind;
  key: string;
  /** Header text. */
  label: string;
  /** Accessible/tooltip name: "Metric acc". */
  title: string;
  align: 'left' | 'right';
  /** MLflow order-by expression without direction, or null when the index cannot sort by it. */
  sortExpr: string | null;
  /** Sort direction of the first click: newest/largest first for times and metrics. */
  firstSortDesc: boolean;
  defaultWidth: number;
  /** Pinned columns stay at the left edge, cannot be hidden, moved or virtualised away. */
  pinned: boolean;
}

/** What the user changed on top of the defaults, remembered per experiment selection. */
export interface ColumnPrefs {
  /** Column ids in the order the user arranged them (may name columns that no longer exist). */
  order: string[];
  /** Default-visible columns the user hid. */
  hidden: string[];
  /** Default-hidden columns the user showed. */
  shown: string[];
  widths: Record<string, number>;
}

export interface SortSpec {
  columnId: string;
  desc: boolean;
}

export const EMPTY_COLUMN_PREFS: ColumnPrefs = { order: [], hidden: [], shown: [], widths: {} };

export const MIN_COLUMN_WIDTH = 40;
export const MAX_COLUMN_WIDTH = 900;

const KIND_TITLE: Record<ColumnKind, string> = { attr: 'Attribute', metric: 'Metric', param: 'Parameter', tag: 'Tag' };
const KIND_PREFIX: Record<Exclude<ColumnKind, 'attr'>, string> = { metric: 'metrics', param: 'params', tag: 'tags' };

interface AttrSpec {
  key: AttrKey;
  label: string;
  title: string;
  sortExpr: string | null;
  firstSortDesc: boolean;
  width: number;
  align?: 'left' | 'right';
  pinned?: boolean;
}

const ATTRS: readonly AttrSpec[] = [
  { key: 'status', label: '', title: 'Status', sortExpr: 'attributes.status', firstSortDesc: false, width: 30, pinned: true },
  { key: 'name', label: 'Run name', title: 'Run name', sortExpr: 'attributes.run_name', firstSortDesc: false, width: 220, pinned: true },
  { key: 'start', label: 'Started', title: 'Start time', sortExpr: 'attributes.start_time', firstSortDesc: true, width: 104 },
  { key: 'duration', label: 'Duration', title: 'Duration', sortExpr: null, firstSortDesc: true, width: 86, align: 'right' },
  { key: 'user', label: 'User', title: 'User', sortExpr: 'attributes.user_id', firstSortDesc: false, width: 96 },
  { key: 'source', label: 'Source', title: 'Source', sortExpr: 'tags.`mlflow.source.name`', firstSortDesc: false, width: 150 },
  { key: 'commit', label: 'Commit', title: 'Git commit', sortExpr: 'tags.`mlflow.source.git.commit`', firstSortDesc: false, width: 72 },
  { key: 'experiment', label: 'Experiment', title: 'Experiment', sortExpr: null, firstSortDesc: false, width: 140 },
  { key: 'runId', label: 'Run ID', title: 'Run ID', sortExpr: 'attributes.run_id', firstSortDesc: false, width: 120 },
  { key: 'end', label: 'Ended', title: 'End time', sortExpr: 'attributes.end_time', firstSortDesc: true, width: 104 },
];

const DEFAULT_WIDTH: Record<Exclude<ColumnKind, 'attr'>, number> = { metric: 96, param: 104, tag: 120 };

/** `metrics.\`val loss\``: backticks let keys hold spaces, dots and operators. */
export function quoteKey(key: string): string {
  return key.includes('`') ? `"${key.replace(/"/g, '')}"` : `\`${key}\``;
}

export function columnId(kind: ColumnKind, key: string): string {
  return `${kind}:${key}`;
}

function attrColumn(a: AttrSpec): ColumnDef {
  return {
    id: columnId('attr', a.key),
    kind: 'attr',
    key: a.key,
    label: a.label,
    title: a.title,
    align: a.align ?? 'left',
    sortExpr: a.sortExpr,
    firstSortDesc: a.firstSortDesc,
    defaultWidth: a.width,
    pinned: a.pinned ?? false,
  };
}

function keyColumn(kind: Exclude<ColumnKind, 'attr'>, key: string): ColumnDef {
  return {
    id: columnId(kind, key),
    kind,
    key,
    label: key,
    title: `${KIND_TITLE[kind]} ${key}`,
    align: kind === 'metric' ? 'right' : 'left',
    sortExpr: `${KIND_PREFIX[kind]}.${quoteKey(key)}`,
    firstSortDesc: kind === 'metric',
    defaultWidth: DEFAULT_WIDTH[kind],
    pinned: false,
  };
}

/** Every column that exists for these keys, in default order: attributes, metrics, params, tags. */
export function allColumns(set: ColumnSet): ColumnDef[] {
  return [
    ...ATTRS.map(attrColumn),
    ...set.metrics.map((k) => keyColumn('metric', k)),
    ...set.params.map((k) => keyColumn('param', k)),
    ...set.tags.map((k) => keyColumn('tag', k)),
  ];
}

/** The column an id names (`metric:val loss`), or null for an unknown kind or attribute. */
export function columnFromId(id: string): ColumnDef | null {
  const colon = id.indexOf(':');
  if (colon < 0) return null;
  const kind = id.slice(0, colon);
  const key = id.slice(colon + 1);
  if (kind === 'attr') {
    const spec = ATTRS.find((a) => a.key === key);
    return spec ? attrColumn(spec) : null;
  }
  if (kind === 'metric' || kind === 'param' || kind === 'tag') return keyColumn(kind, key);
  return null;
}

/**
 * Visible unless the user says otherwise. Hidden by default: MLflow's own `mlflow.*` tags (the
 * useful ones already have columns), the run id and end time, and the experiment name when
 * only one experiment is shown.
 */
export function visibleByDefault(column: ColumnDef, experimentCount: number): boolean {
  if (column.kind === 'tag') return !column.key.startsWith('mlflow.');
  if (column.kind !== 'attr') return true;
  if (column.key === 'experiment') return experimentCount > 1;
  return column.key !== 'runId' && column.key !== 'end';
}

export function isVisible(column: ColumnDef, prefs: ColumnPrefs, experimentCount: number): boolean {
  if (column.pinned) return true;
  if (prefs.hidden.includes(column.id)) return false;
  if (prefs.shown.includes(column.id)) return true;
  return visibleByDefault(column, experimentCount);
}

/**
 * All columns in display order: pinned first, then the user's arrangement; columns the user has
 * never placed (a metric logged since) go right after the last placed column of their kind.
 */
export function orderColumns(columns: readonly ColumnDef[], prefs: ColumnPrefs): ColumnDef[] {
  const byId = new Map(columns.map((c) => [c.id, c]));
  const pinned = columns.filter((c) => c.pinned);
  const result: ColumnDef[] = [];
  const placed = new Set<string>();
  for (const id of prefs.order) {
    const c = byId.get(id);
    if (c && !c.pinned && !placed.has(id)) {
      result.push(c);
      placed.add(id);
    }
  }
  for (const c of columns) {
    if (c.pinned || placed.has(c.id)) continue;
    let at = -1;
    for (let i = result.length - 1; i >= 0; i--) {
      if (result[i]?.kind === c.kind) {
        at = i;
        break;
      }
    }
    if (at < 0) result.push(c);
    else result.splice(at + 1, 0, c);
    placed.add(c.id);
  }
  return [...pinned, ...result];
}

export function columnWidth(column: ColumnDef, prefs: ColumnPrefs): number {
  const w = prefs.widths[column.id];
  return w === undefined ? column.defaultWidth : clampWidth(w);
}

export function clampWidth(width: number): number {
  return Math.round(Math.max(MIN_COLUMN_WIDTH, Math.min(MAX_COLUMN_WIDTH, width)));
}

/** Moves `id` to just before `beforeId` (or to the end when null), returning the new prefs order. */
export function moveColumn(ordered: readonly ColumnDef[], id: string, beforeId: string | null): string[] {
  const ids = ordered.filter((c) => !c.pinned).map((c) => c.id);
  const from = ids.indexOf(id);
  if (from < 0 || id === beforeId) return ids;
  ids.splice(from, 1);
  const to = beforeId === null ? ids.length : ids.indexOf(beforeId);
  ids.splice(to < 0 ? ids.length : to, 0, id);
  return ids;
}

export function setColumnVisible(prefs: ColumnPrefs, column: ColumnDef, visible: boolean, experimentCount: number): ColumnPrefs {
  if (column.pinned) return prefs;
  const byDefault = visibleByDefault(column, experimentCount);
  const hidden = prefs.hidden.filter((id) => id !== column.id);
  const shown = prefs.shown.filter((id) => id !== column.id);
  if (visible && !byDefault) shown.push(column.id);
  if (!visible && byDefault) hidden.push(column.id);
  return { ...prefs, hidden, shown };
}

/** The order-by clauses for the index; empty means the index default (newest first). */
export function orderByFor(sort: SortSpec | null): string[] {
  if (!sort) return [];
  const column = columnFromId(sort.columnId);
  if (!column?.sortExpr) return [];
  return [`${column.sortExpr} ${sort.desc ? 'DESC' : 'ASC'}`];
}

/** Header click: first click sorts in the column's natural direction, second flips, third clears. */
export function nextSort(current: SortSpec | null, column: ColumnDef): SortSpec | null {
  if (!column.sortExpr) return current;
  if (!current || current.columnId !== column.id) return { columnId: column.id, desc: column.firstSortDesc };
  if (current.desc === column.firstSortDesc) return { columnId: column.id, desc: !current.desc };
  return null;
}

export interface CellContext {
  now: number;
  experimentName: (experimentKey: number) => string;
}

/** The raw value a cell shows, as text: what "only columns that differ" compares and Ctrl+C copies. */
export function cellText(column: ColumnDef, row: RunRow, ctx: CellContext): string {
  switch (column.kind) {
    case 'metric': {
      const v = row.metrics[column.key];
      return v === undefined ? '' : formatMetric(v);
    }
    case 'param':
      return row.params[column.key] ?? '';
    case 'tag':
      return row.tags[column.key] ?? '';
    case 'attr':
      return attrText(column.key as AttrKey, row, ctx);
  }
}

function attrText(key: AttrKey, row: RunRow, ctx: CellContext): string {
  switch (key) {
    case 'status':
      return row.status;
    case 'name':
      return row.runName;
    case 'start':
      return row.startTime === null ? '' : String(row.startTime);
    case 'end':
      return row.endTime === null ? '' : String(row.endTime);
    case 'duration': {
      const d = runDuration(row.startTime, row.endTime, row.status === 'RUNNING', ctx.now);
      return d === null ? '' : String(d);
    }
    case 'user':
      return row.userId;
    case 'source':
      return row.sourceName;
    case 'commit':
      return row.gitCommit;
    case 'runId':
      return row.runId;
    case 'experiment':
      return ctx.experimentName(row.experimentKey);
  }
}

/**
 * Ids of columns whose value is identical in every loaded row (pinned columns never count).
 * With fewer than two rows nothing "differs", so nothing is hidden.
 */
export function uniformColumns(columns: readonly ColumnDef[], rows: readonly RunRow[], ctx: CellContext): Set<string> {
  const uniform = new Set<string>();
  if (rows.length < 2) return uniform;
  for (const column of columns) {
    if (column.pinned) continue;
    const first = cellText(column, rows[0] as RunRow, ctx);
    let same = true;
    for (let i = 1; i < rows.length; i++) {
      if (cellText(column, rows[i] as RunRow, ctx) !== first) {
        same = false;
        break;
      }
    }
    if (same) uniform.add(column.id);
  }
  return uniform;
}
