import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { QaRequest } from '../../shared/qa';
import { renderQaCsv } from './csv';
import { qaFileName } from './export';
import { renderQaHtml } from './html';
import { buildQaReport } from './report';
import { buildQaFixture } from './testing';

const temp = useTempDir();

function fixtureReport() {
  const path = join(temp(), 'export.earmark');
  const f = buildQaFixture(path);
  return { f, path, report: buildQaReport(f.db, path, QaRequest.parse({ run_id: f.run, bins: 2 })) };
}

describe('QA report exports', () => {
  it('HTML: self-contained, with the numbers and the plots as inline SVG', async () => {
    const { report } = fixtureReport();
    const html = await renderQaHtml(report);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    // Nothing to fetch: the only URLs are the SVG XML namespaces, which are names, not requests.
    const urls = (html.match(/https?:\/\/[^\s"'<>)]+/g) ?? []).filter((u) => !/^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink)$/.test(u));
    expect(urls).toEqual([]);
    expect(html).not.toMatch(/<script|<link|<img|@import/i);
    // bird's stratified precision 23/39 = 59.0%, its AP 5/9 = 55.6%, kappa 7/11 = 0.636
    expect(html).toContain('59.0%');
    expect(html).toContain('55.6%');
    expect(html).toContain('0.636');
    // plots: one SVG per drawn spec, each with marks (bars, lines or symbols drawn as paths)
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(10);
    for (const svg of svgs) expect(svg).toMatch(/<path/);
    expect(html).toContain('bird: precision–recall');
    expect(html).toContain('cricket: calibration');
    expect(html).toContain('not enough reviews: 4 correct and 3 wrong');
  });

  it('CSV: one table per section, told apart by the section column', () => {
    const { report } = fixtureReport();
    const blocks = renderQaCsv(report)
      .split(/\n\n/)
      .map((b) => parse(b, { columns: true }) as Record<string, string>[]);
    const section = (name: string) => blocks.find((b) => b[0]?.section === name) ?? [];
    const bird = section('summary').find((r) => r.label === 'bird')!;
    expect(Number(bird.precision)).toBeCloseTo(23 / 39, 10);
    expect(Number(bird.naive_precision)).toBeCloseTo(4 / 7, 10);
    expect(Number(bird.average_precision)).toBeCloseTo(5 / 9, 10);
    expect(bird.detections).toBe('13');
    expect(section('summary').map((r) => r.label)).toEqual(['bird', 'cricket', 'frog', '(all labels)']);
    expect(section('confusion')).toContainEqual({ section: 'confusion', run_id: String(report.runs[0].run_id), predicted: 'bird', actual: 'frog', count: '1' });
    expect(Number(section('agreement')[0].kappa)).toBeCloseTo(7 / 11, 10);
    const frogHours = section('detections_by_hour').filter((r) => r.label === 'frog' && r.count !== '0');
    expect(frogHours.map((r) => [r.hour, r.count, r.min_score])).toEqual([
      ['5', '1', '0.5'],
      ['23', '1', '0.5'],
    ]);
    // frog has no verdicts: empty precision, not 0
    expect(section('summary').find((r) => r.label === 'frog')!.precision).toBe('');
  });

  it('file names say which run', () => {
    expect(qaFileName('/x/site.earmark', { run_id: 3 }, 'html')).toBe('site-qa-run-3.html');
    expect(qaFileName('/x/site.earmark', {}, 'csv')).toBe('site-qa-all-runs.csv');
  });
});
