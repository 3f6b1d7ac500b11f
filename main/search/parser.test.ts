import { describe, expect, it } from 'vitest';
import { AppError } from '../services/app-error.js';
import type { ComparisonNode, FilterNode } from './ast.js';
import { parseExperimentFilter, parseRunFilter } from './parser.js';

function parseError(filter: string): AppError {
  try {
    parseRunFilter(filter);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`expected '${filter}' to be rejected`);
}

function only(filter: string): ComparisonNode {
  const { root } = parseRunFilter(filter);
  expect(root?.type).toBe('comparison');
  return root as ComparisonNode;
}

describe('parseRunFilter: MLflow syntax', () => {
  it.each([
    ['metrics.rmse < 0.5', 'metric', 'rmse', '<', 0.5],
    ['metric.rmse<.5', 'metric', 'rmse', '<', 0.5],
    ['metrics.rmse >= -1e-3', 'metric', 'rmse', '>=', -0.001],
    ['metrics.`f1 score` = 5.', 'metric', 'f1 score', '=', 5],
    ['metrics."f1 score" != 1', 'metric', 'f1 score', '!=', 1],
    ['`metrics`.x > 1', 'metric', 'x', '>', 1],
    ['metrics.a.b > 1', 'metric', 'a.b', '>', 1],
    ["params.lr = '0.1'", 'param', 'lr', '=', '0.1'],
    ['parameters.lr = "0.1"', 'param', 'lr', '=', '0.1'],
    ["params.x like '%a%'", 'param', 'x', 'LIKE', '%a%'],
    ["tags.`mlflow.log-model.history` ILIKE '%x%'", 'tag', 'mlflow.log-model.history', 'ILIKE', '%x%'],
    ["tags.mlflow.runName = 'x'", 'tag', 'mlflow.runName', '=', 'x'],
    ["tags.'mlflow.runName' = 'x'", 'tag', 'mlflow.runName', '=', 'x'],
    ["attributes.status = 'FINISHED'", 'attribute', 'status', '=', 'FINISHED'],
    ["attr.status = 'FINISHED'", 'attribute', 'status', '=', 'FINISHED'],
    ["run.run_id = 'a'", 'attribute', 'run_id', '=', 'a'],
    ["status = 'FINISHED'", 'attribute', 'status', '=', 'FINISHED'],
    ['created > 1', 'attribute', 'start_time', '>', 1],
    ['Created > 1', 'attribute', 'start_time', '>', 1],
    ["`run name` = 'x'", 'attribute', 'run_name', '=', 'x'],
    ["\"Run Name\" = 'x'", 'attribute', 'run_name', '=', 'x'],
    ["datasets.context = 'training'", 'dataset', 'context', '=', 'training'],
    ["dataset.name LIKE 'x%'", 'dataset', 'name', 'LIKE', 'x%'],
    // As in MLflow, nothing inside a quoted value is unescaped.
    ["params.x = 'it''s'", 'param', 'x', '=', "it''s"],
    ['params.x = "a\'b"', 'param', 'x', '=', "a'b"],
  ])('%s', (filter, kind, key, comparator, value) => {
    const node = only(filter);
    expect(node.field.kind).toBe(kind);
    expect(node.field.key).toBe(key);
    expect(node.comparator).toBe(comparator);
    expect(node.operand).toEqual({ kind: 'scalar', value });
  });

  it('reads IN lists with Python rules, as MLflow does', () => {
    expect(only("run_id IN ('a','b')").operand).toEqual({ kind: 'list', values: ['a', 'b'] });
    expect(only("run_id in ('a',)").operand).toEqual({ kind: 'list', values: ['a'] });
    expect(only("run_id IN ('a' 'b')").operand).toEqual({ kind: 'list', values: ['ab'] });
    expect(only("run_id NOT IN ('a\\nb', \"c\")").operand).toEqual({ kind: 'list', values: ['a\nb', 'c'] });
    expect(only("datasets.context NOT IN ('x')").comparator).toBe('NOT IN');
  });

  it('reads IS NULL and IS NOT NULL on params and tags', () => {
    expect(only('tags.x is null').comparator).toBe('IS NULL');
    expect(only('params.x IS NOT NULL').comparator).toBe('IS NOT NULL');
  });

  it('joins with AND in any case, and ignores stray ANDs and juxtaposition like MLflow', () => {
    for (const filter of ["params.a = 'x' and metrics.b > 1", "params.a = 'x' AND", "AND params.a = 'x' AND AND metrics.b > 1", "params.a = 'x' metrics.b > 1"]) {
      const { root, extensions } = parseRunFilter(filter);
      expect(extensions).toEqual([]);
      expect(root?.type === 'and' || root?.type === 'comparison').toBe(true);
    }
    expect(parseRunFilter('').root).toBeNull();
    expect(parseRunFilter('   ').root).toBeNull();
  });
});

