import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EarmarkError } from '../../shared/errors';
import { useTempDir } from '../../../test/helpers/temp-dir';
import { noise, sine, writeWav } from '../../../test/fixtures/audio-fixtures';
import { BIRDNET_STYLE, birdnetStyleWeights, buildBatchDependentModel, buildBirdnetStyleModel, buildEnergyModel } from '../../../test/fixtures/models/builders';
import { openAudioSource } from '../audio/decode/open';
import type { WorkerPool } from '../workers/pool';
import { analyzeRecording, type AnalyzeBatch, type AnalyzeOptions, type ScoredWindow } from './analyze';
import { analyzeFiles } from './analyze-files';
import { createInferencePool } from './pool';
import { validateModel, type ValidatedModel } from './validate';

const tmp = useTempDir('earmark-analyze-');
let pool: WorkerPool;
beforeAll(() => {
  pool = createInferencePool(2);
});
afterAll(async () => {
  await pool.close();
});

async function run(path: string, model: ValidatedModel, o: AnalyzeOptions = {}): Promise<AnalyzeBatch[]> {
  const source = await openAudioSource(path);
  try {
    const out: AnalyzeBatch[] = [];
    for await (const b of analyzeRecording(source, model, o, pool)) out.push(b);
    return out;
  } finally {
    await source.close();
  }
}
const windowsOf = (batches: AnalyzeBatch[]): ScoredWindow[] => batches.flatMap((b) => b.windows);
const energyModel = async (o: Parameters<typeof buildEnergyModel>[1] = {}) => validateModel(buildEnergyModel(join(tmp(), `m${Math.random()}`), o).manifestPath);

/** 16 kHz float WAV: second k holds the constant level levels[k]; the last level lasts `lastS`. */
function steps(levels: number[], lastS: number, rate = 16000): string {
  const frames = (levels.length - 1) * rate + Math.round(lastS * rate);
  return writeWav(join(tmp(), `steps-${rate}.wav`), {
    sampleRate: rate,
    float: true,
    samples: { frames, channels: 1, at: (f: number) => levels[Math.floor(f / rate)] },
  });
}
const LEVELS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];

