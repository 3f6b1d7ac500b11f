import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IndexProgress, RunsChanged } from '../../preload/contract.js';
import { MlrunsBuilder } from '../stores/file-store/mlruns-builder.js';
import { LiveIndex } from './live-index.js';
import { allMetricPoints } from '../db/testing/metric-points.js';

const RUN = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function project() {
  const dir = mkdtempSync(join(tmpdir(), 'rundesk-liveindex-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const folder = join(dir, 'project');
  const b = new MlrunsBuilder(join(folder, 'mlruns'));
  const exp = b.experiment('1', 'exp');
  const run = b.run(exp, RUN, { status: 1, metrics: { loss: '1 0.9 0\n' } });
  return { dir, folder, b, run, indexPath: join(dir, 'index.sqlite') };
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('LiveIndex (worker thread)', () => {
  it('indexes a new project in the worker, then follows appended metric lines', async () => {
    const { folder, b, run, indexPath } = project();
    const progress: IndexProgress[] = [];
    const changes: RunsChanged[] = [];
    const live = await LiveIndex.open({
      folder,
      indexPath,
      watch: true,
      onProgress: (p) => progress.push(p),
      onRunsChanged: (c) => changes.push(c),
      tuning: { coalesceMs: 50 },
    });
    cleanups.push(() => live.close());
    // Resolved after the first pass: the read connection already sees the runs.
    expect(live.db.prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(1);
    expect(live.stores()).toEqual([{ storeId: 1, kind: 'file', label: 'mlruns', schemaVersion: null, writable: true }]);
    expect(live.notice()).toBeNull();
    expect(progress.at(-1)).toMatchObject({ phase: 'watching', runsIndexed: 1, runsTotal: 1, problemCount: 0 });

    const runKey = live.db.prepare('SELECT run_key FROM runs').pluck().get() as number;
    await until(() => live.watchState !== null);
    b.append(join(run, 'metrics', 'loss'), '2 0.4 1\n');
    await until(() => changes.some((c) => c.runKeys.includes(runKey) && !c.structural));
    expect(live.db.prepare('SELECT value FROM latest_metrics').pluck().get()).toBe(0.4);

    await live.refresh({ full: true });
    expect(allMetricPoints(live.db)).toHaveLength(2);
    await live.close();
    expect(() => live.db.prepare('SELECT 1')).toThrow();
  });

  it('opens an existing index at once and brings it up to date in the background', async () => {
    const { folder, b, indexPath } = project();
    const first = await LiveIndex.open({ folder, indexPath, watch: false });
    await first.close();
    b.run(join(folder, 'mlruns', '1'), 'b'.repeat(32));
    const changes: RunsChanged[] = [];
    const second = await LiveIndex.open({ folder, indexPath, watch: false, onRunsChanged: (c) => changes.push(c) });
    cleanups.push(() => second.close());
    expect(second.db.prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBeGreaterThanOrEqual(1);
    await until(() => changes.some((c) => c.structural));
    expect(second.db.prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(2);
    expect(second.progress().phase).toBe('ready');
  });

  it('gives the notice of a folder without stores', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rundesk-liveindex-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'empty'));
    const live = await LiveIndex.open({ folder: join(dir, 'empty'), indexPath: join(dir, 'i.sqlite'), watch: false });
    cleanups.push(() => live.close());
    expect(live.stores()).toEqual([]);
    expect(live.notice()).toMatch(/^No MLflow data found in empty/);
  });
});
