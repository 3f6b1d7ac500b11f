import { describe, expect, it } from 'vitest';
import { DirtySet, routeChange, type WatchedStore } from './change-router.js';
import { isWatchedStoreFolder } from './tree-watcher.js';
import { runDirOfMetricPath } from './apply-dirty.js';

const ROOT = '/p/mlruns';
const RUN = `${ROOT}/1/aaaa`;
const stores: WatchedStore[] = [
  { storeId: 1, kind: 'file', path: ROOT },
  { storeId: 2, kind: 'sql', path: '/p/mlflow.db' },
];

function route(...paths: string[]): DirtySet {
  const dirty = new DirtySet();
  for (const path of paths) routeChange(dirty, stores, '/p', path);
  return dirty;
}

describe('routeChange', () => {
  it('sends an appended metric line (nested key too) to the metric file itself', () => {
    const dirty = route(`${RUN}/metrics/loss`, `${RUN}/metrics/train/acc`);
    expect([...dirty.metricFiles]).toEqual([`${RUN}/metrics/loss`, `${RUN}/metrics/train/acc`]);
    expect(dirty.runs.size).toBe(0);
  });

  it('re-reads a run for meta.yaml, params, tags, inputs and outputs changes', () => {
    const dirty = route(`${RUN}/meta.yaml`, `${RUN}/params/lr`, `${RUN}/tags/mlflow.runName`, `${ROOT}/1/bbbb/inputs/x/meta.yaml`);
    expect([...dirty.runs.get(1)!]).toEqual([RUN, `${ROOT}/1/bbbb`]);
  });

  it('ignores artifacts, traces, datasets and editor temp files', () => {
    expect(route(`${RUN}/artifacts/model/MLmodel`, `${ROOT}/1/traces/t/trace_info.yaml`, `${ROOT}/1/datasets/d/meta.yaml`, `${RUN}/tags/x.swp`).empty).toBe(true);
  });

  it('scopes a pass to the experiment when a run folder appears or its meta/tags change', () => {
    const dirty = route(`${ROOT}/1/cccc`, `${ROOT}/2/meta.yaml`, `${ROOT}/.trash/3/tags/k`);
    expect([...dirty.experiments.get(1)!]).toEqual([`${ROOT}/1`, `${ROOT}/2`, `${ROOT}/.trash/3`]);
  });

  it('turns an experiment folder appearing or moving into .trash into a store pass', () => {
    expect([...route(`${ROOT}/7`).stores]).toEqual([1]);
    expect([...route(`${ROOT}/.trash/7`).stores]).toEqual([1]);
  });

  it('routes registry files to their model, and SQL db/wal writes (not -shm) to the SQL store', () => {
    const dirty = route(`${ROOT}/models/m1/aliases/champion`, `${ROOT}/models/m2/version-3/meta.yaml`, '/p/mlflow.db-wal', '/p/mlflow.db-shm');
    expect([...dirty.registry.get(1)!]).toEqual(['m1', 'm2']);
    expect([...dirty.sqlStores]).toEqual([2]);
  });

  it('flags the project only for paths outside the stores', () => {
    expect(route('/p/new/mlruns').project).toBe(true);
    expect(route('/elsewhere/x').project).toBe(false);
  });
});

describe('what the inotify watcher watches', () => {
  it('folders that matter, never artifacts', () => {
    const yes = [ROOT, `${ROOT}/.trash`, `${ROOT}/1`, `${ROOT}/1/tags`, RUN, `${RUN}/metrics`, `${RUN}/metrics/train`, `${RUN}/params`, `${RUN}/tags`, `${ROOT}/models/m/version-1/tags`];
    const no = [`${RUN}/artifacts`, `${RUN}/artifacts/model`, `${ROOT}/1/traces`, `${ROOT}/1/datasets`, `${ROOT}/1/models`, `${RUN}/inputs`, '/p', '/p/other'];
    expect(yes.filter((dir) => !isWatchedStoreFolder(ROOT, dir))).toEqual([]);
    expect(no.filter((dir) => isWatchedStoreFolder(ROOT, dir))).toEqual([]);
  });

  it('finds the run folder of a metric file, in .trash too, whatever the folder names above', () => {
    expect(runDirOfMetricPath('/x/metrics/mlruns', '/x/metrics/mlruns/1/aaaa/metrics/a/metrics/b')).toBe('/x/metrics/mlruns/1/aaaa');
    expect(runDirOfMetricPath(ROOT, `${ROOT}/.trash/1/aaaa/metrics/loss`)).toBe(`${ROOT}/.trash/1/aaaa`);
    expect(runDirOfMetricPath(ROOT, `${ROOT}/1/aaaa/params/x`)).toBeNull();
  });
});
