import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openIndex, type IndexDb } from '../db/open-index.js';
import { MlrunsBuilder } from '../stores/file-store/mlruns-builder.js';
import { indexProjectSync } from './index-project.js';
import { IndexWriter } from './index-writer.js';
import { allMetricPoints } from '../db/testing/metric-points.js';

const RUN_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const RUN_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const RUN_C = 'cccccccccccccccccccccccccccccccc';

const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'rundesk-incremental-'));
  const project = join(dir, 'project');
  const b = new MlrunsBuilder(join(project, 'mlruns'));
  const exp = b.experiment('1', 'exp');
  const runA = b.run(exp, RUN_A, { name: 'a', params: { lr: '0.1' }, tags: { 'mlflow.runName': 'a' }, metrics: { loss: '1 0.9 0\n2 0.5 1\n' } });
  const runB = b.run(exp, RUN_B, { name: 'b', params: { lr: '0.2' }, metrics: { loss: '1 0.8 0\n' } });
  const { db } = openIndex(join(dir, 'index.sqlite'));
  cleanups.push(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  // settleMs 0: files in tests are final as soon as they are written.
  const index = (full = false) => indexProjectSync(project, db, { settleMs: 0, full });
  return { dir, project, b, exp, runA, runB, db, index };
}

function latest(db: IndexDb, runId: string, key: string) {
  return db
    .prepare(`SELECT lm.value, lm.step, lm.count, lm.min_value AS min, lm.max_value AS max FROM latest_metrics lm JOIN runs r USING (run_key)
      WHERE r.run_id = ? AND lm.key = ?`)
    .get(runId, key);
}

function bumpMtime(path: string): void {
  const later = new Date(Date.now() + 5000);
  utimesSync(path, later, later);
}

