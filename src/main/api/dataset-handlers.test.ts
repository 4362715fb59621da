import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DatasetPlanSummary, DatasetProgress } from '../../shared/contract-dataset';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { AppContext } from '../app/app-context';
import { RecentProjects } from '../app/recent-projects';
import { buildDatasetProject, smallScenario } from '../formats/dataset/testing';
import { dispatch } from './dispatch';

const temp = useTempDir('earmark-dataset-api-');

describe('dataset calls through the API', () => {
  it('plans, exports in the background with progress, and refuses bad options and a used folder as data', async () => {
    const fixture = await buildDatasetProject(temp(), smallScenario());
    const path = fixture.project.path;
    await fixture.project.close();
    const ctx = new AppContext('web', { recent: new RecentProjects(join(temp(), 'recent.json')) });
    await ctx.openProject(path);
    const options = { split_by: 'site', seed: 4, negatives: true };

    const plan = await dispatch(ctx, 'dataset.plan', { options });
    expect(plan.ok).toBe(true);
    const summary = (plan as { value: DatasetPlanSummary }).value;
    expect(summary.total_clips).toBe(10);
    expect(summary.counts.reduce((n, c) => n + c.clips, 0)).toBe(10);

    const out = join(temp(), 'dataset');
    const started = await dispatch(ctx, 'dataset.export', { options, out_dir: out });
    if (!started.ok) throw new Error(started.message);
    const { export_id } = started.value as { export_id: string };
    let progress: DatasetProgress;
    for (;;) {
      const res = await dispatch(ctx, 'dataset.progress', { export_id });
      if (!res.ok) throw new Error(res.message);
      progress = res.value as DatasetProgress;
      if (progress.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(progress).toMatchObject({ state: 'done', done: 10, total: 10, out_dir: out, error: null });
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).counts).toEqual(summary.counts);
    expect(await dispatch(ctx, 'dataset.cancel', { export_id })).toEqual({ ok: true, value: { cancelled: false } });

    const again = await dispatch(ctx, 'dataset.export', { options, out_dir: out });
    expect(again).toMatchObject({ ok: false, code: 'CONFLICT' });
    const bad = await dispatch(ctx, 'dataset.plan', { options: { fractions: [0.5, 0.5, 0.5] } });
    expect(bad).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect((bad as { message: string }).message).toMatch(/add up to 1/);
    const unknown = await dispatch(ctx, 'dataset.progress', { export_id: 'nope' });
    expect(unknown).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(existsSync(join(out, 'manifest.csv'))).toBe(true);
    await ctx.closeProject();
  });
});
