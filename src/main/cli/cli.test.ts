import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyMedia, sine, writeWav } from '../../../test/fixtures/audio-fixtures';
import { runCli } from '../../../test/helpers/run-cli';
import { useTempDir } from '../../../test/helpers/temp-dir';

const temp = useTempDir();

describe('earmark CLI', () => {
  it('imports into a new project (exit 0), then lists the recordings as JSON', async () => {
    const dir = join(temp(), 'in');
    writeWav(join(dir, 'a.wav'), { sampleRate: 22050, samples: [sine(1000, 1.5, 22050)] });
    copyMedia('dog.flac', join(dir, 'sub', 'dog.flac'));
    const project = join(temp(), 'cli.earmark');
    const env = { EARMARK_CONFIG_DIR: temp() };

    const imported = await runCli(['import', '--project', project, dir], env);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/2 files: 2 imported/);

    const listed = await runCli(['recordings', '--project', project, '--json'], env);
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(rows).toHaveLength(2);
    expect(Object.keys(rows[0]).sort()).toEqual(
      ['channels', 'duration_s', 'error', 'format', 'id', 'path', 'sample_rate', 'start_time', 'status'].sort(),
    );
    expect(rows.find((r) => r.format === 'wav')).toMatchObject({ duration_s: 1.5, sample_rate: 22050, channels: 1, status: 'ok' });
  });

  it('exits 1 and names each failed file with its reason when some files fail', async () => {
    const dir = join(temp(), 'in');
    writeWav(join(dir, 'ok.wav'), { sampleRate: 8000, samples: [sine(500, 0.5, 8000)] });
    writeFileSync(join(dir, 'broken.wav'), 'RIFF');
    const result = await runCli(['import', '--project', join(temp(), 'p.earmark'), dir], { EARMARK_CONFIG_DIR: temp() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/failed: .*broken\.wav: .+/);
    expect(result.stdout).toMatch(/1 imported.*1 failed/);
  });

  it('exits 2 on usage errors and 0 for --help of every command', async () => {
    expect((await runCli(['import', 'x.wav'])).code).toBe(2); // --project missing
    expect((await runCli(['frobnicate'])).code).toBe(2);
    expect((await runCli(['serve', '--port', 'http'])).code).toBe(2);
    for (const command of ['serve', 'import', 'recordings']) {
      const help = await runCli([command, '--help']);
      expect(help.code, command).toBe(0);
      expect(help.stdout).toContain(`Usage: earmark ${command}`);
    }
  });
});
