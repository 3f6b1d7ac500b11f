/**
 * `npm run bench:export`: exports 100,000 runs × 50 columns (20 params, 20 metrics, 10 tags) from a
 * synthetic index to a file, in each run-table format, and checks the budget: under 5 s per export
 * and a process peak RSS under 300 MB. The baseline is measured in the same process: writing the
 * same number of bytes of plain CSV lines through the same kind of stream, so the ratio says how
 * much the export costs on top of the disk. The last line printed is a JSON summary.
 *
 * The synthetic index is built by a child process (this file with `--build PATH`), so the peak RSS
 * reported is the export's, not SQLite's index building.
 *
 * Environment: BENCH_RUNS (default 100000) to try other sizes.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CsvFormat, ExportRequest } from '../../preload/contract.js';
import { openIndex } from '../db/open-index.js';
import { AtomicFile } from '../export/atomic-file.js';
import { writeCsvExport } from '../export/csv-export.js';
import { CsvSink } from '../export/csv-sink.js';
import { fillSyntheticIndex, MLFLOW_TAG_COUNT } from '../export/testing/synthetic-index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 100_000);
const SHAPE = { runs: RUNS, experiments: 5, params: 20, metrics: 20, userTags: 10 - MLFLOW_TAG_COUNT };
const BUDGET_MS = 5_000;
const BUDGET_RSS_MB = 300;

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function timeExport(dbPath: string, folder: string, format: CsvFormat) {
  const { db } = openIndex(dbPath, { readonly: true });
  const request: ExportRequest = {
    query: { experimentKeys: [], filter: '', orderBy: [], view: 'active', offset: 0, limit: 100 },
    format,
    columns: { mode: 'all' },
    metricKeys: [],
  };
  const target = join(folder, `runs-${format}.csv`);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const file = AtomicFile.open(target);
  const summary = await writeCsvExport(db, request, file.stream, { timeZone: 'UTC' });
  await file.commit();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  db.close();
  // CPU time next to wall time: on a shared machine the wall clock also measures the neighbours.
  return { ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), rows: summary.rows, bytes: statSync(target).size };
}

async function timeBaseline(folder: string, bytes: number) {
  // Plain CSV lines of a typical width, written through a stream with the same flush-on-close.
  const line = `${Array.from({ length: 50 }, (_, i) => (i * 0.1234567).toFixed(6)).join(',')}\n`;
  const block = line.repeat(Math.max(1, Math.floor((1 << 20) / line.length)));
  const target = join(folder, 'baseline.csv');
  const started = performance.now();
  const stream = createWriteStream(target, { flush: true, highWaterMark: 1 << 20 });
  const sink = new CsvSink(stream);
  let written = 0;
  while (written < bytes) {
    const chunk = bytes - written >= block.length ? block : block.slice(0, bytes - written);
    await sink.write(chunk);
    written += chunk.length;
  }
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.once('close', resolve);
    stream.end();
  });
  return { ms: Math.round(performance.now() - started), bytes: statSync(target).size };
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'rundesk-export-bench-'));
  try {
    const dbPath = join(folder, 'index.sqlite');
    const buildStarted = performance.now();
    const build = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--build', dbPath], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error(`building the synthetic index failed (exit ${build.status})`);
    const buildMs = Math.round(performance.now() - buildStarted);
    const columns = SHAPE.params + SHAPE.metrics + SHAPE.userTags + MLFLOW_TAG_COUNT;
    console.log(`synthetic index: ${RUNS} runs × ${columns} columns built in ${buildMs} ms`);

    const results: Record<string, { ms: number; cpuMs: number; rows: number; bytes: number; mbPerSecond: number; baselineRatio?: number }> = {};
    for (const format of ['pandas', 'mlflow-ui'] as const) {
      const r = await timeExport(dbPath, folder, format);
      results[format] = { ...r, mbPerSecond: Math.round(r.bytes / 1e6 / (r.ms / 1000)) };
      console.log(`${format}: ${r.rows} rows, ${(r.bytes / 1e6).toFixed(1)} MB in ${r.ms} ms (${r.cpuMs} ms CPU)`);
    }
    const baseline = await timeBaseline(folder, results.pandas!.bytes);
    console.log(`baseline: ${(baseline.bytes / 1e6).toFixed(1)} MB of plain CSV lines in ${baseline.ms} ms`);
    for (const r of Object.values(results)) r.baselineRatio = Math.round((r.ms / Math.max(1, baseline.ms)) * 10) / 10;

    const rss = peakRssMb();
    const pass = Object.values(results).every((r) => r.ms < BUDGET_MS) && rss < BUDGET_RSS_MB;
    console.log(`peak RSS ${rss} MB; budget ${BUDGET_MS} ms per export and ${BUDGET_RSS_MB} MB: ${pass ? 'PASS' : 'FAIL'}`);
    console.log(
      JSON.stringify({
        bench: 'export',
        runs: RUNS,
        columns,
        buildMs,
        formats: results,
        baseline,
        peakRssMb: rss,
        budget: { ms: BUDGET_MS, rssMb: BUDGET_RSS_MB },
        pass,
      }),
    );
    if (!pass) process.exitCode = 1;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--build') {
  const { db } = openIndex(process.argv[3]!);
  fillSyntheticIndex(db, SHAPE);
  db.close();
} else {
  await main();
}
