import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { comparePython, dumpYaml, pythonFloatRepr } from './yaml-emit.js';
import { decodeDoc, type EncodedDoc } from './yaml-test-docs.js';
import { findMlflowPython, skipReason } from '../testing/mlflow-python.js';

const here = dirname(fileURLToPath(import.meta.url));
const dumpScript = join(here, 'testdata', 'pyyaml-dump.py');
const golden = JSON.parse(readFileSync(join(here, 'testdata', 'pyyaml-golden.json'), 'utf8')) as {
  dumper: string;
  cases: { doc: EncodedDoc; yaml: string }[];
};

describe('dumpYaml against the committed PyYAML golden file', () => {
  it('was generated with the libyaml dumper MLflow uses', () => {
    expect(golden.dumper).toBe('CSafeDumper');
    expect(golden.cases.length).toBeGreaterThan(500);
  });

  it('matches PyYAML byte for byte on every case', () => {
    const mismatches: string[] = [];
    for (const { doc, yaml } of golden.cases) {
      const ours = dumpYaml(decodeDoc(doc));
      if (ours !== yaml) mismatches.push(`${JSON.stringify(doc)}\n  pyyaml: ${JSON.stringify(yaml)}\n  ours:   ${JSON.stringify(ours)}`);
    }
    expect(mismatches.slice(0, 5).join('\n')).toBe('');
  });

  it('keeps the stage None a plain string, quotes numeric strings, keeps version an int', () => {
    const text = dumpYaml({ current_stage: 'None', run_id: '0123', version: 4, description: '', status_message: null });
    expect(text).toBe("current_stage: None\ndescription: ''\nrun_id: '0123'\nstatus_message: null\nversion: 4\n");
  });
});

describe('dumpYaml against a live PyYAML', () => {
  const found = findMlflowPython();
  it.skipIf(!found)(`matches random documents (${found ? found.python : skipReason()})`, () => {
    const docs = randomDocs(300, 20260501);
    const run = spawnSync(found!.python, [dumpScript], { input: JSON.stringify(docs), encoding: 'utf8', timeout: 120_000 });
    expect(run.stderr).toBe('');
    const expected = JSON.parse(run.stdout) as { dumper: string; yaml: string[] };
    const mismatches = docs
      .map((doc, i) => ({ doc, want: expected.yaml[i]!, got: dumpYaml(decodeDoc(doc)) }))
      .filter((c) => c.want !== c.got)
      .map((c) => `${JSON.stringify(c.doc)}\n  pyyaml: ${JSON.stringify(c.want)}\n  ours:   ${JSON.stringify(c.got)}`);
    expect(mismatches.slice(0, 5).join('\n')).toBe('');
  });
  if (!found) console.info(`yaml-emit live check skipped: ${skipReason()}`);
});

describe('Python formatting helpers', () => {
  it('formats floats like repr()', () => {
    expect(pythonFloatRepr(1e16)).toBe('1e+16');
    expect(pythonFloatRepr(1e15)).toBe('1000000000000000.0');
    expect(pythonFloatRepr(0.0001)).toBe('0.0001');
    expect(pythonFloatRepr(0.00001)).toBe('1e-05');
    expect(pythonFloatRepr(-2.5)).toBe('-2.5');
    expect(pythonFloatRepr(5e-324)).toBe('5e-324');
  });

  it('sorts by code point like sorted()', () => {
    expect(['\uff5e', '\u{1F600}', 'a', 'Z'].sort(comparePython)).toEqual(['Z', 'a', '\uff5e', '\u{1F600}']);
  });
});

/** Deterministic pseudo-random documents built from characters that stress quoting and folding. */
function randomDocs(count: number, seed: number): EncodedDoc[] {
  let state = seed >>> 0;
  const next = (n: number): number => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state % n;
  };
  const alphabet = [...'ab01 :#-?\'"\\,[]{}!&*|>%@`=~.+_\t\n\r', '\u00e9', '\u65e5', '\u{1F600}', '\u0085', '\u2028', '\ufeff', '\u00a0'];
  const words = ['yes', 'no', 'null', '0', '1.5', '12:30', '2020-01-01', 'None', 'Production', 'x'.repeat(40), '---', '...'];
  const randomString = (): string => {
    if (next(4) === 0) return words[next(words.length)]!;
    const length = next(5) === 0 ? 60 + next(120) : next(12);
    let s = '';
    for (let i = 0; i < length; i++) s += next(3) === 0 ? ' ' : alphabet[next(alphabet.length)]!;
    return s;
  };
  const docs: EncodedDoc[] = [];
  for (let d = 0; d < count; d++) {
    const map: Record<string, EncodedDoc> = {};
    const keys = 1 + next(4);
    for (let k = 0; k < keys; k++) {
      const value = randomString();
      const shape = next(4);
      map[next(3) === 0 ? randomString() : `key${k}`] =
        shape === 0 ? { l: [{ s: value }, { s: randomString() }] } : shape === 1 ? { m: { [randomString() || 'k']: { s: value } } } : { s: value };
    }
    docs.push({ m: map });
  }
  return docs;
}
