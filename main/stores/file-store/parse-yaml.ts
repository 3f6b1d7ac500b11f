import yaml from 'js-yaml';

/**
 * YAML as MLflow writes it (PyYAML safe_dump), read with js-yaml's CORE schema except for integers:
 * experiment ids of 0.x files may be unquoted ints, and 2.x ids have 18–19 digits, so an int that
 * does not fit a double exactly is kept as its digit string instead of being rounded.
 */
const SAFE_INT = new yaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (data: unknown) => typeof data === 'string' && /^[-+]?(?:0|[1-9][0-9_]*)$/.test(data),
  construct: (data: string) => {
    const digits = data.replace(/_/g, '').replace(/^\+/, '');
    const n = Number(digits);
    return Number.isSafeInteger(n) ? n : digits;
  },
  predicate: (value: unknown) => typeof value === 'number' && Number.isInteger(value),
  represent: (value: object) => String(value),
});

const MLFLOW_SCHEMA = yaml.CORE_SCHEMA.extend({ implicit: [SAFE_INT] });

export type YamlResult =
  | { ok: true; value: Record<string, unknown> }
  /** 'empty': MLflow is mid-rewrite (truncate then write); retry later, never treat as deleted. */
  | { ok: false; kind: 'empty' | 'invalid'; message: string };

export function parseMlflowYaml(text: string): YamlResult {
  if (text.trim() === '') return { ok: false, kind: 'empty', message: 'is empty' };
  const flat = parseFlatYaml(text);
  if (flat) return { ok: true, value: flat };
  let value: unknown;
  try {
    value = yaml.load(text, { schema: MLFLOW_SCHEMA, json: true });
  } catch (error) {
    const reason = (error as yaml.YAMLException).reason ?? (error as Error).message;
    const line = (error as yaml.YAMLException).mark?.line;
    return { ok: false, kind: 'invalid', message: `is not valid YAML (${reason}${line === undefined ? '' : ` at line ${line + 1}`})` };
  }
  if (value === null || value === undefined) return { ok: false, kind: 'empty', message: 'is empty' };
  if (typeof value !== 'object' || Array.isArray(value)) return { ok: false, kind: 'invalid', message: 'does not hold a YAML mapping' };
  return { ok: true, value: value as Record<string, unknown> };
}

const FLAT_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const YAML_NUMBER =
  /^[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o[0-7_]+|[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF))$|^\.(?:nan|NaN|NAN)$/;
const NULLS = new Set(['null', 'Null', 'NULL', '~']);
/** First characters of a plain scalar that mean YAML syntax (flow, anchor, tag, block, quote, comment…). */
const SYNTAX_START = new Set([...'[]{}&*!|>"%@`#,?:- \t'].map((c) => c.charCodeAt(0)));
const BOOLS: Record<string, boolean> = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };

/**
 * Fast path for what MLflow writes almost always: one `key: scalar` per line, sorted, no nesting.
 * Gives exactly what js-yaml would (the test compares both on every fixture file) or null, and then
 * js-yaml reads the file. js-yaml costs ~15–40 µs per meta.yaml; at 100,000 runs that is seconds.
 */
const goodKeys = new Set<string>();

export function parseFlatYaml(text: string): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  let start = 0;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = n;
    const line = text.slice(start, end);
    start = end + 1;
    if (line === '') continue;
    const colon = line.indexOf(': ');
    const key = colon === -1 ? (line.endsWith(':') ? line.slice(0, -1) : null) : line.slice(0, colon);
    if (key === null) return null;
    if (!goodKeys.has(key)) {
      if (!FLAT_KEY.test(key)) return null;
      if (goodKeys.size < 256) goodKeys.add(key);
    }
    const raw = colon === -1 ? '' : line.slice(colon + 2);
    const value = flatScalar(raw);
    if (value === undefined) return null;
    out[key] = value;
  }
  return out;
}

/** A one-line scalar as js-yaml's CORE schema (with SAFE_INT) reads it; undefined when unsure. */
function flatScalar(raw: string): unknown {
  if (raw === '' || NULLS.has(raw)) return null;
  const first = raw.charCodeAt(0);
  if (first === 39 /* ' */) {
    // Single-quoted on one line: '' is an escaped quote; anything after the closing quote is unsure.
    if (raw.length < 2 || !raw.endsWith("'")) return undefined;
    const body = raw.slice(1, -1);
    if (body.replace(/''/g, '').includes("'")) return undefined;
    return body.replace(/''/g, "'");
  }
  if (raw === '[]') return [];
  if (raw === '{}') return {};
  // Anything that could be YAML syntax, a comment, trailing space or a number other than a plain
  // integer goes to js-yaml.
  if (SYNTAX_START.has(first) && !(first === 45 && /^-\d+$/.test(raw))) return undefined;
  if (raw.includes(' #') || raw.includes(': ') || raw.endsWith(' ') || raw.endsWith(':') || raw.includes('\t') || raw.includes('\r')) return undefined;
  const startsNumeric = (first >= 48 && first <= 57) || first === 43 || first === 45 || first === 46;
  if (!startsNumeric) return raw in BOOLS ? BOOLS[raw] : raw;
  if (/^[-+]?(?:0|[1-9][0-9]*)$/.test(raw)) {
    const digits = first === 43 ? raw.slice(1) : raw;
    const value = Number(digits);
    return Number.isSafeInteger(value) ? value : digits;
  }
  // Anything js-yaml's CORE schema could read as a number (float, hex, octal, .inf, .nan) is left to it;
  // other strings that start with a digit (run ids) are plain strings.
  if (YAML_NUMBER.test(raw)) return undefined;
  return raw;
}

// ───────────────────────────── field accessors: tolerate the types older MLflow versions wrote

export function str(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** An id field: always a string (0.x wrote unquoted ints; big ones arrive as digit strings). */
export function idStr(value: unknown): string | null {
  const s = str(value);
  return s === null ? null : s.trim();
}

/** Epoch milliseconds or null. */
export function ms(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}
