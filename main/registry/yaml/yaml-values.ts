/**
 * The values a registry meta.yaml can hold, as PyYAML's SafeLoader would build them.
 *
 * JavaScript numbers cannot tell `1.0` from `1` and lose integers past 2^53, so floats are kept as
 * `PyFloat` and big integers as `bigint`: re-emitting an untouched field then gives PyYAML the same
 * value it read. Timestamps (`2023-01-01`) are kept as their source text (`YamlRaw`), which PyYAML
 * reads back to the same date.
 */
export class PyFloat {
  constructor(readonly value: number) {}
}

export class YamlRaw {
  constructor(readonly text: string) {}
}

export type YamlScalar = null | boolean | number | bigint | string | PyFloat | YamlRaw;
export type YamlValue = YamlScalar | YamlValue[] | YamlMap;
export interface YamlMap {
  [key: string]: YamlValue;
}

export function isYamlMap(value: unknown): value is YamlMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof PyFloat) && !(value instanceof YamlRaw);
}
