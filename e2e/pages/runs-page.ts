import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The runs workspace as a user sees it: experiments on the left, the search box, the toolbar,
 * the runs grid and the status bar. Specs call these instead of selectors.
 */
export class RunsPage {
  readonly experiments: Locator;
  readonly search: Locator;
  readonly count: Locator;
  readonly grid: Locator;
  readonly compareButton: Locator;
  readonly exportButton: Locator;
  readonly columnsButton: Locator;
  readonly filterError: Locator;
  readonly problemsButton: Locator;
  readonly problemsDialog: Locator;

  constructor(readonly page: Page) {
    this.experiments = page.getByRole('listbox', { name: 'Experiments' });
    this.search = page.getByRole('combobox', { name: 'Search runs' });
    this.count = page.getByRole('status', { name: 'Matching runs' });
    this.grid = page.getByRole('grid', { name: 'Runs' });
    this.compareButton = page.getByRole('button', { name: 'Compare', exact: true });
    this.exportButton = page.getByRole('button', { name: 'Export CSV' });
    this.columnsButton = page.getByRole('button', { name: /^Columns/ });
    this.filterError = page.locator('#runs-filter-error');
    this.problemsButton = page.getByRole('button', { name: /^\d+ problems?$/ });
    this.problemsDialog = page.getByRole('dialog', { name: 'Problems' });
  }

  experiment(name: string | RegExp): Locator {
    return this.experiments.getByRole('option', { name });
  }

  /** Rows that show a run (not the header, not loading placeholders). */
  get runRows(): Locator {
    return this.grid.locator('[role="row"][data-run-key]');
  }

  /**
   * The row shown at position `n` (0-based, top first). Rows are found by aria-rowindex: the grid
   * keeps its row elements in a stable DOM order while scrolling, which is not the visual order.
   */
  rowAt(n: number): Locator {
    return this.grid.locator(`[role="row"][data-run-key][aria-rowindex="${n + 1}"]`);
  }

  /** A cell of a shown row that is safe to click for selection (the start time: not a link or a button). */
  selectableCell(n: number): Locator {
    return this.rowAt(n).locator('.grid-cell--attr-start');
  }

  row(runName: string): Locator {
    return this.runRows.filter({ has: this.page.getByRole('link', { name: runName, exact: true }) });
  }

  columnHeader(name: string | RegExp): Locator {
    return this.grid.getByRole('columnheader', { name });
  }

  /** Selects one experiment (a plain click), or adds it to the selection. */
  async openExperiment(name: string | RegExp, options: { add?: boolean } = {}): Promise<void> {
    await this.experiment(name).click({ modifiers: options.add ? ['ControlOrMeta'] : [] });
    await expect(this.experiment(name)).toHaveAttribute('aria-selected', 'true');
  }

  /** Types a filter; resolves once the count shows `expectedCount` runs. */
  async searchFor(filter: string, expectedCount?: number): Promise<void> {
    await this.search.fill(filter);
    if (expectedCount !== undefined) await this.expectCount(expectedCount);
  }

  async expectCount(runs: number): Promise<void> {
    await expect(this.count).toHaveText(`${runs.toLocaleString('en-US')} ${runs === 1 ? 'run' : 'runs'}`);
  }

  /** Run names in display order (the rows on screen). */
  async visibleRunNames(): Promise<string[]> {
    return this.runRows.evaluateAll((rows) =>
      rows
        .map((row) => ({ index: Number(row.getAttribute('aria-rowindex')), name: row.querySelector('a')?.textContent ?? '' }))
        .sort((a, b) => a.index - b.index)
        .map((r) => r.name),
    );
  }

  /** The text of one column's cells in display order, found by the header's accessible name. */
  async columnValues(header: string | RegExp): Promise<string[]> {
    const colIndex = await this.columnHeader(header).getAttribute('aria-colindex');
    return this.runRows.evaluateAll(
      (rows, col) =>
        rows
          .map((row) => ({
            index: Number(row.getAttribute('aria-rowindex')),
            text: row.querySelector(`[role="gridcell"][aria-colindex="${col}"]`)?.textContent ?? '',
          }))
          .sort((a, b) => a.index - b.index)
          .map((r) => r.text),
      colIndex,
    );
  }

  /** Clicks a column header (sorts by it) and waits for the header to say so. */
  async sortBy(header: string | RegExp, direction: 'ascending' | 'descending'): Promise<void> {
    const cell = this.columnHeader(header);
    for (let i = 0; i < 3; i++) {
      if ((await cell.getAttribute('aria-sort')) === direction) return;
      await cell.getByRole('button').click();
    }
    await expect(cell).toHaveAttribute('aria-sort', direction);
  }

  async openProblems(): Promise<Locator> {
    await this.problemsButton.click();
    await expect(this.problemsDialog).toBeVisible();
    return this.problemsDialog.getByRole('table', { name: 'Unreadable files' });
  }
}
