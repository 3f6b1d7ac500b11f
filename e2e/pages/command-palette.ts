import { expect, type Locator, type Page } from '@playwright/test';

/** The Ctrl/Cmd+K palette. */
export class CommandPalette {
  readonly dialog: Locator;
  readonly input: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Command palette' });
    this.input = this.dialog.getByRole('combobox');
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+k');
    await expect(this.input).toBeFocused();
  }

  option(name: string | RegExp): Locator {
    return this.dialog.getByRole('option', { name });
  }

  /** Types, waits for the option and chooses it with the keyboard. */
  async choose(query: string, option: string | RegExp): Promise<void> {
    await this.input.fill(query);
    const target = this.option(option).first();
    await expect(target).toBeVisible();
    while ((await target.getAttribute('aria-selected')) !== 'true') await this.input.press('ArrowDown');
    await this.input.press('Enter');
    await expect(this.dialog).toBeHidden();
  }
}
