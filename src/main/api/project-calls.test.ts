import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp-dir';
import type { Recording, Threshold } from '../../shared/domain';
import { AppContext } from '../app/app-context';
import { RecentProjects } from '../app/recent-projects';
import { reviewFixture } from '../review/testing';
import { dispatch } from './dispatch';

const temp = useTempDir();

async function open() {
  const path = join(temp(), 'calls.earmark');
  const f = reviewFixture(path);
  const a = f.recording('a.wav');
  const b = f.recording('b.wav');
  const bird = f.label('bird');
  f.db.close();
  const ctx = new AppContext('web', { recent: new RecentProjects(join(temp(), 'recent.json')) });
  await ctx.openProject(path);
  return { ctx, a, b, bird };
}

describe('recordings.setFullyAnnotated and thresholds.* through the API', () => {
  it('marks recordings as fully annotated and reports unknown ids without changing anything', async () => {
    const { ctx, a, b } = await open();
    const marked = await dispatch(ctx, 'recordings.setFullyAnnotated', { ids: [a], value: true });
    expect(marked.ok && (marked.value as Recording[]).map((r) => [r.id, r.fully_annotated])).toEqual([[a, true]]);
    const unknown = await dispatch(ctx, 'recordings.setFullyAnnotated', { ids: [b, 999], value: true });
    expect(unknown).toMatchObject({ ok: false, code: 'NOT_FOUND', message: 'No recording with id 999' });
    const list = await dispatch(ctx, 'recordings.list', {});
    expect(list.ok && (list.value as Recording[]).map((r) => r.fully_annotated)).toEqual([true, false]);
    await ctx.closeProject();
  });

  it('saves per-label thresholds, refuses unknown labels and out-of-range values', async () => {
    const { ctx, bird } = await open();
    const saved = await dispatch(ctx, 'thresholds.set', { model_id: 'demo', label_id: bird, threshold: 0.7 });
    expect(saved).toMatchObject({ ok: true, value: { model_id: 'demo', label_id: bird, threshold: 0.7, source: 'manual' } });
    expect(await dispatch(ctx, 'thresholds.set', { model_id: 'demo', label_id: 999, threshold: 0.7 })).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
    expect(await dispatch(ctx, 'thresholds.set', { model_id: 'demo', label_id: bird, threshold: 1.5 })).toMatchObject({
      ok: false,
      code: 'BAD_INPUT',
    });
    const list = await dispatch(ctx, 'thresholds.list', { model_id: 'demo' });
    expect(list.ok && (list.value as Threshold[]).map((t) => t.threshold)).toEqual([0.7]);
    expect(await dispatch(ctx, 'thresholds.remove', { model_id: 'demo', label_id: bird })).toEqual({ ok: true, value: { removed: true } });
    await ctx.closeProject();
  });
});
