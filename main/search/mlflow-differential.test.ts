import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexDb } from '../db/open-index.js';
import { allRunKeys } from '../query/run-keys.js';
import { listExperiments } from '../query/list-experiments.js';
import { AppError } from '../services/app-error.js';
import { parseExperimentFilter, parseRunFilter } from './parser.js';
import { DIFFERENTIAL_QUERIES, generatedQueries, type DiffQuery } from './testing/differential-queries.js';
import { mlflowVenvPython } from '../testing/test-paths.js';

/**
 * RunDesk against the real MLflow: the same store, written by MLflow itself (file store and
 * SQLite), searched with the same filters and sorts by both. Same run ids in the same order, and
 * a rejection where MLflow rejects (unless the filter uses a RunDesk extension).
 * Needs a Python with MLflow: $RUNDESK_MLFLOW_PYTHON, else the project's MLflow 3 venv.
 */

const CANDIDATES = [process.env.RUNDESK_MLFLOW_PYTHON, mlflowVenvPython('3.18.0')].filter((p): p is string => !!p);
const ORACLE = join(import.meta.dirname, 'testing', 'mlflow-oracle.py');

function findPython(): string | null {
  for (const python of CANDIDATES) {
    if (!existsSync(python)) continue;
    const probe = spawnSync(python, ['-c', 'import mlflow'], { encoding: 'utf8' });
    if (probe.status === 0) return python;
  }
  return null;
}

const python = findPython();
if (!python) {
  console.warn(`[mlflow-differential] skipped: no Python with MLflow (tried ${CANDIDATES.join(', ') || 'nothing'}; set RUNDESK_MLFLOW_PYTHON).`);
}

interface Answer {
  id: number;
  ids?: string[];
  error?: string;
}

function runOracle(mode: 'build' | 'query', uri: string, input?: string): string {
  const result = spawnSync(python!, [ORACLE, mode, uri], {
    encoding: 'utf8',
    input,
    env: { ...process.env, MLFLOW_ALLOW_FILE_STORE: 'true', MLFLOW_TRACKING_URI: '' },
    maxBuffer: 64 << 20,
    timeout: 240_000,
  });
  if (result.status !== 0) throw new Error(`mlflow oracle ${mode} failed: ${result.stderr}`);
  return result.stdout;
}

type Store = { kind: 'file' | 'sql'; folder: string; uri: string; db: IndexDb; close: () => void; answers: Map<number, Answer> };

describe.skipIf(!python)('search matches the real MLflow', () => {
  let root = '';
  const stores: Store[] = [];
  const queries: DiffQuery[] = [];

  beforeAll(async () => {
    const { openProjectIndex } = await import('../indexer/index-project.js');
    root = mkdtempSync(join(tmpdir(), 'rundesk-differential-'));
    for (const kind of ['file', 'sql'] as const) {
      const folder = join(root, kind);
      const uri = kind === 'file' ? `file://${join(folder, 'mlruns')}` : `sqlite:///${join(folder, 'mlflow.db')}`;
      runOracle('build', uri);
      const opened = openProjectIndex(folder, { indexPath: join(root, `${kind}-index.db`), env: { RUNDESK_DATA_DIR: join(root, 'data') } });
      stores.push({ kind, folder, uri, db: opened.db, close: opened.close, answers: new Map() });
    }
    // Queries generated from the keys and values the store really has.
    queries.push(...DIFFERENTIAL_QUERIES, ...generatedQueries(stores[1]!.db, DIFFERENTIAL_QUERIES.length));
    for (const store of stores) {
      const input = queries.map((q) => JSON.stringify({ id: q.id, kind: q.kind ?? 'runs', filter: q.filter, order_by: q.orderBy ?? [], view: q.view ?? 'active' })).join('\n');
      for (const line of runOracle('query', store.uri, `${input}\n`).split('\n')) {
        if (line.trim().startsWith('{')) {
          const answer = JSON.parse(line) as Answer;
          store.answers.set(answer.id, answer);
        }
      }
    }
  }, 600_000);

  afterAll(() => {
    for (const store of stores) store.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  function rundesk(db: IndexDb, q: DiffQuery): { ids?: string[]; error?: string; extension: boolean } {
    try {
      if (q.kind === 'experiments') {
        const extension = q.filter ? parseExperimentFilter(q.filter).extensions.length > 0 : false;
        return { ids: listExperiments(db, { view: q.view ?? 'active', filter: q.filter }).map((e) => e.experimentId), extension };
      }
      const extension = parseRunFilter(q.filter).extensions.length > 0;
      const experimentKeys = (db.prepare('SELECT exp_key FROM experiments').pluck().all() as number[]);
      const keys = allRunKeys(db, { experimentKeys, view: q.view ?? 'active', filter: q.filter, orderBy: q.orderBy ?? [] });
      const idOf = db.prepare('SELECT run_id FROM runs WHERE run_key = ?').pluck();
      return { ids: keys.map((k) => idOf.get(k) as string), extension };
    } catch (error) {
      if (error instanceof AppError && error.code === 'PARSE_ERROR') return { error: error.message, extension: false };
      throw error;
    }
  }

  for (const kind of ['sql', 'file'] as const) {
    it(`gives MLflow's ${kind} store answers (same runs, same order, same rejections)`, () => {
      const store = stores.find((s) => s.kind === kind)!;
      const mismatches: string[] = [];
      let compared = 0;
      let nonEmpty = 0;
      for (const q of queries) {
        if (q.only && q.only !== kind) continue;
        const expected = store.answers.get(q.id);
        if (!expected) throw new Error(`MLflow gave no answer to ${JSON.stringify(q)}`);
        const got = rundesk(store.db, q);
        compared++;
        const label = `${q.kind ?? 'runs'} filter=${JSON.stringify(q.filter)} order=${JSON.stringify(q.orderBy ?? [])} view=${q.view ?? 'active'}`;
        if (expected.error !== undefined) {
          if (got.error === undefined && !got.extension) mismatches.push(`${label}: MLflow rejects (${expected.error}) but RunDesk accepts it without an extension`);
        } else if (got.error !== undefined) {
          mismatches.push(`${label}: MLflow accepts but RunDesk rejects: ${got.error}`);
        } else if (JSON.stringify(got.ids) !== JSON.stringify(expected.ids)) {
          mismatches.push(`${label}:\n    mlflow  ${JSON.stringify(expected.ids)}\n    rundesk ${JSON.stringify(got.ids)}`);
        } else if ((expected.ids?.length ?? 0) > 0) {
          nonEmpty++;
        }
      }
      // Most questions must have non-empty answers, or the comparison proves little.
      expect(compared).toBeGreaterThan(100);
      expect(nonEmpty).toBeGreaterThan(100);
      expect(mismatches).toEqual([]);
    });
  }
});