describe('parseRunFilter: what MLflow rejects', () => {
  it.each([
    ["metrics.rmse = 'a'", 15, /compares numbers/],
    ['params.lr = 0.1', 12, /quote the value/],
    ["params.lr > '0.1'", 10, /does not apply/],
    ["tags.x LIKE 1", 12, /quote the value/],
    ['metrics.x LIKE 1', 10, /does not apply/],
    ["attributes.lifecycle_stage = 'active'", 0, /Unknown run attribute/],
    ["Status = 'FINISHED'", 0, /Unknown run attribute 'Status'/],
    ['METRICS.x > 1', 0, /Unknown prefix 'METRICS'/],
    ["datasets.foo = 'x'", 0, /Unknown dataset field/],
    ["datasets.name > 'a'", 14, /does not apply/],
    ['metrics.x <> 1', 10, /write '!='/],
    ['metrics.x == 1', 10, /write '='/],
    ['metrics.x > +1', 12, /Unexpected character/],
    ['metrics.x > 1e+3', 12, /not a number/],
    ['attributes.end_time IS NULL', 20, /IS NULL works on/],
    ["params.x = 'unterminated", 11, /no closing/],
    ["params.my-key = 'x'", 9, /backticks, e.g. params.`my-key`/],
    ["run_id IN ()", 11, /at least one value/],
    ['run_id IN (1, 2)', 10, /compares strings/],
    ["run_id IN 'a'", 10, /Expected a list/],
    ["params.x = NULL", 11, /IS NULL or IS NOT NULL/],
    ["params.x = `a`", 11, /backticks are for names/],
    ["attributes.run_name RLIKE 'x'", 20, /RLIKE is not supported/],
    ["params.x = 'a';", 14, /Unexpected character ';'/],
    ['metrics.x > 1 = 2', 14, /Expected AND or OR/],
    ['(metrics.x > 1', 14, /Expected '\)'/],
    ['metrics.x > 1)', 13, /without a matching/],
  ])('%s', (filter, position, message) => {
    const error = parseError(filter);
    expect(error.code).toBe('PARSE_ERROR');
    expect(error.position).toBe(position);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(new RegExp(`at position ${position}\\)\\.$`));
  });
});

describe('parseRunFilter: RunDesk extensions', () => {
  const ext = (filter: string) => parseRunFilter(filter).extensions;
  it('marks every extension it sees', () => {
    expect(ext("metrics.a > 1 OR params.b = 'x'")).toEqual(['OR']);
    expect(ext('(metrics.a > 1)')).toEqual(['parentheses']);
    expect(ext('NOT metrics.a > 1')).toEqual(['NOT']);
    expect(ext("params.b IN ('x')")).toEqual(['IN on params.b']);
    expect(ext("status IN ('FAILED')")).toEqual(['IN on status']);
    expect(ext('metrics.a IN (1, 2)')).toEqual(['IN on metrics.a']);
    expect(ext('metrics.a BETWEEN 1 AND 2')).toEqual(['BETWEEN']);
    expect(ext("params.a NOT LIKE 'x%'")).toEqual(['NOT LIKE / NOT ILIKE']);
    expect(ext('metrics.a IS NULL')).toEqual(['IS NULL on metrics.a']);
    expect(ext("run_id IN ('a')")).toEqual([]);
  });

  it('groups OR below AND', () => {
    const root = parseRunFilter("metrics.a > 1 AND params.b = 'x' OR tags.c = 'y'").root as FilterNode;
    expect(root.type).toBe('or');
    if (root.type === 'or') expect(root.items[0]!.type).toBe('and');
  });

  it('takes plain text as a name search, but not a filter being typed', () => {
    expect(parseRunFilter('resnet').root).toEqual({ type: 'text', text: 'resnet', start: 0, end: 6 });
    expect(parseRunFilter('  resnet 50 v2 ').root).toMatchObject({ type: 'text', text: 'resnet 50 v2', start: 2 });
    expect(parseRunFilter('resnet').extensions).toEqual(['plain-text name search']);
    for (const typing of ['metrics.acc', 'status', 'end_time IS NULL', "params.x = 'a", 'run_name >', 'NOT']) {
      expect(() => parseRunFilter(typing)).toThrow(AppError);
    }
  });

  it('refuses nesting deep enough to hurt', () => {
    expect(parseError(`${'('.repeat(200)}metrics.a > 1${')'.repeat(200)}`).message).toMatch(/nests too deeply/);
  });
});

describe('parseExperimentFilter', () => {
  it('knows experiment attributes and tags, as search_experiments does', () => {
    expect((parseExperimentFilter("name LIKE 'exp%'").root as ComparisonNode).field.key).toBe('name');
    expect((parseExperimentFilter("tags.team = 'v'").root as ComparisonNode).field.kind).toBe('tag');
    expect((parseExperimentFilter("tag.team IS NULL").root as ComparisonNode).comparator).toBe('IS NULL');
    expect((parseExperimentFilter('creation_time > 5').root as ComparisonNode).field.valueType).toBe('number');
    expect((parseExperimentFilter("attributes.name = 'x'").root as ComparisonNode).field.key).toBe('name');
    expect(() => parseExperimentFilter("`attributes`.name = 'x'")).toThrow(/Unknown prefix/);
    expect(() => parseExperimentFilter("attr.name = 'x'")).toThrow(/Unknown prefix 'attr'/);
    expect(() => parseExperimentFilter("params.x = 'a'")).toThrow(/Unknown prefix 'params'/);
    expect(() => parseExperimentFilter("name > 'a'")).toThrow(/does not apply/);
    expect(parseExperimentFilter('sweep').root).toMatchObject({ type: 'text', text: 'sweep' });
  });
});
