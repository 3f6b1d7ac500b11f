/**
 * A very small runtime schema library for checking what crosses the bridge. Each schema both
 * validates an unknown value and carries its TypeScript type, so `validators.ts` can prove at
 * compile time that every channel's schema matches the contract.
 */
export class SchemaError extends Error {}

export type Schema<T> = (value: unknown, path: string) => T;
export type Infer<S> = S extends Schema<infer T> ? T : never;

const fail = (path: string, expected: string): never => {
  throw new SchemaError(`${path || 'argument'} must be ${expected}`);
};

export const str =
  (maxLength = 100_000): Schema<string> =>
  (v, p) =>
    typeof v === 'string' && v.length <= maxLength ? v : fail(p, `a string of at most ${maxLength} characters`);

export const int =
  (min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Schema<number> =>
  (v, p) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fail(p, `an integer from ${min} to ${max}`);

export const bool: Schema<boolean> = (v, p) => (typeof v === 'boolean' ? v : fail(p, 'true or false'));

export const none: Schema<undefined> = (v, p) => (v === undefined || v === null ? undefined : fail(p, 'absent'));

export const literal =
  <const L extends readonly string[]>(...values: L): Schema<L[number]> =>
  (v, p) =>
    typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as L[number]) : fail(p, `one of ${values.join(', ')}`);

export const array =
  <T>(item: Schema<T>, maxLength = 100_000): Schema<T[]> =>
  (v, p) => {
    if (!Array.isArray(v) || v.length > maxLength) return fail(p, `a list of at most ${maxLength} items`);
    return v.map((x, i) => item(x, `${p}[${i}]`));
  };

export const nullable =
  <T>(inner: Schema<T>): Schema<T | null> =>
  (v, p) =>
    v === null ? null : inner(v, p);

export const optional =
  <T>(inner: Schema<T>): Schema<T | undefined> =>
  (v, p) =>
    v === undefined ? undefined : inner(v, p);

type Shape = Record<string, Schema<unknown>>;
type ObjectOf<S extends Shape> = { [K in keyof S as undefined extends Infer<S[K]> ? never : K]: Infer<S[K]> } & {
  [K in keyof S as undefined extends Infer<S[K]> ? K : never]?: Infer<S[K]>;
};

/** A plain object with exactly these keys; unknown keys are rejected, not ignored. */
export const object =
  <S extends Shape>(shape: S): Schema<ObjectOf<S>> =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'an object');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) if (!(key in shape)) fail(`${p}.${key}`, 'absent (unknown field)');
    for (const [key, schema] of Object.entries(shape)) {
      const value = schema((v as Record<string, unknown>)[key], p ? `${p}.${key}` : key);
      if (value !== undefined) out[key] = value;
    }
    return out as ObjectOf<S>;
  };

export const record =
  <T>(value: Schema<T>, maxKeys = 10_000): Schema<Record<string, T>> =>
  (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, 'an object');
    const entries = Object.entries(v);
    if (entries.length > maxKeys) return fail(p, `an object of at most ${maxKeys} keys`);
    return Object.fromEntries(entries.map(([k, x]) => [k, value(x, `${p}.${k}`)]));
  };

/** A tagged union keyed on `kind`. */
export const union =
  <S extends Record<string, Schema<unknown>>>(tag: string, variants: S): Schema<Infer<S[keyof S]>> =>
  (v, p) => {
    const kind = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[tag] : undefined;
    const schema = typeof kind === 'string' ? variants[kind] : undefined;
    if (!schema) return fail(`${p}.${tag}`, `one of ${Object.keys(variants).join(', ')}`);
    return schema(v, p) as Infer<S[keyof S]>;
  };
