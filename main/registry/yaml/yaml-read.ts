import yaml from 'js-yaml';
import { resolvePlain } from './yaml11-resolve.js';
import { PyFloat, YamlRaw, isYamlMap, type YamlMap, type YamlValue } from './yaml-values.js';

/**
 * Reads registry YAML the way PyYAML's SafeLoader types it (YAML 1.1: `yes` is a bool, `1_000` an
 * int, `12:30` a sexagesimal int), keeping what JavaScript would lose: floats stay `PyFloat`,
 * integers past 2^53 become `bigint`, timestamps keep their text. Written back with `dumpYaml`,
 * an untouched field gives PyYAML the value it had.
 */
const plainIs = (tag: string) => (data: string | null) => data !== null && resolvePlain(data) === tag;

const nullType = new yaml.Type('tag:yaml.org,2002:null', {
  kind: 'scalar',
  resolve: (data: string | null) => data === null || resolvePlain(data) === 'null',
  construct: () => null,
});

const boolType = new yaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: plainIs('bool'),
  construct: (data: string) => /^(?:yes|true|on)$/i.test(data),
});

const intType = new yaml.Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: plainIs('int'),
  construct: (data: string) => constructInt(data),
});

const floatType = new yaml.Type('tag:yaml.org,2002:float', {
  kind: 'scalar',
  resolve: plainIs('float'),
  construct: (data: string) => new PyFloat(constructFloat(data)),
});

const timestampType = new yaml.Type('tag:yaml.org,2002:timestamp', {
  kind: 'scalar',
  resolve: plainIs('timestamp'),
  construct: (data: string) => new YamlRaw(data),
});

// Order matters only where two patterns could both match; PyYAML tries float before int.
const PYYAML_SCHEMA = yaml.FAILSAFE_SCHEMA.extend({ implicit: [nullType, boolType, floatType, intType, timestampType] });

export class YamlReadError extends Error {}

/** Parses one document; an empty file is `null`, as PyYAML gives. */
export function parseYaml(text: string): YamlValue {
  try {
    return normalise(yaml.load(text, { schema: PYYAML_SCHEMA, json: false }));
  } catch (error) {
    throw new YamlReadError((error as Error).message.split('\n')[0] ?? 'invalid YAML');
  }
}

/** Parses a document that must be a mapping (every MLflow meta.yaml). */
export function parseYamlMap(text: string): YamlMap {
  const value = parseYaml(text);
  if (!isYamlMap(value)) throw new YamlReadError(value === null ? 'the file is empty' : 'the file does not hold a mapping');
  return value;
}

/**
 * U+0085, U+2028 and U+2029 are line breaks to YAML 1.1 (PyYAML) but not to YAML 1.2 (js-yaml), so
 * a quoted value holding one may read differently here than in MLflow. Writers refuse to rewrite
 * such a file rather than risk changing the value.
 */
export function hasUnicodeLineBreak(value: YamlValue): boolean {
  if (typeof value === 'string') return /[\u0085\u2028\u2029]/.test(value);
  if (Array.isArray(value)) return value.some(hasUnicodeLineBreak);
  if (isYamlMap(value)) return Object.entries(value).some(([k, v]) => hasUnicodeLineBreak(k) || hasUnicodeLineBreak(v));
  return false;
}

function normalise(value: unknown): YamlValue {
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(normalise);
  if (value instanceof PyFloat || value instanceof YamlRaw) return value;
  if (typeof value === 'object' && value !== null) {
    const out: YamlMap = {};
    for (const [k, v] of Object.entries(value)) out[k] = normalise(v);
    return out;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'bigint') return value;
  throw new YamlReadError(`unsupported YAML value of type ${typeof value}`);
}

/** PyYAML's construct_yaml_int: underscores, 0b / 0x / 0 (octal) prefixes, base-60 `a:b:c`. */
function constructInt(data: string): number | bigint {
  let text = data.replaceAll('_', '');
  let sign = 1n;
  if (text.startsWith('-')) sign = -1n;
  if (text.startsWith('-') || text.startsWith('+')) text = text.slice(1);
  let value: bigint;
  if (text === '0') value = 0n;
  else if (text.startsWith('0b')) value = BigInt(text);
  else if (text.startsWith('0x')) value = BigInt(text);
  else if (text.startsWith('0')) value = BigInt(`0o${text.slice(1)}`);
  else if (text.includes(':')) {
    value = 0n;
    for (const part of text.split(':')) value = value * 60n + BigInt(part);
  } else value = BigInt(text);
  value *= sign;
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

function constructFloat(data: string): number {
  let text = data.replaceAll('_', '').toLowerCase();
  let sign = 1;
  if (text.startsWith('-')) sign = -1;
  if (text.startsWith('-') || text.startsWith('+')) text = text.slice(1);
  if (text === '.inf') return sign * Infinity;
  if (text === '.nan') return NaN;
  if (text.includes(':')) {
    let value = 0;
    for (const part of text.split(':')) value = value * 60 + Number(part);
    return sign * value;
  }
  return sign * Number(text);
}