describe('incremental reopen', () => {
  it('reads nothing again when nothing changed', () => {
    const { index } = setup();
    expect(index().pass.runsRead).toBe(2);
    expect(index().pass.runsRead).toBe(0);
  });

  it('re-reads only the run whose meta.yaml changed', () => {
    const { index, runA, db } = setup();
    index();
    const metaA = join(runA, 'meta.yaml');
    writeFileSync(metaA, readFileSync(metaA, 'utf8').replace('status: 3', 'status: 4'));
    bumpMtime(metaA);
    const summary = index();
    expect(summary.pass.runsRead).toBe(1);
    expect(db.prepare('SELECT status FROM runs WHERE run_id = ?').pluck().get(RUN_A)).toBe('FAILED');
  });

  it('re-reads RUNNING runs, reading appended metric lines from the stored offset', () => {
    const { index, b, exp, db } = setup();
    const runC = b.run(exp, RUN_C, { status: 1, metrics: { acc: '1 0.1 0\n' } });
    index();
    const before = db.prepare(`SELECT offset FROM metric_files WHERE path = ?`).pluck().get(join(runC, 'metrics', 'acc'));
    expect(before).toBe(8);
    b.append(join(runC, 'metrics', 'acc'), '2 0.2 1\n3 nan 2\n');
    const summary = index();
    expect(summary.pass.runsRead).toBe(1);
    expect(latest(db, RUN_C, 'acc')).toEqual({ value: null, step: 2, count: 3, min: 0.1, max: 0.2 });
    expect(allMetricPoints(db).filter((p) => p.key === 'acc')).toHaveLength(3);
    expect(db.prepare(`SELECT offset, size FROM metric_files WHERE path = ?`).get(join(runC, 'metrics', 'acc'))).toEqual({ offset: 24, size: 24 });
  });

  it('picks up a param and a tag a RUNNING run logged without touching meta.yaml', () => {
    const { index, b, exp, db } = setup();
    const runC = b.run(exp, RUN_C, { status: 1, params: { lr: '0.1' } });
    index();
    expect(index().pass.runsRead).toBe(0);
    writeFileSync(join(runC, 'params', 'epochs'), '10');
    writeFileSync(join(runC, 'tags', 'stage'), 'warmup');
    expect(index().pass.runsRead).toBe(1);
    expect(db.prepare(`SELECT key, value FROM params JOIN runs USING (run_key) WHERE run_id = ? ORDER BY key`).raw().all(RUN_C)).toEqual([
      ['epochs', '10'],
      ['lr', '0.1'],
    ]);
    expect(db.prepare(`SELECT value FROM tags JOIN runs USING (run_key) WHERE run_id = ? AND key = 'stage'`).pluck().get(RUN_C)).toBe('warmup');
  });

  it('reads a metric file again from 0 when it shrank', () => {
    const { index, b, exp, db } = setup();
    const runC = b.run(exp, RUN_C, { status: 1, metrics: { acc: '1 0.1 0\n2 0.2 1\n' } });
    index();
    truncateSync(join(runC, 'metrics', 'acc'), 0);
    writeFileSync(join(runC, 'metrics', 'acc'), '9 5.5 0\n');
    index();
    expect(latest(db, RUN_C, 'acc')).toEqual({ value: 5.5, step: 0, count: 1, min: 5.5, max: 5.5 });
    expect(allMetricPoints(db).filter((p) => p.key === 'acc')).toHaveLength(1);
  });

  it('leaves a trailing line without newline until it settles', () => {
    const { project, b, exp, db } = setup();
    const runC = b.run(exp, RUN_C, { status: 1, metrics: { acc: '1 0.1 0\n2 0.' } });
    indexProjectSync(project, db, { settleMs: 60_000 });
    expect(latest(db, RUN_C, 'acc')).toMatchObject({ count: 1, value: 0.1 });
    b.append(join(runC, 'metrics', 'acc'), '25 1\n');
    indexProjectSync(project, db, { settleMs: 60_000 });
    expect(latest(db, RUN_C, 'acc')).toMatchObject({ count: 2, value: 0.25, step: 1 });
  });

  it('adds new runs, removes deleted run folders and vanished experiments', () => {
    const { index, b, exp, runB, db, project } = setup();
    index();
    b.run(exp, RUN_C, { metrics: { m: '1 1 0\n' } });
    rmSync(runB, { recursive: true });
    const summary = index();
    expect(summary.runs.active).toBe(2);
    expect(db.prepare('SELECT run_id FROM runs ORDER BY run_id').pluck().all()).toEqual([RUN_A, RUN_C]);
    rmSync(join(project, 'mlruns', '1'), { recursive: true });
    expect(index()).toMatchObject({ runs: { active: 0, deleted: 0 }, experiments: { active: 0, deleted: 0 }, metricPoints: 0 });
  });

  it('treats an experiment moved into .trash as deleted, keeping its runs', () => {
    const { index, project, db } = setup();
    index();
    renameSync(join(project, 'mlruns', '1'), join(project, 'mlruns', '.trash', '1'));
    const summary = index();
    expect(summary.experiments).toEqual({ active: 0, deleted: 1 });
    expect(summary.runs.active).toBe(2);
    expect(summary.metricPoints).toBe(3);
    expect(db.prepare('SELECT dir_path FROM runs WHERE run_id = ?').pluck().get(RUN_A)).toContain('/.trash/1/');
  });

  it('skips the run rows of an experiment whose folder is as the last pass left it, RUNNING runs aside', () => {
    const { index, b, exp, db } = setup();
    const runC = b.run(exp, RUN_C, { status: 1, metrics: { acc: '1 0.1 0\n' } });
    index();
    expect(db.prepare(`SELECT runs_digest FROM experiments WHERE experiment_id = '1'`).pluck().get()).toEqual(expect.any(String));
    const loads = vi.spyOn(IndexWriter.prototype, 'runsOfExperiment');
    b.append(join(runC, 'metrics', 'acc'), '2 0.2 1\n');
    expect(index().pass.runsRead).toBe(1);
    // Only the RUNNING rows were loaded, and the RUNNING run was still read from its stored offset.
    expect(loads.mock.calls.map((call) => call[1])).toEqual([true]);
    expect(latest(db, RUN_C, 'acc')).toMatchObject({ count: 2, value: 0.2 });
  });

  it('compares every run again once a run row was written outside a pass (a live update)', () => {
    const { index, db, runA } = setup();
    index();
    const metaA = join(runA, 'meta.yaml');
    writeFileSync(metaA, readFileSync(metaA, 'utf8').replace('status: 3', 'status: 4'));
    bumpMtime(metaA);
    // What apply-dirty does when the watcher reports the file: the run row is rewritten, the digest
    // then no longer vouches for the folder (migration 0040's trigger).
    db.prepare(`UPDATE runs SET status = 'FAILED' WHERE run_id = ?`).run(RUN_A);
    expect(db.prepare(`SELECT runs_digest FROM experiments WHERE experiment_id = '1'`).pluck().get()).toBeNull();
    const loads = vi.spyOn(IndexWriter.prototype, 'runsOfExperiment');
    expect(index().pass.runsRead).toBe(1);
    expect(loads.mock.calls.map((call) => call[1])).toEqual([false]);
  });

  it('drops the runs of an active experiment folder that lost its meta.yaml to the same id in .trash', () => {
    const { index, b, db, project } = setup();
    const active = b.experiment('5', 'five');
    b.run(active, 'd'.repeat(32), {});
    const trashed = b.experiment('5', 'five', { trashed: true });
    b.run(trashed, 'e'.repeat(32), {});
    index();
    const runsOf5 = () => db.prepare(`SELECT run_id FROM runs JOIN experiments USING (exp_key) WHERE experiment_id = '5' ORDER BY run_id`).pluck().all();
    expect(runsOf5()).toEqual(['d'.repeat(32)]);
    rmSync(join(project, 'mlruns', '5', 'meta.yaml'));
    index();
    expect(runsOf5()).toEqual(['e'.repeat(32)]);
  });

  it('looks again at a half-written meta.yaml once it settles, though nothing changed on disk', () => {
    const { project, b, exp, db } = setup();
    b.run(exp, RUN_C, { meta: '' });
    indexProjectSync(project, db, { settleMs: 60_000 });
    const problems = () => db.prepare(`SELECT reason FROM problems WHERE path LIKE ?`).pluck().all(`%${RUN_C}%`);
    expect(problems()).toEqual([]);
    // The same empty file, now older than the settle time: it is empty for good.
    indexProjectSync(project, db, { settleMs: 0 });
    expect(problems()).toEqual([expect.stringContaining('empty')]);
    // And the problem stays while the folder stays as it is.
    indexProjectSync(project, db, { settleMs: 0 });
    expect(problems()).toEqual([expect.stringContaining('empty')]);
  });

  it('a full re-read gives the same index', () => {
    const { index, db } = setup();
    index();
    const before = allMetricPoints(db);
    expect(before.length).toBeGreaterThan(0);
    const summary = index(true);
    expect(summary.pass).toMatchObject({ full: true, runsRead: 2 });
    expect(allMetricPoints(db)).toEqual(before);
  });
});

