import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sine, writeWav } from '../fixtures/audio-fixtures';
import { callApi } from './host';
import { goToFolder } from './file-browser';
import { hostPerFile } from './host-per-file';

// Issue 5, import through the dialog in the browser host: a Raven selection table (duplicate view
// rows collapsed) and a generic CSV through a column mapping, then the rows are found in the store.
const host = hostPerFile();

const api = <T>(page: Page, name: string, data: unknown = {}) => callApi<T>(page, host, name, data);
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'formats');

interface Stored {
  start_s: number;
  end_s: number;
  low_hz: number | null;
  high_hz: number | null;
  label_id: number | null;
  source: string;
}

async function pickTable(page: Page, dir: string, name: string) {
  await page.getByTestId('import-labels').click();
  await goToFolder(page, dir);
  await expect(page.getByTestId('file-browser-list')).toContainText(name);
  await page.getByLabel(`Select ${name}`).check();
  await page.getByTestId('file-browser-confirm').click();
  await expect(page.getByTestId('import-tables-dialog')).toBeVisible();
}

test('a Raven table and a mapped CSV import through the dialog; rows land in the store, unmatched rows are listed', async ({ page }) => {
  const audio = join(host.dir, 'audio');
  writeWav(join(audio, 'rec1.wav'), { sampleRate: 16000, samples: [sine(1000, 60, 16000, 0.2)] });
  writeWav(join(audio, 'rec2.wav'), { sampleRate: 32000, samples: [sine(3000, 60, 32000, 0.2)] });
  const tables = join(host.dir, 'tables');
  mkdirSync(tables, { recursive: true });
  for (const name of ['rec1.Table.1.selections.txt', 'my-labels.csv']) copyFileSync(join(fixtures, name), join(tables, name));

  await page.goto(host.url);
  await api(page, 'project.create', { path: join(host.dir, 'labels.earmark') });
  await api(page, 'recordings.import', { paths: [audio] });
  await page.reload();
  await expect(page.getByTestId('recording-row')).toHaveCount(2);

  // Raven: detected, previewed with its Waveform and Spectrogram rows, imported as three selections.
  await pickTable(page, tables, 'rec1.Table.1.selections.txt');
  await expect(page.getByTestId('import-tables-detected')).toContainText('raven');
  await expect(page.getByTestId('import-tables-preview')).toContainText('Spectrogram 1');
  await expect(page.getByTestId('import-tables-mapping')).toHaveCount(0);
  await page.getByTestId('import-tables-run').click();
  await expect(page.getByTestId('import-tables-report')).toContainText('3 rows, 3 matched');
  await page.getByTestId('import-tables-close').click();

  // Generic CSV: the mapping form, filled from the suggestion; the score column chosen by hand.
  await pickTable(page, tables, 'my-labels.csv');
  await expect(page.getByTestId('import-tables-mapping')).toBeVisible();
  await expect(page.getByTestId('map-start')).toHaveValue('onset_sec');
  await page.getByTestId('map-score').selectOption('');
  await page.getByTestId('map-label').selectOption('');
  await expect(page.getByTestId('import-tables-run')).toBeDisabled();
  await page.getByTestId('map-label').selectOption('species');
  await page.getByTestId('map-score').selectOption('prob');
  await page.getByTestId('map-file').selectOption('sound_file');
  await page.getByTestId('import-tables-run').click();
  await expect(page.getByTestId('import-tables-report')).toContainText('3 rows, 2 matched');
  await expect(page.getByTestId('import-tables-unmatched')).toContainText('line 4 (nowhere.wav)');
  await page.getByTestId('import-tables-close').click();

  // Picking a table imported before says so; cancelling imports nothing.
  await pickTable(page, tables, 'rec1.Table.1.selections.txt');
  await expect(page.getByTestId('import-tables-repeated')).toContainText('rec1.Table.1.selections.txt');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('import-tables-dialog')).toHaveCount(0);

  const recordings = await api<{ id: number; name: string }[]>(page, 'recordings.list');
  const id = (name: string) => recordings.find((r) => r.name === name)!.id;
  const labels = await api<{ id: number; name: string }[]>(page, 'labels.list');
  const labelName = (labelId: number | null) => labels.find((l) => l.id === labelId)?.name ?? null;
  const rec1 = (await api<Stored[]>(page, 'annotations.list', { recording_id: id('rec1.wav') })).filter((a) => a.source === 'import');
  expect(rec1.map((a) => [a.start_s, a.end_s, a.low_hz, a.high_hz, labelName(a.label_id)])).toEqual([
    [1.25, 2.75, 2500, 6000, 'wren'],
    [1.5, 2.5, 2000, 6000, 'wren'],
    [10, 12.5, 1200.5, 4300.25, 'robin'],
    [30.1, 31, null, null, 'wren'],
  ]);
  const rec2 = await api<{ start_s: number; label: string; score: number }[]>(page, 'predictions.list', { recording_id: id('rec2.wav') });
  expect(rec2.map((p) => [p.start_s, p.label, p.score])).toEqual([[3, 'robin', 0.9]]);
  const imports = await api<{ format: string; rows: number; matched: number; unmatched: number }[]>(page, 'exchange.imports');
  expect(imports.map((i) => [i.format, i.rows, i.matched, i.unmatched])).toEqual([
    ['raven', 3, 3, 0],
    ['csv', 3, 2, 1],
  ]);
});
