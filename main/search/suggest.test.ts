import { describe, expect, it } from 'vitest';
import type { Field } from './ast.js';
import { checkRunFilter } from './check.js';
import { formatIdentifier, formatValue, suggest, type SuggestionSource } from './suggest.js';

const source: SuggestionSource = {
  keys: (kind) => (kind === 'metric' ? ['accuracy', 'f1 score', 'loss'] : kind === 'param' ? ['lr', 'model'] : ['team', 'mlflow.runName']),
  values: (field: Field) => (field.key === 'model' ? ['resnet', 'vgg', "it's"] : []),
};

/** Applies a suggestion the way the search box does: replace [from, caret) with insert. */
function apply(filter: string, label: string, caret = filter.length): string {
  const s = suggest(filter, caret, source).find((x) => x.label === label);
  if (!s) throw new Error(`no suggestion '${label}' for '${filter}': ${suggest(filter, caret, source).map((x) => x.label).join(', ')}`);
  return filter.slice(0, s.from) + s.insert + filter.slice(caret);
}

const labels = (filter: string, caret = filter.length) => suggest(filter, caret, source).map((s) => s.label);

describe('search:suggest', () => {
  it('offers prefixes and attributes at the start and after AND/OR/(', () => {
    expect(labels('')).toEqual(expect.arrayContaining(['metrics.', 'params.', 'tags.', 'attributes.', 'datasets.', 'status', 'run_name']));
    expect(labels('met')[0]).toBe('metrics.');
    expect(labels("params.lr = '1' AND ta")[0]).toBe('tags.');
    expect(labels('(st')).toContain('status');
  });

  it('offers the keys of the selected experiments after a prefix, quoted when needed', () => {
    expect(labels('metrics.')).toEqual(['metrics.accuracy', 'metrics.f1 score', 'metrics.loss']);
    expect(apply('metrics.f1', 'metrics.f1 score')).toBe('metrics.`f1 score`');
    expect(apply('metrics.acc', 'metrics.accuracy')).toBe('metrics.accuracy');
    expect(apply('x = 1 AND tags.ml', 'tags.mlflow.runName')).toBe('x = 1 AND tags.mlflow.runName');
    expect(labels('datasets.')).toEqual(['datasets.name', 'datasets.digest', 'datasets.context']);
  });

  it('offers the operators valid for the key type', () => {
    expect(labels('metrics.loss ')).toEqual(expect.arrayContaining(['>', '<', '=', '!=']));
    expect(labels('metrics.loss ')).not.toContain('LIKE');
    expect(labels('params.lr ')).toEqual(expect.arrayContaining(['=', 'LIKE', 'ILIKE', 'IS NULL']));
    expect(labels('params.lr ')).not.toContain('>');
    expect(labels('tags.team IS ')).toEqual(['NULL', 'NOT NULL']);
  });

  it('offers frequent values, quoted, after = and inside an open quote', () => {
    expect(labels('params.model = ')).toEqual(['resnet', 'vgg', "it's"]);
    expect(apply('params.model = ', 'vgg')).toBe("params.model = 'vgg'");
    expect(apply("params.model = 'res", 'resnet')).toBe("params.model = 'resnet'");
    expect(apply('params.model = ', "it's")).toBe('params.model = "it\'s"');
    expect(labels("status = '")).toContain('FAILED');
    expect(labels('metrics.loss > ')).toEqual([]);
  });

  it('offers AND and OR after a complete condition', () => {
    expect(labels("params.lr = '0.1' ")).toEqual(['AND', 'OR (RunDesk extension)']);
    expect(labels('metrics.loss > 1 a')).toEqual(['AND']);
  });

  it('works at a caret in the middle of the filter', () => {
    const filter = "metrics.acc > 1 AND params.model = 'x'";
    expect(apply(filter, 'metrics.accuracy', 11)).toBe("metrics.accuracy > 1 AND params.model = 'x'");
  });

  it('formats names and values that need quoting', () => {
    expect(formatIdentifier('params.', 'a.b')).toBe('params.a.b');
    expect(formatIdentifier('params.', 'my-key')).toBe('params.`my-key`');
    expect(formatIdentifier('params.', 'a`b')).toBe('params."a`b"');
    expect(formatValue('x')).toBe("'x'");
  });
});

describe('search:check', () => {
  it('accepts MLflow filters silently, names extensions, and locates errors', () => {
    expect(checkRunFilter("metrics.rmse < 1 AND params.a = 'b'")).toEqual({ ok: true });
    expect(checkRunFilter('metrics.a > 1 OR metrics.b > 1')).toEqual({ ok: true, message: "Uses RunDesk extensions (OR); MLflow's search_runs would reject this filter." });
    expect(checkRunFilter('resnet').message).toMatch(/run names containing 'resnet'/);
    const bad = checkRunFilter('metrics.rmse <');
    expect(bad.ok).toBe(false);
    expect(bad.position).toBe(14);
    expect(bad.message).toMatch(/Expected a number|expected a number/);
  });
});
