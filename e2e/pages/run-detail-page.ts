import { expect, type Locator, type Page } from '@playwright/test';

/** The run page (route `#/run/<key>`) as a user sees it: header, sections, artifact browser. */
export class RunDetailPage {
  readonly title: Locator;
  readonly artifactTree: Locator;
  readonly preview: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByRole('heading', { level: 1 });
    this.artifactTree = page.getByRole('tree', { name: 'Artifacts' });
    this.preview = page.getByRole('region', { name: /^Preview of / });
  }

  /** A section by its heading ("Parameters", "Metrics", "Tags", "Datasets", "Artifacts"). */
  section(name: string): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  sectionHeading(name: string): Locator {
    return this.page.getByRole('heading', { name, exact: true, level: 2 });
  }

  /** The value cell of a parameter row. */
  param(name: string): Locator {
    return this.section('Parameters').getByRole('row', { name: new RegExp(`^${escapeRegExp(name)}\\b`) }).getByRole('cell');
  }

  /** The small history chart of a metric (a figure named after the metric key). */
  metricChart(key: string): Locator {
    return this.section('Metrics').getByRole('figure', { name: key, exact: true });
  }

  treeItem(name: string): Locator {
    return this.artifactTree.getByRole('treeitem', { name, exact: true });
  }

  /** Unfolds the folders along `path` and selects the file; resolves once its preview is shown. */
  async openArtifact(path: string): Promise<void> {
    const parts = path.split('/');
    for (const folder of parts.slice(0, -1)) {
      const item = this.treeItem(folder);
      if ((await item.getAttribute('aria-expanded')) !== 'true') await item.click();
      await expect(item).toHaveAttribute('aria-expanded', 'true');
    }
    await this.treeItem(parts.at(-1)!).click();
    await expect(this.page.getByRole('region', { name: `Preview of ${path}` })).toBeVisible();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
