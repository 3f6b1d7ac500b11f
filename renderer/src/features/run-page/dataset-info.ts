import type { SignatureColumn } from '../../../../preload/contract.js';

/** Dataset `source` is JSON text (`{"uri": "…"}`, `{"path": …}`…); show its location, or the raw text. */
export function datasetLocation(source: string): string {
  const parsed = parseJsonObject(source);
  if (!parsed) return source;
  for (const key of ['uri', 'url', 'path', 'table_name', 'delta_table_name', 'dataset_source', 'source']) {
    const v = parsed[key];
    if (typeof v === 'string' && v !== '') return v;
  }
  return source;
}

/** `profile` JSON (`{"num_rows": 100, "num_elements": 400}`) → "100 rows, 400 elements". */
export function datasetProfile(profile: string): string {
  const parsed = parseJsonObject(profile);
  if (!parsed) return profile;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'number' || typeof value === 'string') parts.push(`${value} ${key.replace(/^num_/, '').replace(/_/g, ' ')}`);
  }
  return parts.join(', ');
}

/**
 * Columns of a dataset schema: MLflow writes `{"mlflow_colspec": [{type, name, required}]}` or
 * `{"mlflow_tensorspec": {features: "<json>", targets: "<json>"}}`; anything else gives null.
 */
export function datasetColumns(schema: string): SignatureColumn[] | null {
  const parsed = parseJsonObject(schema);
  if (!parsed) return null;
  const colspec = parsed.mlflow_colspec;
  if (Array.isArray(colspec)) return colspec.map(toColumn);
  const tensors = parsed.mlflow_tensorspec;
  if (tensors && typeof tensors === 'object') {
    const out: SignatureColumn[] = [];
    for (const part of ['features', 'targets'] as const) {
      const raw = (tensors as Record<string, unknown>)[part];
      const list = typeof raw === 'string' ? safeJson(raw) : raw;
      if (Array.isArray(list)) out.push(...list.map(toColumn));
    }
    return out;
  }
  return null;
}

function toColumn(raw: unknown): SignatureColumn {
  const c = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const tensor = c['tensor-spec'] as { dtype?: string; shape?: unknown } | undefined;
  const type = tensor ? `tensor ${tensor.dtype ?? ''} ${JSON.stringify(tensor.shape ?? [])}`.trim() : typeof c.type === 'string' ? c.type : JSON.stringify(c.type ?? '');
  return { name: typeof c.name === 'string' ? c.name : null, type, required: c.required !== false };
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  const v = safeJson(text);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
