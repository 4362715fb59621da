import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { EMB_DIM, EMB_FRAMES, EMB_STRIDE, MEL_BINS, SHARED_MODELS, embWindows, melFrames } from './config';

// The step-by-step reference pipeline: the two original speech_embedding graphs run one window at a
// time through the mel front end (so its batch-wide 80 dB floor only ever sees one item), with the
// x/10+2 scaling, 76-frame windowing and mean/max pooling done here in plain code. Training features
// come from this; the composed graph must reproduce it (verify.ts), which is what keeps the head valid.

export interface Pooled {
  mean: Float32Array;
  max: Float32Array;
  /** Per mel band, over all frames of the window: the spectral envelope the embedding (a speech model) underweights. */
  melMean: Float32Array;
  melStd: Float32Array;
}

const sessionOptions: ort.InferenceSession.SessionOptions = {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
};

export class ReferencePipeline {
  private constructor(
    private readonly mel: ort.InferenceSession,
    private readonly emb: ort.InferenceSession,
  ) {}

  static async open(dir = SHARED_MODELS): Promise<ReferencePipeline> {
    const mel = await ort.InferenceSession.create(join(dir, 'melspectrogram.onnx'), sessionOptions);
    const emb = await ort.InferenceSession.create(join(dir, 'embedding_model.onnx'), sessionOptions);
    return new ReferencePipeline(mel, emb);
  }

  /** Normalised log-mel frames of one window: [frames * 32], already x/10+2. */
  async melOf(window: Float32Array): Promise<Float32Array> {
    const scaled = new Float32Array(window.length);
    for (let i = 0; i < window.length; i++) scaled[i] = window[i] * 32767;
    const out = await this.mel.run({ input: new ort.Tensor('float32', scaled, [1, window.length]) });
    const data = out.output.data as Float32Array;
    const frames = melFrames(window.length);
    if (data.length !== frames * MEL_BINS) throw new Error(`mel output has ${data.length} values, expected ${frames * MEL_BINS}`);
    const norm = new Float32Array(data.length);
    for (let i = 0; i < data.length; i++) norm[i] = data[i] / 10 + 2;
    return norm;
  }

  /** Pooled embeddings of many equal-length windows; the embedding graph is per-item, so batching it is safe. */
  async pooled(windows: Float32Array[]): Promise<Pooled[]> {
    if (windows.length === 0) return [];
    const n = windows[0].length;
    const per = embWindows(n);
    const slab = EMB_FRAMES * MEL_BINS;
    const input = new Float32Array(windows.length * per * slab);
    const stats: { melMean: Float32Array; melStd: Float32Array }[] = [];
    for (let w = 0; w < windows.length; w++) {
      if (windows[w].length !== n) throw new Error('pooled(): all windows must have the same length');
      const mel = await this.melOf(windows[w]);
      stats.push(melStats(mel));
      for (let k = 0; k < per; k++) {
        input.set(mel.subarray(k * EMB_STRIDE * MEL_BINS, k * EMB_STRIDE * MEL_BINS + slab), (w * per + k) * slab);
      }
    }
    const out = await this.emb.run({ input_1: new ort.Tensor('float32', input, [windows.length * per, EMB_FRAMES, MEL_BINS, 1]) });
    const e = out.conv2d_19.data as Float32Array;
    return windows.map((_, w) => {
      const mean = new Float32Array(EMB_DIM);
      const max = new Float32Array(EMB_DIM).fill(-Infinity);
      for (let k = 0; k < per; k++) {
        for (let d = 0; d < EMB_DIM; d++) {
          const v = e[(w * per + k) * EMB_DIM + d];
          mean[d] += v / per;
          if (v > max[d]) max[d] = v;
        }
      }
      return { mean, max, ...stats[w] };
    });
  }

  async close(): Promise<void> {
    await this.mel.release();
    await this.emb.release();
  }
}

/** Mean and standard deviation of each mel band over the frames ([frames * 32], band-minor). */
export function melStats(mel: Float32Array): { melMean: Float32Array; melStd: Float32Array } {
  const frames = mel.length / MEL_BINS;
  const melMean = new Float32Array(MEL_BINS);
  const melStd = new Float32Array(MEL_BINS);
  for (let t = 0; t < frames; t++) for (let b = 0; b < MEL_BINS; b++) melMean[b] += mel[t * MEL_BINS + b] / frames;
  for (let t = 0; t < frames; t++) for (let b = 0; b < MEL_BINS; b++) melStd[b] += (mel[t * MEL_BINS + b] - melMean[b]) ** 2 / frames;
  for (let b = 0; b < MEL_BINS; b++) melStd[b] = Math.sqrt(melStd[b]);
  return { melMean, melStd };
}

/** The head's input, in the composed graph's Concat order: [emb mean(96), emb max(96), mel mean(32), mel std(32)]. */
export const FEATURE_DIM = 2 * EMB_DIM + 2 * MEL_BINS;
export function featureVector(p: Pooled): Float32Array {
  const f = new Float32Array(FEATURE_DIM);
  f.set(p.mean, 0);
  f.set(p.max, EMB_DIM);
  f.set(p.melMean, 2 * EMB_DIM);
  f.set(p.melStd, 2 * EMB_DIM + MEL_BINS);
  return f;
}
