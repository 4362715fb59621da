import { join } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import { ModelProtoSchema, OperatorSetIdProtoSchema, type GraphProto } from 'onnx-buf';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { probeRecording } from '../../src/main/audio/metadata/probe';
import { embedGraph, fixMelFloor, loadGraph } from '../../scripts/demo-model/compose';
import { assignFolds, type Example } from '../../scripts/demo-model/cv';
import { DEMO_DIR, HOLDOUT, SHARED_MODELS } from '../../scripts/demo-model/config';
import { predict, train } from '../../scripts/demo-model/logreg';
import { colouredNoise, makeRng } from '../../scripts/demo-model/rng';
import { audibleSpan, planEvents } from '../../scripts/demo-model/soundscape';
import { type Clip } from '../../scripts/demo-model/clips';

// The pieces of `npm run build:demo-model` and `build:demo-soundscapes` that the end result depends on.

const modelOf = (g: GraphProto) =>
  toBinary(ModelProtoSchema, create(ModelProtoSchema, { irVersion: 7n, opsetImport: [create(OperatorSetIdProtoSchema, { domain: '', version: 13n })], graph: g }));

async function melRun(bytes: Uint8Array, windows: Float32Array[]): Promise<Float32Array[]> {
  const s = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1 });
  const n = windows[0].length;
  const input = new Float32Array(windows.length * n);
  windows.forEach((w, i) => input.set(w, i * n));
  const out = (await s.run({ input: new ort.Tensor('float32', input, [windows.length, n]) })).output.data as Float32Array;
  await s.release();
  const per = out.length / windows.length;
  return windows.map((_, i) => out.slice(i * per, (i + 1) * per));
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('mel front end floor', () => {
  const rng = makeRng(7);
  const loud = colouredNoise(rng, 'white', 16000).map((v) => v * 0.5 * 32767);
  const quiet = colouredNoise(rng, 'pink', 16000).map((v) => v * 1e-4 * 32767);

  it('original graph: a quiet window changes when batched with a loud one (the trap)', async () => {
    const bytes = modelOf(loadGraph(join(SHARED_MODELS, 'melspectrogram.onnx')));
    const [alone] = await melRun(bytes, [quiet]);
    const [, beside] = await melRun(bytes, [loud, quiet]);
    expect(maxDiff(alone, beside)).toBeGreaterThan(1);
  });

  it('fixed graph: per-item floor, batched equals one at a time, and single windows match the original', async () => {
    const original = modelOf(loadGraph(join(SHARED_MODELS, 'melspectrogram.onnx')));
    const fixed = modelOf(fixMelFloor(loadGraph(join(SHARED_MODELS, 'melspectrogram.onnx'))));
    const batched = await melRun(fixed, [loud, quiet]);
    expect(maxDiff(batched[1], (await melRun(fixed, [quiet]))[0])).toBe(0);
    expect(maxDiff(batched[0], (await melRun(fixed, [loud]))[0])).toBe(0);
    expect(maxDiff((await melRun(fixed, [quiet]))[0], (await melRun(original, [quiet]))[0])).toBeLessThan(1e-4);
  });
});

describe('embedGraph', () => {
  it('prefixes every name, binds the input, keeps empty inputs empty and drops unused initializers', () => {
    const g = loadGraph(join(SHARED_MODELS, 'embedding_model.onnx'));
    const { nodes, inits, output } = embedGraph(g, 'emb/', 'windows');
    const produced = new Set(nodes.flatMap((n) => n.output));
    const initNames = new Set(inits.map((t) => t.name));
    for (const n of nodes) {
      expect(n.name.startsWith('emb/')).toBe(true);
      for (const i of n.input) expect(i === '' || i === 'windows' || produced.has(i) || initNames.has(i)).toBe(true);
      for (const o of n.output) expect(o.startsWith('emb/')).toBe(true);
    }
    const used = new Set(nodes.flatMap((n) => n.input));
    for (const t of inits) expect(used.has(t.name)).toBe(true);
    expect(produced.has(output)).toBe(true);
    expect(nodes.some((n) => n.input.includes('windows'))).toBe(true);
  });
});

