import type { ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { decodeWire, encodeWire } from '../../preload/wire.js';
import type { InvokeArg, InvokeChannel, InvokeReturn, Result } from '../../preload/contract.js';
import { startServe as startServeProcess, stopServe } from '../serve-process.js';
import { generateFileStore, log, makeTempDir, numberArg, percentile, printSummary, removeDir, round } from '../../main/bench/bench-utils.js';

/**
 * `npm run bench:ui [-- --runs N] [-- --keep] [-- --store DIR]`: the runs workspace at scale, in
 * Chromium through browser mode (`rundesk serve`), on a synthetic MLflow file store of N runs in one
 * experiment (default 100,000) plus a 20-run experiment whose runs log 4 metrics × 10,000 steps.
 *
 * Measures, each with a baseline taken in the same run:
 *  - opening the big experiment until its first rows are on screen (target < 1 s);
 *    baseline: opening the 20-run experiment;
 *  - scrolling through 10,000 rows at 12 rows per frame (a fast fling): median requestAnimationFrame
 *    interval (target < 33 ms); also at 40 rows per frame (dragging the scrollbar);
 *    baseline: the interval of the same page sitting idle;
 *  - the compare view of the 20 runs drawing 4 metric charts with 20 traces each (target < 2 s);
 *    baseline: comparing 2 runs of the big experiment (2 metrics, one logged point each).
 * `--store DIR` reuses a store (and its index) left by `--keep`, skipping generation and indexing.
 * Needs a build (`npm run build`). Progress goes to stderr; the JSON summary is the last line of stdout.
 */

const REPO = resolve(import.meta.dirname, '..', '..');
const CHROMIUM = process.env.RUNDESK_CHROMIUM ?? '/usr/bin/chromium';
const COMPARE_RUNS = 20;
const COMPARE_METRICS = 4;
const COMPARE_STEPS = 10_000;
const SCROLL_ROWS = 10_000;
/** A fast trackpad fling: 12 rows (312 px) per frame, 720 rows/s at 60 fps. */
const ROWS_PER_FRAME = 12;
/** Dragging the scrollbar: 40 rows per frame, reported beside the headline figure. */
const ROWS_PER_FRAME_DRAG = 40;
const TARGETS = { firstRowsMs: 1000, scrollMedianFrameMs: 33, compareDrawMs: 2000 };

interface Served {
  child: ChildProcess;
  url: string;
  origin: string;
  token: string;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const runs = numberArg(argv, 'runs', 100_000);
  const keep = argv.includes('--keep');
  const reuseAt = argv.indexOf('--store');
  const reuse = reuseAt >= 0 ? argv[reuseAt + 1] : undefined;
  if (!existsSync(join(REPO, 'out', 'renderer', 'index.html'))) throw new Error('No build in out/: run `npm run build` first.');

  const dir = reuse ? resolve(reuse) : makeTempDir('rundesk-bench-ui-');
  const project = join(dir, 'project');
  let served: Served | null = null;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-timer-throttling'] });
  try {
    if (!reuse) prepareStore(project, runs);
    else log(`reusing the store in ${project}`);

    const indexStarted = performance.now();
    served = await startServe(project, dir);
    await waitForIndex(served);
    const indexMs = performance.now() - indexStarted;
    log(`indexed (or reopened) in ${round(indexMs / 1000)} s`);

    const experiments = await invoke(served, 'experiments:list', 'active');
    const big = experiments.reduce((a, b) => (b.runCount > a.runCount ? b : a));
    const small = experiments.find((e) => e.runCount === COMPARE_RUNS);
    if (!small) throw new Error(`no experiment with ${COMPARE_RUNS} runs in ${project}`);
    log(`big experiment: ${big.name} (${big.runCount} runs); small: ${small.name}`);

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    // tsx compiles this file with esbuild's keepNames, which wraps the named helpers inside the
    // functions passed to page.evaluate in `__name(...)`; the page needs that helper too.
    await page.addInitScript({ content: 'window.__name = (fn) => fn;' });
    await page.goto(served.url);
    await page.waitForSelector('body[data-app-state="ready"]', { timeout: 60_000 });

    // ── opening an experiment → first rows on screen
    const smallOpen: number[] = [];
    const bigOpen: number[] = [];
    for (let i = 0; i < 3; i++) {
      smallOpen.push(await openExperiment(page, small.name, small.runCount));
      bigOpen.push(await openExperiment(page, big.name, big.runCount));
    }
    log(`first rows: big ${bigOpen.map((v) => round(v)).join(', ')} ms; small ${smallOpen.map((v) => round(v)).join(', ')} ms`);

    // ── scrolling 10,000 rows vs the idle page
    await page.waitForTimeout(500);
    const idle = await idleFrames(page, 120);
    const scroll = await scrollFrames(page, SCROLL_ROWS, ROWS_PER_FRAME);
    const drag = await scrollFrames(page, SCROLL_ROWS, ROWS_PER_FRAME_DRAG);
    log(`scroll: median ${round(percentile(scroll.frames, 50))} ms, p95 ${round(percentile(scroll.frames, 95))} ms; idle median ${round(percentile(idle, 50))} ms`);
    log(`scroll (scrollbar drag): median ${round(percentile(drag.frames, 50))} ms, p95 ${round(percentile(drag.frames, 95))} ms`);

    // ── compare 20 runs × 4 metrics × 10,000 steps vs 2 short runs
    const smallRuns = await invoke(served, 'runs:list', { experimentKeys: [small.experimentKey], filter: '', orderBy: [], view: 'active', offset: 0, limit: COMPARE_RUNS });
    const bigRuns = await invoke(served, 'runs:list', { experimentKeys: [big.experimentKey], filter: '', orderBy: [], view: 'active', offset: 0, limit: 2 });
    const metricKeys = Array.from({ length: COMPARE_METRICS }, (_, m) => `metric_${m}`);
    const compareBaseline = await drawCompare(page, bigRuns.rows.map((r) => r.runKey), metricKeys.slice(0, 2));
    const compare = await drawCompare(page, smallRuns.rows.map((r) => r.runKey), metricKeys);
    log(`compare: ${round(compare)} ms (baseline ${round(compareBaseline)} ms)`);

    const firstRowsMs = percentile(bigOpen, 50);
    const smallFirstRowsMs = percentile(smallOpen, 50);
    const scrollMedian = percentile(scroll.frames, 50);
    const idleMedian = percentile(idle, 50);
    printSummary({
      bench: 'ui',
      runs: big.runCount,
      indexSeconds: round(indexMs / 1000),
      openExperiment: {
        firstRowsMs: round(firstRowsMs),
        baselineSmallExperimentMs: round(smallFirstRowsMs),
        ratio: round(firstRowsMs / smallFirstRowsMs, 2),
        targetMs: TARGETS.firstRowsMs,
        pass: firstRowsMs < TARGETS.firstRowsMs,
      },
      scroll: {
        rows: SCROLL_ROWS,
        rowsPerFrame: ROWS_PER_FRAME,
        frames: scroll.frames.length,
        medianFrameMs: round(scrollMedian),
        p95FrameMs: round(percentile(scroll.frames, 95)),
        maxFrameMs: round(Math.max(...scroll.frames)),
        blankRowFrames: scroll.blankFrames,
        baselineIdleMedianFrameMs: round(idleMedian),
        ratio: round(scrollMedian / idleMedian, 2),
        targetMs: TARGETS.scrollMedianFrameMs,
        pass: scrollMedian < TARGETS.scrollMedianFrameMs,
        scrollbarDrag: {
          rowsPerFrame: ROWS_PER_FRAME_DRAG,
          medianFrameMs: round(percentile(drag.frames, 50)),
          p95FrameMs: round(percentile(drag.frames, 95)),
          blankRowFrames: drag.blankFrames,
          ratio: round(percentile(drag.frames, 50) / idleMedian, 2),
        },
      },
      compare: {
        runs: COMPARE_RUNS,
        metrics: COMPARE_METRICS,
        steps: COMPARE_STEPS,
        drawMs: round(compare),
        baselineTwoShortRunsMs: round(compareBaseline),
        ratio: round(compare / compareBaseline, 2),
        targetMs: TARGETS.compareDrawMs,
        pass: compare < TARGETS.compareDrawMs,
      },
      loadAverage: loadavg().map((l) => round(l, 2)),
      cores: cpus().length,
      store: keep || reuse ? dir : null,
    });
  } finally {
    await browser.close();
    if (served) await stopServe(served.child);
    if (!keep && !reuse) removeDir(dir);
  }
}

/** N runs in one experiment, plus a 20-run experiment whose runs have 4 metrics × 10,000 steps. */
function prepareStore(project: string, runs: number): void {
  log(`generating ${runs} + ${COMPARE_RUNS} runs in ${project} …`);
  const started = performance.now();
  const store = generateFileStore(
    project,
    { runs: runs + COMPARE_RUNS, runsPerExperiment: runs, params: 4, tags: 4, metrics: 2, steps: 1, runningRuns: 0 },
    (n) => {
      if (n % 10_000 === 0) log(`  ${n} runs written`);
    },
  );
  const small = join(store.mlruns, store.experimentIds[1] ?? '');
  const runDirs = readdirSync(small, { withFileTypes: true }).filter((d) => d.isDirectory());
  for (const run of runDirs) {
    for (let m = 0; m < COMPARE_METRICS; m++) {
      const lines: string[] = [];
      let value = 1 + m;
      for (let step = 0; step < COMPARE_STEPS; step++) {
        value = value * 0.9995 + Math.sin(step / 50 + m) * 0.001;
        lines.push(`${1_700_000_000_000 + step * 1000} ${value} ${step}`);
      }
      writeFileSync(join(small, run.name, 'metrics', `metric_${m}`), `${lines.join('\n')}\n`);
    }
  }
  log(`generated ${store.files} files in ${round((performance.now() - started) / 1000)} s`);
}

/**
 * Clicks an experiment in the sidebar and measures, inside the page, the time until its rows are
 * on screen: the grid reports the experiment's run count and a run row is in the DOM, then one more
 * animation frame for the paint.
 */
async function openExperiment(page: Page, name: string, runCount: number): Promise<number> {
  const option = page.getByRole('listbox', { name: 'Experiments' }).getByRole('option', { name: new RegExp(`^${escapeRegExp(name)}\\b`) });
  const handle = await option.elementHandle();
  if (!handle) throw new Error(`experiment ${name} is not in the sidebar`);
  return page.evaluate(
    ({ el, total }) =>
      new Promise<number>((done, fail) => {
        const started = performance.now();
        (el as HTMLElement).click();
        const check = () => {
          const grid = document.querySelector('[role="grid"][aria-label="Runs"]');
          const ready = grid?.getAttribute('aria-rowcount') === String(total) && grid.querySelector('[role="row"][data-run-key]');
          if (ready) requestAnimationFrame(() => done(performance.now() - started));
          else if (performance.now() - started > 30_000) fail(new Error('rows did not appear within 30 s'));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    { el: handle, total: runCount },
  );
}

/** requestAnimationFrame intervals of the page doing nothing. */
async function idleFrames(page: Page, count: number): Promise<number[]> {
  return page.evaluate(
    (n) =>
      new Promise<number[]>((done) => {
        const frames: number[] = [];
        let last = performance.now();
        const tick = (now: number) => {
          frames.push(now - last);
          last = now;
          if (frames.length < n) requestAnimationFrame(tick);
          else done(frames.slice(1));
        };
        requestAnimationFrame(tick);
      }),
    count,
  );
}

/**
 * Scrolls the grid down by `perFrame` rows every animation frame until `rows` rows have passed,
 * recording frame intervals and how many frames showed rows still loading.
 */
async function scrollFrames(page: Page, rows: number, perFrame: number): Promise<{ frames: number[]; blankFrames: number }> {
  return page.evaluate(
    ({ rows: total, perFrame: step }) =>
      new Promise<{ frames: number[]; blankFrames: number }>((done) => {
        const viewport = document.querySelector<HTMLElement>('[role="grid"][aria-label="Runs"]');
        if (!viewport) throw new Error('no runs grid');
        const rowHeight = (viewport.querySelector<HTMLElement>('[role="row"][data-run-key]')?.offsetHeight ?? 26) || 26;
        viewport.scrollTop = 0;
        const frames: number[] = [];
        let blankFrames = 0;
        let last = performance.now();
        let scrolled = 0;
        const tick = (now: number) => {
          frames.push(now - last);
          last = now;
          if (viewport.querySelector('[role="row"][aria-busy="true"]')) blankFrames++;
          if (scrolled >= total) {
            done({ frames: frames.slice(1), blankFrames });
            return;
          }
          scrolled += step;
          viewport.scrollTop = scrolled * rowHeight;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { rows, perFrame },
  );
}

/**
 * Opens the compare route and times it until the history chart of each metric key (a figure named
 * after the key) has drawn one trace per run.
 */
async function drawCompare(page: Page, runKeys: number[], metricKeys: string[]): Promise<number> {
  await page.evaluate(() => {
    window.location.hash = '#/runs';
  });
  await page.waitForSelector('[role="grid"][aria-label="Runs"]');
  return page.evaluate(
    ({ keys, metrics }) =>
      new Promise<number>((done, fail) => {
        const started = performance.now();
        window.location.hash = `#/compare/${keys.join(',')}`;
        const drawn = (metric: string) => {
          const gd = document.querySelector(`figure[aria-label="${CSS.escape(metric)}"] .js-plotly-plot`) as
            | (Element & { _fullData?: unknown[]; _fullLayout?: unknown })
            | null;
          return gd !== null && gd._fullLayout !== undefined && (gd._fullData?.length ?? 0) >= keys.length;
        };
        const check = () => {
          const count = metrics.filter(drawn).length;
          if (count === metrics.length) requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - started)));
          else if (performance.now() - started > 60_000) fail(new Error(`only ${count} of ${metrics.length} charts drew within 60 s`));
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    { keys: runKeys, metrics: metricKeys },
  );
}

async function startServe(project: string, dir: string): Promise<Served> {
  const { child, url } = await startServeProcess(project, dir);
  const parsed = new URL(url);
  return { child, url, origin: parsed.origin, token: parsed.searchParams.get('token') ?? '' };
}

/** Calls a channel the way the renderer does in browser mode. */
async function invoke<K extends InvokeChannel>(served: Served, channel: K, arg: InvokeArg<K>): Promise<InvokeReturn<K>> {
  const response = await fetch(`${served.origin}/api/invoke/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-rundesk-token': served.token },
    body: encodeWire(arg === undefined ? null : arg),
  });
  const result = decodeWire(await response.text()) as Result<InvokeReturn<K>>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value;
}

async function waitForIndex(served: Served): Promise<void> {
  let lastLog = 0;
  // `serve` prints its URL before the project is open; until then there is no progress to read.
  while ((await invoke(served, 'project:current', undefined)) === null) await new Promise((r) => setTimeout(r, 200));
  for (;;) {
    const progress = await invoke(served, 'index:progress', undefined);
    if (progress.phase === 'ready' || progress.phase === 'watching') return;
    if (progress.phase === 'error') throw new Error(`indexing failed: ${progress.message ?? ''}`);
    if (performance.now() - lastLog > 5000) {
      lastLog = performance.now();
      log(`  ${progress.phase}: ${progress.runsIndexed}/${progress.runsTotal ?? '?'} runs`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
