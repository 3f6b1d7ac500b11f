import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportRequest, RunQuery } from '../../preload/contract.js';
import { openIndex, type IndexDb } from '../db/open-index.js';
import { AppError } from '../services/app-error.js';
import { writeCsvExport } from './csv-export.js';
import { CollectingStream } from './testing/collect-stream.js';
import { IndexBuilder } from './testing/index-builder.js';

const BASE = Date.UTC(2025, 0, 2, 3, 4, 5); // 2025-01-02 03:04:05 UTC
const ID = (n: number) => `${n}`.repeat(32).slice(0, 32);

let db: IndexDb;
let expA: number;
let expB: number;
const keys: Record<string, number> = {};

beforeEach(() => {
  db = openIndex(':memory:').db;
  const b = new IndexBuilder(db);
  expA = b.experiment('1', 'alpha');
  expB = b.experiment('2', 'beta');
  keys.r1 = b.run({
    expKey: expA,
    runId: ID(1),
    runName: 'first',
    startTime: BASE + 2678,
    endTime: BASE + 62678,
    artifactUri: 'file:///p/1/artifacts',
    params: { lr: '0.1', opt: 'adam, beta' },
    metrics: { loss: 0.5, acc: -0.5 },
    tags: { 'mlflow.user': 'ann', 'mlflow.source.type': 'LOCAL', 'mlflow.source.name': 'train.py', team: 'x', 'mlflow.runName': 'first' },
  });
  keys.r2 = b.run({
    expKey: expA,
    runId: ID(3),
    status: 'RUNNING',
    startTime: BASE + 1000,
    endTime: null,
    artifactUri: 'file:///p/3/artifacts',
    params: { lr: '0.2', batch: '32' },
    metrics: { loss: Number.NaN, f1: Infinity },
    tags: { 'mlflow.runName': 'from-tag', owner: '=bob' },
  });
  // Same start time as r2 and a smaller run id: MLflow's tie-break puts it first.
  keys.r3 = b.run({ expKey: expA, runId: ID(2), startTime: BASE + 1000, endTime: BASE + 1499, artifactUri: 'file:///p/2/artifacts' });
  keys.r4 = b.run({ expKey: expA, runId: ID(4), startTime: null, artifactUri: null });
  keys.deleted = b.run({ expKey: expA, runId: ID(5), lifecycleStage: 'deleted', startTime: BASE + 9000 });
  keys.other = b.run({ expKey: expB, runId: ID(6), startTime: BASE + 5000, params: { only: 'b' } });
});

afterEach(() => db.close());

function query(overrides: Partial<RunQuery> = {}): RunQuery {
  return { experimentKeys: [expA], filter: '', orderBy: [], view: 'active', offset: 0, limit: 50, ...overrides };
}

async function exportText(request: Partial<ExportRequest>, options: Parameters<typeof writeCsvExport>[3] = {}) {
  const stream = new CollectingStream();
  const summary = await writeCsvExport(
    db,
    { query: query(), format: 'pandas', columns: { mode: 'all' }, metricKeys: [], ...request },
    stream,
    { timeZone: 'UTC', ...options },
  );
  return { text: stream.text(), summary };
}

describe('pandas format', () => {
  const HEADER =
    'run_id,experiment_id,status,artifact_uri,start_time,end_time,metrics.acc,metrics.loss,metrics.f1,params.lr,params.opt,params.batch,' +
    'tags.mlflow.runName,tags.mlflow.source.name,tags.mlflow.source.type,tags.mlflow.user,tags.team,tags.owner';

  it('writes what mlflow experiments csv writes, columns in discovery order (pandas 3 times)', async () => {
    const { text, summary } = await exportText({ format: 'pandas' });
    expect(text).toBe(
      [
        HEADER,
        `${ID(1)},1,FINISHED,file:///p/1/artifacts,2025-01-02 03:04:07.678+00:00,2025-01-02 03:05:07.678+00:00,-0.5,0.5,,0.1,"adam, beta",,first,train.py,LOCAL,ann,x,`,
        `${ID(2)},1,FINISHED,file:///p/2/artifacts,2025-01-02 03:04:06.000+00:00,2025-01-02 03:04:06.499+00:00,,,,,,,,,,,,`,
        `${ID(3)},1,RUNNING,file:///p/3/artifacts,2025-01-02 03:04:06.000+00:00,,,,inf,0.2,,32,from-tag,,,,,=bob`,
        `${ID(4)},1,FINISHED,,,,,,,,,,,,,,,`,
        '',
      ].join('\n'),
    );
    expect(summary).toEqual({ rows: 4, runs: 4, bytes: Buffer.byteLength(text) });
  });

  it('prints times value by value for pandas 2', async () => {
    const { text } = await exportText({ format: 'pandas' }, { pandasVersion: 2 });
    expect(text.split('\n').slice(1, 4).map((line) => line.split(',').slice(4, 6).join(','))).toEqual([
      '2025-01-02 03:04:07.678000+00:00,2025-01-02 03:05:07.678000+00:00',
      '2025-01-02 03:04:06+00:00,2025-01-02 03:04:06.499000+00:00',
      '2025-01-02 03:04:06+00:00,',
    ]);
  });

  it('drops the fraction of a pandas 3 column whose times are all whole seconds', async () => {
    const { text } = await exportText({ format: 'pandas', query: query({ runKeys: [keys.r2!, keys.r4!] }) });
    expect(text.split('\n')[1]).toBe(`${ID(3)},1,RUNNING,file:///p/3/artifacts,2025-01-02 03:04:06+00:00,,inf,,32,0.2,from-tag,=bob`);
  });

  it('writes only the visible columns, in the order given', async () => {
    const { text } = await exportText({
      format: 'pandas',
      columns: { mode: 'visible', params: ['batch'], metrics: ['loss', 'missing'], tags: ['owner'] },
    });
    expect(text.split('\n')[0]).toBe('run_id,experiment_id,status,artifact_uri,start_time,end_time,metrics.loss,metrics.missing,params.batch,tags.owner');
    expect(text.split('\n')[3]).toBe(`${ID(3)},1,RUNNING,file:///p/3/artifacts,2025-01-02 03:04:06.000+00:00,,,,32,=bob`);
  });
});

