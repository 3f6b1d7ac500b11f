import { join } from 'node:path';
import { test, expect, PROJECTS } from '../fixtures';
import { RunDetailPage } from '../pages/run-detail-page';
import { RunsPage } from '../pages/runs-page';
import type { Page } from '@playwright/test';

const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');

/** Opens `runName` of the demo's iris experiment, in the store listed `storeIndex`-th (file or SQL). */
async function openDemoRun(app: Page, runName: string, storeIndex = 0): Promise<RunDetailPage> {
  const runs = new RunsPage(app);
  const iris = runs.experiments.getByRole('option', { name: /^iris-classification/ }).nth(storeIndex);
  await iris.click();
  await expect(iris).toHaveAttribute('aria-selected', 'true');
  await runs.row(runName).getByRole('link', { name: runName, exact: true }).click();
  await expect(app).toHaveURL(/#\/run\/\d+$/);
  const run = new RunDetailPage(app);
  await expect(run.title).toHaveText(runName);
  return run;
}

test.describe('run page (demo project)', () => {
  test.use({ project: PROJECTS.demo });

  test('opening a run shows its sections, params, metric charts and an image artifact', async ({ app }) => {
    const run = await openDemoRun(app, 'rf-d8-n200');
    for (const name of ['Parameters', 'Metrics', 'Tags', 'Datasets', 'Artifacts']) await expect(run.sectionHeading(name)).toBeVisible();
    await expect(app.getByText('iris-classification', { exact: true })).toBeVisible();

    await expect(run.param('max_depth')).toHaveText('8');
    await expect(run.param('n_estimators')).toHaveText('200');
    const filter = run.section('Parameters').getByRole('searchbox', { name: 'Filter parameters' });
    await filter.fill('crit');
    await expect(run.section('Parameters').getByRole('row')).toHaveCount(2);
    await filter.fill('');

    // One small chart per metric, named after the key; the full history of the first one beside them.
    await expect(run.metricChart('accuracy')).toBeVisible();
    await expect(run.metricChart('loss')).toBeVisible();
    await expect(run.section('Metrics').getByRole('figure', { name: 'Selected metric history' })).toHaveAttribute('data-traces', '1');

    await run.openArtifact('plots/confusion_matrix.png');
    const image = run.preview.getByRole('img', { name: 'plots/confusion_matrix.png' });
    await expect(image).toBeVisible();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  });

  test('previews text, JSON, CSV and an MLmodel with its signature', async ({ app }) => {
    const run = await openDemoRun(app, 'rf-d8-n200');

    await run.openArtifact('notes.txt');
    await expect(run.preview).toContainText('Learning rate warm-up for 3 epochs.');
    await expect(run.preview).toContainText('ünïcødé ✓ 学习');

    await run.openArtifact('metrics_summary.json');
    await expect(run.preview).toContainText('"classes": [');

    await run.openArtifact('predictions.csv');
    const table = run.preview.getByRole('table');
    await expect(table.getByRole('columnheader', { name: 'sepal_length' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'species' })).toBeVisible();

    await run.openArtifact('model/MLmodel');
    await expect(run.preview.getByRole('heading', { name: 'Flavors' })).toBeVisible();
    await expect(run.preview.getByText('python_function', { exact: true })).toBeVisible();
    const inputs = run.preview.getByRole('table', { name: 'Inputs' });
    await expect(inputs.getByRole('row')).toHaveCount(5);
    await expect(inputs.getByRole('row', { name: /petal_width double yes/ })).toBeVisible();
    await expect(run.preview.getByRole('heading', { name: 'Input example' })).toBeVisible();
  });

  test('the same run in the SQL store shows its artifacts too', async ({ app }) => {
    const run = await openDemoRun(app, 'rf-d8-n200', 1);
    await run.openArtifact('plots/confusion_matrix.png');
    await expect(run.preview.getByRole('img', { name: 'plots/confusion_matrix.png' })).toBeVisible();
  });

  test('child runs link to their parent and back', async ({ app }) => {
    const run = await openDemoRun(app, 'gbm-sweep');
    const children = app.getByRole('heading', { name: /^Child runs \(\d+\)$/ });
    await expect(children).toBeVisible();
    await app.getByRole('link', { name: 'gbm-trial-0', exact: true }).click();
    await expect(run.title).toHaveText('gbm-trial-0');
    await app.getByRole('link', { name: 'gbm-sweep', exact: true }).click();
    await expect(run.title).toHaveText('gbm-sweep');
    await app.getByRole('button', { name: 'Back to runs' }).click();
    await expect(app).toHaveURL(/#\/runs$/);
  });

  test('README screenshot: the run page', async ({ app }) => {
    await app.emulateMedia({ colorScheme: 'light' });
    const run = await openDemoRun(app, 'rf-d8-n200');
    await run.openArtifact('plots/confusion_matrix.png');
    await expect(run.section('Metrics').getByRole('figure', { name: 'Selected metric history' })).toHaveAttribute('data-traces', '1');
    // Tall enough to show the header, the metrics and the artifact browser together.
    await app.setViewportSize({ width: 1440, height: 1640 });
    await run.title.evaluate((h) => h.scrollIntoView({ block: 'end' }));
    await app.mouse.move(0, 0);
    await app.screenshot({ path: join(SCREENSHOTS, 'run-page.png') });
  });
});