describe('bad input never stops the index', () => {
  it('reports each broken file and indexes every other run', () => {
    const { index, b, exp, project, db } = setup();
    const root = join(project, 'mlruns');
    // Malformed meta.yaml, empty meta.yaml, wrong experiment id, bad metric lines, a huge param,
    // a symlink loop, a non-UTF-8 file name, a folder where a file belongs.
    b.run(exp, 'd'.repeat(32), { meta: 'artifact_uri: [unclosed\n' });
    b.run(exp, 'e'.repeat(32), { meta: '' });
    b.run(exp, 'f'.repeat(32), { experimentId: '999' });
    b.run(exp, '1'.repeat(32), { metrics: { loss: '1 0.5 0\nnot a line at all\n2 x 1\n3 0.25 2\n' } });
    const big = b.run(exp, '2'.repeat(32), { params: { huge: 'x'.repeat(2 * 1024 * 1024) } });
    symlinkSync(join(big, 'params'), join(big, 'params', 'loop'));
    mkdirSync(Buffer.concat([Buffer.from(`${exp}/bad-`), Buffer.from([0xff, 0xfe])]));
    const runD = b.run(exp, '4'.repeat(32));
    // meta.yaml itself a symbolic link loop: stat fails with ELOOP.
    const looped = b.run(exp, '5'.repeat(32));
    rmSync(join(looped, 'meta.yaml'));
    symlinkSync('meta.yaml', join(looped, 'meta.yaml'));
    mkdirSync(join(runD, 'metrics', 'odd'), { recursive: true });
    symlinkSync(join(runD, 'metrics', 'nowhere'), join(runD, 'metrics', 'dangling'));
    // An experiment folder whose meta.yaml is unreadable garbage: its runs are not listed (as in MLflow).
    mkdirSync(join(root, '7'));
    writeFileSync(join(root, '7', 'meta.yaml'), 'name: [\n');
    const summary = index();
    const problems = summary.problems.map((p) => `${p.path}: ${p.reason}`);
    expect(summary.runs.active).toBe(5); // a, b, 1111…, 2222…, 4444…
    expect(problems.find((p) => p.includes('dddd') && p.includes('not valid YAML'))).toBeDefined();
    expect(problems.find((p) => p.includes('eeee') && p.includes('empty'))).toBeDefined();
    expect(problems.find((p) => p.includes('ffff') && p.includes("names experiment '999'"))).toBeDefined();
    expect(problems.find((p) => p.includes('metrics/loss') && p.includes('2 malformed lines skipped'))).toBeDefined();
    expect(problems.find((p) => p.includes('params/huge') && p.includes('only the first 1048576 bytes'))).toBeDefined();
    expect(problems.find((p) => p.includes('not valid UTF-8'))).toBeDefined();
    expect(problems.find((p) => p.includes('metrics/dangling'))).toBeDefined();
    expect(problems.find((p) => p.includes(`${'5'.repeat(32)}/meta.yaml`) && p.includes('symbolic link loop'))).toBeDefined();
    expect(problems.find((p) => p.startsWith('mlruns/7/meta.yaml') && p.includes('not valid YAML'))).toBeDefined();
    expect(latest(db, '1'.repeat(32), 'loss')).toMatchObject({ count: 2, value: 0.25 });
    // Problems of a re-scanned path are replaced, not piled up.
    const again = index(true);
    expect(again.problems).toEqual(summary.problems);
  });
});
