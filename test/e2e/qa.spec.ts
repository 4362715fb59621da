import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { callApi } from './host';
import { hostPerFile } from './host-per-file';

// Issue 6 through the browser host: mark a recording fully annotated in the table and annotate its
// events (from the demo's ground-truth.csv), judge 20 detections of one label drawn in stratified
// order, open QA: the label's row shows the numbers, every plot draws SVG marks with data (vega under
// the strict CSP), a calibrated threshold saves to the project, and the HTML and CSV exports download
// with the plots inline.
const host = hostPerFile();

interface QueueItem {
  prediction_id: number;
  label_id: number;
  score: number;
}
interface Threshold {
  model_id: string;
  label_id: number;
  threshold: number;
  source: string;
  probability: number | null;
}

const api = <T>(page: Page, name: string, data: object = {}) => callApi<T>(page, host, name, data);

/** Data marks vega drew in a plot, and the SVG shapes (paths, rects, lines) under its mark groups. */
async function drawn(plot: Locator): Promise<{ marks: number; shapes: number }> {
  await expect(plot).toHaveAttribute('data-marks', /^\d+$/);
  const marks = Number(await plot.getAttribute('data-marks'));
  const shapes = await plot.locator('svg .role-mark path, svg .role-mark rect, svg .role-mark line').count();
  return { marks, shapes };
}

