/**
 * The pandas export against the real thing: `mlflow experiments csv` (MLflow 3.18.0 with its
 * pandas 3; MLflow 2.22.4 with pandas 2 on the generated store) on copies of every fixture store in
^ * shared/fixtures and of a store generated through MLflow's client with CSV edge cases,
 * compared byte for byte with RunDesk's export of the same experiment.
 *
 * The one thing compared more loosely is the order of columns that first appear in the same run:
 * `search_runs` adds a run's new keys by iterating a Python `set`, whose order changes from process
 * to process (string hashing is randomised), so MLflow has no fixed order there. The test checks
 * that MLflow's columns come in blocks by the run that introduced them (the part of the order that
 * is fixed), then reorders MLflow's columns into RunDesk's order and compares every byte.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { IndexDb } from '../db/open-index.js';
import { openProjectIndex } from '../indexer/index-project.js';
import { discoverKeys } from './column-discovery.js';
import { writeCsvExport } from './csv-export.js';
import type { PandasVersion } from './pandas-timestamp.js';
import { orderedRunKeys } from './run-selection.js';
import { CollectingStream } from './testing/collect-stream.js';
import { joinRawCsv, splitRawCsv } from './testing/raw-csv.js';
import { SHARED_FIXTURES, mlflowVenvPython } from '../testing/test-paths.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = SHARED_FIXTURES;
const REFERENCE_PYTHON = mlflowVenvPython('3.18.0');
const LEGACY_PYTHON = mlflowVenvPython('2.22.4');

interface Mlflow {
  python: string;
  mlflowVersion: string;
  pandasVersion: PandasVersion;
}

/** The MLflow a Python environment holds, or why it cannot be used. */
function probe(python: string): Mlflow | string {
  if (!existsSync(python)) return `${python} is absent`;
  const result = spawnSync(python, ['-c', 'import mlflow, pandas; print(mlflow.__version__, pandas.__version__)'], {
    encoding: 'utf8',
    cwd: tmpdir(),
  });
  if (result.status !== 0) return `${python} cannot import mlflow and pandas: ${result.stderr.trim().split('\n').at(-1)}`;
  const [mlflowVersion, pandasVersion] = result.stdout.trim().split(' ');
  return { python, mlflowVersion: mlflowVersion!, pandasVersion: pandasVersion!.startsWith('2.') ? 2 : 3 };
}

const reference = probe(REFERENCE_PYTHON);
const legacy = probe(LEGACY_PYTHON);
if (typeof reference === 'string') console.log(`pandas conformance skipped: ${reference} (set it up with e2e/conformance/setup-venv.sh 3.18.0)`);

interface StoreCase {
  name: string;
  /** Puts the store into an empty project folder; returns the tracking URI MLflow uses for it. */
  place(project: string, mlflow: Mlflow): string;
}

function fixtureStores(): StoreCase[] {
  const cases: StoreCase[] = [];
  const mlrunsRoot = join(FIXTURES, 'mlruns-real');
  for (const name of existsSync(mlrunsRoot) ? readdirSync(mlrunsRoot).sort() : []) {
    const source = join(mlrunsRoot, name, 'mlruns');
    if (!existsSync(source)) continue;
    cases.push({
      name: `mlruns-real/${name}`,
      place: (project) => {
        cpSync(source, join(project, 'mlruns'), { recursive: true });
        return `file:${join(project, 'mlruns')}`;
      },
    });
  }
  const dbRoot = join(FIXTURES, 'mlflow-db-real');
  for (const name of existsSync(dbRoot) ? readdirSync(dbRoot).sort() : []) {
    const source = join(dbRoot, name, 'mlflow.db');
    if (!existsSync(source)) continue;
    cases.push({
      name: `mlflow-db-real/${name}`,
      place: (project) => {
        cpSync(source, join(project, 'mlflow.db'));
        return `sqlite:///${join(project, 'mlflow.db')}`;
      },
    });
  }
  return cases;
}

function generatedStore(kind: 'file' | 'sql'): StoreCase {
  return {
    name: `generated ${kind} store`,
    place: (project, mlflow) => {
      const uri = kind === 'file' ? `file:${join(project, 'mlruns')}` : `sqlite:///${join(project, 'mlflow.db')}`;
      python(mlflow, [join(HERE, 'test-data', 'generate-export-store.py'), uri]);
      return uri;
    },
  };
}

