import { appendFileSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, PROJECTS } from '../fixtures';
import { ComparePage } from '../pages/compare-page';
import { RunsPage } from '../pages/runs-page';

const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');

/** In the runs table: shows `experiment`, narrows to `search`, selects every row and presses Compare. */
async function compareRuns(app: Page, experiment: RegExp, search: string, expected: number): Promise<ComparePage> {
  const runs = new RunsPage(app);
  const option = runs.experiments.getByRole('option', { name: experiment }).first();
  await option.click();
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await runs.searchFor(search, expected);
  await expect(runs.runRows).toHaveCount(expected);
  for (let i = 0; i < expected; i++) await runs.runRows.nth(i).getByRole('checkbox').check();
  await expect(runs.compareButton).toBeEnabled();
  await runs.compareButton.click();
  await expect(app).toHaveURL(/#\/compare\/\d+(,\d+)+$/);
  const compare = new ComparePage(app);
  await expect(compare.heading).toBeVisible();
  return compare;
}

/** The folder of the run named `runName` in a file store (`mlruns/<experiment>/<run>`). */
function runFolder(store: string, runName: string): string {
  for (const experiment of readdirSync(store)) {
    const dir = join(store, experiment);
    if (!/^\d+$/.test(experiment)) continue;
    for (const run of readdirSync(dir)) {
      const nameFile = join(dir, run, 'tags', 'mlflow.runName');
      if (existsSync(nameFile) && readFileSync(nameFile, 'utf8') === runName) return join(dir, run);
    }
  }
  throw new Error(`no run named ${runName} in ${store}`);
}

test.describe('compare (demo file store)', () => {
  // The file store alone, so the test can append to a metric file the way MLflow does.
  test.use({ project: join(PROJECTS.demo, 'mlruns') });

  test('comparing runs draws one line per run and lays params, metrics and tags side by side', async ({ app }) => {
    const compare = await compareRuns(app, /^iris-classification/, 'rf-d8', 3);
    for (const key of ['accuracy', 'loss', 'f1_macro']) await compare.expectTraces(key, 3);
    await expect(compare.densityNote).toHaveText(/^Showing all \d+ points per run$/);

    expect((await compare.columnRuns()).sort()).toEqual(['rf-d8-n100', 'rf-d8-n200', 'rf-d8-n50']);
    await expect(compare.row('n_estimators')).toBeVisible();
    await expect(compare.row('max_depth')).toBeVisible();
    await compare.differencesOnly.check();
    await expect(compare.row('n_estimators')).toBeVisible();
    await expect(compare.row('max_depth')).toBeHidden();

    // Smoothing and log scale redraw the same runs.
    await compare.logScale.check();
    await compare.setXAxis('Relative time');
    await compare.expectTraces('loss', 3);
    await compare.smoothing.fill('0.8');
    // Smoothed: each run keeps a faint raw line under its smoothed one.
    await compare.expectTraces('loss', 6);
  });

  test('appending to a metric file grows the chart without losing the zoom', async ({ app, served }) => {
    const compare = await compareRuns(app, /^iris-classification/, 'rf-d8', 3);
    await compare.expectTraces('accuracy', 3);
    const before = await compare.points('accuracy');

    // Zoom into the chart by dragging across its plot area.
    const plot = compare.chart('accuracy').locator('.nsewdrag').first();
    const box = (await plot.boundingBox())!;
    await app.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
    await app.mouse.down();
    await app.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.7, { steps: 5 });
    await app.mouse.up();
    const zoomedRange = () => compare.chart('accuracy').locator('.js-plotly-plot').evaluate((el) => (el as unknown as { layout: { xaxis: { range?: number[] } } }).layout.xaxis.range?.map((x) => Math.round(x * 1000) / 1000));
    await expect.poll(zoomedRange).toBeDefined();
    const range = await zoomedRange();

    const metric = join(runFolder(join(served.folder), 'rf-d8-n200'), 'metrics', 'accuracy');
    const now = Date.now();
    appendFileSync(metric, `${now} 0.91 50\n${now + 1} 0.915 51\n${now + 2} 0.92 52\n`);
    await expect.poll(() => compare.points('accuracy'), { timeout: 20_000 }).toBe(before + 3);
    await compare.expectTraces('accuracy', 3);
    expect(await zoomedRange()).toEqual(range);
  });

  test('a chart saves as PNG and SVG', async ({ app }) => {
    const compare = await compareRuns(app, /^iris-classification/, 'rf-d8', 3);
    await compare.expectTraces('loss', 3);
    for (const format of ['PNG', 'SVG'] as const) {
      await compare.chart('loss').hover();
      const download = app.waitForEvent('download');
      await app.getByRole('button', { name: `Save loss as ${format}` }).click();
      expect((await download).suggestedFilename()).toBe(`loss.${format.toLowerCase()}`);
    }
  });

  test('the density setting says how many points are drawn', async ({ app }) => {
    const compare = await compareRuns(app, /^iris-classification/, 'rf-d8', 3);
    await compare.density.selectOption({ label: '500 points' });
    await expect(compare.densityNote).toHaveText(/^Showing all \d+ points per run$/);
    await compare.density.selectOption({ label: 'All points' });
    await compare.expectTraces('accuracy', 3);
  });
});

test.describe('README screenshot (demo project)', () => {
  test.use({ project: PROJECTS.demo });

  test('the compare view', async ({ app }) => {
    await app.emulateMedia({ colorScheme: 'light' });
    const compare = await compareRuns(app, /^iris-classification/, 'rf-', 9);
    for (const key of ['accuracy', 'loss']) await compare.expectTraces(key, 9);
    await app.mouse.move(0, 0);
    await app.screenshot({ path: join(SCREENSHOTS, 'compare.png') });
  });
});
