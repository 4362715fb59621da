import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useConfigDir } from '../../../test/helpers/config-dir';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { dispatch } from '../api/dispatch';
import { AppContext } from '../app/app-context';
import { RecentProjects } from '../app/recent-projects';
import { reviewFixture } from './testing';

const temp = useTempDir();
useConfigDir(temp);

async function call<T>(ctx: AppContext, name: string, input: unknown = {}): Promise<T> {
  const result = await dispatch(ctx, name, input);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value as T;
}

describe('review calls through the API', () => {
  it('records the reviewer from settings with each verdict, and undoes through the same session after reopening the view', async () => {
    const path = join(temp(), 'api.earmark');
    const f = reviewFixture(path);
    const rec = f.recording('a.wav');
    const bird = f.label('bird');
    const dog = f.label('dog');
    const run = f.run([rec]);
    const ids = [0, 3, 6].map((s, i) => f.prediction(run, rec, bird, s, s + 3, 0.9 - i / 10));
    f.db.close();

    const ctx = new AppContext('web', { recent: new RecentProjects(join(temp(), 'recent.json')) });
    await ctx.openProject(path);
    expect(await call(ctx, 'settings.set', { reviewer: 'ann' })).toEqual({ reviewer: 'ann' });

    const queue = await call<{ items: { prediction_id: number }[] }>(ctx, 'review.queue', { label_id: bird });
    expect(queue.items.map((i) => i.prediction_id)).toEqual(ids);
    await call(ctx, 'review.decide', { prediction_id: ids[0], verdict: 'positive' });
    await call(ctx, 'review.decide', { prediction_id: ids[1], verdict: 'positive', label_id: dog });
    await call(ctx, 'review.decide', { prediction_id: ids[2], verdict: 'negative' });
    const undone = await call<{ prediction_ids: number[] }>(ctx, 'review.undo');
    expect(undone.prediction_ids).toEqual([ids[2]]);

    const left = await call<{ items: { prediction_id: number }[] }>(ctx, 'review.queue', { label_id: bird, status: 'unreviewed' });
    expect(left.items.map((i) => i.prediction_id)).toEqual([ids[2]]);
    const history = await call<{ actor: string; origin: string }[]>(ctx, 'review.history', { prediction_id: ids[2] });
    expect(history.map((h) => `${h.actor}:${h.origin}`)).toEqual(['ann:do', 'ann:undo']);
    expect(await call(ctx, 'review.stats', { run_id: run })).toMatchObject([{ label: 'bird', total: 3, reviewed: 2, positive: 1, relabeled: 1 }]);

    const bad = await dispatch(ctx, 'review.decide', { prediction_id: ids[0], verdict: 'maybe' });
    expect(bad).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    const missing = await dispatch(ctx, 'review.decide', { prediction_id: 12345, verdict: 'positive' });
    expect(missing).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const box = await call<{ id: number; reviewer: string }>(ctx, 'annotations.create', { recording_id: rec, start_s: 1, end_s: 2, low_hz: 500, high_hz: 900 });
    expect(box.reviewer).toBe('ann');
    expect(await call<unknown[]>(ctx, 'annotations.list', { recording_id: rec })).toHaveLength(3);
    await ctx.closeProject();
  });
});