describe('logistic regression head', () => {
  // Three Gaussian blobs in 4-d with very different feature scales (tests the folded standardisation).
  const rng = makeRng(3);
  const centres = [[0, 0, 0, 0], [3, 0, 300, 0], [0, 3, 0, -300]];
  const X: Float32Array[] = [];
  const y: number[] = [];
  for (let c = 0; c < 3; c++) for (let i = 0; i < 60; i++) { X.push(Float32Array.from(centres[c], (m, d) => m + rng.normal() * (d >= 2 ? 60 : 0.6))); y.push(c); }

  it('learns separable classes on raw (unstandardised) features and is deterministic', () => {
    const a = train(X, y, 3, { l2: 1e-3, iterations: 300, learningRate: 0.05 });
    const b = train(X, y, 3, { l2: 1e-3, iterations: 300, learningRate: 0.05 });
    expect(Array.from(a.W)).toEqual(Array.from(b.W));
    const correct = X.filter((x, i) => { const p = predict(a, x); return p.indexOf(Math.max(...p)) === y[i]; }).length;
    expect(correct / X.length).toBeGreaterThan(0.95);
    expect(predict(a, X[0]).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 9);
  });
});

describe('grouped stratified folds', () => {
  it('never splits a clip across folds and spreads each class over all folds', () => {
    const ex: Example[] = [];
    for (let c = 0; c < 3; c++) for (let g = 0; g < 4 + c; g++) for (let w = 0; w < 5; w++) ex.push({ x: new Float32Array(1), y: c, group: `c${c}-g${g}`, condition: 'clean' });
    const folds = assignFolds(makeRng(1), ex, 3);
    expect(folds.size).toBe(4 + 5 + 6);
    for (let c = 0; c < 3; c++) {
      const used = new Set(ex.filter((e) => e.y === c).map((e) => folds.get(e.group)));
      expect(used).toEqual(new Set([0, 1, 2]));
    }
  });
});

describe('soundscape planning', () => {
  const rate = 8000;
  const tone = (seconds: number, lead: number): Float32Array => Float32Array.from({ length: Math.round((seconds + 2 * lead) * rate) }, (_, i) => (i >= lead * rate && i < (lead + seconds) * rate ? Math.sin(i / 3) : 1e-5));

  it('finds the audible span of a clip with silent edges', () => {
    const [a, b] = audibleSpan(tone(1, 0.5), rate);
    expect(Math.abs(a / rate - 0.5)).toBeLessThan(0.03);
    expect(Math.abs(b / rate - 1.5)).toBeLessThan(0.03);
  });

  it('places every held-out clip twice, events never overlap, all inside the recordings', () => {
    const labels = ['bird', 'dog', 'insect_frog', 'machine', 'music', 'speech'] as const;
    const clips: Clip[] = [...HOLDOUT, ...labels.map((l) => `${l}/trained.flac`)].map((file) => ({
      file, label: file.split('/')[0] as Clip['label'], duration_s: 2, source_package: 'x', source_path: 'x', license: 'x', samples: tone(2, 0.1), rate,
    }));
    const specs = [60, 60, 60].map((d, i) => ({ file: `r${i}.wav`, rate, channels: 1 as const, duration_s: d, bed: 'noise/x.flac', background_db: -40 }));
    const events = planEvents(makeRng(5), specs, clips);
    for (const h of HOLDOUT) expect(events.filter((e) => e.source_clip === h).length).toBe(2);
    for (const s of specs) {
      const mine = events.filter((e) => e.file === s.file).sort((a, b) => a.start_s - b.start_s);
      mine.forEach((e, i) => {
        expect(e.end_s).toBeLessThanOrEqual(s.duration_s);
        if (i > 0) expect(e.start_s).toBeGreaterThan(mine[i - 1].end_s);
      });
    }
  });

  it('writes headers the app reads: GUANO and AudioMoth start times, stereo, sample rates', async () => {
    const meadow = await probeRecording(join(DEMO_DIR, 'recordings/MEADOW_20240501_053000.wav'));
    expect(meadow).toMatchObject({ sample_rate: 32000, channels: 1, start_time: '2024-05-01T05:30:00+02:00', start_time_source: 'guano', site: 'Meadow' });
    const moth = await probeRecording(join(DEMO_DIR, 'recordings/24F319055FDF2F5B_20240501_211500.wav'));
    expect(moth).toMatchObject({ sample_rate: 22050, channels: 2, start_time: '2024-05-01T21:15:00Z', start_time_source: 'audiomoth' });
    const plain = await probeRecording(join(DEMO_DIR, 'recordings/village-edge.wav'));
    expect(plain.start_time).toBeNull();
  });
});
