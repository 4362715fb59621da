import { expect, type Page } from '@playwright/test';

/**
 * Shows `dir` in the open server-side file browser. It opens on a first folder (home, or the last
 * one); typing before that listing lands would race with it, so wait for it first.
 */
export async function goToFolder(page: Page, dir: string): Promise<void> {
  const pathInput = page.getByLabel('Folder path');
  await expect(pathInput).not.toHaveValue('');
  await pathInput.fill(dir);
  await pathInput.press('Enter');
  await expect(pathInput).toHaveValue(dir);
}
