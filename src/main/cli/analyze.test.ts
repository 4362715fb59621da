import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noise, sine, writeWav } from '../../../test/fixtures/audio-fixtures';
import { brokenModels, buildEnergyModel } from '../../../test/fixtures/models/builders';
import { runCli } from '../../../test/helpers/run-cli';
import { spawnCli } from '../../../test/helpers/spawn-cli';
import { useTempDir } from '../../../test/helpers/temp-dir';

const temp = useTempDir();

function predictions(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare(`SELECT r.name, p.start_s, p.end_s, l.name AS label, p.score FROM predictions p
        JOIN recordings r ON r.id = p.recording_id JOIN labels l ON l.id = p.label_id ORDER BY r.name, p.start_s, l.name`)
      .all();
  } finally {
    db.close();
  }
}

function storedCount(path: string): number {
  if (!existsSync(path)) return 0;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT count(*) FROM predictions').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet
  }
}

describe('earmark analyze', () => {
  it('resumes after kill -9 with no duplicated and no lost predictions, and the database stays intact', async () => {
    const dir = join(temp(), 'audio');
    // 6 minutes through the real demo classifier on one worker: long enough to be killed half way.
    writeWav(join(dir, 'long.wav'), { sampleRate: 16000, samples: [noise(360, 16000, 0.2, 7)] });
    writeWav(join(dir, 'short.wav'), { sampleRate: 22050, samples: [sine(1000, 20, 22050, 0.5)] });
    const env = { EARMARK_CONFIG_DIR: join(temp(), 'config') };
    const args = (project: string) => ['analyze', '--project', project, '--model', 'earmark-demo', '--min-score', '0', '--workers', '1', dir];

    const reference = join(temp(), 'reference.earmark');
    expect((await runCli(args(reference), env)).code).toBe(0);
    const expected = predictions(reference);
    expect(expected.length).toBeGreaterThan(7 * 700);

    const killed = join(temp(), 'killed.earmark');
    const child = spawnCli(args(killed), env);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    while (storedCount(killed) < 500) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGKILL');
    await exited;
    const partial = storedCount(killed);
    expect(partial).toBeLessThan(expected.length);

    const resumed = await runCli(args(killed), env);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/resuming run 1/);
    expect(predictions(killed)).toEqual(expected);
    const db = new Database(killed, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(1);
    db.close();
  });

  it('lists models, adds a valid one, refuses a broken one with its reason, and prints predictions as JSON', async () => {
    const env = { EARMARK_CONFIG_DIR: join(temp(), 'config') };
    const listed = await runCli(['models', 'list', '--json'], env);
    expect(listed.code).toBe(0);
    const models = JSON.parse(listed.stdout) as { id: string; bundled: boolean; labels: string[] }[];
    expect(models.map((m) => m.id)).toEqual(expect.arrayContaining(['earmark-demo', 'silero-vad']));
    expect(models.every((m) => m.bundled)).toBe(true);

    const energy = buildEnergyModel(join(temp(), 'energy'), { sampleRate: 8000, windowS: 0.5, id: 'my-energy' });
    expect((await runCli(['models', 'add', '--manifest', energy.manifestPath], env)).code).toBe(0);
    const after = JSON.parse((await runCli(['models', 'list', '--json'], env)).stdout) as { id: string; source: string }[];
    expect(after.find((m) => m.id === 'my-energy')).toMatchObject({ source: 'added' });

    const broken = brokenModels.notOnnx(join(temp(), 'broken'));
    const refused = await runCli(['models', 'add', '--manifest', broken], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not an ONNX model/);

    const wav = writeWav(join(temp(), 'a.wav'), { sampleRate: 8000, samples: [sine(440, 1, 8000, 0.5)] });
    const project = join(temp(), 'p.earmark');
    const run = await runCli(['analyze', '--project', project, '--model', 'my-energy', '--min-score', '0.1', '--labels', 'energy', wav], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1 of 1 files.*2 predictions stored/);
    const printed = JSON.parse((await runCli(['predictions', '--project', project, '--run', '1', '--json'], env)).stdout);
    expect(printed).toEqual([
      { recording: wav, start_s: 0, end_s: 0.5, label: 'energy', score: expect.closeTo(0.125, 3), run: 1 },
      { recording: wav, start_s: 0.5, end_s: 1, label: 'energy', score: expect.closeTo(0.125, 3), run: 1 },
    ]);
    expect((await runCli(['analyze', '--project', project, '--model', 'my-energy', '--window', 'x'], env)).code).toBe(2);
  });
});
