import { expect, test, type Page } from '@playwright/test';
import { callApi } from './host';
import { hostPerFile } from './host-per-file';

// Issue 4 through the browser host, keyboard only: open the demo project, review one label, judge 20
// detections (yes, no, relabel by digit, uncertain), undo two, reload; the store then holds exactly
// the 18 verdicts left, each with the reviewer's name, and the undone two have history but no verdict.
const host = hostPerFile();

interface Annotation {
  status: string | null;
  label_id: number | null;
  reviewer: string | null;
  prediction_id: number | null;
}

const api = <T>(page: Page, name: string, data: object = {}) => callApi<T>(page, host, name, data);

async function currentId(page: Page): Promise<number> {
  return Number(await page.getByTestId('review-clip').getAttribute('data-prediction'));
}

test('judging 20 detections with the keyboard, undoing two, leaves exactly 18 verdicts by the reviewer', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(host.url);
  await page.getByTestId('open-demo').click();
  await expect(page.getByTestId('project-name')).toContainText('demo', { timeout: 90_000 });

  await page.getByTestId('review').click();
  await expect(page.getByTestId('review-view')).toBeVisible();
  const name = page.getByTestId('reviewer-name');
  await expect(name).not.toHaveValue('');
  await name.fill('Tess Tester');
  await name.press('Enter');
  await expect.poll(async () => (await api<{ reviewer: string }>(page, 'settings.get')).reviewer).toBe('Tess Tester');

  // The label with the most detections, and a digit that relabels to another label.
  const labels = await api<Array<{ id: number; name: string; usage: number }>>(page, 'labels.list');
  const label = labels.slice().sort((a, b) => b.usage - a.usage)[0];
  const other = labels.findIndex((l) => l.id !== label.id);
  expect(other).toBeGreaterThanOrEqual(0);
  expect(other).toBeLessThan(9);
  const digit = String(other + 1);
  await page.getByTestId('filter-label').selectOption(String(label.id));
  await expect(page.getByTestId('review-label')).toHaveText(label.name);
  await expect(page.getByTestId('review-position')).toHaveText(/^1 \/ \d+$/);
  const total = Number((await page.getByTestId('review-position').textContent())!.split('/')[1]);
  expect(total).toBeGreaterThanOrEqual(20);

  // The clip is zoomed to the detection with 2 s of context either side.
  const clip = page.getByTestId('review-clip');
  const canvas = page.getByTestId('spectrogram-canvas');
  const clipStart = Number(await clip.getAttribute('data-clip-start'));
  const clipEnd = Number(await clip.getAttribute('data-clip-end'));
  await expect.poll(async () => Math.abs(Number(await canvas.getAttribute('data-view-start')) - clipStart)).toBeLessThan(0.1);
  await expect.poll(async () => Math.abs(Number(await canvas.getAttribute('data-view-end')) - clipEnd)).toBeLessThan(0.2);
  await expect(page.getByTestId('detection-highlight')).toBeVisible();

  const keys = ['y', 'n', digit, 'u'];
  const expected = new Map<number, { status: string; label_id: number }>();
  const order: number[] = [];
  for (let i = 0; i < 20; i++) {
    const id = await currentId(page);
    expect(order).not.toContain(id);
    const key = keys[i % keys.length];
    await page.keyboard.press(key);
    await expect.poll(() => currentId(page)).not.toBe(id);
    await expect(page.getByTestId('review-position')).toHaveText(new RegExp(`^${i + 2} / `));
    // Each new clip, in the same recording or another, is fitted to the view.
    const start = Number(await clip.getAttribute('data-clip-start'));
    await expect.poll(async () => Math.abs(Number(await canvas.getAttribute('data-view-start')) - start)).toBeLessThan(0.1);
    order.push(id);
    const status = key === 'y' || key === digit ? 'positive' : key === 'n' ? 'negative' : 'uncertain';
    expect(expected.has(id)).toBe(false);
    expected.set(id, { status, label_id: key === digit ? labels[other].id : label.id });
  }

  // Undo goes back to what it changed: the 20th, then the 19th.
  await page.keyboard.press('Control+z');
  await expect.poll(() => currentId(page)).toBe(order[19]);
  await expect(page.getByTestId('review-verdict')).toHaveText('not judged');
  await page.keyboard.press('Control+z');
  await expect.poll(() => currentId(page)).toBe(order[18]);
  await expect(page.getByTestId('review-verdict')).toHaveText('not judged');
  const undone = [order[18], order[19]];
  for (const id of undone) expected.delete(id);

  await page.reload();
  await expect(page.getByTestId('project-name')).toContainText('demo');

  // Every judged detection holds exactly one verdict: the expected one, by the reviewer.
  for (const [id, want] of expected) {
    const verdicts = await api<Annotation[]>(page, 'review.verdicts', { prediction_id: id });
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ ...want, reviewer: 'Tess Tester', prediction_id: id });
  }
  for (const id of undone) {
    expect(await api<Annotation[]>(page, 'review.verdicts', { prediction_id: id })).toHaveLength(0);
    const history = await api<Array<{ origin: string | null; actor: string | null }>>(page, 'review.history', { prediction_id: id });
    expect(history.map((h) => h.origin)).toEqual(['do', 'undo']);
    expect(history.every((h) => h.actor === 'Tess Tester')).toBe(true);
  }
  // The queue agrees: 18 of the label's detections carry my verdict, nothing else does.
  const page1 = await api<{ items: Array<{ prediction_id: number; my_verdict: { status: string; label_id: number | null } | null }> }>(
    page,
    'review.queue',
    { label_id: label.id, status: 'any', limit: 1000 },
  );
  const judged = page1.items.filter((i) => i.my_verdict !== null);
  expect(judged.map((i) => i.prediction_id).sort((a, b) => a - b)).toEqual([...expected.keys()].sort((a, b) => a - b));
  for (const i of judged) expect(i.my_verdict).toMatchObject(expected.get(i.prediction_id)!);
  const stats = await api<Array<{ label_id: number; reviewed: number }>>(page, 'review.stats');
  expect(stats.find((s) => s.label_id === label.id)?.reviewed).toBe(18);
});
