import { expect, test, type Page } from '@playwright/test';
import { callApi } from './host';
import { hostPerFile } from './host-per-file';

// Issue 4 through the browser host: events mode (one verdict on every window of an event, one undo
// step), a label's hotkey relabelling, a rebound key, the history panel and time expansion at 0.1x.
const host = hostPerFile();

interface Verdict {
  status: string | null;
  label_id: number | null;
  reviewer: string | null;
}
interface ReviewEvent {
  prediction_ids: number[];
  my_status: string | null;
}
interface Label {
  id: number;
  name: string;
  usage: number;
}

const api = <T>(page: Page, name: string, data: object = {}) => callApi<T>(page, host, name, data);
const currentId = async (page: Page) => Number(await page.getByTestId('review-clip').getAttribute('data-prediction'));

async function openReview(page: Page, reviewer: string) {
  await page.goto(host.url);
  const demo = page.getByTestId('open-demo');
  // The host reopens the last project after a reload; the first visit opens the demo. Wait for one of
  // the two screens: checking before the page has drawn would miss the start screen.
  await expect(demo.or(page.getByTestId('project-name'))).toBeVisible({ timeout: 30_000 });
  if (await demo.isVisible()) await demo.click();
  await expect(page.getByTestId('project-name')).toContainText('demo', { timeout: 90_000 });
  await page.getByTestId('review').click();
  const name = page.getByTestId('reviewer-name');
  await expect(name).not.toHaveValue('');
  await name.fill(reviewer);
  await name.press('Enter');
  await expect.poll(async () => (await api<{ reviewer: string }>(page, 'settings.get')).reviewer).toBe(reviewer);
}

test('events mode: one key judges every window of the event, and one undo takes it all back', async ({ page }) => {
  test.setTimeout(180_000);
  await openReview(page, 'Eve Events');
  const runs = await api<Array<{ id: number }>>(page, 'runs.list');
  const labels = await api<Label[]>(page, 'labels.list');
  // A run and label whose first unreviewed event (1.5 s gap) spans several windows.
  let pick: { run: number; label: Label; event: ReviewEvent } | null = null;
  for (const run of runs) {
    for (const label of labels) {
      const events = await api<ReviewEvent[]>(page, 'review.events', { run_id: run.id, label_id: label.id, min_score: 0.5, merge_gap_s: 1.5 });
      const first = events.find((e) => e.my_status === null);
      if (first && first.prediction_ids.length >= 2) pick = { run: run.id, label, event: first };
      if (pick) break;
    }
    if (pick) break;
  }
  expect(pick, 'the demo project has an event of two or more windows').not.toBeNull();
  const { run, label, event } = pick!;

  await page.getByTestId('filter-run').selectOption(String(run));
  await page.getByTestId('filter-label').selectOption(String(label.id));
  await page.getByTestId('filter-mode').selectOption('events');
  const gap = page.getByTestId('filter-merge-gap');
  await gap.fill('1.5');
  await gap.press('Enter');
  await gap.blur();
  await expect(page.getByTestId('review-event-size')).toHaveText(`event of ${event.prediction_ids.length} windows`);
  expect(await currentId(page)).toBe(event.prediction_ids[0]);
  // The clip spans the whole event (with context either side).
  const clip = page.getByTestId('review-clip');
  const events = await api<Array<ReviewEvent & { start_s: number; end_s: number }>>(page, 'review.events', {
    run_id: run,
    label_id: label.id,
    min_score: 0.5,
    merge_gap_s: 1.5,
  });
  const span = events.find((e) => e.prediction_ids[0] === event.prediction_ids[0])!;
  expect(Number(await clip.getAttribute('data-clip-start'))).toBeLessThanOrEqual(span.start_s);
  expect(Number(await clip.getAttribute('data-clip-end'))).toBeGreaterThanOrEqual(span.end_s);

  await page.keyboard.press('y');
  const verdictsOf = async (ids: number[]) => Promise.all(ids.map((id) => api<Verdict[]>(page, 'review.verdicts', { prediction_id: id })));
  await expect
    .poll(async () => (await verdictsOf(event.prediction_ids)).map((v) => v.map((a) => `${a.reviewer}:${a.status}:${a.label_id}`).join()))
    .toEqual(event.prediction_ids.map(() => `Eve Events:positive:${label.id}`));
  // All windows' history rows share one step.
  const steps = new Set<number | null>();
  for (const id of event.prediction_ids) {
    for (const h of await api<Array<{ step: number | null }>>(page, 'review.history', { prediction_id: id })) steps.add(h.step);
  }
  expect(steps.size).toBe(1);

  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await verdictsOf(event.prediction_ids)).every((v) => v.length === 0)).toBe(true);
  await expect.poll(() => currentId(page)).toBe(event.prediction_ids[0]);
  await expect(page.getByTestId('review-verdict')).toHaveText('not judged');
});

