import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/run-cli';
import { useTempDir } from '../../../../test/helpers/temp-dir';
import { QaReport } from '../../../shared/qa';
import { buildQaFixture } from '../../qa/testing';

const temp = useTempDir();

function project() {
  const path = join(temp(), 'qa.earmark');
  const f = buildQaFixture(path);
  f.db.close();
  return { path, run: f.run, run2: f.run2, env: { EARMARK_CONFIG_DIR: temp() } };
}

describe('earmark report', () => {
  it('writes the JSON report of every run, or of one run with the matching rule given', async () => {
    const p = project();
    const out = join(temp(), 'all.json');
    const all = await runCli(['report', '--project', p.path, '--json', out], p.env);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/2 run\(s\)/);
    const report = QaReport.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(report.runs.map((r) => r.run_id)).toEqual([p.run, p.run2]);
    expect(report.params).toMatchObject({ bins: 10, match: { mode: 'overlap' } });

    // bins 2 as in the report test: bird's stratified precision is 23/39; frog's .7 is 0.5 s late
    const one = await runCli(['report', '--project', p.path, '--run', String(p.run), '--json', '-', '--bins', '2', '--onset-tolerance', '0.2'], p.env);
    expect(one.code, one.stderr).toBe(0);
    const single = QaReport.parse(JSON.parse(one.stdout));
    expect(single.runs).toHaveLength(1);
    expect(single.params.match).toMatchObject({ mode: 'onset', tolerance_s: 0.2 });
    const label = (name: string) => single.runs[0].labels.find((l) => l.label === name)!;
    expect(label('bird').stratified.value).toBeCloseTo(23 / 39, 10);
    expect(label('frog').ground_truth!.matched).toBe(0);
  });

  it('writes HTML and CSV files', async () => {
    const p = project();
    const html = join(temp(), 'r.html');
    const csv = join(temp(), 'r.csv');
    expect((await runCli(['report', '--project', p.path, '--html', html, '--iou', '0.3'], p.env)).code).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/<svg[\s\S]*precision–recall/);
    expect((await runCli(['report', '--project', p.path, '--run', String(p.run), '--csv', csv], p.env)).code).toBe(0);
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toMatch(/^section,run_id,label,detections/);
  });

  it('exits 2 on usage errors, 1 when the file cannot be written', async () => {
    const p = project();
    const out = join(temp(), 'x.json');
    expect((await runCli(['report', '--project', p.path], p.env)).code).toBe(2); // no output
    expect((await runCli(['report', '--project', p.path, '--json', out, '--csv', out], p.env)).code).toBe(2);
    expect((await runCli(['report', '--project', p.path, '--json', out, '--iou', '0.5', '--onset-tolerance', '1'], p.env)).code).toBe(2);
    expect((await runCli(['report', '--project', p.path, '--json', out, '--iou', '2'], p.env)).code).toBe(2);
    const noRun = await runCli(['report', '--project', p.path, '--run', '99', '--json', out], p.env);
    expect(noRun.code).toBe(2);
    expect(noRun.stderr).toContain('no run 99');
    expect((await runCli(['report', '--project', join(temp(), 'none.earmark'), '--json', out], p.env)).code).toBe(2);
    expect(existsSync(out)).toBe(false);
    const failed = await runCli(['report', '--project', p.path, '--json', join(temp(), 'missing-dir', 'r.json')], p.env);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('Cannot write');
  });
});
