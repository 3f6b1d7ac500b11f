import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, realpathSync, rmSync, symlinkSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../services/app-error.js';
import { listArtifacts } from './artifact-listing.js';
import { previewArtifact, TEXT_CAP } from './artifact-preview.js';
import { locateRunArtifacts, type RunArtifactRoots } from './artifact-roots.js';
import { addExperiment, addRun, addStore, testIndex } from './test-index.js';
import { SHARED_FIXTURES } from '../testing/test-paths.js';

const FIXTURE_MODEL = join(SHARED_FIXTURES, 'mlruns-real/mjm3853__try-mlflow/mlartifacts/974183668076745730/models/m-878ce342540c47b0989b9b3d996b5f67/artifacts');
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const project = realpathSync(mkdtempSync(join(tmpdir(), 'rundesk-artifacts-')));
afterAll(() => rmSync(project, { recursive: true, force: true }));

function write(path: string, content: string | Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

function code(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'OK';
}

// A project with a file store (mlruns/), a SQL store (mlflow.db: only its folder matters here),
// server-style artifacts (mlartifacts/) and a secret outside the project.
const RUN_A = 'a'.repeat(32);
const RUN_B = 'b'.repeat(32);
const RUN_C = 'c'.repeat(32);
const RUN_D = 'd'.repeat(32);
const outside = join(project, 'outside');
write(join(outside, 'secret.txt'), 'top secret');
const runDir = join(project, 'mlruns', '1', RUN_A);
const art = join(runDir, 'artifacts');
write(join(art, 'plots', 'loss.png'), PNG_1X1);
write(join(art, 'plots', 'chart.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
write(join(art, 'checkpoints', 'step-10', 'weights.bin'), Buffer.from([0, 1, 2, 3]));
mkdirSync(join(art, 'checkpoints', 'step-9'), { recursive: true });
write(join(art, 'data.csv'), ['id,"note, with comma",value', ...Array.from({ length: 300 }, (_, i) => `${i},"say ""${i}""",${i / 2}`)].join('\n'));
write(join(art, 'table.tsv'), 'a\tb\n1\t2\n');
write(join(art, 'metrics.json'), '{"b":1,"a":[1,2]}');
write(join(art, 'broken.json'), '{"b":1,');
write(join(art, 'config.yml'), 'lr: 0.1\n');
write(join(art, 'MLproject'), 'name: demo\nentry_points: {}\n');
write(join(art, 'notes.md'), '# Notes\nhello');
write(join(art, 'model.pkl'), 'not really a pickle but named like one');
write(join(art, 'blob'), Buffer.from([0x89, 0x00, 0xff, 0x10]));
write(join(art, 'README'), 'plain text without an extension');
write(join(art, 'utf8.txt'), 'naïve café ✓');
// A 600 KB log: its preview is the last 256 KB, starting at a line boundary.
write(join(art, 'train.log'), Array.from({ length: 20_000 }, (_, i) => `line ${String(i).padStart(6, '0')} ${'x'.repeat(20)}`).join('\n'));
// A 600 KB markdown file: previewed from its start.
write(join(art, 'big.md'), 'FIRST LINE\n' + 'y'.repeat(600_000));
// A sparse 50 MB log (hardly any disk used) whose last 300 KB are lines: previewed with one bounded read.
const HUGE = 50 * 1024 * 1024;
write(join(art, 'huge.log'), '');
truncateSync(join(art, 'huge.log'), HUGE);
const hugeTail = Buffer.from(Array.from({ length: 10_000 }, (_, i) => `tail ${String(i).padStart(5, '0')} ${'z'.repeat(19)}\n`).join(''));
const fd = openSync(join(art, 'huge.log'), 'r+');
writeSync(fd, hugeTail, 0, hugeTail.length, HUGE - hugeTail.length);
closeSync(fd);
// An 11 MB image: too large to inline.
write(join(art, 'big.png'), '');
truncateSync(join(art, 'big.png'), 11 * 1024 * 1024);
// The model of a 2.x run, with an input example beside it and one that tries to escape.
for (const file of ['MLmodel', 'input_example.json', 'conda.yaml', 'python_env.yaml']) {
  mkdirSync(join(art, 'model'), { recursive: true });
  copyFileSync(join(FIXTURE_MODEL, file), join(art, 'model', file));
}
write(join(art, 'sneaky', 'MLmodel'), 'flavors: {python_function: {}}\nsaved_input_example_info: {artifact_path: ../../../../outside/secret.txt}\n');
// Symlinks: one inside (allowed), one to a file outside, one to a folder outside, one broken.
symlinkSync(join(art, 'notes.md'), join(art, 'link-inside.md'));
symlinkSync(join(outside, 'secret.txt'), join(art, 'link-out.txt'));
symlinkSync(outside, join(art, 'link-out-dir'));
symlinkSync(join(project, 'nowhere'), join(art, 'link-broken'));
// A 3.x logged model of run A, in the experiment's models/ folder.
write(join(project, 'mlruns', '1', 'models', 'm-0123', 'artifacts', 'MLmodel'), 'flavors: {python_function: {loader_module: x}}\nmodel_id: m-0123\n');
// SQL store runs: B's recorded Windows URI is not here, but <db folder>/mlruns/2/B/artifacts is.
write(join(project, 'mlruns', '2', RUN_B, 'artifacts', 'b.txt'), 'b');
// C was logged through `mlflow server`: mlflow-artifacts:/3/C/artifacts → mlartifacts/3/C/artifacts.
write(join(project, 'mlartifacts', '3', RUN_C, 'artifacts', 'c.txt'), 'c');
// A folder whose name needs percent-encoding in a file URI.
write(join(project, 'with space', 'd.txt'), 'd');

const db = testIndex();
const fileStore = addStore(db, 'file', join(project, 'mlruns'));
const sqlStore = addStore(db, 'sql', join(project, 'mlflow.db'));
const exp1 = addExperiment(db, fileStore, { experimentId: '1', dirPath: join(project, 'mlruns', '1') });
const runA = addRun(db, { storeId: fileStore, expKey: exp1, runId: RUN_A, dirPath: runDir, artifactUri: `file:///C:/Users/someone/mlruns/1/${RUN_A}/artifacts` });
db.prepare("INSERT INTO logged_models (store_id, model_id, exp_key, name, source_run_id, artifact_location) VALUES (?, 'm-0123', ?, 'my-model', ?, ?)").run(
  fileStore,
  exp1,
  RUN_A,
  'mlflow-artifacts:/1/models/m-0123/artifacts',
);
const exp2 = addExperiment(db, sqlStore, { experimentId: '2' });
const exp3 = addExperiment(db, sqlStore, { experimentId: '3' });
const runB = addRun(db, { storeId: sqlStore, expKey: exp2, runId: RUN_B, artifactUri: `file:///D:/code/week-02/mlruns/2/${RUN_B}/artifacts` });
const runC = addRun(db, { storeId: sqlStore, expKey: exp3, runId: RUN_C, artifactUri: `mlflow-artifacts:/3/${RUN_C}/artifacts` });
const runD = addRun(db, { storeId: sqlStore, expKey: exp3, runId: RUN_D, artifactUri: `file://${encodeURI(join(project, 'with space'))}` });
const runRelative = addRun(db, { storeId: fileStore, expKey: exp1, runId: 'e'.repeat(32), artifactUri: `./mlruns/1/${RUN_A}/artifacts` });
const runRemote = addRun(db, { storeId: sqlStore, expKey: exp2, runId: 'f'.repeat(32), artifactUri: 's3://bucket/2/f/artifacts' });

const rootsA = (): RunArtifactRoots => locateRunArtifacts(db, runA);
const names = (path: string, roots = rootsA()) => listArtifacts(roots, path).map((e) => (e.isDir ? `${e.name}/` : e.name));

describe('locateRunArtifacts', () => {
  it('falls back to the run folder when a file store records a path from another machine', () => {
    expect(rootsA().run).toBe(art);
    expect(rootsA().models).toEqual([{ modelId: 'm-0123', name: 'my-model', label: 'my-model', root: join(project, 'mlruns', '1', 'models', 'm-0123', 'artifacts') }]);
  });

  it('falls back to <db folder>/mlruns/<exp>/<run>/artifacts for SQL stores', () => {
    expect(locateRunArtifacts(db, runB).run).toBe(join(project, 'mlruns', '2', RUN_B, 'artifacts'));
  });

  it('maps mlflow-artifacts URIs to mlartifacts/, decodes file URIs, resolves relative paths', () => {
    expect(locateRunArtifacts(db, runC).run).toBe(join(project, 'mlartifacts', '3', RUN_C, 'artifacts'));
    expect(locateRunArtifacts(db, runD).run).toBe(join(project, 'with space'));
    expect(locateRunArtifacts(db, runRelative).run).toBe(art);
  });

  it('says when artifacts are not on this machine, and NOT_FOUND for unknown runs', () => {
    expect(locateRunArtifacts(db, runRemote)).toEqual({ run: null, models: [] });
    expect(code(() => listArtifacts(locateRunArtifacts(db, runRemote), ''))).toBe('NOT_FOUND');
    expect(code(() => locateRunArtifacts(db, 424242))).toBe('NOT_FOUND');
  });
});

describe('listArtifacts', () => {
  it('lists folders first, then files, by name (numbers in order), with sizes', () => {
    const root = listArtifacts(rootsA(), '');
    const folders = root.filter((e) => e.isDir).map((e) => e.name);
    expect(folders).toEqual(['checkpoints', 'model', 'models', 'plots', 'sneaky']);
    const csv = root.find((e) => e.name === 'data.csv')!;
    expect(csv).toMatchObject({ path: 'data.csv', isDir: false });
    expect(csv.size).toBeGreaterThan(1000);
    expect(names('checkpoints')).toEqual(['step-9/', 'step-10/']);
    expect(listArtifacts(rootsA(), 'checkpoints/step-10')).toEqual([{ path: 'checkpoints/step-10/weights.bin', name: 'weights.bin', isDir: false, size: 4 }]);
  });

  it('keeps symlinks that stay inside and hides those that lead outside or nowhere', () => {
    const root = names('');
    expect(root).toContain('link-inside.md');
    expect(root).not.toContain('link-out.txt');
    expect(root).not.toContain('link-out-dir/');
    expect(root).not.toContain('link-broken');
  });

  it('shows logged models under the virtual models/ folder', () => {
    expect(names('models')).toEqual(['my-model/']);
    expect(listArtifacts(rootsA(), 'models/my-model')).toEqual([{ path: 'models/my-model/MLmodel', name: 'MLmodel', isDir: false, size: expect.any(Number) }]);
    expect(previewArtifact(rootsA(), 'models/my-model/MLmodel')).toMatchObject({ kind: 'mlmodel', model: { modelId: 'm-0123' } });
  });

  it('rejects traversal: absolute paths, .., NUL and Windows forms', () => {
    for (const attack of ['../secret.txt', 'plots/../../outside', '..', '/etc/passwd', '\\etc\\passwd', 'C:/Windows', 'c:secret', 'plots\\..\\..\\x', 'a\0b', 'models/../../x']) {
      expect(code(() => listArtifacts(rootsA(), attack)), attack).toBe('BAD_REQUEST');
      expect(code(() => previewArtifact(rootsA(), attack)), attack).toBe('BAD_REQUEST');
    }
  });

  it('refuses symlinks that escape the root as if they did not exist', () => {
    expect(code(() => listArtifacts(rootsA(), 'link-out-dir'))).toBe('NOT_FOUND');
    expect(code(() => previewArtifact(rootsA(), 'link-out-dir/secret.txt'))).toBe('NOT_FOUND');
    expect(code(() => previewArtifact(rootsA(), 'link-out.txt'))).toBe('NOT_FOUND');
    expect(code(() => previewArtifact(rootsA(), 'link-broken'))).toBe('NOT_FOUND');
    expect(previewArtifact(rootsA(), 'link-inside.md')).toMatchObject({ kind: 'text', text: '# Notes\nhello' });
  });

  it('answers clearly for missing paths and files listed as folders', () => {
    expect(code(() => listArtifacts(rootsA(), 'nope'))).toBe('NOT_FOUND');
    expect(code(() => listArtifacts(rootsA(), 'data.csv'))).toBe('BAD_REQUEST');
    expect(code(() => previewArtifact(rootsA(), 'plots'))).toBe('BAD_REQUEST');
    expect(code(() => previewArtifact(rootsA(), 'models'))).toBe('BAD_REQUEST');
    expect(code(() => previewArtifact(rootsA(), ''))).toBe('BAD_REQUEST');
  });
});

describe('previewArtifact', () => {
  const preview = (path: string) => previewArtifact(rootsA(), path);

  it('inlines images as data URLs up to 10 MB', () => {
    expect(preview('plots/loss.png')).toEqual({ kind: 'image', path: 'plots/loss.png', dataUrl: `data:image/png;base64,${PNG_1X1.toString('base64')}`, size: PNG_1X1.length });
    expect(preview('plots/chart.svg')).toMatchObject({ kind: 'image', dataUrl: expect.stringMatching(/^data:image\/svg\+xml;base64,/) });
    expect(preview('big.png')).toEqual({ kind: 'too-large', path: 'big.png', size: 11 * 1024 * 1024 });
  });

  it('shows CSV/TSV as a table of the first 200 rows with quoted fields', () => {
    const table = preview('data.csv');
    if (table.kind !== 'table') throw new Error(table.kind);
    expect(table.header).toEqual(['id', 'note, with comma', 'value']);
    expect(table.rows).toHaveLength(200);
    expect(table.rows[3]).toEqual(['3', 'say "3"', '1.5']);
    expect(table.truncated).toBe(true);
    expect(preview('table.tsv')).toMatchObject({ kind: 'table', header: ['a', 'b'], rows: [['1', '2']], truncated: false });
  });

  it('pretty-prints valid JSON, keeps broken JSON as it is, and tags YAML', () => {
    expect(preview('metrics.json')).toMatchObject({ kind: 'text', language: 'json', text: '{\n  "b": 1,\n  "a": [\n    1,\n    2\n  ]\n}', truncated: false });
    expect(preview('broken.json')).toMatchObject({ kind: 'text', language: 'json', text: '{"b":1,' });
    expect(preview('config.yml')).toMatchObject({ kind: 'text', language: 'yaml', text: 'lr: 0.1\n' });
    expect(preview('MLproject')).toMatchObject({ kind: 'text', language: 'yaml' });
    expect(preview('model/conda.yaml')).toMatchObject({ kind: 'text', language: 'yaml' });
    expect(preview('model/python_env.yaml')).toMatchObject({ kind: 'text', language: 'yaml' });
  });

  it('reads the end of a long log and the start of other long text, within 256 KB', () => {
    const log = preview('train.log');
    if (log.kind !== 'text') throw new Error(log.kind);
    expect(log).toMatchObject({ language: 'log', truncated: true });
    expect(Buffer.byteLength(log.text)).toBeLessThanOrEqual(TEXT_CAP);
    expect(log.text.endsWith('line 019999 xxxxxxxxxxxxxxxxxxxx')).toBe(true);
    expect(log.text.startsWith('line ')).toBe(true);
    expect(log.text).not.toContain('line 000000');
    const md = preview('big.md');
    if (md.kind !== 'text') throw new Error(md.kind);
    expect(md.text.startsWith('FIRST LINE')).toBe(true);
    expect(md.truncated).toBe(true);
    expect(md.size).toBe(600_011);
    const huge = preview('huge.log');
    if (huge.kind !== 'text') throw new Error(huge.kind);
    expect(huge).toMatchObject({ truncated: true, size: HUGE });
    expect(Buffer.byteLength(huge.text)).toBeLessThanOrEqual(TEXT_CAP);
    expect(huge.text.endsWith('tail 09999 zzzzzzzzzzzzzzzzzzz\n')).toBe(true);
    expect(huge.text).not.toContain('\0');
  });

  it('decodes UTF-8 and recognises text without an extension', () => {
    expect(preview('utf8.txt')).toMatchObject({ kind: 'text', text: 'naïve café ✓', language: 'plain', truncated: false });
    expect(preview('README')).toMatchObject({ kind: 'text', language: 'plain' });
  });

  it('calls model files and non-text bytes binary without showing them', () => {
    expect(preview('model.pkl')).toEqual({ kind: 'binary', path: 'model.pkl', size: 38 });
    expect(preview('blob')).toEqual({ kind: 'binary', path: 'blob', size: 4 });
    expect(preview('checkpoints/step-10/weights.bin')).toMatchObject({ kind: 'binary' });
  });

  it('parses MLmodel with its input example, but never reads an example outside the root', () => {
    const model = preview('model/MLmodel');
    if (model.kind !== 'mlmodel') throw new Error(model.kind);
    expect(model.model.modelId).toBe('m-878ce342540c47b0989b9b3d996b5f67');
    expect(JSON.parse(model.model.inputExample!)).toEqual(['A sentence to encode.', 'Another sentence to encode.']);
    const sneaky = preview('sneaky/MLmodel');
    if (sneaky.kind !== 'mlmodel') throw new Error(sneaky.kind);
    expect(sneaky.model.inputExample).toBeNull();
  });
});
