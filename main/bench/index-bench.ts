import { appendFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { openIndex } from '../db/open-index.js';
import { indexProjectSync } from '../indexer/index-project.js';
import { LiveIndex } from '../indexer/live-index.js';
import type { RunsChanged } from '../../preload/contract.js';
import {
  DEFAULT_SHAPE,
  generateFileStore,
  log,
  makeTempDir,
  measureStalls,
  numberArg,
  percentile,
  printSummary,
  readEveryFile,
  removeDir,
  round,
  sampleMemory,
  startControlStallProbe,
} from './bench-utils.js';

/**
 * `npm run bench:index [-- --runs N] [-- --appends N] [-- --keep]`: generates a synthetic MLflow file
 * store (20 params × 10 tags × 10 metrics × 100 steps per run), then measures in one process:
 * the plain-Node read baseline, cold indexing in the worker until its first pass is done (the time
 * until the watches are set up after it is printed apart; the longest main-thread stall covers both),
 * live-update latency of appended metric lines, the reopen of an unchanged store, and the peak RSS.
 * The JSON summary is the last line of stdout.
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const runs = numberArg(argv, 'runs', DEFAULT_SHAPE.runs);
  const appends = numberArg(argv, 'appends', 50);
  const keep = argv.includes('--keep');
  const dir = makeTempDir('rundesk-bench-index-');
  const memory = sampleMemory();
  try {
    const shape = { ...DEFAULT_SHAPE, runs, runningRuns: Math.min(DEFAULT_SHAPE.runningRuns, runs) };
    log(`generating ${runs} runs in ${dir} …`);
    const genStarted = performance.now();
    const store = generateFileStore(join(dir, 'project'), shape, (n) => {
      if (n % 10_000 === 0) log(`  ${n} runs written`);
    });
    log(`generated ${store.files} files (${round(store.bytes / 1e6)} MB) in ${round((performance.now() - genStarted) / 1000)} s`);

    // Both measurements read a warm page cache: the generator just wrote every file.
    const baseline = readEveryFile(store.mlruns);
    log(`baseline: read ${baseline.files} files in ${round(baseline.ms)} ms`);

    // How much the event loop stalls with nothing to do: the noise floor of the stall figure below
    // (on a machine shared with other work the OS alone delays timers by tens of ms).
    const idle = measureStalls();
    await sleep(2000);
    const idleStall = idle.stop();

    // Cold index: a new index, built by the worker; the main thread only receives messages.
    const indexPath = join(dir, 'index.sqlite');
    const changes: { at: number; change: RunsChanged }[] = [];
    const stalls = measureStalls();
    const control = startControlStallProbe();
    const coldStarted = performance.now();
    const live = await LiveIndex.open({
      folder: store.project,
      indexPath,
      watch: true,
      onRunsChanged: (change) => changes.push({ at: performance.now(), change }),
      onProgress: (p) => {
        if (p.phase === 'indexing' && p.runsIndexed % 5000 < 50) log(`  indexing: ${p.runsIndexed}/${p.runsTotal ?? '?'} runs, eta ${p.etaMs ?? '?'} ms`);
      },
    });
    const coldMs = performance.now() - coldStarted;
    const indexed = live.db.prepare('SELECT COUNT(*) FROM runs').pluck().get() as number;
    log(`cold index: ${indexed} runs in ${round(coldMs)} ms`);

    // The watches are set up after the first pass (the index is complete and shown before): timed
    // apart, with the stall probes still running.
    await waitFor(() => live.watchState !== null, 120_000);
    const watchingMs = performance.now() - coldStarted;
    const stall = stalls.stop();
    const controlStallMs = await control.stop();
    log(`watching after ${round(watchingMs)} ms: ${JSON.stringify(live.watchState)}`);
    log(`longest main-thread stall ${stall.maxMs} ms (idle control process ${controlStallMs} ms)`);

    // Live updates: append one line to a RUNNING run's metric file, wait for runs-changed naming it.
    await sleep(500);
    const runKeyOf = live.db.prepare('SELECT run_key FROM runs WHERE run_id = ?').pluck();
    const latencies: number[] = [];
    let missed = 0;
    for (let i = 0; i < appends; i++) {
      const [experimentId, runId] = store.runningRuns[i % store.runningRuns.length]!;
      const runKey = runKeyOf.get(runId) as number;
      const path = join(store.mlruns, experimentId, runId, 'metrics', `metric_${i % shape.metrics}`);
      const from = changes.length;
      const started = performance.now();
      appendFileSync(path, `${Date.now()} ${Math.random()} ${shape.steps + i}\n`);
      const seen = await waitFor(() => changes.slice(from).some((c) => c.change.runKeys.includes(runKey)), 5000);
      if (seen) latencies.push(changes.slice(from).find((c) => c.change.runKeys.includes(runKey))!.at - started);
      else missed++;
      await sleep(20);
    }
    log(`live: p50 ${round(percentile(latencies, 50))} ms, p95 ${round(percentile(latencies, 95))} ms, missed ${missed}`);
    await live.close();

    // Reopen of an unchanged store: the incremental pass (stat every meta.yaml, re-read RUNNING runs).
    const { db } = openIndex(indexPath);
    const reopenStarted = performance.now();
    const summary = indexProjectSync(store.project, db);
    const reopenMs = performance.now() - reopenStarted;
    db.close();
    log(`reopen: ${round(reopenMs)} ms with the CLI summary, ${summary.pass.elapsedMs} ms for the pass alone (${summary.pass.runsRead} runs re-read)`);

    const peakRssMb = memory.stop();
    printSummary({
      bench: 'index',
      runs,
      files: baseline.files,
      bytes: baseline.bytes,
      metricPoints: summary.metricPoints,
      baselineReadMs: round(baseline.ms),
      coldIndexMs: round(coldMs),
      coldToBaselineRatio: round(coldMs / baseline.ms, 2),
      // From the same start until the watches are set up (after the cold index, not part of it).
      watchingAfterMs: round(watchingMs),
      // The incremental pass (what LiveIndex's worker runs on open; LiveIndex itself resolves at once),
      // and the same plus the counts `rundesk index` prints.
      reopenUnchangedPassMs: summary.pass.elapsedMs,
      reopenUnchangedWithSummaryMs: round(reopenMs),
      liveAppendP50Ms: round(percentile(latencies, 50)),
      liveAppendP95Ms: round(percentile(latencies, 95)),
      liveAppendsMissed: missed,
      watch: live.watchState,
      peakRssMb: round(peakRssMb),
      longestMainThreadStallMs: stall.maxMs,
      idleMainThreadStallMs: idleStall.maxMs,
      // The same probe in a separate idle process during the cold index: OS scheduling noise.
      controlProcessStallMs: controlStallMs,
      loadAverage: os.loadavg().map((l) => round(l, 2)),
      targets: { coldToBaselineRatio: 2, reopenUnchangedMsAt100k: 1000, liveAppendP95Ms: 500, peakRssMbAt100k: 500, longestMainThreadStallMs: 50 },
    });
  } finally {
    if (keep) log(`kept ${dir}`);
    else removeDir(dir);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (check()) return true;
    await sleep(2);
  }
  return check();
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:index failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
