import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { sine, writeWav } from '../fixtures/audio-fixtures';
import { callApi } from './host';
import { hostPerFile } from './host-per-file';

// Issue 4, item 4 through the browser host: draw a time-frequency box with the mouse and find it stored
// with the time and frequency under the pointer (within one pixel), move it, then delete it by keyboard.
const host = hostPerFile();

interface Stored {
  id: number;
  start_s: number;
  end_s: number;
  low_hz: number | null;
  high_hz: number | null;
  label_id: number | null;
  source: string;
}

const api = <T>(page: Page, name: string, data: unknown = {}) => callApi<T>(page, host, name, data);

test('a box drawn with the mouse is stored with the bounds under the pointer; it moves, relabels, deletes by keyboard and undoes', async ({ page }) => {
  const data = join(host.dir, 'audio');
  writeWav(join(data, 'tones.wav'), { sampleRate: 16000, samples: [sine(2000, 20, 16000, 0.4)] });
  await page.goto(host.url);
  await api(page, 'project.create', { path: join(host.dir, 'boxes.earmark') });
  await api(page, 'recordings.import', { paths: [data] });
  const label = await api<{ id: number }>(page, 'labels.create', { name: 'whistle', color: '#ff8800' });
  const [recording] = await api<{ id: number }[]>(page, 'recordings.list', {});
  await page.reload();
  await page.getByTestId('recording-row').first().click();

  // A narrower frequency range than the full band, so the mapping is checked against it.
  await page.getByTestId('min-hz').fill('500');
  await page.getByTestId('min-hz').press('Enter');
  await page.getByTestId('max-hz').fill('6000');
  await page.getByTestId('max-hz').press('Enter');
  await expect(page.getByTestId('annotation-label')).toHaveValue(String(label.id));

  const canvas = page.getByTestId('spectrogram-canvas');
  await expect.poll(async () => Number(await canvas.getAttribute('data-view-end')), { timeout: 20_000 }).toBeGreaterThan(0);
  const minHz = Number(await page.getByTestId('min-hz').inputValue());
  const maxHz = Number(await page.getByTestId('max-hz').inputValue());
  expect([minHz, maxHz]).toEqual([500, 6000]);
  const start = Number(await canvas.getAttribute('data-view-start'));
  const end = Number(await canvas.getAttribute('data-view-end'));
  const box = (await canvas.boundingBox())!;
  const pxPerSec = box.width / (end - start);
  const secPerPx = 1 / pxPerSec;
  const hzPerPx = (maxHz - minHz) / box.height;

  // Keys typed into a field stay there: leave the frequency field before using the view's keys.
  await page.getByTestId('max-hz').blur();
  await page.keyboard.press('b');
  await expect(page.getByTestId('draw-box')).toHaveAttribute('aria-pressed', 'true');
  const [x0, y0, x1, y1] = [box.width * 0.25, box.height * 0.3, box.width * 0.55, box.height * 0.7].map(Math.round);
  await page.mouse.move(box.x + x0, box.y + y0);
  await page.mouse.down();
  await page.mouse.move(box.x + (x0 + x1) / 2, box.y + (y0 + y1) / 2, { steps: 4 });
  await page.mouse.move(box.x + x1, box.y + y1, { steps: 4 });
  await page.mouse.up();

  const human = async () => (await api<Stored[]>(page, 'annotations.list', { recording_id: recording.id })).filter((a) => a.source === 'human');
  await expect.poll(async () => (await human()).length).toBe(1);
  const [a] = await human();
  expect(a.label_id).toBe(label.id);
  expect(Math.abs(a.start_s - (start + x0 / pxPerSec))).toBeLessThanOrEqual(secPerPx);
  expect(Math.abs(a.end_s - (start + x1 / pxPerSec))).toBeLessThanOrEqual(secPerPx);
  expect(Math.abs(a.high_hz! - (maxHz - (y0 / box.height) * (maxHz - minHz)))).toBeLessThanOrEqual(hzPerPx);
  expect(Math.abs(a.low_hz! - (maxHz - (y1 / box.height) * (maxHz - minHz)))).toBeLessThanOrEqual(hzPerPx);
  const drawn = page.getByTestId('annotation-box');
  await expect(drawn).toHaveCount(1);
  await expect(drawn).toHaveAttribute('data-id', String(a.id));

  // Leave draw mode; dragging the body moves the box by the pixels dragged, in time and frequency.
  await page.keyboard.press('b');
  await expect(page.getByTestId('draw-box')).toHaveAttribute('aria-pressed', 'false');
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  await page.mouse.move(box.x + cx, box.y + cy);
  await page.mouse.down();
  await page.mouse.move(box.x + cx + 30, box.y + cy - 20, { steps: 3 });
  await page.mouse.move(box.x + cx + 60, box.y + cy - 40, { steps: 3 });
  await page.mouse.up();
  await expect.poll(async () => (await human())[0].start_s).toBeGreaterThan(a.start_s);
  const [moved] = await human();
  expect(Math.abs(moved.start_s - a.start_s - 60 / pxPerSec)).toBeLessThanOrEqual(secPerPx);
  expect(Math.abs(moved.end_s - moved.start_s - (a.end_s - a.start_s))).toBeLessThanOrEqual(1e-6);
  expect(Math.abs(moved.low_hz! - a.low_hz! - 40 * hzPerPx)).toBeLessThanOrEqual(hzPerPx);
  await expect(drawn).toHaveAttribute('data-selected', 'true');

  // The selected box has corner handles: dragging the bottom-right one resizes in time and frequency at once.
  const handle = (await drawn.locator('[data-corner="bottom-right"]').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + handle.width / 2 + 20, handle.y + handle.height / 2 + 15, { steps: 3 });
  await page.mouse.move(handle.x + handle.width / 2 + 40, handle.y + handle.height / 2 + 30, { steps: 3 });
  await page.mouse.up();
  await expect.poll(async () => (await human())[0].end_s).toBeGreaterThan(moved.end_s);
  const [resized] = await human();
  expect(Math.abs(resized.end_s - moved.end_s - 40 / pxPerSec)).toBeLessThanOrEqual(secPerPx);
  expect(Math.abs(moved.low_hz! - resized.low_hz! - 30 * hzPerPx)).toBeLessThanOrEqual(hzPerPx);
  expect(resized.start_s).toBeCloseTo(moved.start_s, 6);
  expect(resized.high_hz).toBeCloseTo(moved.high_hz!, 3);

  // Relabel and add a note from the selected box's editor.
  const other = await api<{ id: number }>(page, 'labels.create', { name: 'chirp', color: '#22aaff' });
  await page.getByTestId('back').click();
  await page.getByTestId('recording-row').first().click();
  await expect(drawn).toHaveCount(1);
  const center = async () => {
    const b = (await drawn.locator('rect').boundingBox())!;
    return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
  };
  const c = await center();
  await page.mouse.click(c.x, c.y);
  await expect(drawn).toHaveAttribute('data-selected', 'true');
  await page.getByTestId('annotation-edit-label').selectOption(String(other.id));
  await expect.poll(async () => (await human())[0].label_id).toBe(other.id);
  await page.getByTestId('annotation-note').fill('two notes, faint');
  await page.getByTestId('annotation-note').press('Enter');
  await expect.poll(async () => (await human())[0] as Stored & { note: string | null }).toMatchObject({ note: 'two notes, faint' });
  await page.getByTestId('annotation-note').blur();

  // Delete by keyboard: the store no longer has it, and neither does the view; Ctrl+Z brings it back.
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await human()).length).toBe(0);
  await expect(drawn).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await human()).length).toBe(1);
  await expect(drawn).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await human()).length).toBe(0);
  await expect(drawn).toHaveCount(0);

  // Region mode draws a full-height time region: no frequency bounds.
  await page.getByTestId('draw-region').click();
  await page.mouse.move(box.x + 100, box.y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + 160, box.y + 60, { steps: 3 });
  await page.mouse.move(box.x + 220, box.y + 80, { steps: 3 });
  await page.mouse.up();
  await expect.poll(async () => (await human()).length).toBe(1);
  const [region] = await human();
  expect(region.low_hz).toBeNull();
  expect(region.high_hz).toBeNull();
  expect(Math.abs(region.start_s - (start + 100 / pxPerSec))).toBeLessThanOrEqual(secPerPx);
  expect(Math.abs(region.end_s - (start + 220 / pxPerSec))).toBeLessThanOrEqual(secPerPx);
});
