import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callApi } from './host';
import { goToFolder } from './file-browser';
import { hostPerFile } from './host-per-file';

// Issue 5 through the browser host: a few verdicts on the demo project, then Export -> training set:
// the plan's counts show before anything is written, the export runs with progress into a folder
// picked in the server-side browser, and the clips and manifest are on disk afterwards.
const host = hostPerFile();

interface QueueItem {
  prediction_id: number;
  recording_id: number;
}

const api = <T>(page: Page, name: string, data: object = {}) => callApi<T>(page, host, name, data);

test('export a training set: plan counts first, then clips and manifest on disk', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(host.url);
  await page.getByTestId('open-demo').click();
  await expect(page.getByTestId('project-name')).toContainText('demo', { timeout: 120_000 });

  await api(page, 'settings.set', { reviewer: 'Exporter' });
  const queue = await api<{ items: QueueItem[] }>(page, 'review.queue', { limit: 6, order: 'score_desc' });
  expect(queue.items.length).toBe(6);
  for (const [i, item] of queue.items.entries()) {
    await api(page, 'review.decide', { prediction_id: item.prediction_id, verdict: i < 4 ? 'positive' : 'negative' });
  }
  // What the dialog should count: the same plan asked directly (the demo may hold other annotations).
  const expected = await api<{ total_clips: number }>(page, 'dataset.plan', { options: { negatives: true } });
  expect(expected.total_clips).toBeGreaterThanOrEqual(6);

  await page.getByTestId('export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('export-format')).toHaveValue('dataset');
  await page.getByTestId('export-negatives').check();
  await expect(page.getByTestId('export-plan-total')).toContainText(`${expected.total_clips} clips`);
  const negativeRow = page.locator('[data-testid="export-plan-row"][data-label="negative"]');
  const negatives = (await negativeRow.locator('td.num').allTextContents()).reduce((n, t) => n + Number(t), 0);
  expect(negatives).toBe(2);

  // Nothing is written before Export: choose a folder, name the dataset.
  const parent = mkdtempSync(join(host.dir, 'out-'));
  await page.getByTestId('export-choose-folder').click();
  await goToFolder(page, parent);
  await page.getByTestId('file-browser-confirm').click();
  await expect(page.getByTestId('export-parent')).toHaveText(parent);
  await page.getByTestId('export-name').fill('birds-v1');
  expect(readdirSync(parent)).toEqual([]);

  await page.getByTestId('export-start').click();
  const out = join(parent, 'birds-v1');
  await expect(page.getByTestId('export-result')).toContainText(`${expected.total_clips} clips written`, { timeout: 60_000 });
  await expect(page.getByTestId('export-result')).toContainText(out);

  const manifest = readFileSync(join(out, 'manifest.csv'), 'utf8').trim().split('\n');
  expect(manifest).toHaveLength(expected.total_clips + 1);
  const header = manifest[0].split(',');
  const clipCol = header.indexOf('clip');
  for (const line of manifest.slice(1)) {
    const clip = line.split(',')[clipCol];
    expect(clip).toMatch(/^(train|validation|test)\/[^/]+\/.+_\d{6}\.\d{3}_.+\.wav$/);
    const bytes = readFileSync(join(out, clip));
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(bytes.length).toBeGreaterThan(44);
  }
  const json = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  expect(json.options.negatives).toBe(true);
  expect(json.totals.clips).toBe(expected.total_clips);
  expect(readdirSync(parent)).toEqual(['birds-v1']);
  expect(existsSync(join(out, 'manifest.json'))).toBe(true);

  // The same folder again is refused (not empty) and offered to be replaced.
  await page.getByTestId('export-start').click();
  await expect(page.getByTestId('export-error')).toContainText('not empty');
  await expect(page.getByTestId('export-replace')).toBeVisible();
  await page.getByTestId('export-close').click();
  await expect(dialog).toBeHidden();
});
