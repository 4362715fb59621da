import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { noise, sine, writeWav } from '../../../test/fixtures/audio-fixtures';
import { buildEnergyModel } from '../../../test/fixtures/models/builders';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { Project } from '../app/project';
import { importRecordings } from '../recordings/import-recordings';
import type { RunProgress } from '../../shared/domain';
import { RunManager } from './run-manager';

const temp = useTempDir();
const open: { project: Project; runs: RunManager }[] = [];

afterEach(async () => {
  for (const { project, runs } of open.splice(0)) {
    await runs.close();
    await project.close();
  }
});

async function projectWith(name: string, files: string[], onProgress: (p: RunProgress) => void = () => {}) {
  const project = Project.open(join(temp(), `${name}.earmark`), { create: true });
  await importRecordings(project.db, project.recordings, files);
  const runs = new RunManager(project, onProgress, { workers: 2, registryDir: join(temp(), 'registry') });
  open.push({ project, runs });
  return { project, runs };
}

const rows = (project: Project) =>
  project.runs.predictions().map(({ recording, start_s, end_s, label, score }) => ({ recording: recording.split('/').at(-1), start_s, end_s, label, score }));

describe('RunManager', () => {
  it('stores exact window predictions per file, maps labels, and records a broken file while the others finish', async () => {
    const model = buildEnergyModel(join(temp(), 'energy'), { sampleRate: 8000, windowS: 0.5, hopS: 0.25 });
    const a = writeWav(join(temp(), 'in', 'a.wav'), { sampleRate: 8000, samples: [sine(440, 2.1, 8000, 0.5)] });
    const b = writeWav(join(temp(), 'in', 'b.wav'), { sampleRate: 16000, samples: [sine(300, 1, 16000, 0.25)] });
    const { project, runs } = await projectWith('p', [a, b]);
    // Damage b.wav after import: the run must report it and still finish a.wav.
    writeFileSync(b, 'RIFF');
    const { run_id, resumed } = await runs.start({ model: model.manifestPath, labels: ['energy'], min_score: 0 });
    expect(resumed).toBe(false);
    await runs.wait(run_id);

    const [summary] = runs.summaries();
    expect(summary).toMatchObject({ status: 'done', files_total: 2, files_done: 1, files_failed: 1 });
    expect(summary.failures[0].path).toBe(b);
    expect(summary.failures[0].error).toMatch(/b\.wav/);
    const stored = rows(project);
    // 2.1 s at hop 0.25 s with 0.5 s windows: starts 0 ... 1.75; the last one reaches past the end, zero-padded.
    expect(stored.map((r) => r.start_s)).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75]);
    expect(new Set(stored.map((r) => r.label))).toEqual(new Set(['energy']));
    for (const r of stored.slice(0, 7)) expect(r.score).toBeCloseTo(0.125, 3); // mean of (0.5 sin)^2
    expect(stored[7].score).toBeCloseTo(0.125 * 0.7, 3); // 0.35 s of audio, 0.15 s of padding
    expect(project.labels.list().map((l) => l.name)).toEqual(['energy']);
  });

  it('resumes a cancelled run to exactly the predictions of an uninterrupted one; repeating a finished run adds nothing', async () => {
    const model = buildEnergyModel(join(temp(), 'energy'), { sampleRate: 8000, windowS: 0.25, hopS: 0.125 });
    const files = [0, 1, 2].map((i) => writeWav(join(temp(), 'in', `n${i}.wav`), { sampleRate: 8000, samples: [noise(120, 8000, 0.3 + i / 10, i + 1)] }));
    const input = { model: model.manifestPath, min_score: 0 };

    const reference = await projectWith('reference', files);
    await reference.runs.wait((await reference.runs.start(input)).run_id);

    let cancelOnce: (() => void) | null = null;
    const interrupted = await projectWith('interrupted', files, (p) => {
      if (p.predictions > 0 && cancelOnce) {
        cancelOnce();
        cancelOnce = null;
      }
    });
    const first = await interrupted.runs.start(input);
    cancelOnce = () => interrupted.runs.cancel(first.run_id);
    await interrupted.runs.wait(first.run_id);
    expect(interrupted.runs.summaries()[0].status).toBe('cancelled');
    const partial = interrupted.project.runs.predictionCount();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(reference.project.runs.predictionCount());

    const again = await interrupted.runs.start(input); // "the same command again"
    expect(again).toEqual({ run_id: first.run_id, resumed: true });
    await interrupted.runs.wait(first.run_id);
    expect(rows(interrupted.project)).toEqual(rows(reference.project));

    const repeat = await interrupted.runs.start(input);
    await interrupted.runs.wait(repeat.run_id);
    expect(repeat.run_id).toBe(first.run_id);
    expect(rows(interrupted.project)).toEqual(rows(reference.project));
    expect(interrupted.project.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses options the model cannot take, naming the problem', async () => {
    const model = buildEnergyModel(join(temp(), 'energy'), { sampleRate: 8000, windowS: 0.5 });
    const a = writeWav(join(temp(), 'in', 'a.wav'), { sampleRate: 8000, samples: [sine(440, 1, 8000)] });
    const { runs } = await projectWith('p', [a]);
    await expect(runs.start({ model: model.manifestPath, window_s: 2 })).rejects.toThrow(/exactly 0.5 s/);
    await expect(runs.start({ model: model.manifestPath, labels: ['owl'] })).rejects.toThrow(/no label "owl"/);
    await expect(runs.start({ model: 'no-such-model' })).rejects.toThrow(/no-such-model/);
  });
});
