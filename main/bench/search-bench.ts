/**
 * `npm run bench:search`: builds an index of 100,000 runs directly in SQLite (synthetic, no files),
 * then times ten typical filters and sorts through the same code as `runs:list` (count + first page
 * of 100 rows, caches cleared before each call). Targets: p95 under 50 ms per query, first page of
 * the default view under 30 ms. The baseline, measured in the same process on the same file, is a
 * plain `SELECT count(*) FROM runs`, so the ratio says how far each query is from a table scan.
 * The last line printed is a JSON summary.
 *
 * Options: --runs N (default 100000), --repeat N (default 20).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RunQuery } from '../../preload/contract.js';
import { openIndex, type IndexDb } from '../db/open-index.js';
import { listRuns } from '../query/list-runs.js';
import { clearRunTotals } from '../query/run-keys.js';
import { fillSearchIndex } from '../query/testing/synthetic-search-index.js';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '100000' }, repeat: { type: 'string', default: '20' } },
});
const RUNS = Number(args.runs);
const REPEAT = Math.max(1, Number(args.repeat));
const P95_BUDGET_MS = 50;
const FIRST_PAGE_BUDGET_MS = 30;

const QUERIES: { name: string; filter: string; orderBy?: string[] }[] = [
  { name: 'default view', filter: '' },
  { name: 'metric threshold', filter: 'metrics.rmse < 0.05' },
  { name: 'param and metric', filter: "params.model = 'resnet50' AND metrics.accuracy > 0.9" },
  { name: 'tag, sorted by metric', filter: "tags.team = 'vision'", orderBy: ['metrics.accuracy DESC'] },
  { name: 'status', filter: "attributes.status = 'FAILED'" },
  { name: 'OR across kinds (extension)', filter: "params.optimizer IN ('adam', 'sgd') OR metrics.loss < 0.1" },
  { name: 'plain text (extension)', filter: 'bert' },
  { name: 'run name LIKE', filter: "attributes.run_name LIKE 'vgg16-run-1%'" },
  { name: 'BETWEEN, sorted by param', filter: 'metrics.f1 BETWEEN 0.2 AND 0.4', orderBy: ['params.lr ASC'] },
  { name: 'dataset context and time', filter: "datasets.context = 'training' AND attributes.start_time > 1700010000000" },
  { name: 'sorted by metric, no filter', filter: '', orderBy: ['metrics.rmse ASC'] },
];

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function time(fn: () => void): number {
  const started = performance.now();
  fn();
  return performance.now() - started;
}

function main(): void {
  const folder = mkdtempSync(join(tmpdir(), 'rundesk-search-bench-'));
  try {
    const path = join(folder, 'index.db');
    const build = time(() => {
      const { db } = openIndex(path);
      fillSearchIndex(db, { runs: RUNS, experiments: 5 });
      db.close();
    });
    console.log(`built ${RUNS} runs in ${Math.round(build)} ms`);
    const { db } = openIndex(path);
    const experimentKeys = (db.prepare('SELECT exp_key FROM experiments ORDER BY exp_key').pluck().all() as number[]);

    // Baseline: the cheapest question that still reads every run (how many are active).
    const baselineSamples: number[] = [];
    const baselineStatement = db.prepare("SELECT count(*) FROM runs WHERE +lifecycle_stage = 'active'").pluck();
    for (let i = 0; i < REPEAT; i++) baselineSamples.push(time(() => baselineStatement.get()));
    const baseline = percentile(baselineSamples, 50);

    const results = QUERIES.map((q) => measure(db, experimentKeys, q));
    for (const r of results) {
      console.log(`${r.name.padEnd(32)} p50 ${String(r.p50).padStart(7)} ms  p95 ${String(r.p95).padStart(7)} ms  matches ${r.total}`);
    }
    const firstPage = results[0]!.p95;
    const worstP95 = Math.max(...results.map((r) => r.p95));
    db.close();
    const summary = {
      bench: 'search',
      runs: RUNS,
      repeat: REPEAT,
      baselineCountMs: round(baseline),
      firstPageMs: firstPage,
      firstPageBudgetMs: FIRST_PAGE_BUDGET_MS,
      worstP95Ms: worstP95,
      p95BudgetMs: P95_BUDGET_MS,
      worstRatioToBaseline: round(worstP95 / Math.max(baseline, 0.01)),
      // Timings on a shared machine scale with its load; read them against this.
      loadAverage1m: round(loadavg()[0]!),
      queries: Object.fromEntries(results.map((r) => [r.name, { p50Ms: r.p50, p95Ms: r.p95, total: r.total }])),
      pass: firstPage < FIRST_PAGE_BUDGET_MS && worstP95 < P95_BUDGET_MS,
    };
    console.log(JSON.stringify(summary));
    if (!summary.pass) process.exitCode = 1;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

function measure(db: IndexDb, experimentKeys: number[], q: (typeof QUERIES)[number]) {
  const query: RunQuery = { experimentKeys, filter: q.filter, orderBy: q.orderBy ?? [], view: 'active', offset: 0, limit: 100 };
  const samples: number[] = [];
  let total = 0;
  for (let i = 0; i < REPEAT + 2; i++) {
    clearRunTotals(db);
    const ms = time(() => {
      total = listRuns(db, query).total;
    });
    if (i >= 2) samples.push(ms); // the first two calls warm the statement and page caches
  }
  return { name: q.name, p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)), total };
}

main();