test('QA of the demo project after 20 stratified verdicts: numbers, plots, a saved threshold, exports', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // A CSP refusal (e.g. eval inside the plotting library) shows up as a console error.
    if (m.type() === 'error' && /Content Security Policy|unsafe-eval/i.test(m.text())) errors.push(m.text());
  });
  await page.goto(host.url);
  await page.getByTestId('open-demo').click();
  await expect(page.getByTestId('project-name')).toContainText('demo', { timeout: 90_000 });

  // The demo classifier's run, and its label with the most detections.
  const runs = await api<Array<{ id: number; model_id: string; predictions: number }>>(page, 'runs.list');
  const run = runs.slice().sort((a, b) => b.predictions - a.predictions)[0];
  const labels = await api<Array<{ id: number; name: string }>>(page, 'labels.list');
  let best = { label: labels[0], total: -1 };
  for (const l of labels) {
    const q = await api<{ total: number | null }>(page, 'review.queue', { run_id: run.id, label_id: l.id, limit: 1, count: true });
    if ((q.total ?? 0) > best.total) best = { label: l, total: q.total ?? 0 };
  }
  const label = best.label;
  const other = labels.find((l) => l.id !== label.id)!;

  // The recording with the most events of that label becomes ground truth: ticked fully annotated in
  // the table (which does not open it), and every event in it annotated as a person would.
  const truth = readFileSync(join(import.meta.dirname, '..', '..', 'resources', 'demo', 'ground-truth.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','))
    .map(([file, start, end, name]) => ({ file, start_s: Number(start), end_s: Number(end), name }));
  const files = [...new Set(truth.map((t) => t.file))];
  const count = (f: string) => truth.filter((t) => t.file === f && t.name === label.name).length;
  const file = files.sort((a, b) => count(b) - count(a))[0];
  expect(count(file)).toBeGreaterThan(0);
  const row = page.getByTestId('recording-row').filter({ hasText: file.replace(/\.wav$/, '') });
  await row.getByTestId('annotated-toggle').check();
  await expect(page.getByTestId('annotated-count')).toHaveText('1 fully annotated');
  await expect(page.getByTestId('recordings-table')).toBeVisible();
  const recs = await api<Array<{ id: number; name: string; fully_annotated: boolean }>>(page, 'recordings.list');
  const reference = recs.filter((r) => r.fully_annotated);
  expect(reference.map((r) => r.name)).toEqual([file]);
  for (const t of truth.filter((x) => x.file === file)) {
    const labelId = labels.find((l) => l.name === t.name)?.id;
    await api(page, 'annotations.create', { recording_id: reference[0].id, start_s: t.start_s, end_s: t.end_s, label_id: labelId ?? null });
  }
  const sample = await api<{ items: QueueItem[] }>(page, 'review.queue', {
    run_id: run.id,
    label_id: label.id,
    order: 'stratified',
    per_bin: 10,
    seed: 7,
    limit: 1000,
  });
  // 20 of the sample spread evenly over its score range.
  const pool = sample.items.slice().sort((a, b) => a.score - b.score);
  expect(pool.length).toBeGreaterThanOrEqual(20);
  const items = Array.from({ length: 20 }, (_, i) => pool[Math.floor((i * pool.length) / 20)]);
  // Mostly right at high scores, with one crossing pair so the logistic fit is finite; one relabel.
  for (const [rank, item] of items.entries()) {
    const positive = (rank >= 10 && rank !== 11) || rank === 8;
    if (rank === 2) await api(page, 'review.decide', { prediction_id: item.prediction_id, verdict: 'positive', label_id: other.id });
    else await api(page, 'review.decide', { prediction_id: item.prediction_id, verdict: positive ? 'positive' : 'negative' });
  }

  await page.getByTestId('qa').click();
  await expect(page.getByTestId('qa-view')).toBeVisible();
  await page.getByTestId('qa-run-picker').selectOption(String(run.id));
  const section = page.getByTestId('qa-run');
  await expect(section).toHaveCount(1);
  await expect(section).toHaveAttribute('data-run', String(run.id));

  // The label's row: 20 reviewed, precision estimates with intervals.
  const labelRow = section.locator(`[data-testid="qa-label-row"][data-label="${label.name}"]`);
  await expect(labelRow.getByTestId('qa-reviewed')).toHaveText('20');
  await expect(labelRow.getByTestId('qa-precision')).toHaveText(/^\d+% \(\d+–\d+%\)/);
  await expect(labelRow.getByTestId('qa-precision-naive')).toHaveText(/^\d+% \(\d+–\d+%\)/);
  // The demo's imported ground truth covers the other three recordings; the ticked one counts by its
  // human annotations.
  await expect(section.getByTestId('qa-reference')).toContainText('Ground truth: 4 recordings (1 fully annotated, 3 covered by imported tables)');
  // Against that reference, matching windows that overlap a sound (the default): recall and average
  // precision are numbers, and the demo classifier finds events. Then one-to-one by onset (within 2 s).
  await expect(labelRow.getByTestId('qa-recall')).toHaveText(/^([1-9]\d*)%$/);
  await expect(labelRow.getByTestId('qa-ap')).toHaveText(/^[01]\.\d{3}$/);
  await page.getByTestId('qa-match-mode').selectOption('onset');
  await page.getByTestId('qa-tolerance').fill('2');
  await page.getByTestId('qa-tolerance').press('Enter');
  await expect(labelRow.getByTestId('qa-recall')).toHaveText(/^([1-9]\d*)%$/);
  await expect(section.getByTestId('qa-confusion')).toContainText(other.name);

  // Plots of the most-reviewed label, each drawn with data.
  await expect(section.getByTestId('qa-plots')).toHaveAttribute('data-label', label.name);
  for (const key of ['histogram', 'precision', 'pr', 'calibration', 'hour', 'date']) {
    const { marks, shapes } = await drawn(section.getByTestId(`qa-plot-${key}`));
    expect(marks, key).toBeGreaterThan(0);
    expect(shapes, key).toBeGreaterThan(0);
  }
  // 20 verdicts spread over score bins: at least two bins have bars.
  expect((await drawn(section.getByTestId('qa-plot-histogram'))).marks).toBeGreaterThanOrEqual(2);

  // Save a calibrated threshold; it is listed for the run's model, and the table shows it.
  const use = labelRow.getByTestId('qa-use-threshold').first();
  await expect(use).toBeVisible();
  const probability = Number(await use.getAttribute('data-probability'));
  const shown = Number(await labelRow.locator(`[data-testid="qa-calibrated"][data-probability="${probability}"]`).textContent());
  await use.click();
  await expect(page.getByTestId('qa-note')).toContainText('Saved');
  const saved = await api<Threshold[]>(page, 'thresholds.list', { model_id: run.model_id });
  const mine = saved.find((t) => t.label_id === label.id && t.model_id === run.model_id);
  expect(mine).toMatchObject({ source: 'calibration', probability });
  expect(Math.abs(mine!.threshold - shown)).toBeLessThan(0.0006);
  await expect(labelRow.getByTestId('qa-saved-threshold')).toContainText(shown.toFixed(3));

  // Exports download as files; the HTML carries the plots as inline SVG.
  const [html] = await Promise.all([page.waitForEvent('download'), page.getByTestId('qa-export-html').click()]);
  expect(html.suggestedFilename()).toMatch(/\.html$/);
  const htmlText = readFileSync((await html.path())!, 'utf8');
  expect(htmlText).toContain('<svg');
  expect(htmlText).toContain(label.name);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('qa-export-csv').click()]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  expect(readFileSync((await csv.path())!, 'utf8')).toContain(label.name);

  expect(errors).toEqual([]);
});