describe('values that hold the packing separator', () => {
  it('are read exactly, row by row', async () => {
    const b = new IndexBuilder(db);
    b.run({ expKey: expB, runId: ID(7), params: { odd: 'a\x1eb', plain: 'p' }, tags: { t: '\x1e' } });
    const { text } = await exportText({ query: query({ experimentKeys: [expB] }) });
    const lines = text.split('\n');
    expect(lines[0]).toBe('run_id,experiment_id,status,artifact_uri,start_time,end_time,params.only,params.odd,params.plain,tags.t');
    expect(lines.find((line) => line.startsWith(ID(7)))?.endsWith(',,a\x1eb,p,\x1e')).toBe(true);
  });
});

describe('MLflow UI format', () => {
  it('writes the Download CSV layout with its quirks', async () => {
    const { text } = await exportText({ format: 'mlflow-ui' });
    expect(text).toBe(
      [
        '"Start Time","Duration","Run ID","Name","Source Type","Source Name","User","Status","batch","lr","opt","acc","f1","loss","team","owner"',
        `"2025-01-02 03:04:07","1.0min","${ID(1)}","first","LOCAL","train.py","ann","FINISHED","","0.1","adam, beta","'-0.5","","0.5","x",""`,
        `"2025-01-02 03:04:06","499ms","${ID(2)}","","","",,"FINISHED","","","","","","","",""`,
        `"2025-01-02 03:04:06","","${ID(3)}","from-tag","","",,"RUNNING","32","0.2","","","Infinity","NaN","","'=bob"`,
        `"(unknown)","","${ID(4)}","","","",,"FINISHED","","","","","","","",""`,
        '',
      ].join('\n'),
    );
  });

  it('formats Start Time in the requested zone', async () => {
    const { text } = await exportText({ format: 'mlflow-ui' }, { timeZone: 'Asia/Tokyo' });
    expect(text.split('\n')[1]).toMatch(/^"2025-01-02 12:04:07",/);
  });

  it('keeps mlflow.* tags out even when asked for them as visible columns', async () => {
    const { text } = await exportText({
      format: 'mlflow-ui',
      columns: { mode: 'visible', params: ['lr'], metrics: ['loss'], tags: ['mlflow.user', 'team'] },
    });
    expect(text.split('\n')[0]).toBe('"Start Time","Duration","Run ID","Name","Source Type","Source Name","User","Status","lr","loss","team"');
  });

  it('gives a param and a metric with the same key two columns of the same name', async () => {
    const b = new IndexBuilder(db);
    b.run({ expKey: expA, runId: ID(7), startTime: BASE + 99_000, params: { loss: 'l1' }, metrics: { loss: 0.25 } });
    const { text } = await exportText({ format: 'mlflow-ui', columns: { mode: 'visible', params: ['loss'], metrics: ['loss'], tags: [] } });
    const [header, first] = text.split('\n');
    expect(header).toBe('"Start Time","Duration","Run ID","Name","Source Type","Source Name","User","Status","loss","loss"');
    expect(first).toMatch(/"l1","0.25"$/);
  });
});

