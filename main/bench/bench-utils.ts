import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { spawn } from 'node:child_process';

/** Shared helpers of the `npm run bench:*` scripts: synthetic stores, memory and stall probes, output. */

export interface StoreShape {
  runs: number;
  runsPerExperiment: number;
  params: number;
  tags: number;
  metrics: number;
  steps: number;
  /** How many runs (the first of each experiment, round-robin) are RUNNING rather than FINISHED. */
  runningRuns: number;
}

export const DEFAULT_SHAPE: StoreShape = { runs: 10_000, runsPerExperiment: 1000, params: 20, tags: 10, metrics: 10, steps: 100, runningRuns: 50 };

export interface GeneratedStore {
  /** The project folder (holds `mlruns/`). */
  project: string;
  mlruns: string;
  experimentIds: string[];
  /** [experimentId, runId] of the RUNNING runs. */
  runningRuns: [string, string][];
  files: number;
  bytes: number;
}

/** Deterministic pseudo-random numbers, so two runs of a benchmark index the same data. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hex32(random: () => number): string {
  let out = '';
  for (let i = 0; i < 4; i++) out += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  return out;
}

/**
 * Writes an MLflow 2.x-style file store as MLflow itself lays it out: experiment folders with
 * 18-digit ids, run folders with meta.yaml, params/, tags/ and metrics/ (`ts value step` lines).
 */
export function generateFileStore(project: string, shape: StoreShape, onProgress?: (runsWritten: number) => void): GeneratedStore {
  const random = seededRandom(42);
  const mlruns = join(project, 'mlruns');
  mkdirSync(join(mlruns, '.trash'), { recursive: true });
  const experimentCount = Math.max(1, Math.ceil(shape.runs / shape.runsPerExperiment));
  const experimentIds: string[] = [];
  const runningRuns: [string, string][] = [];
  let files = 0;
  let bytes = 0;
  const write = (path: string, text: string) => {
    writeFileSync(path, text);
    files++;
    bytes += text.length;
  };
  const t0 = 1_700_000_000_000;
  let written = 0;
  for (let e = 0; e < experimentCount; e++) {
    const experimentId = e === 0 ? '0' : String(100_000_000_000_000_000n + BigInt(Math.floor(random() * 1e15)));
    experimentIds.push(experimentId);
    const expDir = join(mlruns, experimentId);
    mkdirSync(expDir, { recursive: true });
    write(
      join(expDir, 'meta.yaml'),
      `artifact_location: file://${expDir}\ncreation_time: ${t0}\nexperiment_id: '${experimentId}'\nlast_update_time: ${t0}\nlifecycle_stage: active\nname: ${e === 0 ? 'Default' : `bench-${e}`}\n`,
    );
    const runsHere = Math.min(shape.runsPerExperiment, shape.runs - written);
    for (let r = 0; r < runsHere; r++) {
      const runId = hex32(random);
      const runDir = join(expDir, runId);
      const running = written % Math.max(1, Math.floor(shape.runs / Math.max(1, shape.runningRuns))) === 0 && runningRuns.length < shape.runningRuns;
      if (running) runningRuns.push([experimentId, runId]);
      const start = t0 + written * 1000;
      mkdirSync(join(runDir, 'metrics'), { recursive: true });
      mkdirSync(join(runDir, 'params'));
      mkdirSync(join(runDir, 'tags'));
      mkdirSync(join(runDir, 'artifacts'));
      write(
        join(runDir, 'meta.yaml'),
        `artifact_uri: file://${runDir}/artifacts\nend_time: ${running ? 'null' : start + 60_000}\nentry_point_name: ''\nexperiment_id: '${experimentId}'\n` +
          `lifecycle_stage: active\nrun_id: ${runId}\nrun_name: run-${written}\nrun_uuid: ${runId}\nsource_name: ''\nsource_type: 4\nsource_version: ''\n` +
          `start_time: ${start}\nstatus: ${running ? 1 : 3}\ntags: []\nuser_id: bench\n`,
      );
      for (let p = 0; p < shape.params; p++) write(join(runDir, 'params', `param_${p}`), String(Math.round(random() * 1000) / 1000));
      const tagValues: [string, string][] = [
        ['mlflow.runName', `run-${written}`],
        ['mlflow.user', 'bench'],
        ['mlflow.source.name', 'train.py'],
        ['mlflow.source.type', 'LOCAL'],
      ];
      for (let t = tagValues.length; t < shape.tags; t++) tagValues.push([`tag_${t}`, `value-${Math.floor(random() * 100)}`]);
      for (const [key, value] of tagValues.slice(0, shape.tags)) write(join(runDir, 'tags', key), value);
      for (let m = 0; m < shape.metrics; m++) {
        let text = '';
        let value = random();
        for (let s = 0; s < shape.steps; s++) {
          value = value * 0.97 + random() * 0.03;
          text += `${start + s * 100} ${value} ${s}\n`;
        }
        write(join(runDir, 'metrics', `metric_${m}`), text);
      }
      written++;
      if (onProgress && written % 1000 === 0) onProgress(written);
    }
  }
  return { project, mlruns, experimentIds, runningRuns, files, bytes };
}

/** The baseline: read every file of a tree once with plain Node (readdirSync walk + readFileSync). */
export function readEveryFile(root: string): { files: number; bytes: number; ms: number } {
  const started = performance.now();
  let files = 0;
  let bytes = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        bytes += readFileSync(path).length;
        files++;
      }
    }
  };
  walk(root);
  return { files, bytes, ms: performance.now() - started };
}

/** Samples the process RSS (worker threads included) until stopped; returns the peak in MB. */
export function sampleMemory(everyMs = 25): { stop(): number; peakMb(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  timer.unref();
  return {
    peakMb: () => Math.max(peak, process.memoryUsage.rss()) / 1024 / 1024,
    stop: () => {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      return peak / 1024 / 1024;
    },
  };
}

/**
 * Measures how long the event loop of this thread is blocked: the longest and the p99 delay seen
 * by Node's event-loop-delay histogram (10 ms resolution, the usual "stall" probe).
 */
export function measureStalls(): { stop(): { maxMs: number; p99Ms: number } } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    stop: () => {
      histogram.disable();
      // The histogram measures delay beyond the 10 ms sampling interval.
      return { maxMs: round(histogram.max / 1e6), p99Ms: round(histogram.percentile(99) / 1e6) };
    },
  };
}

/**
 * The same stall probe in a separate, idle Node process: on a shared machine the OS scheduler alone
 * delays timers, so the main-thread figure is only meaningful next to this control.
 */
export function startControlStallProbe(): { stop(): Promise<number> } {
  const code = `const { monitorEventLoopDelay } = require('node:perf_hooks');
const h = monitorEventLoopDelay({ resolution: 10 }); h.enable();
process.on('message', () => { h.disable(); process.send(h.max / 1e6, () => process.exit(0)); });`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  return {
    stop: () =>
      new Promise<number>((resolve) => {
        child.once('message', (value) => resolve(round(Number(value))));
        child.once('exit', () => resolve(Number.NaN));
        child.send('stop');
      }),
  };
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/** Progress lines go to stderr; the JSON summary is the LAST line on stdout. */
export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function printSummary(summary: object): void {
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

/** `--name value` from argv, as a number. */
export function numberArg(argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(`--${name}`);
  if (at === -1 || at + 1 >= argv.length) return fallback;
  const value = Number(argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number, got '${argv[at + 1]}'`);
  return value;
}
