import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { sine, writeWav } from '../fixtures/audio-fixtures';
import { hostPerFile } from './host-per-file';

// Issue 3 through the browser host: a new user opens the demo project (built on first open, already
// analysed) and sees predictions on a recording; then runs a model from the Analyse dialog on their
// own project and watches it finish.
const host = hostPerFile();

test('the demo project opens with predictions to review, drawn over the spectrogram and listed', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('open-demo').click();
  await expect(page.getByTestId('project-name')).toContainText('demo', { timeout: 60_000 });
  await expect(page.getByTestId('recording-row')).toHaveCount(4);

  await page.getByTestId('recording-row').filter({ hasText: 'MEADOW' }).click();
  const items = page.getByTestId('prediction-item');
  await expect(items.first()).toBeVisible({ timeout: 20_000 });
  expect(await items.count()).toBeGreaterThan(10);
  await expect(page.getByTestId('prediction-legend')).toContainText('bird');
  // The overlay really drew boxes over the spectrogram.
  await expect.poll(async () => Number(await page.getByTestId('prediction-overlay').getAttribute('data-drawn'))).toBeGreaterThan(0);

  // Jump to a late prediction: the view scrolls so that it is visible.
  const last = items.last();
  const text = (await last.textContent()) ?? '';
  await last.click();
  const canvas = page.getByTestId('spectrogram-canvas');
  await expect
    .poll(async () => Number(await canvas.getAttribute('data-view-end')))
    .toBeGreaterThan(40);
  expect(text.length).toBeGreaterThan(0);
});

test('a model run started from the Analyse dialog reports progress and its predictions appear', async ({ page }) => {
  const data = join(host.dir, 'own');
  writeWav(join(data, 'tones.wav'), { sampleRate: 16000, samples: [sine(700, 30, 16000, 0.4)] });
  await page.goto(host.url);
  const response = await page.request.post(`${host.origin}/api/project.create`, {
    data: { path: join(host.dir, 'own.earmark') },
    headers: { 'x-earmark-token': host.token },
  });
  expect((await response.json()).ok).toBe(true);
  await page.request.post(`${host.origin}/api/recordings.import`, { data: { paths: [data] }, headers: { 'x-earmark-token': host.token } });
  await page.reload();
  await expect(page.getByTestId('recording-row')).toHaveCount(1);

  await page.getByTestId('analyse').click();
  const dialog = page.getByTestId('analyse-dialog');
  await expect(dialog).toBeVisible();
  await page.getByTestId('model-select').selectOption('earmark-demo');
  await page.getByTestId('run-start').click();

  const runs = async () =>
    (await (await page.request.post(`${host.origin}/api/runs.list`, { data: {}, headers: { 'x-earmark-token': host.token } })).json()).value as {
      status: string;
      files_done: number;
    }[];
  await expect.poll(async () => (await runs()).at(-1)?.status, { timeout: 60_000 }).toBe('done');
  expect((await runs()).at(-1)?.files_done).toBe(1);
  await expect(page.getByTestId('runs-panel')).toBeVisible();
});
