import { load } from 'js-yaml';
import type { MlModelInfo, SignatureColumn } from '../../preload/contract.js';

/** Bytes of an input example shown with a model; examples can be whole datasets. */
export const INPUT_EXAMPLE_CAP = 20 * 1024;

/** Reads a file next to the MLmodel (path relative to its folder), at most `maxBytes`; null if absent. */
export type SiblingReader = (relativePath: string, maxBytes: number) => { text: string; truncated: boolean } | null;

/**
 * Parses an MLmodel file (MLflow `Model.to_dict`, YAML). The signature's `inputs`/`outputs`/`params`
 * are JSON text inside the YAML and are parsed a second time. Throws on text that is not a YAML map.
 */
export function parseMlModel(text: string, readSibling?: SiblingReader): MlModelInfo {
  const doc = load(text);
  if (!isRecord(doc)) throw new Error('an MLmodel file must be a YAML mapping');
  const flavors = isRecord(doc.flavors)
    ? Object.entries(doc.flavors).map(([name, config]) => ({ name, details: flatten(config) }))
    : [];
  return {
    flavors,
    mlflowVersion: optionalText(doc.mlflow_version),
    createdUtc: optionalText(doc.utc_time_created),
    modelId: optionalText(doc.model_id),
    runId: optionalText(doc.run_id),
    signature: parseSignature(doc.signature),
    inputExample: readInputExample(doc.saved_input_example_info, readSibling),
  };
}

function parseSignature(value: unknown): MlModelInfo['signature'] {
  if (!isRecord(value)) return null;
  return {
    inputs: specList(value.inputs).map(columnOf),
    outputs: specList(value.outputs).map(columnOf),
    params: specList(value.params).map(paramOf),
  };
}

/** The JSON text inside the YAML (or, if someone wrote YAML by hand, the list itself). */
function specList(value: unknown): Record<string, unknown>[] {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return [];
    }
  }
  return Array.isArray(parsed) ? parsed.filter(isRecord) : [];
}

/** Column or tensor spec. `required` is absent in files from before MLflow ≈2.10: that means required. */
function columnOf(spec: Record<string, unknown>): SignatureColumn {
  return { name: optionalText(spec.name), type: typeText(spec), required: spec.required !== false };
}

/** Inference params always have a default, so none is required; the default is part of the type shown. */
function paramOf(spec: Record<string, unknown>): SignatureColumn {
  const shape = Array.isArray(spec.shape) ? JSON.stringify(spec.shape) : '';
  const type = `${typeText(spec)}${shape}`;
  return { name: optionalText(spec.name), type: 'default' in spec ? `${type} = ${JSON.stringify(spec.default)}` : type, required: false };
}

/** `double`, `array<string>`, `object{a: long, b: string}`, `map<double>`, `tensor(float64, [-1, 4])`. */
function typeText(spec: unknown): string {
  if (typeof spec === 'string') return spec;
  if (!isRecord(spec)) return 'unknown';
  const type = typeof spec.type === 'string' ? spec.type : 'unknown';
  if (type === 'tensor') {
    const tensor = isRecord(spec['tensor-spec']) ? spec['tensor-spec'] : {};
    const dtype = typeof tensor.dtype === 'string' ? tensor.dtype : '?';
    return Array.isArray(tensor.shape) ? `tensor(${dtype}, [${tensor.shape.join(', ')}])` : `tensor(${dtype})`;
  }
  if (type === 'array') return `array<${typeText(spec.items)}>`;
  if (type === 'map') return `map<${typeText(spec.values)}>`;
  if (type === 'object' && isRecord(spec.properties)) {
    const fields = Object.entries(spec.properties).map(([name, field]) => {
      const optional = isRecord(field) && field.required === false ? '?' : '';
      return `${name}${optional}: ${typeText(field)}`;
    });
    return `object{${fields.join(', ')}}`;
  }
  return type;
}

function readInputExample(info: unknown, readSibling: SiblingReader | undefined): string | null {
  if (!readSibling || !isRecord(info) || typeof info.artifact_path !== 'string') return null;
  const example = readSibling(info.artifact_path, INPUT_EXAMPLE_CAP);
  if (!example) return null;
  if (example.truncated) return `${example.text}\n…`;
  try {
    return JSON.stringify(JSON.parse(example.text), null, 2);
  } catch {
    return example.text;
  }
}

/** A flavor's config as flat `a.b` keys with text values (null as ''), for a key/value table. */
function flatten(value: unknown, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  if (isRecord(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) {
    out[prefix] = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return out;
}

function optionalText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  return value instanceof Date ? value.toISOString() : String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
