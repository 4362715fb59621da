import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { callApi, removeDir, startHost, type RunningHost } from './host';

// Issue 4: nothing a reviewer decided is lost to a crash. Judge detections in the browser, kill the
// browser host with SIGKILL mid-session, start it again on the same project: every verdict the host
// had answered is there, with its reviewer, and the database passes integrity_check.
let host: RunningHost;

test.beforeAll(async () => {
  host = await startHost();
});

test.afterAll(async () => {
  await host.stop();
  removeDir(host.dir);
});

const api = callApi;

test('verdicts given before kill -9 of the browser host survive it, and the database is intact', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(host.url);
  await page.getByTestId('open-demo').click();
  await expect(page.getByTestId('project-name')).toContainText('demo', { timeout: 90_000 });
  await page.getByTestId('review').click();
  const name = page.getByTestId('reviewer-name');
  await name.fill('Crash Tester');
  await name.press('Enter');
  await expect.poll(async () => (await api<{ reviewer: string }>(page, host, 'settings.get')).reviewer).toBe('Crash Tester');

  let answered = 0;
  page.on('response', (response) => {
    if (response.url().endsWith('/api/review.decide') && response.ok()) answered++;
  });
  const judged = new Map<number, string>();
  for (let i = 0; i < 8; i++) {
    const id = Number(await page.getByTestId('review-clip').getAttribute('data-prediction'));
    const key = i % 2 ? 'n' : 'y';
    await page.keyboard.press(key);
    judged.set(id, key === 'y' ? 'positive' : 'negative');
    await expect.poll(async () => Number(await page.getByTestId('review-clip').getAttribute('data-prediction'))).not.toBe(id);
  }
  await expect.poll(() => answered).toBe(8);

  // Where the demo project lives is the app's business: ask it, before the kill.
  const [recent] = await api<{ path: string }[]>(page, host, 'project.recent');
  const project = recent.path;
  expect(project.startsWith(join(host.dir, 'config'))).toBe(true);
  await host.stop('SIGKILL');
  const again = await startHost(['--project', project], host.dir);
  try {
    for (const [id, status] of judged) {
      const verdicts = await api<{ status: string; reviewer: string }[]>(page, again, 'review.verdicts', { prediction_id: id });
      expect(verdicts, `prediction ${id}`).toEqual([expect.objectContaining({ status, reviewer: 'Crash Tester' })]);
    }
  } finally {
    await again.stop();
  }
  const db = new Database(project, { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
});
