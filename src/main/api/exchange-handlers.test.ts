import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useConfigDir } from '../../../test/helpers/config-dir';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { AppContext } from '../app/app-context';
import { RecentProjects } from '../app/recent-projects';
import { fixture, surveyProject } from '../formats/testing';
import { dispatch } from './dispatch';

const temp = useTempDir();
useConfigDir(temp);

describe('exchange calls through the API', () => {
  it('preview, import, list imports, export; malformed files come back as BAD_INPUT data with the line', async () => {
    const seed = await surveyProject(temp());
    await seed.close();
    const ctx = new AppContext('web', { recent: new RecentProjects(join(temp(), 'recent.json')) });
    await ctx.openProject(seed.path);
    try {
      const preview = await dispatch(ctx, 'exchange.preview', { path: fixture('my-labels.csv') });
      expect(preview).toMatchObject({ ok: true, value: { format: 'csv', suggested_mapping: { start: 'onset_sec', file: 'sound_file' } } });

      const mapping = { start: 'onset_sec', end: 'offset_sec', label: 'species', file: 'sound_file' };
      const imported = await dispatch(ctx, 'exchange.import', { paths: [fixture('my-labels.csv'), fixture('rec1.Table.1.selections.txt')], format: 'auto', mapping });
      expect(imported).toMatchObject({ ok: true, value: { files: [{ format: 'csv', matched: 2, unmatched: [{ line: 4 }] }, { format: 'raven', matched: 3 }] } });

      const listed = await dispatch(ctx, 'exchange.imports', {});
      expect(listed).toMatchObject({ ok: true, value: [{ format: 'csv', rows: 3, matched: 2, unmatched: 1, recordings: 2 }, { format: 'raven', rows: 3, recordings: 1 }] });

      const exported = await dispatch(ctx, 'exchange.export', { format: 'csv', out_dir: join(temp(), 'out'), labels: ['wren'] });
      expect(exported).toMatchObject({ ok: true, value: { rows: 3, applied: { labels: ['wren'] } } });

      const bad = await dispatch(ctx, 'exchange.preview', { path: fixture('bad-number.BirdNET.results.csv') });
      expect(bad.ok).toBe(true);
      const failed = await dispatch(ctx, 'exchange.import', { paths: [fixture('bad-number.BirdNET.results.csv')] });
      expect(failed).toMatchObject({ ok: true, value: { files: [{ error: expect.stringContaining('line 3, column "Start (s)"') as string }] } });
      expect(await dispatch(ctx, 'exchange.export', { format: 'xlsx', out_dir: temp() })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    } finally {
      await ctx.closeProject();
    }
  });
});