describe('run selection', () => {
  it('exports only the selected runs, in MLflow order, ignoring offset and limit', async () => {
    const { text } = await exportText({ query: query({ runKeys: [keys.r4!, keys.r1!], offset: 1, limit: 1 }) });
    expect(text.split('\n').slice(1, -1).map((line) => line.slice(0, 32))).toEqual([ID(1), ID(4)]);
  });

  it('follows the view and the experiments', async () => {
    const deleted = await exportText({ query: query({ view: 'deleted' }) });
    expect(deleted.summary.rows).toBe(1);
    const all = await exportText({ query: query({ view: 'all', experimentKeys: [expA, expB] }) });
    expect(all.text.split('\n').slice(1, -1).map((line) => line.slice(0, 32))).toEqual([ID(5), ID(6), ID(1), ID(2), ID(3), ID(4)]);
  });

  it('applies the search filter and the sort of the runs table', async () => {
    const filtered = await exportText({ query: query({ filter: "params.lr = '0.2'" }) });
    expect(filtered.text.split('\n').slice(1, -1).map((line) => line.slice(0, 32))).toEqual([ID(3)]);
    const sorted = await exportText({ query: query({ orderBy: ['metrics.acc ASC'] }) });
    expect(sorted.text.split('\n')[1]!.slice(0, 32)).toBe(ID(1));
  });

  it('rejects a filter that does not parse', async () => {
    await expect(exportText({ query: query({ filter: 'params.lr ==== 1' }) })).rejects.toSatisfy(
      (error: unknown) => error instanceof AppError && error.code === 'PARSE_ERROR',
    );
  });

  it('writes just the header when nothing matches', async () => {
    const { text, summary } = await exportText({ query: query({ runKeys: [] }) });
    expect(text).toBe('run_id,experiment_id,status,artifact_uri,start_time,end_time\n');
    expect(summary.rows).toBe(0);
  });
});

describe('metric history format', () => {
  beforeEach(() => {
    const b = new IndexBuilder(db);
    keys.h1 = b.run({
      expKey: expB,
      runId: ID(8),
      runName: 'hist, one',
      startTime: BASE + 50_000,
      history: {
        loss: [
          [1, 20, 0.5],
          [0, 10, 1],
          [1, 15, Number.NaN],
        ],
        acc: [[0, 10, 1e-5]],
        big: [[2n ** 60n + 1n, 30, Infinity]],
      },
    });
    keys.h2 = b.run({ expKey: expB, runId: ID(9), startTime: BASE + 40_000, tags: { 'mlflow.runName': 'tagged' }, history: { loss: [[0, 5, 2]] } });
  });

  it('writes one row per point, by run, metric, step and timestamp', async () => {
    const { text, summary } = await exportText({ format: 'history', query: query({ experimentKeys: [expB] }) });
    expect(text).toBe(
      [
        'run_id,run_name,metric,step,timestamp,value',
        `${ID(8)},"hist, one",acc,0,10,1e-05`,
        `${ID(8)},"hist, one",big,1152921504606846977,30,inf`,
        `${ID(8)},"hist, one",loss,0,10,1.0`,
        `${ID(8)},"hist, one",loss,1,15,nan`,
        `${ID(8)},"hist, one",loss,1,20,0.5`,
        `${ID(9)},tagged,loss,0,5,2.0`,
        '',
      ].join('\n'),
    );
    expect(summary.rows).toBe(6);
    expect(summary.runs).toBe(3);
  });

  it('keeps to the requested metrics', async () => {
    const { text } = await exportText({ format: 'history', query: query({ experimentKeys: [expB], runKeys: [keys.h1!] }), metricKeys: ['acc', 'nope'] });
    expect(text).toBe(`run_id,run_name,metric,step,timestamp,value\n${ID(8)},"hist, one",acc,0,10,1e-05\n`);
  });

  it('pages through long histories without losing or repeating points', async () => {
    const b = new IndexBuilder(db);
    const points: [number, number, number][] = [];
    // Duplicate (step, timestamp) pairs straddle the page boundary: only the row id tells them apart.
    for (let i = 0; i < 25_000; i++) points.push([Math.floor(i / 3), 1000 + Math.floor(i / 3), i]);
    const runKey = b.run({ expKey: expB, runId: ID(0), history: { long: points, other: [[0, 1, 7]] } });
    for (const metricKeys of [[], ['long']]) {
      const { text, summary } = await exportText({ format: 'history', query: query({ experimentKeys: [expB], runKeys: [runKey] }), metricKeys });
      const values = text.trim().split('\n').slice(1).map((line) => Number(line.split(',').at(-1)));
      expect(values).toEqual([...points.map((p) => p[2]), ...(metricKeys.length === 0 ? [7] : [])]);
      expect(summary.rows).toBe(values.length);
    }
  });
});

describe('streaming', () => {
  it('waits for a slow stream and loses nothing', async () => {
    const b = new IndexBuilder(db);
    for (let i = 0; i < 2500; i++) b.run({ expKey: expB, runId: `r${String(i).padStart(31, '0')}`, startTime: i, params: { p: 'x'.repeat(50) } });
    const stream = new CollectingStream({ highWaterMark: 1024, delayMs: 1 });
    let progressCalls = 0;
    const summary = await writeCsvExport(
      db,
      { query: query({ experimentKeys: [expB] }), format: 'pandas', columns: { mode: 'all' }, metricKeys: [] },
      stream,
      { onProgress: () => (progressCalls += 1) },
    );
    expect(summary.rows).toBe(2501);
    expect(stream.text().split('\n').length).toBe(2503);
    expect(progressCalls).toBe(3);
  });

  it('stops with CANCELLED when the signal fires', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(exportText({}, { signal: controller.signal })).rejects.toSatisfy(
      (error: unknown) => error instanceof AppError && error.code === 'CANCELLED',
    );
  });
});
