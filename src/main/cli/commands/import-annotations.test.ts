import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/run-cli';
import { useTempDir } from '../../../../test/helpers/temp-dir';
import { fixture, surveyProject } from '../../formats/testing';

const temp = useTempDir();

async function projectFile(): Promise<string> {
  const project = await surveyProject(temp());
  await project.close();
  return project.path;
}

describe('earmark import-annotations', () => {
  it('exit 0 when every row matched; prints a summary per file', async () => {
    const project = await projectFile();
    const result = await runCli(['import-annotations', '--project', project, '--format', 'raven', fixture('rec1.Table.1.selections.txt'), fixture('rec3.Table.1.selections.txt')], { EARMARK_CONFIG_DIR: temp() });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rec1\.Table\.1\.selections\.txt: raven, 3 rows, 3 matched, 0 unmatched; 0 predictions, 3 annotations; covers 1 recordings/);
    expect(result.stdout).toMatch(/2 files: 3 rows imported, 0 unmatched, 0 files failed/);
  });

  it('exit 1 with unmatched rows listed by line; a generic CSV through --map', async () => {
    const project = await projectFile();
    const map = 'start=onset_sec,end=offset_sec,label=species,score=prob,file=sound_file';
    const result = await runCli(['import-annotations', '--project', project, '--format', 'csv', '--map', map, fixture('my-labels.csv')], { EARMARK_CONFIG_DIR: temp() });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/3 rows, 2 matched, 1 unmatched; 1 predictions \(run \d+\), 1 annotations/);
    expect(result.stdout).toMatch(/unmatched line 4 \(nowhere\.wav\): no recording in the project/);
  });

  it('exit 1 when a file fails, naming file, line and column; the other files still import', async () => {
    const project = await projectFile();
    const result = await runCli(['import-annotations', '--project', project, '--format', 'birdnet', fixture('bad-number.BirdNET.results.csv'), fixture('rec1.BirdNET.results.csv')], { EARMARK_CONFIG_DIR: temp() });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/failed: .*bad-number\.BirdNET\.results\.csv: bad-number\.BirdNET\.results\.csv, line 3, column "Start \(s\)"/);
    expect(result.stdout).toMatch(/rec1\.BirdNET\.results\.csv: birdnet-csv, 2 rows, 2 matched/);
  });

  it('exit 2 on usage errors: unknown format, bad mapping, missing project', async () => {
    const project = await projectFile();
    const env = { EARMARK_CONFIG_DIR: temp() };
    expect((await runCli(['import-annotations', '--project', project, '--format', 'excel', fixture('rec1.txt')], env)).code).toBe(2);
    expect((await runCli(['import-annotations', '--project', project, '--format', 'csv', '--map', 'start=a,label=b', fixture('my-labels.csv')], env)).code).toBe(2);
    expect((await runCli(['import-annotations', '--project', join(temp(), 'none.earmark'), '--format', 'raven', fixture('rec1.txt')], env)).code).toBe(2);
  });
});
