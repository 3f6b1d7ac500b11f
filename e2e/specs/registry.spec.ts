import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect, PROJECTS } from '../fixtures';

/**
 * The model registry in the browser against `rundesk serve` on a copy of Medusix__OCRProject7
 * (Credit_Score: 41 versions, v41 in Staging, v37 in Production). Every change is checked on disk,
 * in the files MLflow reads.
 */
class RegistryPages {
  readonly models: Locator;
  readonly history: Locator;
  constructor(readonly page: Page) {
    this.models = page.getByRole('table', { name: 'Registered models' });
    this.history = page.getByRole('list', { name: 'History' });
  }
  async openModel(name: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
    await this.models.getByRole('link', { name, exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1, name })).toBeVisible();
  }
  stage(version: number): Locator {
    return this.page.getByRole('combobox', { name: `Stage of version ${version}`, exact: true });
  }
  dialog(version: number, stage: string): Locator {
    return this.page.getByRole('dialog', { name: `Move version ${version} to ${stage}?` });
  }
}

const modelDir = (folder: string) => join(folder, 'mlruns', 'models', 'Credit_Score');
const stageOnDisk = (folder: string, version: number) => /^current_stage: (.*)$/m.exec(readFileSync(join(modelDir(folder), `version-${version}`, 'meta.yaml'), 'utf8'))?.[1];
const aliasOnDisk = (folder: string, alias: string) => {
  const path = join(modelDir(folder), 'aliases', alias);
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
};

test.describe('model registry: Medusix__OCRProject7', () => {
  test.use({ project: PROJECTS.fixture('Medusix__OCRProject7') });

  test('lists the registered models with their latest versions', async ({ app }) => {
    const registry = new RegistryPages(app);
    await app.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Models' }).click();
    await expect(registry.models.getByRole('row')).toHaveCount(6); // header + 5 models
    const credit = registry.models.getByRole('row').filter({ hasText: 'Credit_Score' });
    await expect(credit).toContainText('41');
    await expect(credit).toContainText('Production');
  });

  test('changes a stage with confirmation, sets an alias, and undoes both; each shows on disk', async ({ app, served }) => {
    const registry = new RegistryPages(app);
    await registry.openModel('Credit_Score');
    await expect(registry.stage(37)).toHaveValue('Production');

    // Production asks first, naming the version and offering to archive the one there now (checked, as in MLflow's UI).
    await registry.stage(40).selectOption('Production');
    const dialog = registry.dialog(40, 'Production');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('checkbox', { name: 'Archive the versions now in Production' })).toBeChecked();
    await expect(dialog).toContainText('Version 37 will move to Archived');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await expect(dialog).toBeHidden();
    await expect(registry.stage(40)).toHaveValue('Production');
    await expect(registry.stage(37)).toHaveValue('Archived');
    expect(stageOnDisk(served.folder, 40)).toBe('Production');
    expect(stageOnDisk(served.folder, 37)).toBe('Archived');

    // Cancel leaves everything as it was.
    await registry.stage(41).selectOption('Archived');
    await registry.dialog(41, 'Archived').getByRole('button', { name: 'Cancel' }).click();
    await expect(registry.stage(41)).toHaveValue('Staging');
    expect(stageOnDisk(served.folder, 41)).toBe('Staging');

    await app.getByRole('textbox', { name: 'Alias', exact: true }).fill('champion');
    await app.getByRole('combobox', { name: 'Version', exact: true }).selectOption('40');
    await app.getByRole('button', { name: 'Set alias' }).click();
    await expect(app.getByRole('list', { name: 'Aliases' })).toContainText('@champion');
    expect(aliasOnDisk(served.folder, 'champion')).toBe('40');

    await expect(registry.history.getByRole('listitem')).toHaveCount(2);
    // Newest first: undo the alias, then the stage change.
    await registry.history.getByRole('listitem').first().getByRole('button', { name: 'Undo' }).click();
    await expect(registry.history.getByRole('listitem').first()).toContainText('undone');
    await expect(app.getByRole('list', { name: 'Aliases' })).not.toContainText('@champion');
    expect(aliasOnDisk(served.folder, 'champion')).toBeNull();

    await registry.history.getByRole('listitem').nth(1).getByRole('button', { name: 'Undo' }).click();
    await expect(registry.stage(37)).toHaveValue('Production');
    await expect(registry.stage(40)).toHaveValue('None');
    expect(stageOnDisk(served.folder, 40)).toBe('None');
    expect(stageOnDisk(served.folder, 37)).toBe('Production');
  });

  test('a version page shows its source run, links to the run page, and edits tags', async ({ app, served }) => {
    const registry = new RegistryPages(app);
    await registry.openModel('Credit_Score');
    await app.getByRole('link', { name: 'Version 41', exact: true }).click();
    await expect(app.getByRole('heading', { level: 1 })).toContainText('version 41');
    await app.getByRole('textbox', { name: 'Tag key' }).fill('reviewed_by');
    await app.getByRole('textbox', { name: 'Tag value' }).fill('e2e');
    await app.getByRole('button', { name: 'Set tag' }).click();
    await expect(app.getByRole('table', { name: 'Tags of version 41' })).toContainText('reviewed_by');
    expect(readFileSync(join(modelDir(served.folder), 'version-41', 'tags', 'reviewed_by'), 'utf8')).toBe('e2e');
  });
});
