import { describe, expect, it } from 'vitest';
import { effectiveRateText, isUltrasonic, rateName, toggledRate } from './review-rate';

describe('review playback rates', () => {
  it('offer time expansion above 96 kHz and say where the sound lands', () => {
    expect(isUltrasonic(256_000)).toBe(true);
    expect(isUltrasonic(96_000)).toBe(false);
    expect(isUltrasonic(null)).toBe(false);
    expect(rateName(0.1)).toBe('0.1× (10× slower)');
    expect(rateName(2)).toBe('2×');
    expect(effectiveRateText(0.1, 256_000)).toBe('playing at 0.1×: 128 kHz heard as 13 kHz');
    expect(effectiveRateText(1, 256_000)).toBe('playing at 1×');
  });

  it('toggles expansion on and back to the rate before', () => {
    expect(toggledRate(1, 1)).toBe(0.1);
    expect(toggledRate(0.1, 0.5)).toBe(0.5);
    expect(toggledRate(0.1, 0.1)).toBe(1);
  });
});
