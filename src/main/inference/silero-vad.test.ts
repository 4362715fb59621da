import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildVadWrapper } from '../../../scripts/build-vad-model';
import { openAudioSource } from '../audio/decode/open';
import type { WorkerPool } from '../workers/pool';
import { analyzeRecording, type AnalyzeOptions, type ScoredWindow } from './analyze';
import { createInferencePool } from './pool';
import { bundledModelsDir, resolveModel } from './registry';
import type { ValidatedModel } from './validate';

// The bundled Silero VAD model (resources/models/silero-vad) on real clips.
const audio = (name: string) => join(fileURLToPath(new URL('.', import.meta.url)), '../../../test/fixtures/models/audio', name);
let pool: WorkerPool;
let vad: ValidatedModel;
beforeAll(async () => {
  pool = createInferencePool(2);
  vad = await resolveModel('silero-vad');
});
afterAll(async () => {
  await pool.close();
});

async function windows(file: string, o: AnalyzeOptions = {}): Promise<ScoredWindow[]> {
  const source = await openAudioSource(audio(file));
  const out: ScoredWindow[] = [];
  try {
    for await (const b of analyzeRecording(source, vad, o, pool)) out.push(...b.windows);
  } finally {
    await source.close();
  }
  return out;
}

describe('bundled Silero VAD', () => {
  it('is the committed wrapper that scripts/build-vad-model.ts builds from the original graph', () => {
    const dir = join(bundledModelsDir(), 'silero-vad');
    const rebuilt = buildVadWrapper(readFileSync(join(dir, 'silero_vad_v5.onnx')));
    expect(Buffer.from(rebuilt).equals(readFileSync(join(dir, 'silero-vad-windows.onnx')))).toBe(true);
  });

  it('scores a speech clip as speech and a machine clip (11.025 kHz, resampled) as not', async () => {
    const speech = await windows('speech.flac'); // 2.99 s of read English
    const machine = await windows('machine.flac');
    expect(speech.map((w) => w.start_s)).toEqual([0, 1, 2]);
    expect(speech[0].scores[0]).toBeGreaterThanOrEqual(0.5);
    expect(speech[1].scores[0]).toBeGreaterThanOrEqual(0.5);
    expect(machine).toHaveLength(7);
    for (const w of machine) expect(w.scores[0]).toBeLessThan(0.2);
    const mean = (ws: ScoredWindow[]) => ws.reduce((s, w) => s + w.scores[0], 0) / ws.length;
    expect(mean(speech)).toBeGreaterThan(mean(machine) + 0.4);
  });

  it('gives a window the same score in a batch as alone (the state is per window)', async () => {
    const batched = await windows('speech.flac', { hop_s: 0.25, batch_size: 16 });
    const single = await windows('speech.flac', { hop_s: 0.25, batch_size: 1 });
    expect(batched).toHaveLength(single.length);
    batched.forEach((w, i) => expect(w.scores[0]).toBe(single[i].scores[0]));
  });

  it('takes another window length (its window dimension is symbolic)', async () => {
    const w = await windows('speech.flac', { window_s: 2.048, hop_s: 1 });
    expect(w.map((x) => x.start_s)).toEqual([0, 1]);
    expect(w[0].scores[0]).toBeGreaterThan(0.5);
  });
});
