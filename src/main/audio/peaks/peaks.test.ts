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
