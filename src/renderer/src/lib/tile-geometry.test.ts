import { describe, expect, it } from 'vitest';
import { columnSeconds, levelCount, tileTimeSpan, TILE_COLUMNS } from '../../../shared/spectrogram';
import { frequencyRows, spanToPixels, visibleTiles, type TileInfo } from './tile-geometry';

// One hour at 48 kHz with FFT 1024 (hop 512).
const columns = Math.ceil((3600 * 48000) / 512);
const info: TileInfo = {
  hop: 512,
  sample_rate: 48000,
  columns,
  levels: levelCount(columns),
  fft_size: 1024,
  bins: 513,
};

describe('tile geometry', () => {
  it('finds exactly the tiles meeting the view, including the half-column shift', () => {
    const colS = columnSeconds(info, 0);
    const tileS = TILE_COLUMNS * colS;
    // A view starting exactly at tile 10's nominal start and lasting 2 tiles.
    const view = { startS: 10 * tileS, pxPerSec: 1 / colS, widthPx: 2 * TILE_COLUMNS };
    const tiles = visibleTiles(info, 0, view);
    // Tiles are drawn half a column early, so tile 12 starts half a column before the view ends.
    expect(tiles).toEqual([10, 11, 12]);
    for (const i of tiles) {
      const span = tileTimeSpan(info, 0, i);
      expect(span.end_s).toBeGreaterThan(view.startS);
    }
  });

  it('never lists tiles past the end of a level', () => {
    const top = info.levels - 1;
    const view = { startS: 0, pxPerSec: 1000 / 3600, widthPx: 1000 };
    expect(visibleTiles(info, top, view)).toEqual([0]);
    expect(visibleTiles(info, 0, { startS: 4000, pxPerSec: 10, widthPx: 100 })).toEqual([]);
  });

  it('rounds both edges so adjacent tiles share a pixel edge', () => {
    const view = { startS: 0.1234, pxPerSec: 137.77, widthPx: 1400 };
    const a = tileTimeSpan(info, 0, 3);
    const b = tileTimeSpan(info, 0, 4);
    expect(spanToPixels(view, a.start_s, a.end_s).x1).toBe(spanToPixels(view, b.start_s, b.end_s).x0);
  });

  it('maps a frequency range to tile image rows (row 0 is the top bin)', () => {
    // 0 Hz and Nyquist are bin centres, so the full range cuts half of the outer bins.
    const full = frequencyRows(info, 0, 24000);
    expect(full).toEqual({ sy: 0.5, sh: 512 });
    // 0 .. 12 kHz is the lower half: from the centre of bin 256 (row 256) to the centre of bin 0.
    const low = frequencyRows(info, 0, 12000);
    expect(low.sy).toBeCloseTo(256.5, 6);
    expect(low.sy + low.sh).toBeCloseTo(512.5, 6);
    // A range past Nyquist clamps to the image.
    expect(frequencyRows(info, 0, 40000).sy).toBe(0);
  });
});
