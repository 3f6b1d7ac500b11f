import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dumpYaml } from './yaml-emit.js';
import { hasUnicodeLineBreak, parseYaml, parseYamlMap, YamlReadError } from './yaml-read.js';
import { decodeDoc, type EncodedDoc } from './yaml-test-docs.js';
import { PyFloat, YamlRaw } from './yaml-values.js';

const here = dirname(fileURLToPath(import.meta.url));
const golden = JSON.parse(readFileSync(join(here, 'testdata', 'pyyaml-golden.json'), 'utf8')) as { cases: { doc: EncodedDoc; yaml: string }[] };

describe('parseYaml', () => {
  it('reads every PyYAML golden document back to the value it was dumped from, and re-dumps it identically', () => {
    const problems: string[] = [];
    for (const { doc, yaml } of golden.cases) {
      // YAML 1.1-only line breaks: writers refuse these files instead (see hasUnicodeLineBreak).
      if (/[\u2028\u2029]/.test(yaml)) {
        expect(hasUnicodeLineBreak(parseYaml(yaml))).toBe(true);
        continue;
      }
      const parsed = parseYaml(yaml);
      if (!sameValue(parsed, decodeDoc(doc))) problems.push(`value differs for ${JSON.stringify(yaml)}`);
      if (dumpYaml(parsed) !== yaml) problems.push(`re-dump differs for ${JSON.stringify(yaml)}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('types plain scalars as YAML 1.1 does', () => {
    const doc = parseYamlMap('a: yes\nb: 1_000\nc: 12:30\nd: 0x1F\ne: 017\nf: 1.5\ng: ~\nh: None\ni: 2023-01-01\nj: 9223372036854775808\nk:\nl: .inf\n');
    expect(doc).toMatchObject({ a: true, b: 1000, c: 750, d: 31, e: 15, g: null, h: 'None', j: 9223372036854775808n, k: null });
    expect(doc.f).toEqual(new PyFloat(1.5));
    expect(doc.i).toEqual(new YamlRaw('2023-01-01'));
    expect(doc.l).toEqual(new PyFloat(Infinity));
  });

  it('reports damaged or empty files as a YamlReadError', () => {
    expect(() => parseYamlMap('')).toThrow(YamlReadError);
    expect(() => parseYamlMap('a: [unclosed\n')).toThrow(YamlReadError);
    expect(() => parseYamlMap('- just\n- a list\n')).toThrow(/mapping/);
  });
});

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof PyFloat && b instanceof PyFloat) return Object.is(a.value, b.value) || (Number.isNaN(a.value) && Number.isNaN(b.value));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return sameValue(ka, kb) && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}
