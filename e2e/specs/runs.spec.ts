import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, PROJECTS } from '../fixtures';
import { CommandPalette } from '../pages/command-palette';
import { RunsPage } from '../pages/runs-page';

const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');

/** Numbers of a metric column as shown (blank cells dropped): to check the index's order. */
function numbers(cells: string[]): number[] {
  return cells.filter((c) => c !== '').map((c) => (c === '∞' ? Infinity : c === '-∞' ? -Infinity : Number(c)));
}

test.describe('runs workspace: JaredTambala__ml-xp (nested runs, a NaN metric)', () => {
  test.use({ project: PROJECTS.fixture('JaredTambala__ml-xp') });

  test('opening the project shows its experiments and runs, children nested under their parents', async ({ app }) => {
    const runs = new RunsPage(app);
    await expect(app.getByRole('banner')).toContainText('JaredTambala__ml-xp');
    await expect(runs.experiment(/wine-quality/)).toHaveAttribute('aria-selected', 'true');
    await expect(runs.experiment(/^Default/)).toBeVisible();
    await runs.expectCount(27);
    // 3 parents (hyperopt sweeps) of 8 runs each: the children wait behind an expander.
    await expect(runs.runRows).toHaveCount(3);
    await expect(runs.grid).toHaveAttribute('aria-rowcount', '3');
    await runs.rowAt(0).getByRole('button', { name: 'Expand 8 child runs' }).click();
    await expect(runs.runRows).toHaveCount(11);
    await expect(runs.grid).toHaveAttribute('aria-rowcount', '11');
    await expect(runs.grid.getByRole('gridcell', { name: 'NaN', exact: true })).toHaveCount(1);
  });

  test('searching narrows the runs and the count follows; a broken filter shows where it breaks', async ({ app }) => {
    const runs = new RunsPage(app);
    await runs.expectCount(27);
    await runs.searchFor('metrics.eval_rmse < 0.73', 2);
    await expect(runs.runRows).toHaveCount(2);
    await runs.searchFor('burly-fox', 1);
    await expect(runs.row('burly-fox-185')).toBeVisible();

    await runs.searchFor('metrics.eval_rmse <<< 0.73');
    await expect(runs.filterError).toBeVisible();
    await expect(runs.filterError.locator('mark')).toHaveText('<');
    await expect(runs.search).toHaveAttribute('aria-invalid', 'true');
    // The last good result stays on screen while the filter is wrong.
    await runs.expectCount(1);

    await runs.searchFor('', 27);
    await expect(runs.filterError).toBeHidden();
  });

  test('suggestions complete keys from the keyboard', async ({ app }) => {
    const runs = new RunsPage(app);
    await runs.search.click();
    await runs.search.pressSequentially('metrics.eval');
    const option = app.getByRole('listbox', { name: 'Suggestions' }).getByRole('option').first();
    await expect(option).toContainText('eval_rmse');
    await runs.search.press('ArrowDown');
    await runs.search.press('Tab');
    await expect(runs.search).toHaveValue(/^metrics\.`?eval_rmse`?/);
  });

  test('select runs with the mouse and keyboard, then compare them', async ({ app }) => {
    const runs = new RunsPage(app);
    await expect(runs.runRows).toHaveCount(3);
    await expect(runs.compareButton).toBeDisabled();
    await runs.selectableCell(0).click();
    await runs.selectableCell(2).click({ modifiers: ['ControlOrMeta'] });
    await expect(runs.rowAt(0)).toHaveAttribute('aria-selected', 'true');
    await expect(runs.rowAt(1)).toHaveAttribute('aria-selected', 'false');
    await expect(app.getByText('2 runs selected')).toBeVisible();

    // Space toggles the focused row; Shift+click selects a range.
    await runs.grid.press('ArrowUp');
    await runs.grid.press(' ');
    await expect(app.getByText('3 runs selected')).toBeVisible();
    await runs.selectableCell(0).click();
    await runs.selectableCell(2).click({ modifiers: ['Shift'] });
    await expect(app.getByText('3 runs selected')).toBeVisible();

    await expect(runs.compareButton).toBeEnabled();
    await runs.compareButton.click();
    await expect(app).toHaveURL(/#\/compare\/\d+,\d+,\d+$/);
  });

  test('Export CSV hands the current search and selection to the export dialog', async ({ app }) => {
    const runs = new RunsPage(app);
    await runs.searchFor('metrics.eval_rmse < 0.73', 2);
    await runs.selectableCell(0).click();
    await runs.exportButton.click();
    const dialog = app.getByRole('dialog', { name: 'Export CSV' });
    await expect(dialog.getByRole('radio', { name: 'All matching runs (2)' })).toBeVisible();
    await expect(dialog.getByRole('radio', { name: 'Selected runs (1)' })).toBeChecked();
    await app.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('Enter opens the focused run; the palette jumps to a run by name', async ({ app }) => {
    const runs = new RunsPage(app);
    await expect(runs.runRows).toHaveCount(3);
    await runs.grid.focus();
    await runs.grid.press('ArrowDown');
    await runs.grid.press('Enter');
    await expect(app).toHaveURL(/#\/run\/\d+$/);

    const palette = new CommandPalette(app);
    await palette.open();
    await palette.choose('burly', /burly-fox-185/);
    const key = await app.evaluate(() => window.location.hash);
    expect(key).toMatch(/^#\/run\/\d+$/);
  });

  test('columns move and resize by dragging their headers', async ({ app }) => {
    const runs = new RunsPage(app);
    const momentum = runs.columnHeader(/^Parameter momentum/);
    const rmse = runs.columnHeader(/^Metric eval_rmse/);
    const colIndex = async (header: typeof momentum) => Number(await header.getAttribute('aria-colindex'));
    expect(await colIndex(momentum)).toBeGreaterThan(await colIndex(rmse));
    await momentum.dragTo(rmse, { targetPosition: { x: 4, y: 10 } });
    await expect.poll(async () => (await colIndex(momentum)) < (await colIndex(rmse))).toBe(true);

    const before = (await rmse.boundingBox())!;
    await app.mouse.move(before.x + before.width - 1, before.y + before.height / 2);
    await app.mouse.down();
    await app.mouse.move(before.x + before.width + 60, before.y + before.height / 2, { steps: 4 });
    await app.mouse.up();
    await expect.poll(async () => Math.round((await rmse.boundingBox())!.width)).toBeGreaterThan(Math.round(before.width) + 40);
  });

  test('hidden columns and the sort are remembered for the experiment', async ({ app }) => {
    const runs = new RunsPage(app);
    await expect(runs.columnHeader(/^Parameter momentum/)).toBeVisible();
    await runs.columnsButton.click();
    const picker = app.getByRole('dialog', { name: 'Columns' });
    await picker.getByRole('searchbox', { name: 'Find column' }).fill('momentum');
    await picker.getByRole('checkbox', { name: 'momentum' }).uncheck();
    await app.keyboard.press('Escape');
    await expect(runs.columnHeader(/^Parameter momentum/)).toHaveCount(0);
    await runs.sortBy(/^Metric eval_rmse/, 'ascending');

    await app.reload();
    await expect(app.locator('body')).toHaveAttribute('data-app-state', 'ready');
    await expect(runs.columnHeader(/^Metric eval_rmse/)).toHaveAttribute('aria-sort', 'ascending');
    await expect(runs.columnHeader(/^Parameter momentum/)).toHaveCount(0);
  });
});

test.describe('runs workspace: Medusix__OCRProject7 (125 runs, 11 deleted)', () => {
  test.use({ project: PROJECTS.fixture('Medusix__OCRProject7') });

  test('sorting by a column is done by the index, both ways', async ({ app }) => {
    const runs = new RunsPage(app);
    await runs.expectCount(114);
    await runs.sortBy(/^Metric accuracy/, 'descending');
    await expect.poll(async () => numbers(await runs.columnValues(/^Metric accuracy/)).length).toBeGreaterThan(10);
    const down = numbers(await runs.columnValues(/^Metric accuracy/));
    expect(down).toEqual([...down].sort((a, b) => b - a));

    await runs.sortBy(/^Metric accuracy/, 'ascending');
    await expect.poll(async () => numbers(await runs.columnValues(/^Metric accuracy/))[0]).toBeLessThan(down[0]!);
    const up = numbers(await runs.columnValues(/^Metric accuracy/));
    expect(up).toEqual([...up].sort((a, b) => a - b));
  });

  test('deleted runs are listed on request', async ({ app }) => {
    const runs = new RunsPage(app);
    await runs.expectCount(114);
    await app.getByRole('combobox', { name: 'Which runs' }).selectOption('deleted');
    await runs.expectCount(11);
    await app.getByRole('combobox', { name: 'Which runs' }).selectOption('all');
    await runs.expectCount(125);
  });
});

test.describe('problems: inventec-ai-center__bp-benchmark (an experiment folder without meta.yaml)', () => {
  test.use({ project: PROJECTS.fixture('inventec-ai-center__bp-benchmark') });

  test('the status bar counts unreadable files and lists them; the readable runs are all there', async ({ app }) => {
    const runs = new RunsPage(app);
    await runs.expectCount(2);
    await expect(runs.problemsButton).not.toHaveAccessibleName('0 problems');
    const table = await runs.openProblems();
    await expect(table.getByRole('row').nth(1)).toBeVisible();
    await expect(table).toContainText('meta.yaml');
    await app.keyboard.press('Escape');
    await expect(runs.problemsDialog).toBeHidden();
  });
});

test.describe('problems: a run with a corrupted meta.yaml', () => {
  // A copy of a small real store with one run's meta.yaml corrupted, made for each test.
  test.use({
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies as the first argument.
    project: async ({}, use) => {
      const root = mkdtempSync(join(tmpdir(), 'rundesk-corrupt-'));
      const folder = join(root, 'corrupted-store');
      cpSync(PROJECTS.fixture('AbinavRavi__MlFlow-intro'), folder, { recursive: true });
      writeFileSync(join(folder, 'mlruns', '1', 'f608bed0a01a4dfe96d0182c18e6093e', 'meta.yaml'), 'run_id: [unclosed\n  status: {{{\n');
      await use(folder);
      rmSync(root, { recursive: true, force: true });
    },
  });

  test('the broken run is reported and does not hide the others', async ({ app }) => {
    const runs = new RunsPage(app);
    await runs.expectCount(4);
    await expect(runs.problemsButton).toHaveAccessibleName('1 problem');
    const table = await runs.openProblems();
    await expect(table).toContainText('f608bed0a01a4dfe96d0182c18e6093e');
  });
});

test.describe('README screenshots (demo project)', () => {
  test.use({ project: PROJECTS.demo });

  for (const scheme of ['light', 'dark'] as const) {
    test(`runs workspace, ${scheme} theme`, async ({ app }) => {
      await app.emulateMedia({ colorScheme: scheme });
      const runs = new RunsPage(app);
      // The classification experiment of the file store: a grid search, a sweep with child runs, a failed run.
      await runs.experiment(/^iris-classification/).first().click();
      await runs.expectCount(19);
      await runs.grid.getByRole('button', { name: /^Expand \d+ child runs$/ }).first().click();
      await runs.selectableCell(0).click();
      await runs.selectableCell(1).click({ modifiers: ['ControlOrMeta'] });
      await app.mouse.move(0, 0);
      await app.screenshot({ path: join(SCREENSHOTS, `runs-${scheme}.png`) });
    });
  }
});
