import { expect, type Locator, type Page } from '@playwright/test';

/** The compare view (route `#/compare/<keys>`): history charts, the side-by-side table, plots. */
export class ComparePage {
  readonly heading: Locator;
  readonly table: Locator;
  readonly differencesOnly: Locator;
  readonly density: Locator;
  readonly densityNote: Locator;
  readonly smoothing: Locator;
  readonly logScale: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Compare runs', level: 1 });
    this.table = page.getByRole('region', { name: 'Parameters, metrics and tags' }).getByRole('table');
    this.differencesOnly = page.getByRole('checkbox', { name: 'Differences only' });
    this.density = page.getByRole('combobox', { name: 'Density' });
    this.densityNote = page.getByRole('status', { name: 'Points drawn' });
    this.smoothing = page.getByRole('slider', { name: 'Smoothing' });
    this.logScale = page.getByRole('checkbox', { name: 'Log scale' });
  }

  /** The history chart of one metric (a figure named after the metric key). */
  chart(key: string): Locator {
    return this.page.getByRole('figure', { name: key, exact: true });
  }

  xAxis(label: 'Step' | 'Wall time' | 'Relative time'): Locator {
    return this.page.getByRole('radiogroup', { name: 'X axis' }).getByRole('radio', { name: label });
  }

  /** Picks the x axis the way a user does: by clicking its segment. */
  async setXAxis(label: 'Step' | 'Wall time' | 'Relative time'): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'X axis' }).getByText(label, { exact: true }).click();
    await expect(this.xAxis(label)).toBeChecked();
  }

  /** Waits until the chart has drawn `traces` lines (it records what it drew on the figure). */
  async expectTraces(key: string, traces: number): Promise<void> {
    await expect(this.chart(key)).toHaveAttribute('data-traces', String(traces));
  }

  /** Points the chart drew, over all its lines. */
  async points(key: string): Promise<number> {
    return Number(await this.chart(key).getAttribute('data-points'));
  }

  /** Run names in the column headers of the side-by-side table, left to right. */
  async columnRuns(): Promise<string[]> {
    return (await this.table.getByRole('columnheader').allInnerTexts()).map((t) => t.trim()).filter((t) => t !== '' && t !== 'Field');
  }

  /** A row of the side-by-side table by its key (param, metric or tag name). */
  row(key: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: key, exact: true }) });
  }
}
