import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, PROJECTS } from '../fixtures';
import { RunsPage } from '../pages/runs-page';

const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');

/** The "Export CSV" dialog as a user sees it. */
class ExportDialog {
  readonly dialog: Locator;
  readonly exportButton: Locator;
  readonly result: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Export CSV' });
    this.exportButton = this.dialog.getByRole('button', { name: 'Export', exact: true });
    this.result = this.dialog.getByRole('status');
  }

  option(name: string | RegExp): Locator {
    return this.dialog.getByRole('radio', { name });
  }

  /** Presses Export and returns the text of the file the browser downloads, and its suggested name. */
  async exportAndDownload(): Promise<{ name: string; text: string }> {
    const download = this.page.waitForEvent('download');
    await this.exportButton.click();
    const file = await download;
    const path = await file.path();
    return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
  }
}

/** Data lines of a CSV whose cells hold no line breaks (enough for these fixtures). */
function lines(text: string): string[] {
  return text.split('\n').filter((line) => line !== '');
}

test.describe('export CSV: JaredTambala__ml-xp (27 runs, nested)', () => {
  test.use({ project: PROJECTS.fixture('JaredTambala__ml-xp') });

  test('exports every matching run in the pandas layout and downloads the file', async ({ app }) => {
    const runs = new RunsPage(app);
    await runs.expectCount(27);
    await runs.exportButton.click();
    const dialog = new ExportDialog(app);
    await expect(dialog.dialog).toBeVisible();
    await dialog.option('All matching runs (27)').check();
    await dialog.option('All columns').check();
    await dialog.option(/^pandas/).check();
    await dialog.dialog.screenshot({ path: join(SCREENSHOTS, 'export-dialog.png') });

    const { name, text } = await dialog.exportAndDownload();
    expect(name).toBe('runs.csv');
    const [header, ...rows] = lines(text);
    expect(header).toMatch(/^run_id,experiment_id,status,artifact_uri,start_time,end_time,metrics\.eval_rmse,/);
    expect(header).toContain('tags.mlflow.parentRunId');
    // The mlflow.log-model.history tag holds quoted JSON without line breaks: one line per run.
    expect(rows).toHaveLength(27);
    expect(rows.every((row) => /^[0-9a-f]{32},423656557908454039,FINISHED,/.test(row))).toBe(true);
    await expect(dialog.result).toHaveText(/Downloading 27 runs/);
  });

  test('exports the runs a search matches, in the MLflow UI layout', async ({ app }) => {
    const runs = new RunsPage(app);
    await runs.searchFor('metrics.eval_rmse < 0.73', 2);
    await runs.exportButton.click();
    const dialog = new ExportDialog(app);
    await dialog.option('All matching runs (2)').check();
    await dialog.option('Visible columns').check();
    await dialog.option('MLflow UI').check();

    const { text } = await dialog.exportAndDownload();
    const [header, ...rows] = lines(text);
    expect(header).toMatch(/^"Start Time","Duration","Run ID","Name","Source Type","Source Name","User","Status"/);
    expect(header).not.toContain('mlflow.');
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/^"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d","[\d.]+(ms|s|min|h|d)","[0-9a-f]{32}",".+","LOCAL",/);
  });

  test('exports only the selected runs', async ({ app }) => {
    const runs = new RunsPage(app);
    await runs.expectCount(27);
    await runs.runRows.nth(0).getByRole('checkbox').check();
    await runs.runRows.nth(1).getByRole('checkbox').check();
    await runs.exportButton.click();
    const dialog = new ExportDialog(app);
    await expect(dialog.option('Selected runs (2)')).toBeChecked();
    await dialog.option(/^pandas/).check();

    const { text } = await dialog.exportAndDownload();
    expect(lines(text)).toHaveLength(3);
    await dialog.dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(dialog.dialog).toBeHidden();
  });

  test('exports the metric history, one row per point', async ({ app }) => {
    const runs = new RunsPage(app);
    await runs.expectCount(27);
    await runs.exportButton.click();
    const dialog = new ExportDialog(app);
    await dialog.option('All matching runs (27)').check();
    await dialog.option('Metric history').check();
    await dialog.option('All metrics').check();

    const { name, text } = await dialog.exportAndDownload();
    expect(name).toBe('metric-history.csv');
    const [header, ...rows] = lines(text);
    expect(header).toBe('run_id,run_name,metric,step,timestamp,value');
    // One eval_rmse point per run (MANIFEST: 27 metric points), one of them NaN.
    expect(rows).toHaveLength(27);
    expect(rows.filter((row) => row.endsWith(',nan'))).toHaveLength(1);
  });
});
