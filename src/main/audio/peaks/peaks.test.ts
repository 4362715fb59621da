import { describe, expect, it } from 'vitest';
import { MAX_PEAK_BUCKETS, peaksLayout } from './peaks';

describe('peaksLayout', () => {
  it('keeps an hour under the bucket cap with whole samples per bucket', () => {
    const l = peaksLayout(3600 * 48000, 48000);
    expect(l.buckets).toBeLessThanOrEqual(MAX_PEAK_BUCKETS);
    expect(l.samplesPerBucket).toBe(346);
    expect(l.peaksPerSecond).toBeCloseTo(48000 / 346, 6);
    expect(l.buckets).toBe(Math.ceil((3600 * 48000) / 346));
  });

  it('gives short files at least 100 peaks per second, up to one per sample', () => {
    expect(peaksLayout(10 * 48000, 48000)).toEqual({ samplesPerBucket: 1, buckets: 480000, peaksPerSecond: 48000 });
    const min = peaksLayout(80 * 60 * 48000, 48000);
    expect(min.peaksPerSecond).toBeGreaterThanOrEqual(100);
    const bat = peaksLayout(3600 * 384000, 384000);
    expect(bat.buckets).toBeLessThanOrEqual(MAX_PEAK_BUCKETS);
    expect(bat.peaksPerSecond).toBeGreaterThan(130);
  });
});

describe('computePeaks over bucket ranges', () => {
  it('gives, range by range, exactly the peaks of the whole pass (how WAV peaks split across workers)', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { noise, writeWav } = await import('../../../../test/fixtures/audio-fixtures');
    const { openAudioSource } = await import('../decode/open');
    const { computePeaks } = await import('./peaks');
    const dir = mkdtempSync(join(tmpdir(), 'earmark-peaks-'));
    try {
      const path = writeWav(join(dir, 'n.wav'), { sampleRate: 8000, samples: [noise(7.3, 8000, 0.8, 3), noise(7.3, 8000, 0.5, 9)] });
      const source = await openAudioSource(path);
      const layout = { samplesPerBucket: 7, buckets: Math.ceil(source.info.totalFrames / 7), peaksPerSecond: 8000 / 7 };
      const whole = await computePeaks(source, layout);
      const cuts = [0, 1000, 1001, 5555, layout.buckets];
      const pieces = new Float32Array(layout.buckets);
      for (let i = 0; i + 1 < cuts.length; i++) {
        const part = await computePeaks(source, layout, { range: { first: cuts[i], end: cuts[i + 1] } });
        expect(part.length).toBe(cuts[i + 1] - cuts[i]);
        pieces.set(part, cuts[i]);
      }
      await source.close();
      expect(whole.some((v) => v > 0.7)).toBe(true);
      expect(Array.from(pieces)).toEqual(Array.from(whole));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
