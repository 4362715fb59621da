import { describe, expect, it } from 'vitest';
import { columnSeconds, levelCount, levelForZoom, tileTimeSpan } from '../../../shared/spectrogram';
import { clipTiles } from './tile-prefetch';

// A 10-minute recording at 48 kHz with FFT 1024 (hop 512): 56,250 base columns, several levels.
const columns = Math.ceil((600 * 48000) / 512);
const info = { hop: 512, sample_rate: 48000, columns, levels: levelCount(columns), fft_size: 1024, bins: 513, duration_s: 600 };

describe('clipTiles', () => {
  it('picks the level the painter picks for the fitted zoom, and tiles covering the clip', () => {
    const tiles = clipTiles(info, 100, 160, 700, 1);
    const level = levelForZoom(info, 700 / 60);
    const atLevel = tiles.filter(([l]) => l === level);
    expect(atLevel.length).toBeGreaterThan(0);
    const first = tileTimeSpan(info, level, atLevel[0][1]);
    const last = tileTimeSpan(info, level, atLevel[atLevel.length - 1][1]);
    expect(first.start_s).toBeLessThanOrEqual(100);
    expect(last.end_s).toBeGreaterThanOrEqual(160);
    // And the top-level overview tile.
    expect(tiles).toContainEqual([info.levels - 1, 0]);
    expect(level).toBeGreaterThan(0);
    expect(columnSeconds(info, level)).toBeLessThanOrEqual(60 / 700);
  });

  it('uses device pixels: a 2x screen needs a finer level', () => {
    const one = clipTiles(info, 100, 160, 700, 1)[0][0];
    const two = clipTiles(info, 100, 160, 700, 2)[0][0];
    expect(two).toBe(one - 1);
  });

  it('asks for nothing before the view has a width', () => {
    expect(clipTiles(info, 0, 5, 0, 1)).toEqual([]);
  });
});
