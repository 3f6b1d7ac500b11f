import { afterAll, describe, expect, it } from 'vitest';
import { allRunKeys } from '../query/run-keys.js';
import { tinyIndex } from '../query/testing/tiny-index.js';
import { AppError } from '../services/app-error.js';
import { checkRunFilter } from './check.js';
import { parseOrderBy } from './order-by.js';
import { parseExperimentFilter, parseRunFilter } from './parser.js';
import { suggest } from './suggest.js';

/**
 * Thousands of random and mutated filters: the parser either answers or throws a PARSE_ERROR with
 * a position inside the filter; what parses also translates to SQL that SQLite runs; nothing hangs.
 */

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = [
  "metrics.rmse < 0.5 AND params.model = 'rf'",
  "tags.`mlflow.source.type` = 'LOCAL'",
  "attributes.status = 'FINISHED' AND attributes.start_time > 1700000000000",
  "run_id IN ('a1', 'b2')",
  "datasets.context = 'training'",
  "(metrics.a > 1 OR NOT params.b LIKE 'x%') AND tags.c IS NOT NULL",
  'metrics.`f1 score` BETWEEN 0.1 AND .9',
  "params.\"my key\" ILIKE '%A_b%'",
  'resnet 50',
  "`run name` != \"it's\"",
];
const PIECES = [
  'metrics.', 'params.', 'tags.', 'attributes.', 'datasets.', 'run_id', 'status', 'start_time', 'created', '`', '"', "'", '(', ')',
  ',', ' ', 'AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'LIKE', 'ILIKE', 'BETWEEN', '=', '!=', '<', '<=', '>', '>=', '<>', '-', '.',
  '1', '0.5', '-2e3', 'x', 'key', '%', '_', '\\', '\n', 'é', '🙂', '\u0000', ';', '--', '*', '?', '[',
];
const db = tinyIndex([
  { runId: 'a', params: { model: 'rf', 'my key': 'AxB' }, metrics: { rmse: 0.2, 'f1 score': 0.5 }, tags: { c: 'v' }, datasets: [{ name: 'd', context: 'training' }] },
  { runId: 'b', metrics: { rmse: Number.NaN } },
]);
afterAll(() => db.close());

function generate(random: () => number): string {
  const roll = random();
  if (roll < 0.5) {
    // Mutate a realistic filter: delete, duplicate, insert or swap a slice.
    let text = SEEDS[Math.floor(random() * SEEDS.length)]!;
    const edits = 1 + Math.floor(random() * 4);
    for (let i = 0; i < edits; i++) {
      const at = Math.floor(random() * (text.length + 1));
      const len = Math.floor(random() * 6);
      const op = random();
      if (op < 0.3) text = text.slice(0, at) + text.slice(at + len);
      else if (op < 0.6) text = text.slice(0, at) + PIECES[Math.floor(random() * PIECES.length)]! + text.slice(at);
      else if (op < 0.8) text = text.slice(0, at) + text.slice(at, at + len) + text.slice(at);
      else text = text.slice(at) + text.slice(0, at);
    }
    return text;
  }
  // Glue random pieces.
  const count = Math.floor(random() * 14);
  let text = '';
  for (let i = 0; i < count; i++) text += PIECES[Math.floor(random() * PIECES.length)]! + (random() < 0.5 ? ' ' : '');
  return text;
}

describe('fuzzing the search language', () => {
  it('parses or rejects 6000 filters cleanly, and runs what parses', () => {
    const random = rng(20240601);
    let parsed = 0;
    let slowest = 0;
    for (let i = 0; i < 6000; i++) {
      const filter = generate(random);
      const started = performance.now();
      try {
        parseRunFilter(filter);
        parsed++;
        allRunKeys(db, { experimentKeys: [], view: 'all', filter, orderBy: [] });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'PARSE_ERROR') throw new Error(`filter ${JSON.stringify(filter)} crashed: ${String(error)}`);
        expect(error.position ?? -1, JSON.stringify(filter)).toBeGreaterThanOrEqual(0);
        expect(error.position ?? Infinity, JSON.stringify(filter)).toBeLessThanOrEqual(filter.length);
      }
      expect(checkRunFilter(filter)).toHaveProperty('ok');
      try {
        parseExperimentFilter(filter);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
      const caret = Math.floor(random() * (filter.length + 1));
      expect(Array.isArray(suggest(filter, caret, { keys: () => ['rmse', 'f1 score'], values: () => ['x', "it's"] }))).toBe(true);
      slowest = Math.max(slowest, performance.now() - started);
    }
    // The mix must exercise both paths, and no input may take long.
    expect(parsed).toBeGreaterThan(300);
    expect(slowest).toBeLessThan(500);
  });

  it('parses or rejects random sort clauses cleanly', () => {
    const random = rng(7);
    for (let i = 0; i < 2000; i++) {
      const clause = generate(random).slice(0, 40);
      try {
        parseOrderBy(clause);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'PARSE_ERROR') throw new Error(`sort ${JSON.stringify(clause)} crashed: ${String(error)}`);
      }
    }
  });

  it('stays fast on long and pathological input', () => {
    const cases = [
      `${"params.a = 'x' AND ".repeat(2000)}params.b = 'y'`,
      `${'NOT '.repeat(50)}metrics.a > 1`,
      `params.a = '${"'".repeat(5001)}`,
      `run_id IN (${Array.from({ length: 5000 }, (_, i) => `'r${i}'`).join(',')})`,
      `${'a'.repeat(20000)}`,
      `params.a = '${'\\'.repeat(10000)}'`,
    ];
    for (const filter of cases) {
      const started = performance.now();
      try {
        parseRunFilter(filter);
        allRunKeys(db, { experimentKeys: [], view: 'all', filter, orderBy: [] });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
      }
      expect(performance.now() - started, filter.slice(0, 40)).toBeLessThan(2000);
    }
  });
});
