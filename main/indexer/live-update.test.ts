import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunsChanged } from '../../preload/contract.js';
import { openIndex } from '../db/open-index.js';
import { MlrunsBuilder } from '../stores/file-store/mlruns-builder.js';
import { IndexEngine } from './index-engine.js';
import type { WatchMode } from './watch/tree-watcher.js';
import { allMetricPoints } from '../db/testing/metric-points.js';

const RUN = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const NEW_RUN = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The engine of the worker, driven in-process so the test can watch it closely. */
async function start(mode: WatchMode) {
  const dir = mkdtempSync(join(tmpdir(), 'rundesk-live-'));
  const project = join(dir, 'project');
  const b = new MlrunsBuilder(join(project, 'mlruns'));
  const exp = b.experiment('1', 'exp');
  const run = b.run(exp, RUN, { status: 1, metrics: { loss: '1 0.9 0\n' }, params: { lr: '0.1' } });
  b.registeredModel('model', { versions: [{ version: 1 }] });
  const { db } = openIndex(join(dir, 'index.sqlite'));
  const runsChanged: RunsChanged[] = [];
  const registryChanged: { storeId: number; names: string[] }[] = [];
  const engine = new IndexEngine(
    db,
    { folder: project, indexPath: join(dir, 'index.sqlite'), watch: true, settleMs: 300, coalesceMs: 50, pollMs: 200, watchMode: mode },
    {
      progress: () => {},
      notice: () => {},
      runsChanged: (c) => runsChanged.push(c),
      registryChanged: (c) => registryChanged.push(c),
      watching: () => {},
    },
  );
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => {
    db.close();
  });
  cleanups.push(() => engine.close());
  await engine.start();
  // The first pass announces everything it found; the tests look at what follows.
  runsChanged.length = 0;
  registryChanged.length = 0;
  const runKey = db.prepare('SELECT run_key FROM runs WHERE run_id = ?').pluck().get(RUN) as number;
  return { dir, project, b, exp, run, db, engine, runsChanged, registryChanged, runKey };
}

async function until<T>(check: () => T | undefined | false, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for the index to catch up');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

for (const mode of ['inotify', 'polling'] as const) {
  describe.runIf(mode === 'polling' || process.platform === 'linux')(`live updates (${mode})`, () => {
    it('reads an appended metric line from the stored offset and reports the run', async () => {
      const { b, run, db, runsChanged, runKey } = await start(mode);
      const offsetBefore = db.prepare('SELECT offset FROM metric_files WHERE key = ?').pluck().get('loss');
      runsChanged.length = 0;
      b.append(join(run, 'metrics', 'loss'), '2 0.4 1\n');
      await until(() => runsChanged.find((c) => c.runKeys.includes(runKey)));
      expect(offsetBefore).toBe(8);
      expect(db.prepare('SELECT offset FROM metric_files WHERE key = ?').pluck().get('loss')).toBe(16);
      expect(db.prepare('SELECT value, step, count FROM latest_metrics WHERE key = ?').get('loss')).toEqual({ value: 0.4, step: 1, count: 2 });
      expect(allMetricPoints(db)).toHaveLength(2);
    });

    it('adds a new run (structural) and a new metric key', async () => {
      const { b, exp, run, db, runsChanged, runKey } = await start(mode);
      b.run(exp, NEW_RUN, { status: 1, metrics: { acc: '1 0.5 0\n' } });
      await until(() => runsChanged.find((c) => c.structural));
      expect(db.prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(2);
      b.file(join(run, 'metrics', 'val', 'acc'), '1 0.7 0\n');
      await until(() => db.prepare(`SELECT value FROM latest_metrics WHERE run_key = ? AND key = 'val/acc'`).pluck().get(runKey));
    });

    it('applies a status change and a deleted experiment moved into .trash', async () => {
      const { project, run, db, runsChanged } = await start(mode);
      const meta = join(run, 'meta.yaml');
      writeFileSync(meta, readFileSync(meta, 'utf8').replace('status: 1', 'status: 3'));
      await until(() => db.prepare('SELECT status FROM runs').pluck().get() === 'FINISHED');
      renameSync(join(project, 'mlruns', '1'), join(project, 'mlruns', '.trash', '1'));
      await until(() => db.prepare('SELECT lifecycle_stage FROM experiments').pluck().get() === 'deleted');
      // The notice is posted by the worker after its transaction commits, so it can arrive a moment after the row.
      await until(() => runsChanged.some((c) => c.structural));
      expect(db.prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(1);
    });

    it('keeps a run whose meta.yaml is being rewritten, and reads it once it settles', async () => {
      const { run, db } = await start(mode);
      const meta = join(run, 'meta.yaml');
      const text = readFileSync(meta, 'utf8');
      writeFileSync(meta, ''); // MLflow truncates, then writes
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(db.prepare('SELECT COUNT(*) FROM runs').pluck().get()).toBe(1);
      writeFileSync(meta, text.replace('status: 1', 'status: 5'));
      await until(() => db.prepare('SELECT status FROM runs').pluck().get() === 'KILLED');
      expect(db.prepare('SELECT COUNT(*) FROM problems').pluck().get()).toBe(0);
    });

    it('reads a trailing metric line once it has settled', async () => {
      const { b, run, db } = await start(mode);
      b.append(join(run, 'metrics', 'loss'), '2 0.3');
      // Not yet: the writer may still be appending.
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(db.prepare('SELECT count FROM latest_metrics').pluck().get()).toBe(1);
      await until(() => db.prepare('SELECT count FROM latest_metrics').pluck().get() === 2, 5000);
    });

    it('applies registry changes: a new alias and a stage transition', async () => {
      const { b, project, db, registryChanged } = await start(mode);
      b.file(join(project, 'mlruns', 'models', 'model', 'aliases', 'champion'), '1');
      await until(() => registryChanged.find((c) => c.names.includes('model')));
      await until(() => db.prepare('SELECT alias FROM model_aliases').pluck().get() === 'champion');
      const meta = join(project, 'mlruns', 'models', 'model', 'version-1', 'meta.yaml');
      writeFileSync(meta, readFileSync(meta, 'utf8').replace('current_stage: None', 'current_stage: Production'));
      await until(() => db.prepare('SELECT current_stage FROM model_versions').pluck().get() === 'Production');
    });
  });
}