describe('analyzeRecording: windows, hop and scores', () => {
  it('cuts windows at exact hop positions and zero-pads the last one', async () => {
    const model = await energyModel();
    const wav = steps(LEVELS, 0.3); // 5.3 s
    const w = windowsOf(await run(wav, model));
    expect(w.map((x) => x.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(w.map((x) => x.start_s)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(w.map((x) => x.end_s)).toEqual([1, 2, 3, 4, 5, 5.3]);
    const mean = w.map((x) => x.scores[2]);
    [0.1, 0.2, 0.3, 0.4, 0.5, 0.6 * 0.3].forEach((v, i) => expect(mean[i]).toBeCloseTo(v, 4));
    expect(w[5].scores[1]).toBeCloseTo(0.6, 6); // peak of the padded window: its audio is kept
    expect(w[1].scores[0]).toBeCloseTo(0.04, 5); // energy = level²
  });

  it('overlaps windows with a shorter hop', async () => {
    const model = await energyModel();
    const batches = await run(steps(LEVELS, 0.3), model, { hop_s: 0.5, batch_size: 3 });
    const w = windowsOf(batches);
    expect(w.map((x) => x.start_s)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5]);
    expect(batches.map((b) => b.windows.length)).toEqual([3, 3, 3, 1]);
    expect(batches[0].total_windows).toBe(10);
    expect(batches.at(-1)!.done_s).toBeCloseTo(5.3, 9);
    expect(w[1].scores[2]).toBeCloseTo(0.15, 4);
    expect(w[9].scores[2]).toBeCloseTo(0.5 * 0.5 + 0.6 * 0.3, 4);
  });

  it('resamples 44.1 kHz audio to a 16 kHz model with a real low-pass resampler', async () => {
    const model = await energyModel();
    const tone = writeWav(join(tmp(), 'tone.wav'), { sampleRate: 44100, float: true, samples: [sine(1000, 4.5, 44100, 0.5)] });
    const w = windowsOf(await run(tone, model));
    expect(w.map((x) => x.start_s)).toEqual([0, 1, 2, 3, 4]);
    for (const x of w.slice(0, 4)) expect(x.scores[0]).toBeCloseTo(0.125, 3); // A²/2
    expect(w[4].scores[0]).toBeCloseTo(0.0625, 3); // half a second of tone, then zeros
    // 12 kHz is above the model's 8 kHz Nyquist: a resampler without anti-aliasing would fold it to 4 kHz.
    const high = writeWav(join(tmp(), 'high.wav'), { sampleRate: 44100, float: true, samples: [sine(12000, 2, 44100, 0.5)] });
    for (const x of windowsOf(await run(high, model))) expect(x.scores[0]).toBeLessThan(0.002);
  });

  it('keeps only the chosen labels at or above the minimum score', async () => {
    const model = await energyModel();
    const batches = await run(steps(LEVELS, 1), model, { labels: ['mean'], min_score: 0.25 });
    const p = batches.flatMap((b) => b.predictions);
    expect(p.map((x) => [x.window, x.label, x.start_s, x.end_s])).toEqual([
      [2, 'mean', 2, 3],
      [3, 'mean', 3, 4],
      [4, 'mean', 4, 5],
      [5, 'mean', 5, 6],
    ]);
    expect(p[0].score).toBeCloseTo(0.3, 4);
    await expect(run(steps(LEVELS, 1), model, { labels: ['bird'] })).rejects.toThrow('model energy has no label "bird"; its labels are: energy, peak, mean');
  });

  it('accepts another window length only when the graph allows it', async () => {
    const fixed = await energyModel();
    const err = await run(steps(LEVELS, 1), fixed, { window_s: 0.5 }).catch((e: EarmarkError) => e);
    expect((err as EarmarkError).code).toBe('BAD_INPUT');
    const dynamic = await energyModel({ dynamicWindow: true });
    const w = windowsOf(await run(steps(LEVELS, 1), dynamic, { window_s: 0.5, hop_s: 0.5 }));
    expect(w).toHaveLength(12);
    expect(w[3].scores[2]).toBeCloseTo(0.2, 4);
  });

  it('applies the activation, and feeds a graph with a fixed batch size in groups of that size', async () => {
    const model = await energyModel({ fixedBatch: 2, activation: 'sigmoid' });
    expect(model.fixedBatch).toBe(2);
    const w = windowsOf(await run(steps(LEVELS, 0.3), model, { batch_size: 5 }));
    expect(w).toHaveLength(6);
    [0.1, 0.2, 0.3, 0.4, 0.5, 0.6 * 0.3].forEach((v, i) => expect(w[i].scores[2]).toBeCloseTo(1 / (1 + Math.exp(-v)), 4));
    const soft = await energyModel({ activation: 'softmax' });
    const s = windowsOf(await run(steps(LEVELS, 1), soft))[3].scores;
    const e = [0.16, 0.4, 0.4].map(Math.exp);
    e.forEach((v, j) => expect(s[j]).toBeCloseTo(v / (e[0] + e[1] + e[2]), 4));
  });

  it('analyses one channel or the mixdown', async () => {
    const model = await energyModel();
    const wav = writeWav(join(tmp(), 'stereo.wav'), {
      sampleRate: 16000,
      float: true,
      samples: { frames: 32000, channels: 2, at: (_f, c) => (c === 0 ? 0.2 : -0.6) },
    });
    const mean = async (channel: AnalyzeOptions['channel']) => windowsOf(await run(wav, model, { channel })).map((x) => x.scores[2]);
    (await mean(0)).forEach((v) => expect(v).toBeCloseTo(0.2, 4));
    (await mean(1)).forEach((v) => expect(v).toBeCloseTo(-0.6, 4));
    (await mean('mix')).forEach((v) => expect(v).toBeCloseTo(-0.2, 4));
    await expect(run(wav, model, { channel: 2 })).rejects.toThrow(/channel 2 does not exist \(the file has 2/);
  });

  it('resumes at a window with exactly the scores of an uninterrupted run', async () => {
    const model = await energyModel();
    const wav = writeWav(join(tmp(), 'noise.wav'), { sampleRate: 22050, float: true, samples: [noise(6.2, 22050, 0.4, 7)] });
    const all = windowsOf(await run(wav, model, { hop_s: 0.75 }));
    const resumed = windowsOf(await run(wav, model, { hop_s: 0.75, start_window: 4 }));
    expect(resumed.map((w) => w.index)).toEqual(all.slice(4).map((w) => w.index));
    expect(resumed.map((w) => Array.from(w.scores))).toEqual(all.slice(4).map((w) => Array.from(w.scores)));
  });
});

describe('a BirdNET-shaped model, by manifest only', () => {
  it('gives the scores and embeddings the graph defines, batched exactly as one at a time', async () => {
    const model = await validateModel(buildBirdnetStyleModel(join(tmp(), 'bn')).manifestPath);
    const rate = BIRDNET_STYLE.sampleRate;
    const samples = noise(7, rate, 0.3, 3);
    for (let i = 0; i < samples.length; i++) samples[i] *= 0.2 + Math.abs(Math.sin(i / 20000)); // uneven energy
    const wav = writeWav(join(tmp(), 'bn.wav'), { sampleRate: rate, float: true, samples: [samples] });
    const batched = windowsOf(await run(wav, model, { batch_size: 16 }));
    const single = windowsOf(await run(wav, model, { batch_size: 1 }));
    expect(batched.map((w) => w.start_s)).toEqual([0, 3, 6]);
    expect(batched.map((w) => Array.from(w.scores))).toEqual(single.map((w) => Array.from(w.scores)));
    expect(batched.map((w) => Array.from(w.embedding!))).toEqual(single.map((w) => Array.from(w.embedding!)));

    const { w: W, b: B } = birdnetStyleWeights();
    const { samples: n, embeddingDim: d, labels: k } = BIRDNET_STYLE;
    for (const win of batched) {
      const x = new Float32Array(n);
      const from = Math.round(win.start_s * rate);
      x.set(samples.subarray(from, Math.min(samples.length, from + n)));
      const seg = n / d;
      const emb = Array.from({ length: d }, (_, j) => x.subarray(j * seg, (j + 1) * seg).reduce((s, v) => s + v * v, 0) / seg);
      emb.forEach((e, j) => expect(win.embedding![j]).toBeCloseTo(e, 4));
      for (let c = 0; c < k; c++) {
        const logit = emb.reduce((s, e, j) => s + e * W[j * k + c], B[c]);
        expect(win.scores[c]).toBeCloseTo(1 / (1 + Math.exp(-logit)), 4);
      }
    }
  });
});

describe('a model that normalises over its batch', () => {
  it('is found out when validated, and run one window per call so batching changes nothing', async () => {
    const model = await validateModel(buildBatchDependentModel(join(tmp(), 'bd')).manifestPath);
    expect(model.batchIndependent).toBe(false);
    expect((await energyModel()).batchIndependent).toBe(true);
    const wav = steps(LEVELS, 1); // window k holds the constant LEVELS[k]: alone, mean / max = 1
    for (const batch_size of [1, 16]) {
      for (const w of windowsOf(await run(wav, model, { batch_size }))) expect(w.scores[0]).toBeCloseTo(1, 4);
    }
  });
});

describe('analyzeFiles', () => {
  it('records a broken file with BROKEN_AUDIO and analyses the others', async () => {
    const model = await energyModel();
    const good = steps(LEVELS, 1);
    const broken = join(tmp(), 'broken.flac');
    writeFileSync(broken, Buffer.from('fLaC this is not really a flac file at all'));
    const seen: string[] = [];
    const outcomes = await analyzeFiles([{ path: good }, { path: broken }, { path: good, start_window: 4 }], model, { concurrency: 2 }, pool, (path, b) => {
      seen.push(`${path}:${b.windows[0].index}`);
    });
    expect(outcomes.map((o) => [o.ok, o.windows, o.error?.code])).toEqual([
      [true, 6, undefined],
      [false, 0, 'BROKEN_AUDIO'],
      [true, 2, undefined],
    ]);
    expect(outcomes[1].error!.message).toContain('broken.flac');
    expect(seen).toContain(`${good}:4`);
  });

  it('stops when cancelled', async () => {
    const model = await energyModel();
    const wav = writeWav(join(tmp(), 'long.wav'), { sampleRate: 16000, float: true, samples: [noise(60, 16000)] });
    const ac = new AbortController();
    const done = analyzeFiles([{ path: wav }], model, { signal: ac.signal, batch_size: 1 }, pool, () => ac.abort(new Error('user cancelled')));
    await expect(done).rejects.toThrow('user cancelled');
  });
});
