import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { QaReport } from '../../shared/qa';
import { dispatch } from '../api/dispatch';
import { AppContext } from '../app/app-context';
import { RecentProjects } from '../app/recent-projects';
import { buildQaFixture } from './testing';

const temp = useTempDir();

describe('qa.* calls through the API', () => {
  it('report, html and csv with defaults filled in; errors cross as data', async () => {
    const path = join(temp(), 'api.earmark');
    const f = buildQaFixture(path);
    const { run } = f;
    f.db.close();
    const ctx = new AppContext('web', { recent: new RecentProjects(join(temp(), 'recent.json')) });
    expect(await dispatch(ctx, 'qa.report', {})).toMatchObject({ ok: false, code: 'NO_PROJECT' });
    await ctx.openProject(path);
    try {
      const report = await dispatch(ctx, 'qa.report', { run_id: run });
      if (!report.ok) throw new Error(report.message);
      const value = QaReport.parse(report.value);
      expect(value.params).toEqual({ bins: 10, match: { mode: 'overlap', iou: 0.5, tolerance_s: 1 } });
      expect(value.runs[0].labels.map((l) => l.label)).toEqual(['bird', 'cricket', 'frog']);
      expect(value.runs[0].labels[0].bins).toHaveLength(10);

      const html = await dispatch(ctx, 'qa.html', { run_id: run, bins: 2 });
      expect(html).toMatchObject({ ok: true, value: { file_name: `api-qa-run-${run}.html` } });
      const csv = await dispatch(ctx, 'qa.csv', {});
      expect(csv).toMatchObject({ ok: true, value: { file_name: 'api-qa-all-runs.csv' } });

      expect(await dispatch(ctx, 'qa.report', { run_id: 99 })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      expect(await dispatch(ctx, 'qa.report', { bins: 0 })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
      expect(await dispatch(ctx, 'qa.report', { match: { mode: 'iou', iou: 1.5 } })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    } finally {
      await ctx.closeProject();
    }
  });
});
