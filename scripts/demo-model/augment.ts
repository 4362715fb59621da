import { type Clip, type ClassName } from './clips';
import { RATE, WINDOW_SAMPLES } from './config';
import { type NoiseColour, type Rng, colouredNoise, dbToGain, rms } from './rng';

// Training windows cut from the clips, with the conditions a field recording adds: level changes,
// time shifts and background noise at a few SNRs. Each window remembers its source clip (`group`) so
// cross-validation can keep all windows of one clip on the same side of a split.

export interface TrainingWindow {
  samples: Float32Array;
  label: ClassName;
  /** Source clip file, or `synthetic-N` for generated background. */
  group: string;
  /** 'clean' or the SNR in dB it was mixed at, for the metrics breakdown. */
  condition: string;
}

export interface AugmentOptions {
  /** Window starts per clip at most (long clips would otherwise dominate their class). */
  maxWindowsPerClip: number;
  snrsDb: number[];
  syntheticGroups: number;
  syntheticPerGroup: number;
}

export const DEFAULT_AUGMENT: AugmentOptions = { maxWindowsPerClip: 10, snrsDb: [20, 10, 3], syntheticGroups: 6, syntheticPerGroup: 30 };

const COLOURS: NoiseColour[] = ['white', 'pink', 'brown'];

/** A background like the soundscapes': a random blend of coloured noises at unit RMS. */
export function backgroundNoise(rng: Rng, n: number): Float32Array {
  const out = new Float32Array(n);
  for (const c of COLOURS) {
    const w = rng.next();
    const x = colouredNoise(rng, c, n);
    for (let i = 0; i < n; i++) out[i] += w * x[i];
  }
  const r = rms(out);
  for (let i = 0; i < n; i++) out[i] /= r || 1;
  return out;
}

/** Window starts over a clip: evenly spread, jittered; a clip shorter than the window gets random placements. */
function windowStarts(rng: Rng, clip: Float32Array, max: number): number[] {
  const n = WINDOW_SAMPLES;
  if (clip.length <= n) return Array.from({ length: Math.min(max, 4) }, () => -rng.int(n - clip.length + 1));
  const span = clip.length - n;
  const count = Math.min(max, 1 + Math.floor(span / (0.25 * RATE)));
  return Array.from({ length: count }, (_, i) => {
    const base = count === 1 ? span / 2 : (i * span) / (count - 1);
    return Math.max(0, Math.min(span, Math.round(base + rng.uniform(-0.1, 0.1) * RATE)));
  });
}

/** Samples of `clip` seen through a window starting at `start` (negative: the clip starts inside). */
function cut(clip: Float32Array, start: number): Float32Array {
  const w = new Float32Array(WINDOW_SAMPLES);
  for (let i = 0; i < WINDOW_SAMPLES; i++) {
    const j = start + i;
    if (j >= 0 && j < clip.length) w[i] = clip[j];
  }
  return w;
}

export function clipWindows(rng: Rng, clip: Clip, opt: AugmentOptions = DEFAULT_AUGMENT): TrainingWindow[] {
  const out: TrainingWindow[] = [];
  const starts = windowStarts(rng, clip.samples, opt.maxWindowsPerClip);
  const cuts = starts.map((s) => cut(clip.samples, s));
  // Windows that are mostly the clip's silence would teach "bird" for silence: keep windows within
  // 20 dB of the clip's loudest one.
  const loudest = Math.max(...cuts.map((c) => rms(c)));
  for (const signal of cuts) {
    const level = rms(signal);
    if (level < loudest * dbToGain(-20) || level === 0) continue;
    const gain = dbToGain(rng.uniform(-30, 0));
    out.push({ samples: signal.map((v) => v * gain), label: clip.label, group: clip.file, condition: 'clean' });
    for (const snr of opt.snrsDb) {
      const noise = backgroundNoise(rng, WINDOW_SAMPLES);
      const noiseGain = (level / dbToGain(snr)) * gain;
      const mixed = new Float32Array(WINDOW_SAMPLES);
      for (let i = 0; i < mixed.length; i++) mixed[i] = signal[i] * gain + noise[i] * noiseGain;
      out.push({ samples: mixed, label: clip.label, group: clip.file, condition: `${snr}dB` });
    }
  }
  return out;
}

/** Pure background at levels from near-silent to loud: the "noise" class a field recording is mostly made of. */
export function syntheticBackground(rng: Rng, opt: AugmentOptions = DEFAULT_AUGMENT): TrainingWindow[] {
  const out: TrainingWindow[] = [];
  for (let g = 0; g < opt.syntheticGroups; g++) {
    for (let k = 0; k < opt.syntheticPerGroup; k++) {
      const level = dbToGain(rng.uniform(-70, -15));
      const x = backgroundNoise(rng, WINDOW_SAMPLES).map((v) => v * level);
      out.push({ samples: x, label: 'noise', group: `synthetic-${g}`, condition: 'clean' });
    }
  }
  return out;
}
