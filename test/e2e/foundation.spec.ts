import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyMedia, writeWav } from '../fixtures/audio-fixtures';
import { goToFolder } from './file-browser';
import { hostPerFile } from './host-per-file';

// Issue 2, end to end through the browser host in Chromium: create a project, import a folder, open a
// recording, and check that waveform and spectrogram really drew, play moves the cursor, zoom works.
const host = hostPerFile((host) => {
  const data = join(host.dir, 'field');
  const rate = 22050;
  // 30 s: a rising chirp over a steady 2 kHz tone, so the spectrogram has structure to find.
  writeWav(join(data, 'SITE_A', '20240501_053000.wav'), {
    sampleRate: rate,
    samples: {
      frames: rate * 30,
      channels: 1,
      at: (i: number) => {
        const t = i / rate;
        const chirp = Math.sin(2 * Math.PI * (500 * t + (3000 / 60) * t * t));
        return 0.4 * chirp + 0.2 * Math.sin(2 * Math.PI * 2000 * t);
      },
    },
  });
  copyMedia('dog.flac', join(data, 'SITE_B', 'dog.flac'));
  writeFileSync(join(data, 'SITE_B', 'broken.wav'), 'RIFF....WAVEjunk');
});

/** Counts pixels that differ from the first one: a blank (or single-colour) canvas gives ~0. */
async function paintedPixels(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel);
    if (!root) return -1;
    const canvases: HTMLCanvasElement[] = [];
    const collect = (node: Element | ShadowRoot) => {
      node.querySelectorAll('canvas').forEach((c) => canvases.push(c));
      node.querySelectorAll('*').forEach((el) => el.shadowRoot && collect(el.shadowRoot));
    };
    if (root instanceof HTMLCanvasElement) canvases.push(root);
    collect(root);
    let painted = 0;
    for (const canvas of canvases) {
      if (!canvas.width || !canvas.height) continue;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] > 0 && (data[i] !== data[0] || data[i + 1] !== data[1] || data[i + 2] !== data[2] || data[i + 3] !== data[3])) painted++;
      }
    }
    return painted;
  }, selector);
}

test('create a project, import a folder, see and hear a recording', async ({ page }) => {
  await page.goto(host.url);

  await page.locator('#new-path').fill(join(host.dir, 'survey.earmark'));
  await page.getByTestId('create-project').click();
  await expect(page.getByTestId('project-name')).toContainText('survey');

  await page.getByTestId('import-folder').click();
  await goToFolder(page, host.dir);
  await expect(page.getByTestId('file-browser-list')).toContainText('field');
  await page.getByLabel('Select field').check();
  await page.getByTestId('file-browser-confirm').click();

  await expect(page.getByTestId('import-summary')).toBeVisible();
  await expect(page.getByTestId('import-failures')).toContainText('broken.wav');
  await page.getByTestId('import-close').click();

  const rows = page.getByTestId('recording-row');
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId('recordings-table')).toContainText('SITE_A');
  await rows.filter({ hasText: '20240501_053000.wav' }).click();

  const canvas = page.getByTestId('spectrogram-canvas');
  await expect(canvas).toBeVisible();
  await expect.poll(() => paintedPixels(page, '[data-testid="spectrogram-canvas"]'), { timeout: 20_000 }).toBeGreaterThan(5_000);
  await expect.poll(() => paintedPixels(page, '[data-testid="waveform"]'), { timeout: 20_000 }).toBeGreaterThan(1_000);

  // Play advances the time and the cursor.
  const timeText = async () => (await page.getByTestId('current-time').textContent()) ?? '';
  const before = await timeText();
  await page.getByTestId('play-button').click();
  await expect.poll(timeText, { timeout: 10_000 }).not.toBe(before);
  await page.keyboard.press('Space'); // pause with the keyboard

  // Zoom in narrows the visible span (the view opens with the whole file in sight); zoom out widens it.
  const span = async () => {
    const start = Number(await canvas.getAttribute('data-view-start'));
    const end = Number(await canvas.getAttribute('data-view-end'));
    return end - start;
  };
  const wide = await span();
  expect(wide).toBeGreaterThan(25);
  await page.getByTestId('zoom-in').click();
  await page.getByTestId('zoom-in').click();
  await expect.poll(span).toBeLessThan(wide * 0.8);
  const narrow = await span();
  await page.keyboard.press('-');
  await expect.poll(span).toBeGreaterThan(narrow * 1.2);
  // Scrolling with the arrow keys moves the view start.
  const startBefore = Number(await canvas.getAttribute('data-view-start'));
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => Number(await canvas.getAttribute('data-view-start'))).toBeGreaterThan(startBefore);
});
