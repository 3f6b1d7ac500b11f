import { PyFloat, type YamlValue } from './yaml-values.js';

/**
 * The JSON encoding of test documents shared with testdata/pyyaml-dump.py, which carries Python's
 * types through JSON: {"s": str}, {"i": "int text"}, {"f": "float repr"}, {"b": bool}, {"n": null},
 * {"m": {key: doc}}, {"l": [doc]}. Test support only.
 */
export type EncodedDoc =
  | { s: string }
  | { i: string }
  | { f: string }
  | { b: boolean }
  | { n: null }
  | { m: Record<string, EncodedDoc> }
  | { l: EncodedDoc[] };

export function decodeDoc(doc: EncodedDoc): YamlValue {
  if ('s' in doc) return doc.s;
  if ('i' in doc) {
    const big = BigInt(doc.i);
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  }
  if ('f' in doc) return new PyFloat(doc.f === 'nan' ? NaN : doc.f === 'inf' ? Infinity : doc.f === '-inf' ? -Infinity : Number(doc.f));
  if ('b' in doc) return doc.b;
  if ('n' in doc) return null;
  if ('m' in doc) return Object.fromEntries(Object.entries(doc.m).map(([k, v]) => [k, decodeDoc(v)]));
  return doc.l.map(decodeDoc);
}
