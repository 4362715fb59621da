import type { AudioSource } from '../source';

// The quick pass behind the first screen (../shared/LONG-RECORDINGS.md): max |x| over all channels per
// bucket, ~1 s per hour of WAV, so the waveform never waits for the spectrogram pass.

/** Buckets a file may have at most: ~2 MB of float32 and a light payload for the renderer. */
export const MAX_PEAK_BUCKETS = 500_000;

export interface PeaksLayout {
  /** Whole frames per bucket, so bucket i covers frames [i * spb, (i + 1) * spb) exactly. */
  samplesPerBucket: number;
  buckets: number;
  peaksPerSecond: number;
}

/**
 * At most MAX_PEAK_BUCKETS buckets; short files (under ~80 minutes at 100/s) get more than 100 per
 * second, up to one bucket per sample.
 */
export function peaksLayout(totalFrames: number, sampleRate: number): PeaksLayout {
  const samplesPerBucket = Math.max(1, Math.ceil(totalFrames / MAX_PEAK_BUCKETS));
  return {
    samplesPerBucket,
    buckets: Math.ceil(totalFrames / samplesPerBucket),
    peaksPerSecond: sampleRate / samplesPerBucket,
  };
}

/** A contiguous range of buckets [first, end): lets files with random access split the pass across workers. */
export interface BucketRange {
  first: number;
  end: number;
}

/**
 * Streams every channel once (a mix would let opposite-phase channels cancel) and keeps the max.
 * With a range, only those buckets are computed and the result holds just them.
 */
export async function computePeaks(
  source: AudioSource,
  layout: PeaksLayout,
  options: { signal?: AbortSignal; onProgress?: (done: number) => void; range?: BucketRange } = {},
): Promise<Float32Array> {
  const { first, end } = options.range ?? { first: 0, end: layout.buckets };
  const peaks = new Float32Array(end - first);
  const spb = layout.samplesPerBucket;
  const startFrame = first * spb;
  const endFrame = Math.min(source.info.totalFrames, end * spb);
  const channels = Math.max(1, source.info.channels);
  const total = (endFrame - startFrame) * channels;
  for (let ch = 0; ch < channels; ch++) {
    const channel = source.info.channels <= 1 ? 'mix' : ch;
    for await (const { frame, samples } of source.stream({ channel, chunkFrames: 1 << 18, signal: options.signal, startFrame, endFrame })) {
      let bucket = Math.floor(frame / spb) - first;
      let left = (bucket + first + 1) * spb - frame; // samples until the next bucket starts
      let max = peaks[bucket] ?? 0;
      for (let i = 0; i < samples.length; i++) {
        const v = samples[i];
        const a = v < 0 ? -v : v;
        if (a > max) max = a;
        if (--left === 0) {
          if (bucket < peaks.length) peaks[bucket] = max;
          bucket++;
          left = spb;
          max = peaks[bucket] ?? 0;
        }
      }
      if (bucket < peaks.length) peaks[bucket] = max;
      options.onProgress?.((ch * (endFrame - startFrame) + frame + samples.length - startFrame) / total);
    }
  }
  return peaks;
}