test('a label hotkey relabels, a rebound key judges, the history panel shows it, and 0.1x plays without pitch correction', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(host.url);
  const labels = await api<Label[]>(page, 'labels.list');
  const label = labels.slice().sort((a, b) => b.usage - a.usage)[0];
  const other = labels.find((l) => l.id !== label.id)!;
  await api(page, 'labels.update', { id: other.id, hotkey: 'k' });
  // A person's box inside the first detection's window: the review clip draws it too.
  const [head] = (
    await api<{ items: Array<{ recording_id: number; start_s: number; end_s: number }> }>(page, 'review.queue', { label_id: label.id, limit: 1 })
  ).items;
  const drawnBox = await api<{ id: number }>(page, 'annotations.create', {
    recording_id: head.recording_id,
    start_s: head.start_s + 0.2,
    end_s: head.end_s - 0.2,
    low_hz: 1000,
    high_hz: 3000,
    label_id: other.id,
  });
  await openReview(page, 'Kim Keys');
  await page.getByTestId('filter-label').selectOption(String(label.id));
  await expect(page.getByTestId('review-label')).toHaveText(label.name);
  await expect(page.getByTestId('review-clip').locator(`[data-testid="annotation-box"][data-id="${drawnBox.id}"]`)).toHaveCount(1);

  // The label's hotkey: positive, with the other label.
  const first = await currentId(page);
  await page.keyboard.press('k');
  await expect.poll(() => currentId(page)).not.toBe(first);
  await expect
    .poll(async () => (await api<Verdict[]>(page, 'review.verdicts', { prediction_id: first })).map((v) => [v.status, v.label_id, v.reviewer]))
    .toEqual([['positive', other.id, 'Kim Keys']]);

  // Rebind "yes" to j; binding "no" to j too is refused with the reason.
  await page.keyboard.press('?');
  const help = page.getByTestId('keys-help');
  await expect(help).toBeVisible();
  await page.getByTestId('rebind-yes').click();
  await page.keyboard.press('j');
  await expect(help.locator('[data-action="yes"] td').first()).toHaveText('j');
  await expect.poll(async () => (await api<{ review_keys?: Record<string, string[]> }>(page, 'settings.get')).review_keys?.yes).toEqual(['j']);
  await page.getByTestId('rebind-no').click();
  await page.keyboard.press('j');
  await expect(page.getByTestId('keys-error')).toContainText('j is already the key for "yes');
  await page.getByTestId('rebind-no').click();
  await page.keyboard.press('k'); // the other label's hotkey
  await expect(page.getByTestId('keys-error')).toContainText(`hotkey of the label "${other.name}"`);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(page.getByTestId('key-yes')).toHaveText('j');

  const second = await currentId(page);
  await page.keyboard.press('y'); // no longer bound: nothing happens
  await page.keyboard.press('j');
  await expect.poll(() => currentId(page)).not.toBe(second);
  await expect
    .poll(async () => (await api<Verdict[]>(page, 'review.verdicts', { prediction_id: second })).map((v) => [v.status, v.label_id]))
    .toEqual([['positive', label.id]]);

  // Back to it: the history panel lists the reviewer's verdict and the step that made it.
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => currentId(page)).toBe(second);
  const history = page.getByTestId('review-history');
  await expect(history).toHaveAttribute('data-prediction', String(second));
  await expect(history.getByTestId('history-verdict')).toHaveText(/Kim Keys: yes/);
  await expect(history.getByTestId('history-entry')).toHaveCount(1);
  await expect(history.getByTestId('history-entry')).toContainText('Kim Keys none → yes');
  // A second reviewer's verdict shows beside the first.
  await page.getByTestId('reviewer-name').fill('Lee Later');
  await page.getByTestId('reviewer-name').press('Enter');
  await expect.poll(async () => (await api<{ reviewer: string }>(page, 'settings.get')).reviewer).toBe('Lee Later');
  await page.getByTestId('verdict-no').click();
  await page.keyboard.press('ArrowLeft');
  await expect(history.getByTestId('history-verdict')).toHaveCount(2);
  await expect(history.getByTestId('history-entry').first()).toContainText('Lee Later none → no');

  // Time expansion: 0.1x on the media element, without pitch correction; t toggles back.
  await page.getByTestId('review-rate').selectOption('0.1');
  const rate = page.getByTestId('review-effective-rate');
  await expect(rate).toHaveAttribute('data-media-rate', '0.1');
  await expect(rate).toHaveAttribute('data-preserves-pitch', 'false');
  await expect(rate).toContainText('0.1×');
  await page.keyboard.press('t');
  await expect(rate).toHaveAttribute('data-media-rate', '1');
  await page.keyboard.press('t');
  await expect(rate).toHaveAttribute('data-media-rate', '0.1');
});
