import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/run-cli';
import { spawnCli } from '../../../../test/helpers/spawn-cli';
import { useTempDir } from '../../../../test/helpers/temp-dir';
import { buildDatasetProject, smallScenario, type FixtureRecording } from '../../formats/dataset/testing';

const temp = useTempDir('earmark-export-cli-');

async function project(): Promise<{ path: string; env: Record<string, string> }> {
  const fixture = await buildDatasetProject(join(temp(), 'p'), smallScenario());
  await fixture.project.close();
  return { path: fixture.project.path, env: { EARMARK_CONFIG_DIR: join(temp(), 'config') } };
}

describe('earmark export', () => {
  it('writes a dataset (exit 0) with the plan on stderr and the options in the manifest', async () => {
    const { path, env } = await project();
    const out = join(temp(), 'ds');
    const args = ['export', '--project', path, '--format', 'dataset', '--out', out, '--split-by', 'site', '--seed', '5'];
    const result = await runCli([...args, '--splits', '0.6,0.2,0.2', '--sample-rate', '8000', '--negatives', '--clip-length', '2'], env);
    expect(result.stderr).toMatch(/plan: 10 clips, 20\.0 s/);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/10 clips .* in .*ds/);
    const json = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(json.options).toMatchObject({ split_by: 'site', seed: 5, fractions: [0.6, 0.2, 0.2], sample_rate: 8000, negatives: true, clip_length_s: 2 });
    const rows = readFileSync(join(out, 'manifest.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(11);
    expect(readdirSync(join(temp()))).not.toContain(expect.stringMatching(/partial/));

    // The same folder again: refused as a usage error, left as it was.
    const again = await runCli(args, env);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty.*--force/);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).options.sample_rate).toBe(8000);
  });

  it('exits 2 with a message for bad options, 1 when there is nothing to export', async () => {
    const { path, env } = await project();
    const base = ['export', '--project', path, '--out', join(temp(), 'x')];
    const cases: [string[], RegExp][] = [
      [['--format', 'dataset', '--clip-length', '2', '--event-padding', '1'], /cannot be used with/],
      [['--format', 'dataset', '--splits', '0.5,0.5,0.5'], /add up to 1/],
      [['--format', 'parquet'], /Allowed choices are raven/],
      [['--format', 'csv', '--seed', '3'], /--seed only apply to --format dataset/],
      [['--format', 'dataset', '--status', 'maybe'], /statuses from positive/],
    ];
    for (const [extra, message] of cases) {
      const result = await runCli([...base, ...extra], env);
      expect(result.code, extra.join(' ')).toBe(2);
      expect(result.stderr, extra.join(' ')).toMatch(message);
    }
    const missing = await runCli(['export', '--project', join(temp(), 'none.earmark'), '--format', 'csv', '--out', temp()], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No project at/);
    const nothing = await runCli([...base, '--format', 'dataset', '--labels', 'albatross'], env);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/nothing to export/i);
    expect(existsSync(join(temp(), 'x'))).toBe(false);
  });

  it('exports a table format through the tables exporter', async () => {
    const { path, env } = await project();
    const out = join(temp(), 'tables');
    mkdirSync(out);
    writeFileSync(join(out, 'other.txt'), '');
    const result = await runCli(['export', '--project', path, '--format', 'csv', '--out', out, '--status', 'positive'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^8 rows in 1 file \(csv\)/);
    expect(readdirSync(out).length).toBe(2);
  });
});

/** 3,000 clips from 30 one-minute 48 kHz recordings: an export that lasts long enough to interrupt. */
async function bigProject(): Promise<string> {
  const recordings: FixtureRecording[] = Array.from({ length: 30 }, (_, r) => ({
    name: `long_${r}.wav`,
    seconds: 60,
    sampleRate: 48000,
    events: Array.from({ length: 100 }, (_, i) => ({ start: i * 0.55 + 1, end: i * 0.55 + 1.5, label: 'wren', verdict: 'positive' as const })),
  }));
  const fixture = await buildDatasetProject(join(temp(), 'big'), recordings, { fast: true });
  await fixture.project.close();
  return fixture.project.path;
}

const until = async (what: () => boolean) => {
  for (let i = 0; i < 600 && !what(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(what()).toBe(true);
};

describe('an interrupted export', () => {
  it('never looks complete: Ctrl+C removes the partial folder (exit 1), kill -9 leaves only a folder named partial without a manifest', async () => {
    const path = await bigProject();
    const env = { EARMARK_CONFIG_DIR: join(temp(), 'config') };
    const parent = join(temp(), 'exports');
    mkdirSync(parent);
    const partial = () => readdirSync(parent).find((n) => n.startsWith('ds.partial-'));
    const clipsIn = (dir: string) => readdirSync(dir, { recursive: true }).filter((n) => String(n).endsWith('.wav')).length;
    const started = (child: ReturnType<typeof spawnCli>) => {
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      return { exited, stderr: () => stderr };
    };
    const args = ['export', '--project', path, '--format', 'dataset', '--out', join(parent, 'ds')];

    const interrupted = spawnCli(args, env);
    const a = started(interrupted);
    await until(() => partial() !== undefined && clipsIn(join(parent, partial()!)) > 0);
    interrupted.kill('SIGINT');
    expect(await a.exited).toBe(1);
    expect(a.stderr()).toMatch(/Interrupted: nothing was written/);
    expect(readdirSync(parent)).toEqual([]);

    const killed = spawnCli(args, env);
    const b = started(killed);
    await until(() => partial() !== undefined && clipsIn(join(parent, partial()!)) > 0);
    killed.kill('SIGKILL');
    await b.exited;
    const left = readdirSync(parent);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^ds\.partial-/);
    expect(existsSync(join(parent, left[0], 'manifest.json'))).toBe(false);
    expect(existsSync(join(parent, 'ds'))).toBe(false);
  });
});