function python(mlflow: Mlflow, args: string[]): void {
  const result = spawnSync(mlflow.python, args, {
    encoding: 'utf8',
    cwd: tmpdir(),
    env: { ...process.env, MLFLOW_ALLOW_FILE_STORE: 'true', PYTHONWARNINGS: 'ignore' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${mlflow.python} ${args.join(' ')} failed:\n${result.stderr}`);
}

interface ManifestEntry {
  id: string;
  name: string;
  stage: string;
  csv?: string;
  error?: string;
}

const scratch = mkdtempSync(join(tmpdir(), 'rundesk-pandas-conformance-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }), 120_000);

/** Runs MLflow and RunDesk on one store and compares every experiment; returns how many were compared. */
async function compareStore(store: StoreCase, mlflow: Mlflow): Promise<number> {
  const work = join(scratch, `${mlflow.mlflowVersion}-${store.name.replace(/[^\w.-]+/g, '_')}`);
  const project = join(work, 'project');
  const out = join(work, 'mlflow-csv');
  mkdirSync(project, { recursive: true });
  mkdirSync(out, { recursive: true });
  const uri = store.place(project, mlflow);
  python(mlflow, [join(HERE, 'test-data', 'dump-mlflow-csv.py'), uri, out]);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as ManifestEntry[];

  const opened = openProjectIndex(project, { indexPath: join(work, 'index.sqlite') });
  let compared = 0;
  try {
    for (const experiment of manifest) {
      if (!experiment.csv) continue; // MLflow itself could not export it (recorded in the manifest)
      const expKey = opened.db.prepare<[string], number>('SELECT exp_key FROM experiments WHERE experiment_id = ?').pluck().get(experiment.id);
      expect(expKey, `RunDesk indexed experiment ${experiment.id} (${experiment.name}) of ${store.name}`).toBeDefined();
      const query = { experimentKeys: [expKey!], filter: '', orderBy: [], view: 'active' as const, offset: 0, limit: 0 };
      const stream = new CollectingStream();
      await writeCsvExport(opened.db, { query, format: 'pandas', columns: { mode: 'all' }, metricKeys: [] }, stream, {
        pandasVersion: mlflow.pandasVersion,
      });
      const theirs = readFileSync(experiment.csv, 'utf8');
      const blocks = await firstRuns(opened.db, orderedRunKeys(opened.db, query));
      expectSameCsv(stream.text(), theirs, blocks, `${store.name}, experiment ${experiment.id} (${experiment.name})`);
      compared += 1;
    }
  } finally {
    opened.close();
  }
  return compared;
}

/** Column name → the position of the first exported run that has it. */
async function firstRuns(db: IndexDb, runKeys: number[]): Promise<Map<string, number>> {
  const keys = await discoverKeys(db, runKeys);
  const first = new Map<string, number>();
  for (const k of keys.metrics) first.set(`metrics.${k.key}`, k.firstRun);
  for (const k of keys.params) first.set(`params.${k.key}`, k.firstRun);
  for (const k of keys.tags) first.set(`tags.${k.key}`, k.firstRun);
  return first;
}

function expectSameCsv(ours: string, theirs: string, firstRun: Map<string, number>, what: string): void {
  const [ourHeader, ...ourRows] = splitRawCsv(ours);
  const [theirHeader, ...theirRows] = splitRawCsv(theirs);
  expect([...theirHeader!].sort(), `${what}: the same columns`).toEqual([...ourHeader!].sort());
  expect(theirRows.length, `${what}: the same number of rows`).toBe(ourRows.length);

  // MLflow's order within each group: blocks by the run that introduced the key.
  for (const group of ['metrics.', 'params.', 'tags.']) {
    const order = theirHeader!.filter((c) => c.startsWith(group) || c.startsWith(`"${group}`)).map((c) => firstRun.get(c) ?? -1);
    expect(order, `${what}: MLflow's ${group}* columns come in blocks by first run`).toEqual([...order].sort((a, b) => a - b));
  }

  const position = new Map(theirHeader!.map((name, i) => [name, i]));
  const reordered = [ourHeader!, ...theirRows.map((fields) => ourHeader!.map((name) => fields[position.get(name)!]!))];
  expect(ours, `${what}: byte for byte after reordering columns`).toBe(joinRawCsv(reordered));
}

describe.skipIf(typeof reference === 'string')('pandas export matches mlflow experiments csv', () => {
  const mlflow = reference as Mlflow;
  const stores = [...fixtureStores(), generatedStore('file'), generatedStore('sql')];

  it('has fixture stores to compare', () => {
    expect(stores.length).toBeGreaterThan(2);
  });

  for (const store of stores) {
    it(`${store.name} (MLflow ${mlflow.mlflowVersion})`, { timeout: 180_000 }, async () => {
      const compared = await compareStore(store, mlflow);
      console.log(`pandas conformance: ${store.name}: ${compared} experiments identical to mlflow experiments csv ${mlflow.mlflowVersion}`);
      expect(compared).toBeGreaterThan(0);
    });
  }

  // The other pandas major version, on the store made to exercise time formats.
  it.skipIf(typeof legacy === 'string')('generated file store (MLflow 2.22.4, pandas 2 times)', { timeout: 180_000 }, async () => {
    expect(await compareStore(generatedStore('file'), legacy as Mlflow)).toBeGreaterThan(0);
  });
});
